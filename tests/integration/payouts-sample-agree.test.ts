/**
 * The sample workspace on real SQLite: the dashboard, the payouts page and the printed report agree on
 * what "in transit", "received" and "late" mean (payout-tracking.ts). The sample imports earnings only,
 * so its ad and narration platforms are not tracked: their past payouts are assumed received on the
 * rule's dates (as the dashboard's cash basis counts them), never late, never aged receivables. Importing
 * one payout for a platform makes it tracked, and then a missing payout is late.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../src/lib/server/db/client';
import { createWorkspace } from '../../src/lib/server/db/queries/workspaces';
import { ensurePlatform } from '../../src/lib/server/db/queries/platforms';
import { moneyInTransit } from '../../src/lib/server/db/queries/in-transit';
import { earnings } from '../../src/lib/server/db/schema/index';
import { refreshRollup } from '../../src/lib/server/db/rollup';
import { loadSampleWorkspace } from '../../src/lib/server/sample';
import { payoutsPageData } from '../../src/lib/server/payouts/pages';
import { workspaceExpectedPayouts, workspaceForecast, workspaceReceivables } from '../../src/lib/server/payouts/cash';
import { computeDashboard } from '../../src/lib/server/metrics/dashboard';
import { monthOf } from '../../src/lib/domain/period';
import { dashboardCash, expectCashAgrees, payoutsPageCash } from './helpers/cash-agree';
import { insertReceivedPayout } from '../factories/payout';

const TODAY = '2026-11-21';
let db: DB;
beforeEach(() => {
	db = openDatabase(':memory:');
});

function sample() {
	const ws = createWorkspace(db, 'Sample', 'CNY', null);
	loadSampleWorkspace(db, ws.id, { today: TODAY });
	return ws.id;
}

describe('the sample workspace: one meaning per word', () => {
	it('money in transit is the same figure on the dashboard and the payouts page', () => {
		const ws = sample();
		const page = payoutsPageData(db, ws, TODAY);
		const card = moneyInTransit(db, ws, TODAY);
		expect(card.length).toBeGreaterThan(0);
		expect(page.inTransit).toEqual(card);
		// Not the receivables of two years of history: at most what the last few months earned.
		for (const t of card) expect(t.nextDate! >= TODAY).toBe(true);
	});

	it('platforms without imported payouts: no late rows, no aged receivables, one notice', () => {
		const ws = sample();
		const page = payoutsPageData(db, ws, TODAY);
		const untracked = page.untracked.map((p) => p.platform).sort();
		expect(untracked.length).toBeGreaterThan(0);
		const rows = page.reconciliation.filter((r) => untracked.includes(r.platform));
		expect(rows.length).toBeGreaterThan(12);
		expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['assumed', 'expected']));
		for (const r of rows) expect(r.status === 'assumed').toBe(r.expectedDate! < TODAY);
		expect(page.payouts.filter((p) => untracked.includes(p.platform) && p.status === 'late')).toEqual([]);
		// Their receivables are only what the rule has not paid out yet: nothing over 90 days old.
		const rec = page.receivables.rows.filter((r) => untracked.includes(r.platform));
		for (const r of rec) expect([r.platform, r.buckets['90+'], r.buckets['61-90']]).toEqual([r.platform, 0, 0]);
		// And for these platforms "receivable" = "in transit": the same money.
		const transitOfUntracked = workspaceExpectedPayouts(db, ws)
			.payouts.filter((p) => untracked.includes(p.platform) && p.date >= TODAY)
			.reduce((s, p) => s + p.amountMinor, 0);
		expect(rec.reduce((s, r) => s + r.outstandingMinor, 0)).toBe(transitOfUntracked);
	});

	it('what the payouts page assumes received is what the dashboard (and the report) counts as received', () => {
		const ws = sample();
		const page = payoutsPageData(db, ws, TODAY);
		const dash = computeDashboard(db, ws, { today: TODAY, basis: 'cash' });
		for (const { platform } of page.untracked) {
			for (const month of dash.cash.months) {
				if (month >= monthOf(TODAY)) continue;
				const dashboard = dashboardCash(dash, platform, month);
				const assumed = page.reconciliation
					.filter((r) => r.platform === platform && r.status === 'assumed' && monthOf(r.expectedDate!) === month)
					.reduce((s, r) => s + r.expectedMinor!, 0);
				expect([platform, month, assumed]).toEqual([platform, month, dashboard]);
			}
		}
	});

	it('every platform, brand deals included: dashboard cash is what the payouts page received, assumes received or still expects', () => {
		const ws = sample();
		const page = payoutsPageData(db, ws, TODAY);
		// The sample's deals are marked paid on their due dates (unpaid ones: deals-cash-agree.test.ts).
		expect(page.reconciliation.filter((r) => r.platform === 'Brand deals').map((r) => r.status)).toContain('matched');
		const dash = computeDashboard(db, ws, { today: TODAY, basis: 'cash', from: '2025-12', to: '2026-12' });
		const platforms = [...new Set(page.reconciliation.map((r) => r.platform))];
		expect(platforms).toContain('Brand deals');
		expectCashAgrees(dash, payoutsPageCash(page.reconciliation), platforms);
	});

	it('the forecast range holds the estimate in every row', () => {
		const ws = sample();
		const f = workspaceForecast(db, ws, TODAY);
		expect(f.totals.length).toBe(6);
		for (const t of [...f.totals, ...f.cells]) {
			expect(t.estimateMinor).toBe(t.knownMinor + t.projectedMinor);
			expect(t.lowMinor <= t.estimateMinor && t.estimateMinor <= t.highMinor).toBe(true);
		}
	});
});

describe('tracking starts with the first imported payout', () => {
	function platformWithEarnings(rule: 'default' | 'none') {
		const ws = createWorkspace(db, 'Tracked', 'CNY', null);
		const id = ensurePlatform(db, ws.id, { name: rule === 'default' ? 'Bilibili' : 'Alipay', currency: 'CNY', presetId: rule === 'default' ? 'bilibili' : null });
		db.transaction((tx) => {
			['2026-06', '2026-07', '2026-08', '2026-09', '2026-10'].forEach((month, i) => {
				tx.insert(earnings)
					.values({ workspaceId: ws.id, platformId: id, stream: 'ads', month, grossMinor: 10_000, netMinor: 10_000, currency: 'CNY', fingerprint: 500 + i, createdAt: 'now' })
					.run();
			});
			refreshRollup(tx, ws.id);
		});
		return { ws: ws.id, id };
	}

	it('Bilibili (paid the 10th of the next month): assumed received, then late once one payout is imported', () => {
		const { ws, id } = platformWithEarnings('default');
		let page = payoutsPageData(db, ws, TODAY);
		expect(page.reconciliation.map((r) => [r.expectedDate, r.status])).toEqual([
			['2026-07-10', 'assumed'],
			['2026-08-10', 'assumed'],
			['2026-09-10', 'assumed'],
			['2026-10-10', 'assumed'],
			['2026-11-10', 'assumed']
		]);
		expect(page.untracked.map((p) => p.platform)).toEqual(['Bilibili']);
		expect(page.late).toEqual([]);
		expect(page.receivables.totals).toEqual([]);

		insertReceivedPayout(db, { workspaceId: ws, platformId: id, paidOn: '2026-07-10', amountMinor: 10_000, fingerprint: 1 });
		page = payoutsPageData(db, ws, TODAY);
		expect(page.untracked).toEqual([]);
		expect(page.reconciliation.map((r) => r.status)).toEqual(['matched', 'late', 'late', 'late', 'late']);
		expect(page.late).toEqual([{ currency: 'CNY', amountMinor: 40_000, count: 4 }]);
		expect(workspaceReceivables(db, ws, TODAY).totals[0].outstandingMinor).toBe(40_000);
	});

	it('a tracked platform: the dashboard counts what was received, not the payouts the page calls late', () => {
		const { ws, id } = platformWithEarnings('default');
		// One payout arrived on 2026-08-10 (reconciliation pairs it with the first expected one, within
		// its 45 days); the ones due 08-10, 09-10, 10-10 and 11-10 found nothing: late on the payouts page,
		// so not cash on the dashboard either.
		insertReceivedPayout(db, { workspaceId: ws, platformId: id, paidOn: '2026-08-10', amountMinor: 10_000, fingerprint: 1 });
		const page = payoutsPageData(db, ws, TODAY);
		expect(page.untracked).toEqual([]);
		expect(page.reconciliation.map((r) => [r.expectedDate, r.status])).toEqual([
			['2026-07-10', 'matched'],
			['2026-08-10', 'late'],
			['2026-09-10', 'late'],
			['2026-10-10', 'late'],
			['2026-11-10', 'late']
		]);
		const dash = computeDashboard(db, ws, { today: TODAY, basis: 'cash', from: '2026-01', to: '2026-11' });
		const cashOf = (month: string) => dashboardCash(dash, 'Bilibili', month);
		const receivedOn = (month: string) =>
			page.reconciliation.filter((r) => r.platform === 'Bilibili' && r.receivedDate && monthOf(r.receivedDate) === month).reduce((s, r) => s + r.receivedMinor!, 0);
		for (const month of dash.cash.months) expect([month, cashOf(month)]).toEqual([month, receivedOn(month)]);
		expect(dash.cash.platformTotals.find((t) => t.key === 'Bilibili')?.totalMinor).toBe(10_000);
		// The late money is owed: receivables, not cash, and not in transit either.
		expect(page.late).toEqual([{ currency: 'CNY', amountMinor: 40_000, count: 4 }]);
		expect(page.inTransit).toEqual([]);
		expect(moneyInTransit(db, ws, TODAY)).toEqual([]);
	});

	it('a tracked platform: a payout still to come counts on the dashboard in its month', () => {
		const { ws, id } = platformWithEarnings('default');
		insertReceivedPayout(db, { workspaceId: ws, platformId: id, paidOn: '2026-10-10', amountMinor: 40_000, fingerprint: 1 });
		// October's earnings are due 2026-11-10: today is 2026-11-05, so it is expected, not late.
		const today = '2026-11-05';
		expect(payoutsPageData(db, ws, today).reconciliation.at(-1)).toMatchObject({ expectedDate: '2026-11-10', status: 'expected' });
		const dash = computeDashboard(db, ws, { today, basis: 'cash', from: '2026-01', to: '2026-11' });
		expect(dash.cash.cells.filter((c) => c.platform === 'Bilibili').map((c) => [c.month, c.amountMinor])).toEqual([
			['2026-10', 40_000],
			['2026-11', 10_000]
		]);
	});

	it('a backdated view: payouts received after "today" are not cash yet, on the dashboard as on the payouts page', () => {
		const { ws, id } = platformWithEarnings('default');
		// Received on the rule's dates, but October's payout came short (7,000 of 10,000).
		const paid: [string, number][] = [['2026-07-10', 10_000], ['2026-08-10', 10_000], ['2026-09-10', 10_000], ['2026-10-10', 7_000], ['2026-11-10', 10_000]];
		paid.forEach(([paidOn, amountMinor], i) => {
			insertReceivedPayout(db, { workspaceId: ws, platformId: id, paidOn, amountMinor, fingerprint: 10 + i });
		});
		// As of 2026-08-20, only July's and August's payouts have arrived; the rest are still expected.
		const today = '2026-08-20';
		const page = payoutsPageData(db, ws, today);
		expect(page.reconciliation.map((r) => [r.expectedDate, r.status])).toEqual([
			['2026-07-10', 'matched'],
			['2026-08-10', 'matched'],
			['2026-09-10', 'expected'],
			['2026-10-10', 'expected'],
			['2026-11-10', 'expected']
		]);
		const dash = computeDashboard(db, ws, { today, basis: 'cash', from: '2026-01', to: '2026-11' });
		expectCashAgrees(dash, payoutsPageCash(page.reconciliation), ['Bilibili']);
		// October shows what the rule expects (10,000), not the short payment that came later.
		expect(dashboardCash(dash, 'Bilibili', '2026-10')).toBe(10_000);
		// As of today (2026-11-21), every payout has arrived: the short one is October's cash.
		const now = computeDashboard(db, ws, { today: TODAY, basis: 'cash', from: '2026-01', to: '2026-11' });
		expect(dashboardCash(now, 'Bilibili', '2026-10')).toBe(7_000);
		expectCashAgrees(now, payoutsPageCash(payoutsPageData(db, ws, TODAY).reconciliation), ['Bilibili']);
	});

	it('a platform without a rule is assumed paid the next month (on the 1st), as on the dashboard', () => {
		const { ws } = platformWithEarnings('none');
		const page = payoutsPageData(db, ws, TODAY);
		expect(page.forecast.platformsWithoutRule.map((p) => p.platform)).toEqual(['Alipay']);
		expect(page.reconciliation.map((r) => [r.expectedDate, r.status])).toEqual([
			['2026-07-01', 'assumed'],
			['2026-08-01', 'assumed'],
			['2026-09-01', 'assumed'],
			['2026-10-01', 'assumed'],
			['2026-11-01', 'assumed']
		]);
		const dash = computeDashboard(db, ws, { today: TODAY, basis: 'cash' });
		expect(dash.cash.cells.filter((c) => c.platform === 'Alipay').map((c) => c.month)).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11'].filter((m) => dash.cash.months.includes(m)));
		// October's earnings were due on November 1st: nothing is in transit, on either page.
		expect(page.inTransit).toEqual([]);
		expect(moneyInTransit(db, ws, TODAY)).toEqual([]);
	});
});
