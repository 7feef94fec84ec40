/**
 * Earned vs received on real SQLite: computed earnings from works, commission rules and deals; expected
 * payouts through the rules; reconciliation against received payouts; receivables; the forecast; and the
 * workspace file round trip (export → import into a new workspace → the same payouts).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { openDatabase, type DB } from '../../src/lib/server/db/client';
import { createWorkspace } from '../../src/lib/server/db/queries/workspaces';
import { ensurePlatform } from '../../src/lib/server/db/queries/platforms';
import { earnings, monthlyRollup, payoutRules, payouts, works } from '../../src/lib/server/db/schema/index';
import { refreshRollup } from '../../src/lib/server/db/rollup';
import {
	payoutList,
	platformPayoutProfiles,
	workspaceExpectedPayouts,
	workspaceForecast,
	workspaceReceivables,
	workspaceReconciliation
} from '../../src/lib/server/payouts/cash';
import { refreshComputedEarnings } from '../../src/lib/server/payouts/computed';
import { exportWorkspaceFile, importWorkspaceFile } from '../../src/lib/server/payouts/workspace-file';
import { payoutsPageData } from '../../src/lib/server/payouts/pages';

/** The narrator's setup: domain.md §7 plus works that pass and fail the commission gates. */
const NARRATOR_FILE = JSON.stringify({
	version: 1,
	baseCurrency: 'CNY',
	platforms: [
		{
			name: 'Ximalaya',
			currency: 'CNY',
			contract: true,
			socialInsurance: false,
			payout: { availableAfterMonths: 1, payoutDay: 10, payoutMonths: 'even', threshold: '0' }
		},
		{ name: 'Acme Tea (brand)', currency: 'CNY', contract: true, payout: { netDays: 45 } }
	],
	works: [
		{ platform: 'Ximalaya', title: 'The Salt Archive', finishedHours: '7.5', ratePerFinishedHour: '85', completedOn: '2025-03-14', plays: 180000, completionRate: '0.42', revenue: '25000' },
		{ platform: 'Ximalaya', title: 'Night Ferry', finishedHours: '8', ratePerFinishedHour: '85', completedOn: '2025-01-20', plays: 76000, completionRate: '0.31', revenue: '9000' },
		{ platform: 'Ximalaya', title: 'Tea Roads', finishedHours: '6', ratePerFinishedHour: '90', completedOn: '2025-02-05', plays: 100000, completionRate: '0.35', revenue: '10000' }
	],
	commissionRules: [{ platform: 'Ximalaya', rateBps: 1200, minPlays: 100000, minCompletionRate: '0.35' }],
	deals: [
		{ counterparty: 'Acme Tea', platform: 'Acme Tea (brand)', amount: '8000', currency: 'CNY', invoicedOn: '2025-05-02', netDays: 45, status: 'invoiced' }
	]
});

let db: DB;
beforeEach(() => {
	db = openDatabase(':memory:');
});

function narrator(name = 'Narrator') {
	const ws = createWorkspace(db, name, 'CNY', null);
	const r = importWorkspaceFile(db, ws.id, NARRATOR_FILE);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return { ws, summary: r.summary };
}

function computedRows(workspaceId: number) {
	return db
		.select({ stream: earnings.stream, earnedOn: earnings.earnedOn, gross: earnings.grossMinor, tax: earnings.taxMinor, net: earnings.netMinor })
		.from(earnings)
		.where(and(eq(earnings.workspaceId, workspaceId), eq(earnings.source, 'computed')))
		.orderBy(earnings.earnedOn, earnings.stream)
		.all();
}

describe('computed earnings from works, commission rules and deals', () => {
	it('fees for every work, commissions only past both gates, the deal on its invoice date', () => {
		const { ws, summary } = narrator();
		expect(summary).toMatchObject({ platformsCreated: 2, works: 3, commissionRules: 1, deals: 1, computedEarnings: 6 });
		expect(computedRows(ws.id)).toEqual([
			// 8 h × 85 = 680 (tax 800 deducted under 4,000: (680 − 800) < 0 → 0)
			{ stream: 'narration_fee', earnedOn: '2025-01-20', gross: 68_000, tax: 0, net: 68_000 },
			{ stream: 'narration_fee', earnedOn: '2025-02-05', gross: 54_000, tax: 0, net: 54_000 },
			{ stream: 'narration_fee', earnedOn: '2025-03-14', gross: 63_750, tax: 0, net: 63_750 },
			// Tea Roads: exactly 100,000 plays and exactly 35% pass (inclusive): 12% × 10,000 = 1,200 → tax (1,200 − 800) × 20% = 80
			{ stream: 'commission', earnedOn: '2025-06-30', gross: 120_000, tax: 8_000, net: 112_000 },
			{ stream: 'commission', earnedOn: '2025-06-30', gross: 300_000, tax: 44_000, net: 256_000 },
			// 8,000 brand deal: tax (8,000 × 0.8) × 20% = 1,280
			{ stream: 'brand_deal', earnedOn: '2025-05-02', gross: 800_000, tax: 128_000, net: 672_000 }
		].sort((a, b) => (a.earnedOn < b.earnedOn ? -1 : a.earnedOn > b.earnedOn ? 1 : a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : a.gross - b.gross)));
	});

	it('keeps the roll-up in step, and a refresh is idempotent', () => {
		const { ws } = narrator();
		const rollup = () =>
			db.select().from(monthlyRollup).where(eq(monthlyRollup.workspaceId, ws.id)).orderBy(monthlyRollup.month, monthlyRollup.stream).all()
				.map((r) => [r.month, r.stream, r.netMinor]);
		const before = rollup();
		expect(before).toContainEqual(['2025-06', 'commission', 368_000]);
		expect(refreshComputedEarnings(db, ws.id)).toEqual({ deleted: 6, inserted: 6 });
		expect(rollup()).toEqual(before);
		db.update(works).set({ plays: 99_999 }).where(eq(works.title, 'Tea Roads')).run();
		refreshComputedEarnings(db, ws.id);
		expect(rollup()).toContainEqual(['2025-06', 'commission', 256_000]);
	});
});

describe('expected payouts, reconciliation, receivables and forecast', () => {
	it('the narrator: Ximalaya pays in even months only; the deal net 45', () => {
		const { ws } = narrator();
		const r = workspaceExpectedPayouts(db, ws.id);
		expect(r.payouts.map((p) => [p.platform, p.date, p.amountMinor, p.months.join('+')])).toEqual([
			['Ximalaya', '2025-02-10', 68_000, '2025-01'],
			['Ximalaya', '2025-04-10', 117_750, '2025-02+2025-03'],
			['Acme Tea (brand)', '2025-06-16', 672_000, '2025-05'],
			['Ximalaya', '2025-08-10', 368_000, '2025-06']
		]);
		expect(r.held).toEqual([]);
	});

	it('CLI rows: received, late and expected', () => {
		const { ws } = narrator();
		const ximalaya = ensurePlatform(db, ws.id, { name: 'Ximalaya', currency: 'CNY' });
		db.insert(payouts)
			.values({ workspaceId: ws.id, platformId: ximalaya, paidOn: '2025-02-11', month: '2025-02', amountMinor: 68_000, currency: 'CNY', fingerprint: 1, createdAt: 'now' })
			.run();
		expect(payoutList(db, ws.id, '2025-07-01')).toEqual([
			{ platform: 'Ximalaya', date: '2025-02-11', amount: '680.00', currency: 'CNY', status: 'received', months: ['2025-01'], expectedAmount: '680.00', reconciliation: 'matched' },
			{ platform: 'Ximalaya', date: '2025-04-10', amount: '1177.50', currency: 'CNY', status: 'late', months: ['2025-02', '2025-03'], expectedAmount: '1177.50', reconciliation: 'late' },
			{ platform: 'Acme Tea (brand)', date: '2025-06-16', amount: '6720.00', currency: 'CNY', status: 'late', months: ['2025-05'], expectedAmount: '6720.00', reconciliation: 'late' },
			{ platform: 'Ximalaya', date: '2025-08-10', amount: '3680.00', currency: 'CNY', status: 'expected', months: ['2025-06'], expectedAmount: '3680.00', reconciliation: 'expected' }
		]);
		expect(payoutList(db, ws.id, '2025-07-01', { from: '2025-04', to: '2025-06' }).map((r) => r.date)).toEqual(['2025-04-10', '2025-06-16']);
		// the page reads once and shows the same rows, receivables and forecast
		const page = payoutsPageData(db, ws.id, '2025-07-01');
		expect(page.payouts).toEqual(payoutList(db, ws.id, '2025-07-01'));
		expect(page.receivables).toEqual(workspaceReceivables(db, ws.id, '2025-07-01'));
		expect(page.forecast.totals).toEqual(workspaceForecast(db, ws.id, '2025-07-01').totals);
		expect(page.held).toEqual([]);
	});

	it('the domain.md §3 example on AdSense: default rule from the preset, a matched payment, an amount that differs', () => {
		const ws = createWorkspace(db, 'Tuber', 'USD', null);
		const yt = ensurePlatform(db, ws.id, { name: 'YouTube', currency: 'USD', presetId: 'adsense_transactions' });
		const rule = db.select().from(payoutRules).where(eq(payoutRules.platformId, yt)).all();
		expect(rule).toMatchObject([{ availableAfterMonths: 1, payoutDay: 21, thresholdMinor: 10_000, payoutMonths: 'all', netDays: null }]);
		db.transaction((tx) => {
			[['2025-01', 4000], ['2025-02', 5000], ['2025-03', 2000], ['2025-04', 12000]].forEach(([month, amount], i) => {
				tx.insert(earnings)
					.values({ workspaceId: ws.id, platformId: yt, stream: 'ads', month: month as string, grossMinor: amount as number, netMinor: amount as number, currency: 'USD', fingerprint: 100 + i, createdAt: 'now' })
					.run();
			});
			refreshRollup(tx, ws.id);
		});
		db.insert(payouts)
			.values([
				{ workspaceId: ws.id, platformId: yt, paidOn: '2025-04-22', month: '2025-04', amountMinor: 11_000, currency: 'USD', fingerprint: 1, createdAt: 'now' },
				{ workspaceId: ws.id, platformId: yt, paidOn: '2025-05-21', month: '2025-05', amountMinor: 11_500, currency: 'USD', fingerprint: 2, createdAt: 'now' }
			])
			.run();
		const exp = workspaceExpectedPayouts(db, ws.id);
		expect(exp.rolledOver.map((r) => [r.date, r.balanceMinor])).toEqual([
			['2025-02-21', 4000],
			['2025-03-21', 9000]
		]);
		expect(workspaceReconciliation(db, ws.id, '2025-06-01').map((r) => [r.status, r.expected?.date, r.differenceMinor])).toEqual([
			['matched', '2025-04-21', 0],
			['amount_differs', '2025-05-21', -500]
		]);
		const rec = workspaceReceivables(db, ws.id, '2025-06-01');
		// earned 230, received 225: 5 of April's earnings (dated Apr 30, 32 days old) still owed
		expect(rec.rows).toMatchObject([{ platform: 'YouTube', outstandingMinor: 500, buckets: { '0-30': 0, '31-60': 500, '61-90': 0, '90+': 0 }, hasPayoutData: true }]);
		expect(rec.totals).toEqual([{ currency: 'USD', outstandingMinor: 500, buckets: { '0-30': 0, '31-60': 500, '61-90': 0, '90+': 0 } }]);
		const [profile] = platformPayoutProfiles(db, ws.id, '2025-06-01');
		expect(profile).toMatchObject({ platform: 'YouTube', restricted: true, typicalDelayMonths: 1, delayWeightedMonthsMinor: 36_000, delayAmountMinor: 23_000 });
	});

	it('forecast: known payouts and projected ones with a band', () => {
		const { ws } = narrator();
		const f = workspaceForecast(db, ws.id, '2025-07-15');
		expect(f.months).toEqual(['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12']);
		const xim = Object.entries(f.platformNames).find(([, n]) => n === 'Ximalaya')![0];
		const cells = f.cells.filter((c) => c.key === xim).map((c) => [c.month, c.knownMinor, c.projectedMinor]);
		// Trailing Apr–Jun: 0, 0, 368,000 → 122,667 a month projected for Jul–Dec, paid in even months:
		// Jul → Aug 10; Aug + Sep → Oct 10; Oct + Nov → Dec 10.
		expect(cells).toEqual([
			['2025-07', 0, 0],
			['2025-08', 368_000, 122_667],
			['2025-09', 0, 0],
			['2025-10', 0, 245_334],
			['2025-11', 0, 0],
			['2025-12', 0, 245_334]
		]);
		expect(f.projections.map((p) => [f.platformNames[p.key], p.averageMinor, p.lowMinor, p.highMinor])).toEqual([['Ximalaya', 122_667, 0, 368_000]]);
	});
});

describe('the workspace file', () => {
	it('exported and imported into a new workspace gives the same payouts', () => {
		const { ws } = narrator('First');
		const text = exportWorkspaceFile(db, ws.id);
		const copy = createWorkspace(db, 'Copy', 'CNY', null);
		const r = importWorkspaceFile(db, copy.id, text);
		expect(r.ok).toBe(true);
		const strip = (id: number) => workspaceExpectedPayouts(db, id).payouts.map(({ platformId: _p, ...rest }) => rest);
		expect(strip(copy.id)).toEqual(strip(ws.id));
		expect(strip(copy.id)).toHaveLength(4);
		expect(exportWorkspaceFile(db, copy.id)).toBe(text);
	});

	it('an invalid file changes nothing and says what is wrong', () => {
		const { ws } = narrator();
		const before = exportWorkspaceFile(db, ws.id);
		const bad = JSON.parse(NARRATOR_FILE);
		bad.works[1].platform = 'Ximalya';
		bad.works[2].finishedHours = '-6';
		bad.deals[0].invoicedOn = '2025-05-32';
		bad.works.push({ platform: 'Ximalaya', title: 'New' });
		const r = importWorkspaceFile(db, ws.id, JSON.stringify(bad));
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
			'works[1].platform: unknown platform "Ximalya" (list it under "platforms")',
			'works[2].finishedHours: negative hours "-6"',
			'deals[0].invoicedOn: bad date "2025-05-32" (use YYYY-MM-DD, a real day)'
		]);
		expect(exportWorkspaceFile(db, ws.id)).toBe(before);
	});

	it('a failure while applying rolls everything back', () => {
		const { ws } = narrator();
		const before = exportWorkspaceFile(db, ws.id);
		const rows = computedRows(ws.id);
		// Break the database under the import: the works table is gone halfway through.
		db.$client.exec('CREATE TRIGGER no_deals BEFORE INSERT ON deals BEGIN SELECT RAISE(ABORT, \'deals are locked\'); END;');
		expect(() => importWorkspaceFile(db, ws.id, NARRATOR_FILE.replace('The Salt Archive', 'Renamed'))).toThrow(/deals are locked/);
		db.$client.exec('DROP TRIGGER no_deals');
		expect(exportWorkspaceFile(db, ws.id)).toBe(before);
		expect(computedRows(ws.id)).toEqual(rows);
	});
});
