/**
 * The metrics path end to end on real SQLite: earnings → roll-up → computeDashboard → the CLI's JSON,
 * reproducing domain.md §5's narrator example.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../src/lib/server/db/client';
import { computeDashboard, metricsJson, type MetricsJson } from '../../src/lib/server/metrics/index';
import { NARRATOR_EXPECTED as E } from '../factories/narrator-example';
import { seedNarrator } from '../factories/narrator-db';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-metrics-'));
const dbFile = path.join(dir, 'ledger.db');
let db: DB;
let workspaceId: number;
let platformIds: Map<string, number>;

beforeAll(() => {
	db = openDatabase(dbFile);
	({ workspaceId, platformIds } = seedNarrator(db, 'Narrator', [
		{ platform: 'YouTube', currency: 'USD', month: '2025-03', stream: 'ads', amountMinor: 10_000 },
		{ platform: 'YouTube', currency: 'USD', month: '2025-05', stream: 'ads', amountMinor: 20_000 }
	]));
	// Only March has a USD rate: May's 200 USD must be flagged and left out, not taken at 1.
	db.$client.prepare(`INSERT INTO fx_rates (workspace_id, month, currency, rate) VALUES (?, '2025-03', 'USD', '7.1')`).run(workspaceId);
	// Another workspace with income must never leak into the narrator's numbers.
	seedNarrator(db, 'Someone else');
});

afterAll(() => {
	db.$client.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

const run = async (args: string[]) => {
	process.env.DATABASE_PATH = dbFile;
	const { main } = await import('../../src/cli/ledger');
	const out: string[] = [];
	const err: string[] = [];
	const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t), readStdin: async () => '' });
	return { code, out: out.join('\n'), err: err.join('\n') };
};

describe('metrics on the narrator workspace', () => {
	it('computeDashboard reproduces the worked example from the roll-up (plus the converted USD month)', () => {
		const d = computeDashboard(db, workspaceId, { from: '2025-01', to: '2025-12' });
		expect(d.matrix.missingRates).toEqual([{ month: '2025-05', currency: 'USD', platform: 'YouTube', amountMinor: 20_000 }]);
		// March carries 100 USD × 7.1 = 710 CNY on top of the example.
		expect(d.matrix.byMonth.map((m) => m.totalMinor)).toEqual(E.monthTotals.map((v, i) => v * 100 + (i === 2 ? 71_000 : 0)));
	});

	it('the CLI prints the example exactly in the issue’s JSON shape', async () => {
		// Without the YouTube platform: a workspace holding only the example.
		const db2 = openDatabase(dbFile);
		seedNarrator(db2, 'Example only');
		db2.$client.close();
		const { code, out, err } = await run(['metrics', '--workspace', 'Example only', '--from', '2025-01', '--to', '2025-12', '--json']);
		expect(err).toBe('');
		expect(code).toBe(0);
		const j = JSON.parse(out) as MetricsJson;
		expect(Object.keys(j)).toEqual(['basis', 'currency', 'from', 'to', 'months', 'platforms', 'concentration', 'volatility', 'risk']);
		expect([j.basis, j.currency, j.from, j.to]).toEqual(['accrual', 'CNY', '2025-01', '2025-12']);
		expect(j.months.map((m) => m.total)).toEqual(E.monthTotals.map((v) => `${v}.00`));
		expect(j.months[6]).toEqual({ month: '2025-07', total: '12550.00', byPlatform: { Ximalaya: '11700.00', Douyin: '720.00', Bilibili: '130.00' } });
		expect(j.platforms.map((p) => [p.name, p.total])).toEqual([
			['Ximalaya', '90325.00'],
			['Douyin', '6350.00'],
			['Bilibili', '2200.00']
		]);
		expect(j.platforms[0].share).toBeCloseTo(E.top1Share, 6);
		expect(j.concentration.hhi).toBeCloseTo(E.hhi, 6);
		expect(j.concentration.hhiPoints).toBeCloseTo(E.hhi * 10_000, 2);
		expect(j.concentration.effectivePlatforms).toBeCloseTo(E.effectivePlatforms, 6);
		expect(j.concentration.top1Share).toBeCloseTo(E.top1Share, 6);
		expect(j.concentration.top3Share).toBe(1);
		expect(j.volatility.mean).toBe('8239.58');
		expect(j.volatility.cv).toBeCloseTo(E.cv, 6);
		expect([j.volatility.swingCount, j.volatility.swingTransitions, j.volatility.swingShare]).toEqual([4, 11, 4 / 11]);
		expect(j.volatility.maxDrawdown).toBeCloseTo(E.maxDrawdown, 6);
		expect([j.volatility.peakMonth, j.volatility.troughMonth]).toEqual([E.peakMonth, E.troughMonth]);
		// PDRS components: HHI, contingent = (commissions 9,550 + ads 8,550) / 98,875, S30 = 4/11,
		// delay: the default rule (payable next month, on the 1st) → 1 month → 1/3; no restriction;
		// protection gap = 1 − 0.5 × (Ximalaya under contract: 0.913527) − 0.
		const c = j.risk.components;
		expect(c.concentration).toBeCloseTo(E.hhi, 6);
		expect(c.contingent).toBeCloseTo(18_100 / 98_875, 9);
		expect(c.swing).toBe(4 / 11);
		expect(c.delay).toBeCloseTo(1 / 3, 9);
		expect(c.restriction).toBe(0);
		expect(c.protectionGap).toBeCloseTo(1 - 0.5 * (90_325 / 98_875), 9);
		const expected = 25 * c.concentration! + 20 * c.contingent! + 15 * c.swing! + 15 * c.delay! + 10 * c.restriction! + 15 * c.protectionGap!;
		expect(j.risk.score).toBeCloseTo(expected, 9);
	});

	it('months inside the window without income are zero; the coverage grid shows them missing', async () => {
		const { code, out } = await run(['metrics', '--workspace', 'Example only', '--from', '2024-11', '--to', '2025-02', '--json']);
		expect(code).toBe(0);
		const j = JSON.parse(out) as MetricsJson;
		expect(j.months.map((m) => [m.month, m.total])).toEqual([
			['2024-11', '0.00'],
			['2024-12', '0.00'],
			['2025-01', '7770.00'],
			['2025-02', '7310.00']
		]);
		expect(j.months[0].byPlatform).toEqual({ Ximalaya: '0.00', Douyin: '0.00', Bilibili: '0.00' });
		// from a zero month there is no growth rate: only Jan → Feb is a defined transition
		expect([j.volatility.swingCount, j.volatility.swingTransitions]).toEqual([0, 1]);
		const d = computeDashboard(db, workspaceId, { from: '2024-11', to: '2025-02' });
		expect(d.matrix.coverage.find((c) => c.platform === 'Ximalaya')!.months.map((m) => m.covered)).toEqual([false, false, true, true]);
	});

	it('an empty window (no income at all) answers with nulls, not errors', async () => {
		const { code, out } = await run(['metrics', '--workspace', 'Example only', '--from', '2020-01', '--to', '2020-03', '--json']);
		expect(code).toBe(0);
		const j = JSON.parse(out) as MetricsJson;
		expect(j.concentration.hhi).toBeNull();
		expect([j.volatility.cv, j.volatility.swingShare, j.risk.score]).toEqual([null, null, null]);
		expect(j.volatility.mean).toBe('0.00');
	});

	it('warns about rows without an FX rate on stderr', async () => {
		const { code, err } = await run(['metrics', '--workspace', 'Narrator', '--from', '2025-01', '--to', '2025-12', '--json']);
		expect(code).toBe(0);
		expect(err).toContain('no USD→CNY rate for 2025-05');
	});

	it('cash basis: imported payouts up to the last imported month, the rule’s expected payouts after it', async () => {
		// Ximalaya: earnings of m payable in m+2 on the 10th, even months only, imported payouts Jan–Jun.
		db.$client
			.prepare(
				`INSERT INTO payout_rules (workspace_id, platform_id, effective_from, available_after_months, payout_day, payout_months, threshold_minor)
				 VALUES (?, ?, '2020-01-01', 1, 10, 'even', 0)`
			)
			.run(workspaceId, platformIds.get('Ximalaya'));
		const ins = db.$client.prepare(
			`INSERT INTO payouts (workspace_id, platform_id, paid_on, month, amount_minor, currency, status, fingerprint, created_at)
			 VALUES (?, ?, ?, ?, ?, 'CNY', ?, ?, '2025-01-01')`
		);
		ins.run(workspaceId, platformIds.get('Ximalaya'), '2025-02-10', '2025-02', 1_000_000, 'received', 'p1');
		ins.run(workspaceId, platformIds.get('Ximalaya'), '2025-04-10', '2025-04', 1_395_000, 'received', 'p2');
		ins.run(workspaceId, platformIds.get('Ximalaya'), '2025-06-10', '2025-06', 1_560_000, 'received', 'p3');
		ins.run(workspaceId, platformIds.get('Ximalaya'), '2025-06-11', '2025-06', 999_999, 'failed', 'p4');
		// Seen on 2025-07-01, when August's, October's and December's payouts are still to come.
		const { code, out } = await run(['metrics', '--workspace', 'Narrator', '--from', '2025-01', '--to', '2025-12', '--basis', 'cash', '--today', '2025-07-01', '--json']);
		expect(code).toBe(0);
		const j = JSON.parse(out) as MetricsJson;
		const xim = j.months.map((m) => m.byPlatform.Ximalaya);
		// Imported through June (the failed payout is not cash); then expected on the 10th of even
		// months: Aug = Jun + Jul earnings (6,300 + 11,700), Oct = Aug + Sep, Dec = Oct + Nov.
		expect(xim).toEqual(['0.00', '10000.00', '0.00', '13950.00', '0.00', '15600.00', '0.00', '18000.00', '0.00', '11925.00', '0.00', '16450.00']);
		// Seen on 2026-01-01 with nothing imported after June, those payouts are late (the payouts page
		// says so): owed, not cash.
		const later = JSON.parse((await run(['metrics', '--workspace', 'Narrator', '--from', '2025-01', '--to', '2025-12', '--basis', 'cash', '--today', '2026-01-01', '--json'])).out) as MetricsJson;
		expect(later.months.map((m) => m.byPlatform.Ximalaya)).toEqual(['0.00', '10000.00', '0.00', '13950.00', '0.00', '15600.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00']);
		// Douyin has no rule and no imports: the default rule pays each month's earnings in the next.
		expect(j.months[1].byPlatform.Douyin).toBe('420.00');
		expect(j.basis).toBe('cash');
		// The delay component now reflects Ximalaya's rule: risk differs from accrual-only defaults.
		const d = computeDashboard(db, workspaceId, { from: '2025-01', to: '2025-12', basis: 'cash' });
		expect(d.risk.restriction.share).toBeGreaterThan(0.9);
		expect(d.risk.delay.months).toBeGreaterThan(1);
		expect(d.cashSources.find((s) => s.platform === 'Ximalaya')).toEqual({ platform: 'Ximalaya', importedThrough: '2025-06', hasRule: true });
	});

	it('rejects a bad basis or month', async () => {
		expect((await run(['metrics', '--workspace', 'Narrator', '--basis', 'cashflow'])).code).toBe(1);
		const r = await run(['metrics', '--workspace', 'Narrator', '--from', '2025-13']);
		expect(r.code).toBe(1);
		expect(r.err).toContain('YYYY-MM');
	});
});
