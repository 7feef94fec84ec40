/**
 * The CLI on a real SQLite file: `workspace import` / `workspace export`, `payouts --json` and
 * `receivables --json` in the shapes issue 5 asks for.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/args';
import { openDatabase } from '../../src/lib/server/db/client';
import { createWorkspace } from '../../src/lib/server/db/queries/workspaces';
import { ensurePlatform } from '../../src/lib/server/db/queries/platforms';
import { saveDeal, setDealStatus } from '../../src/lib/server/payouts/edit';
import { dealInput } from '../factories/deal';
import { insertReceivedPayout } from '../factories/payout';

// env.ts reads DATABASE_PATH when first imported, so point it at a temporary file before importing the CLI.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-payouts-cli-'));
process.env.DATABASE_PATH = path.join(dir, 'ledger.db');
let main: (argv: string[], io: CliIO) => Promise<number>;

const FILE = path.join(dir, 'narrator.json');
const SETUP = {
	version: 1,
	baseCurrency: 'CNY',
	platforms: [
		{ name: 'Ximalaya', currency: 'CNY', contract: true, payout: { availableAfterMonths: 1, payoutDay: 10, payoutMonths: 'even', threshold: '0' } },
		{ name: 'Acme Tea (brand)', currency: 'CNY', contract: true, payout: { netDays: 45 } }
	],
	works: [
		{ platform: 'Ximalaya', title: 'The Salt Archive', finishedHours: '7.5', ratePerFinishedHour: '85', completedOn: '2025-03-14', plays: 180000, completionRate: '0.42', revenue: '25000' },
		{ platform: 'Ximalaya', title: 'Night Ferry', finishedHours: '8', ratePerFinishedHour: '85', completedOn: '2025-01-20', plays: 76000, completionRate: '0.31', revenue: '9000' }
	],
	commissionRules: [{ platform: 'Ximalaya', rateBps: 1200, minPlays: 100000, minCompletionRate: '0.35' }],
	deals: [{ counterparty: 'Acme Tea', platform: 'Acme Tea (brand)', amount: '8000', currency: 'CNY', invoicedOn: '2025-05-02', netDays: 45, status: 'invoiced' }]
};

beforeAll(async () => {
	({ main } = await import('../../src/cli/ledger'));
	const db = openDatabase(process.env.DATABASE_PATH!);
	createWorkspace(db, 'Narrator', 'CNY', null);
	createWorkspace(db, 'Copy', 'CNY', null);
	db.$client.close();
	fs.writeFileSync(FILE, JSON.stringify(SETUP));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), readStdin: async () => '' });
	return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('ledger payouts / receivables / workspace export|import', () => {
	it('imports the workspace file', async () => {
		const r = await run('workspace', 'import', 'Narrator', FILE);
		expect(r.err).toBe('');
		expect(r.code).toBe(0);
		expect(r.out).toMatch(/2 platform\(s\) added.*2 work\(s\), 1 commission rule\(s\), 1 deal\(s\); 4 computed earning\(s\)/);
	});

	it('payouts --json: platform, date, amount, currency, status, months', async () => {
		const r = await run('payouts', '--workspace', 'Narrator', '--today', '2025-07-01', '--json');
		expect(r.code).toBe(0);
		expect(JSON.parse(r.out)).toEqual([
			// No Ximalaya payouts imported: its past payouts cannot be checked and are assumed received
			// (as the dashboard counts them); the deal's status is on record, so the unpaid deal is late.
			{ platform: 'Ximalaya', date: '2025-02-10', amount: '680.00', currency: 'CNY', status: 'assumed', months: ['2025-01'] },
			{ platform: 'Ximalaya', date: '2025-04-10', amount: '637.50', currency: 'CNY', status: 'assumed', months: ['2025-03'] },
			{ platform: 'Acme Tea (brand)', date: '2025-06-16', amount: '6720.00', currency: 'CNY', status: 'late', months: ['2025-05'] },
			{ platform: 'Ximalaya', date: '2025-08-10', amount: '2560.00', currency: 'CNY', status: 'expected', months: ['2025-06'] }
		]);
		const ranged = await run('payouts', '--workspace', 'Narrator', '--today', '2025-07-01', '--from', '2025-06', '--to', '2025-12', '--json');
		expect(JSON.parse(ranged.out).map((p: { date: string }) => p.date)).toEqual(['2025-06-16', '2025-08-10']);
	});

	it('receivables --json: by platform and age', async () => {
		const r = await run('receivables', '--workspace', 'Narrator', '--today', '2025-07-01', '--json');
		expect(r.code).toBe(0);
		const out = JSON.parse(r.out);
		expect(out.platforms).toEqual([
			{ platform: 'Acme Tea (brand)', currency: 'CNY', outstanding: '6720.00', buckets: { '0-30': '0.00', '31-60': '6720.00', '61-90': '0.00', '90+': '0.00' }, oldestUnpaid: '2025-05-02', earned: '6720.00', received: '0.00', overReceived: '0.00', hasPayoutData: false, tracked: true },
			// The fees' payouts (Feb 10, Apr 10) are assumed received: only the June commission is owed.
			{ platform: 'Ximalaya', currency: 'CNY', outstanding: '2560.00', buckets: { '0-30': '2560.00', '31-60': '0.00', '61-90': '0.00', '90+': '0.00' }, oldestUnpaid: '2025-06-30', earned: '3877.50', received: '1317.50', overReceived: '0.00', hasPayoutData: false, tracked: false }
		]);
		expect(out.totals).toEqual([{ currency: 'CNY', outstanding: '9280.00', buckets: { '0-30': '2560.00', '31-60': '6720.00', '61-90': '0.00', '90+': '0.00' } }]);
	});

	it('receivables as text: "(no payouts imported)" only beside a platform whose payouts are assumed, not one tracked by its deals', async () => {
		const r = await run('receivables', '--workspace', 'Narrator', '--today', '2025-07-01');
		expect(r.code).toBe(0);
		// As the payouts page: the unpaid deal is owed (late there), Ximalaya is named as not reconciled.
		expect(r.out.split('\n')).toEqual([
			'Receivables on 2025-07-01 (0–30 / 31–60 / 61–90 / >90 days):',
			'Acme Tea (brand)           6720.00 CNY  0.00 / 6720.00 / 0.00 / 0.00',
			'Ximalaya                   2560.00 CNY  2560.00 / 0.00 / 0.00 / 0.00  (no payouts imported)',
			'Total                      9280.00 CNY'
		]);
	});

	it('importing a workspace file says how many deals lose the imported payout they named (the file does not carry it)', async () => {
		const db = openDatabase(process.env.DATABASE_PATH!);
		const ws = createWorkspace(db, 'Linked', 'CNY', null).id;
		const brand = ensurePlatform(db, ws, { name: 'Acme Tea (brand)', currency: 'CNY', presetId: null });
		const payout = insertReceivedPayout(db, { workspaceId: ws, platformId: brand, paidOn: '2025-06-20', amountMinor: 800_000, fingerprint: 1 });
		expect(saveDeal(db, ws, null, dealInput({ platformId: brand, counterparty: 'Acme Tea', amountMinor: 800_000, invoicedOn: '2025-05-02' }))).toBe(true);
		const deal = db.$client.prepare('SELECT id FROM deals WHERE workspace_id = ?').pluck().get(ws) as number;
		expect(setDealStatus(db, ws, deal, 'paid', '2025-06-20', payout)).toBe(true);
		db.$client.close();
		const r = await run('workspace', 'import', 'Linked', FILE);
		expect(r.code).toBe(0);
		expect(r.out).toMatch(/ 1 deal\(s\) had named the imported payout that held them: set that again on the deals page\.$/);
		const json = await run('workspace', 'import', 'Linked', FILE, '--json');
		expect(JSON.parse(json.out)).toMatchObject({ ok: true, payoutLinksDropped: 0 });
	});

	it('export then import into another workspace gives the same payouts', async () => {
		const copyFile = path.join(dir, 'copy.json');
		expect((await run('workspace', 'export', 'Narrator', copyFile)).code).toBe(0);
		expect((await run('workspace', 'import', 'Copy', copyFile)).code).toBe(0);
		const a = await run('payouts', '--workspace', 'Narrator', '--today', '2025-07-01', '--json');
		const b = await run('payouts', '--workspace', 'Copy', '--today', '2025-07-01', '--json');
		expect(b.out).toBe(a.out);
		const stdout = await run('workspace', 'export', 'Copy', '-');
		expect(JSON.parse(stdout.out)).toEqual(JSON.parse(fs.readFileSync(copyFile, 'utf8')));
	});

	it.each([
		[['payouts'], /--workspace NAME is required/],
		[['payouts', '--workspace', 'Nobody'], /no workspace named "Nobody"/],
		[['payouts', '--workspace', 'Narrator', '--from', '2025-13'], /--from must be a month/],
		[['receivables', '--workspace', 'Narrator', '--today', 'yesterday'], /--today must be a date/],
		[['workspace', 'import', 'Narrator'], /expected NAME and FILE/],
		[['workspace', 'import', 'Narrator', '/no/such/file.json'], /cannot read/]
	])('%j fails clearly', async (argv, pattern) => {
		const r = await run(...argv);
		expect(r.code).toBe(1);
		expect(r.err).toMatch(pattern);
	});

	it('a bad file is not applied and every problem is listed', async () => {
		const bad = path.join(dir, 'bad.json');
		const doc = structuredClone(SETUP) as typeof SETUP;
		doc.works[0].platform = 'Ximalya';
		doc.works[1].finishedHours = '-8';
		fs.writeFileSync(bad, JSON.stringify(doc));
		const before = await run('workspace', 'export', 'Narrator', '-');
		const r = await run('workspace', 'import', 'Narrator', bad);
		expect(r.code).toBe(1);
		expect(r.err).toContain('works[0].platform: unknown platform "Ximalya"');
		expect(r.err).toContain('works[1].finishedHours: negative hours "-8"');
		expect((await run('workspace', 'export', 'Narrator', '-')).out).toBe(before.out);
	});

	it('receivables as text: beside a platform with rule income and a brand deal, the note is about the rule income', async () => {
		// The same books with the deal booked under Ximalaya: its narration fees and commission follow the
		// rule (no payouts imported), the deal its status (unpaid, owed).
		const db = openDatabase(process.env.DATABASE_PATH!);
		createWorkspace(db, 'Mixed', 'CNY', null);
		db.$client.close();
		const mixed = path.join(dir, 'mixed.json');
		fs.writeFileSync(mixed, JSON.stringify({ ...SETUP, platforms: SETUP.platforms.slice(0, 1), deals: [{ ...SETUP.deals[0], platform: 'Ximalaya' }] }));
		expect((await run('workspace', 'import', 'Mixed', mixed)).code).toBe(0);
		const r = await run('receivables', '--workspace', 'Mixed', '--today', '2025-07-01');
		expect(r.out.split('\n')).toEqual([
			'Receivables on 2025-07-01 (0–30 / 31–60 / 61–90 / >90 days):',
			'Ximalaya                   9280.00 CNY  2560.00 / 6720.00 / 0.00 / 0.00  (rule income: no payouts imported)',
			'Total                      9280.00 CNY'
		]);
	});
});
