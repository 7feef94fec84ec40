/**
 * One expected payout date per earning, whichever page asks: the payouts page (workspaceExpectedPayouts),
 * the dashboard's cash basis and payout-delay component (computeDashboard, from the roll-up) and the
 * compare page's days to cash (expectedCashFlows) all pay a deal-linked earning on the deal's own net
 * days, and the platform's other income by the platform's rule. Real SQLite, deals as a user makes
 * them (workspace file → computed earnings), platform income as an import writes it (rows + roll-up).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../src/lib/server/db/client';
import { createWorkspace } from '../../src/lib/server/db/queries/workspaces';
import { refreshRollup } from '../../src/lib/server/db/rollup';
import { platformPayoutProfiles, workspaceExpectedPayouts } from '../../src/lib/server/payouts/cash';
import { importWorkspaceFile } from '../../src/lib/server/payouts/workspace-file';
import { computeDashboard, clearDashboardCache } from '../../src/lib/server/metrics/index';
import { DEAL_EARNINGS_SQL } from '../../src/lib/server/metrics/queries';
import { computeCompare, expectedCashFlows } from '../../src/lib/server/report/index';

/**
 * Bilibili pays month m on the 10th of m+1, in even months only (so June's income waits for Aug 10);
 * its brand deal (net-30, invoiced Jun 20) is due Jul 20. Studio Lark has no payout rule at all; its
 * deal (net-45, invoiced May 2) is due Jun 16.
 */
const FILE = JSON.stringify({
	version: 1,
	baseCurrency: 'CNY',
	platforms: [
		{ name: 'Bilibili', currency: 'CNY', payout: { availableAfterMonths: 1, payoutDay: 10, payoutMonths: 'even', threshold: '0' } },
		{ name: 'Studio Lark', currency: 'CNY', contract: true }
	],
	deals: [
		{ counterparty: 'Acme Tea', platform: 'Bilibili', amount: '8000', currency: 'CNY', invoicedOn: '2025-06-20', netDays: 30, status: 'invoiced' },
		{ counterparty: 'Lark', platform: 'Studio Lark', amount: '3000', currency: 'CNY', invoicedOn: '2025-05-02', netDays: 45, status: 'invoiced' }
	]
});

/** Bilibili's own (rule-scheduled) income, month-only rows as a monthly statement gives them. */
const ADS: [month: string, amountMinor: number][] = [
	['2025-05', 100_000],
	['2025-06', 120_000],
	['2025-07', 90_000]
];

/** A day before both deals are due (Jun 16, Jul 20), when neither is paid yet: both are cash to come. */
const BEFORE_DUE = '2025-06-01';

let db: DB;
beforeEach(() => {
	db = openDatabase(':memory:');
	clearDashboardCache();
});

function seed(name = 'Creator', { withDeals = true } = {}) {
	const ws = createWorkspace(db, name, 'CNY', null);
	const r = importWorkspaceFile(db, ws.id, withDeals ? FILE : JSON.stringify({ ...JSON.parse(FILE), deals: [] }));
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	const platformId = (n: string) => (db.$client.prepare(`SELECT id FROM platforms WHERE workspace_id = ? AND name = ?`).get(ws.id, n) as { id: number }).id;
	const bilibili = platformId('Bilibili');
	db.transaction((tx) => {
		const insert = db.$client.prepare(
			`INSERT INTO earnings (workspace_id, platform_id, stream, month, gross_minor, net_minor, currency, fingerprint, source, created_at)
			 VALUES (?, ?, 'ads', ?, ?, ?, 'CNY', ?, 'import', '2025-08-01T00:00:00.000Z')`
		);
		ADS.forEach(([month, amount], i) => insert.run(ws.id, bilibili, month, amount, amount, 9000 + i));
		refreshRollup(tx, ws.id);
	});
	const deals = db.$client
		.prepare(
			`SELECT p.name AS platform, e.earned_on AS earnedOn, e.net_minor AS netMinor, d.net_days AS netDays
			 FROM earnings e JOIN platforms p ON p.id = e.platform_id JOIN deals d ON d.id = e.deal_id
			 WHERE e.workspace_id = ? ORDER BY e.earned_on`
		)
		.all(ws.id) as { platform: string; earnedOn: string; netMinor: number; netDays: number }[];
	return { workspaceId: ws.id, deals };
}

describe('deal-linked earnings: one expected payout date on every page', () => {
	it('the payouts page, the dashboard and the compare page pay each deal on its net days', () => {
		const { workspaceId, deals } = seed();
		// The two deals' earnings (CNY labour-remuneration tax withheld), as the computed-earnings step wrote them.
		expect(deals.map((d) => [d.platform, d.earnedOn, d.netDays])).toEqual([
			['Studio Lark', '2025-05-02', 45],
			['Bilibili', '2025-06-20', 30]
		]);
		const [lark, acme] = deals;

		// The payouts page.
		const page = workspaceExpectedPayouts(db, workspaceId).payouts.map((p) => [p.platform, p.date, p.amountMinor]);
		expect(page).toEqual([
			['Bilibili', '2025-06-10', 100_000], // May's ads
			['Studio Lark', '2025-06-16', lark.netMinor], // May 2 + 45
			['Bilibili', '2025-07-20', acme.netMinor], // Jun 20 + 30
			['Bilibili', '2025-08-10', 120_000 + 90_000] // June's and July's ads (July is odd)
		]);

		// The compare page: every earning → its cash date; the deals' are the payouts page's dates.
		const flows = expectedCashFlows(db, workspaceId, '2025-12-31').map((f) => [f.platform, f.earnedOn, f.receivedOn, f.amountMinor]);
		expect(flows).toEqual(
			expect.arrayContaining([
				['Studio Lark', '2025-05-02', '2025-06-16', lark.netMinor],
				['Bilibili', '2025-06-20', '2025-07-20', acme.netMinor],
				['Bilibili', '2025-05-31', '2025-06-10', 100_000],
				['Bilibili', '2025-06-30', '2025-08-10', 120_000],
				['Bilibili', '2025-07-31', '2025-08-10', 90_000]
			])
		);
		expect(flows).toHaveLength(5);
		const compare = computeCompare(db, workspaceId, { from: '2025-01', to: '2025-12' });
		expect(compare.rows.find((r) => r.platform === 'Studio Lark')?.averageDaysToCash).toBe(45);

		// The dashboard: cash by month and platform is the payouts page's events summed per month, seen
		// before the deals are due (an unpaid deal past its date is overdue, not cash: deals-cash-agree).
		const d = computeDashboard(db, workspaceId, { from: '2025-01', to: '2025-12', basis: 'cash', today: BEFORE_DUE });
		const cash = (platform: string, month: string) => d.cash.byMonth.find((m) => m.month === month)?.byPlatform[platform] ?? 0;
		const fromPage = new Map<string, number>();
		for (const [platform, date, amount] of page) {
			const k = `${platform}|${String(date).slice(0, 7)}`;
			fromPage.set(k, (fromPage.get(k) ?? 0) + Number(amount));
		}
		for (const month of d.cash.months) {
			for (const platform of ['Bilibili', 'Studio Lark']) expect([platform, month, cash(platform, month)]).toEqual([platform, month, fromPage.get(`${platform}|${month}`) ?? 0]);
		}
		expect(cash('Bilibili', '2025-07')).toBe(acme.netMinor);
		expect(cash('Bilibili', '2025-08')).toBe(210_000);
		expect(d.cash.totalMinor).toBe(d.accrual.totalMinor);

		// The delay component: Acme's June income is cash in July (1 month), not August (2).
		const weighted = 100_000 * 1 + lark.netMinor * 1 + acme.netMinor * 1 + 120_000 * 2 + 90_000 * 1;
		const total = 100_000 + lark.netMinor + acme.netMinor + 120_000 + 90_000;
		expect(d.risk.delay.months).toBeCloseTo(weighted / total, 12);
		// … which is the payouts page's own per-platform delay, pooled.
		const profiles = platformPayoutProfiles(db, workspaceId, '2025-12-31');
		const pooled = profiles.reduce((s, p) => s + p.delayWeightedMonthsMinor, 0) / profiles.reduce((s, p) => s + p.delayAmountMinor, 0);
		expect(d.risk.delay.months).toBeCloseTo(pooled, 12);
	});

	it('a platform whose income is all deal income has no rule-scheduled remainder', () => {
		const { workspaceId, deals } = seed();
		const lark = deals.find((x) => x.platform === 'Studio Lark')!;
		const d = computeDashboard(db, workspaceId, { from: '2025-01', to: '2025-12', basis: 'cash', today: BEFORE_DUE });
		const larkCash = d.cash.byMonth.filter((m) => (m.byPlatform['Studio Lark'] ?? 0) !== 0).map((m) => [m.month, m.byPlatform['Studio Lark']]);
		expect(larkCash).toEqual([['2025-06', lark.netMinor]]);
	});

	it("another workspace's deals do not move this workspace's dates", () => {
		seed('Other');
		const { workspaceId } = seed('Creator', { withDeals: false });
		const d = computeDashboard(db, workspaceId, { from: '2025-01', to: '2025-12', basis: 'cash' });
		const bilibili = d.cash.byMonth.filter((m) => (m.byPlatform.Bilibili ?? 0) !== 0).map((m) => [m.month, m.byPlatform.Bilibili]);
		expect(bilibili).toEqual([
			['2025-06', 100_000],
			['2025-08', 210_000]
		]);
		expect(d.cash.totalMinor).toBe(310_000);
		expect(d.risk.delay.months).toBeCloseTo((100_000 * 1 + 120_000 * 2 + 90_000 * 1) / 310_000, 12);
		const flows = expectedCashFlows(db, workspaceId, '2025-12-31');
		expect(flows.map((f) => f.receivedOn)).toEqual(['2025-06-10', '2025-08-10', '2025-08-10']);
	});

	it('reads deal-linked earnings through the partial deal index, not every row of the workspace', () => {
		const { workspaceId } = seed();
		const plan = (db.$client.prepare(`EXPLAIN QUERY PLAN ${DEAL_EARNINGS_SQL}`).all(workspaceId, '2025-01', '2026-01') as { detail: string }[]).map((r) => r.detail).join(' | ');
		expect(plan).toContain('USING INDEX earnings_ws_deal_idx');
	});
});
