/**
 * The report's numbers are the metrics CLI's numbers: both CLIs run in-process on the same SQLite
 * file, for a year, a quarter, a month and a custom range. Also: the verification code is stable,
 * changes when the books change, and `report --verify` says so.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../src/lib/server/db/client';
import { refreshRollup } from '../../src/lib/server/db/rollup';
import type { MetricsJson } from '../../src/lib/server/metrics/index';
import { buildReport, verifyReport, type ReportJson } from '../../src/lib/server/report/index';
import { seedReportWorkspace, HOSTILE } from '../factories/report-db';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-report-'));
const dbFile = path.join(dir, 'ledger.db');
let db: DB;
let workspaceId: number;
const WS = 'Report demo';

beforeAll(() => {
	db = openDatabase(dbFile);
	({ workspaceId } = seedReportWorkspace(db, WS));
	seedReportWorkspace(db, 'Someone else'); // must never leak into the figures
});

afterAll(() => {
	db.$client.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

const run = async (args: string[]) => {
	process.env.DATABASE_PATH = dbFile;
	// The app's public address: a report printed from the CLI links its verify page there.
	process.env.ORIGIN = 'https://ledger.example.com/';
	const { main } = await import('../../src/cli/ledger');
	const out: string[] = [];
	const err: string[] = [];
	const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t), readStdin: async () => '' });
	return { code, out: out.join('\n'), err: err.join('\n') };
};

describe('report --lang', () => {
	it('is said to apply to html only when given with csv or json, which stay the same', async () => {
		const plain = await run(['report', '--workspace', WS, '--period', '2025', '--format', 'csv']);
		const zh = await run(['report', '--workspace', WS, '--period', '2025', '--format', 'csv', '--lang', 'zh']);
		expect([plain.code, zh.code]).toEqual([0, 0]);
		expect(zh.out).toBe(plain.out);
		expect(plain.err).not.toContain('--lang');
		expect(zh.err).toContain('--lang applies to --format html only');
		const html = await run(['report', '--workspace', WS, '--period', '2025', '--format', 'html', '--lang', 'zh']);
		expect(html.err).not.toContain('--lang');
		expect(html.out).toContain('lang="zh');
		expect(html.out).toContain('https://ledger.example.com/reports/verify');
	});
});

describe('report = metrics, for the same period', () => {
	it.each([
		['2025', '2025-01', '2025-12'],
		['2025-Q2', '2025-04', '2025-06'],
		['2025-03', '2025-03', '2025-03'],
		['2025-01..2025-06', '2025-01', '2025-06'],
		['2024-11..2025-02', '2024-11', '2025-02']
	])('%s', async (period, from, to) => {
		const metrics = await run(['metrics', '--workspace', WS, '--from', from, '--to', to, '--json']);
		expect(metrics.code).toBe(0);
		const mj = JSON.parse(metrics.out) as MetricsJson;
		const report = await run(['report', '--workspace', WS, '--period', period, '--format', 'json']);
		expect(report.code).toBe(0);
		const rj = JSON.parse(report.out) as ReportJson;

		expect([rj.from, rj.to, rj.currency, rj.period]).toEqual([mj.from, mj.to, mj.currency, period]);
		// Net by platform (platforms without income in the period are listed by metrics with 0.00).
		expect(rj.platforms.map((p) => [p.name, p.net])).toEqual(mj.platforms.filter((p) => p.total !== '0.00').map((p) => [p.name, p.total]));
		for (const p of rj.platforms) expect(p.share).toBeCloseTo(mj.platforms.find((x) => x.name === p.name)!.share, 6);
		// Month by month, and the total.
		expect(rj.months.map((m) => [m.month, m.net])).toEqual(mj.months.map((m) => [m.month, m.total]));
		const totalMinor = mj.months.reduce((s, m) => s + Math.round(Number(m.total) * 100), 0);
		expect(Math.round(Number(rj.totals.net) * 100)).toBe(totalMinor);
		expect(rj.accrual).toBe(rj.totals.net);
		// Risk summary.
		const close = (a: number | null, b: number | null) => (a === null ? expect(b).toBeNull() : expect(b).toBeCloseTo(a, 6));
		close(mj.concentration.hhi, rj.risk.hhi);
		close(mj.concentration.effectivePlatforms, rj.risk.effectivePlatforms);
		close(mj.concentration.top1Share, rj.risk.top1Share);
		close(mj.volatility.cv, rj.risk.cv);
		close(mj.volatility.swingShare, rj.risk.swingShare);
		close(mj.volatility.maxDrawdown, rj.risk.maxDrawdown);
		close(mj.risk.score, rj.risk.score);
		// Gross − fees − tax = net, line by line.
		for (const p of rj.platforms) {
			const c = (x: string) => Math.round(Number(x) * 100);
			expect(c(p.gross) - c(p.fees) - c(p.tax)).toBe(c(p.net));
		}
	});

	it('the received column is the metrics cash basis', async () => {
		const cash = JSON.parse((await run(['metrics', '--workspace', WS, '--from', '2025-01', '--to', '2025-12', '--basis', 'cash', '--json'])).out) as MetricsJson;
		const rj = JSON.parse((await run(['report', '--workspace', WS, '--period', '2025', '--format', 'json'])).out) as ReportJson;
		expect(rj.months.map((m) => m.received)).toEqual(cash.months.map((m) => m.total));
	});

	it('lists the statement, the rows from elsewhere and the amount left out for want of a rate', () => {
		const r = buildReport(db, workspaceId, '2025');
		expect(r.provenance).toEqual([{ fileName: HOSTILE.fileName, sha256: 'ab'.repeat(32), importedAt: '2026-01-10T08:00:00.000Z', platform: HOSTILE.platform, rows: 3 }]);
		expect(r.otherSources.map((s) => s.source)).toEqual(['computed', 'sample']);
		expect(r.missingRates).toEqual([{ month: '2025-05', currency: 'USD', platform: HOSTILE.platform, amountMinor: 4_600 }]);
		// 100 − 12.50 USD at 7.1 in March, after fees: gross 8,750 → 621.25 CNY; net 7,950 → 564.45 CNY.
		const probe = r.byPlatform.find((p) => p.key === HOSTILE.platform)!;
		expect([probe.grossMinor, probe.feeMinor, probe.netMinor]).toEqual([62_125, 5_680, 56_445]);
		expect(r.receivables.asOf).toBe('2025-12-31');
		// No payouts on record: receivables are unknown, not "everything ever earned". Brand deals marked
		// paid count as received (payouts area), and all of 2025's were paid by the year end.
		expect(r.receivables.rows).toEqual([]);
		expect(r.receivables.untracked).toEqual(['Bilibili', 'Douyin', 'Ximalaya', HOSTILE.platform].sort());
	});
});

describe('verification code', () => {
	it('is the same for the same books, and the CLI verifies it', async () => {
		const a = buildReport(db, workspaceId, '2025-Q2', { now: new Date('2026-01-01T00:00:00Z') });
		const b = buildReport(db, workspaceId, '2025-Q2', { now: new Date('2026-02-01T00:00:00Z') });
		expect(a.verificationCode).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/);
		expect(b.verificationCode).toBe(a.verificationCode);
		expect(buildReport(db, workspaceId, '2025-Q3').verificationCode).not.toBe(a.verificationCode);
		expect(verifyReport(db, workspaceId, '2025-Q2', a.verificationCode.toLowerCase().replace(/-/g, ' '))).toMatchObject({ status: 'match', period: '2025-Q2' });
		expect((await run(['report', '--workspace', WS, '--period', '2025-Q2', '--verify', a.verificationCode])).code).toBe(0);
		expect(verifyReport(db, workspaceId, '2025-Q2', 'nope')).toEqual({ status: 'bad_code' });
		expect(verifyReport(db, workspaceId, '2025-Q9', a.verificationCode).status).toBe('bad_period');
	});

	it('stops matching when the books change', async () => {
		const before = buildReport(db, workspaceId, '2025-04').verificationCode;
		db.transaction((tx) => {
			db.$client
				.prepare(
					`INSERT INTO earnings (workspace_id, platform_id, stream, month, gross_minor, net_minor, currency, fingerprint, source, created_at)
					 SELECT ?, id, 'tips', '2025-04', 1, 1, 'CNY', 'extra-1', 'manual', '2026-01-01' FROM platforms WHERE workspace_id = ? LIMIT 1`
				)
				.run(workspaceId, workspaceId);
			refreshRollup(tx, workspaceId);
		});
		expect(verifyReport(db, workspaceId, '2025-04', before).status).toBe('mismatch');
		const cli = await run(['report', '--workspace', WS, '--period', '2025-04', '--verify', before]);
		expect(cli.code).toBe(3);
		expect(cli.out).toContain('MISMATCH');
	});

	it('prints the same report as HTML (both languages) and the monthly table as CSV', async () => {
		const code = buildReport(db, workspaceId, '2025-Q1').verificationCode;
		const zh = await run(['report', '--workspace', WS, '--period', '2025-Q1', '--format', 'html', '--lang', 'zh']);
		expect(zh.code).toBe(0);
		expect(zh.out).toMatch(/^<!doctype html>/);
		for (const s of ['lang="zh-CN"', '收入证明', '按平台', code]) expect(zh.out).toContain(s);
		const en = await run(['report', '--workspace', WS, '--period', '2025-Q1', '--format', 'html']);
		for (const s of ['Income report', 'By platform', code]) expect(en.out).toContain(s);
		const csv = await run(['report', '--workspace', WS, '--period', '2025-Q1', '--format', 'csv']);
		expect(csv.out.split('\r\n')[0]).toBe('\uFEFFmonth,gross,fees,tax,net,received,currency');
		const ledger = await run(['report', '--workspace', WS, '--period', '2025-03', '--format', 'csv', '--ledger']);
		expect(ledger.out).toContain(`'${HOSTILE.description}`);
	});

	it('rejects what is not a period', async () => {
		const r = await run(['report', '--workspace', WS, '--period', '2025-13', '--format', 'json']);
		expect(r.code).toBe(1);
		expect(r.err).toContain('not a period');
	});
});

describe('receivables with payouts on record', () => {
	it('come from the payouts area (FIFO, aged at the period end) once a platform has received payouts', () => {
		const douyin = db.$client.prepare(`SELECT id FROM platforms WHERE workspace_id = ? AND name = 'Douyin'`).get(workspaceId) as { id: number };
		const earnedThroughNov = db.$client
			.prepare(`SELECT SUM(net_minor) AS s FROM earnings WHERE workspace_id = ? AND platform_id = ? AND month <= '2025-11'`)
			.get(workspaceId, douyin.id) as { s: number };
		const earnedDec = db.$client
			.prepare(`SELECT SUM(net_minor) AS s FROM earnings WHERE workspace_id = ? AND platform_id = ? AND month = '2025-12'`)
			.get(workspaceId, douyin.id) as { s: number };
		db.$client
			.prepare(
				`INSERT INTO payouts (workspace_id, platform_id, paid_on, month, amount_minor, currency, status, fingerprint, created_at)
				 VALUES (?, ?, '2025-12-15', '2025-12', ?, 'CNY', 'received', 'douyin-all', '2026-01-01')`
			)
			.run(workspaceId, douyin.id, earnedThroughNov.s);
		const r = buildReport(db, workspaceId, '2025');
		expect(r.receivables.untracked).not.toContain('Douyin');
		// Everything up to November was paid; December's earnings are still owed, all under 31 days old.
		expect(r.receivables.rows).toEqual([
			{ platform: 'Douyin', currency: 'CNY', outstandingMinor: earnedDec.s, buckets: { '0-30': earnedDec.s, '31-60': 0, '61-90': 0, '90+': 0 } }
		]);
	});
});
