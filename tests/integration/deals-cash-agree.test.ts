/**
 * Brand deals on the cash basis, on real SQLite with deals as the deals page saves them: the dashboard
 * (computeDashboard, the / page's data) counts a deal's money where the payouts page does
 * (payout-tracking.ts: a deal is tracked by its status). Paid: cash on the day it was paid. Unpaid and
 * due today or later: expected cash in its month. Unpaid and due before today: overdue — late on the
 * payouts page, overdue on the deals page, a receivable, and not cash. The printed report takes the
 * same basis as of the period's last day.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../src/lib/server/db/client';
import { createWorkspace } from '../../src/lib/server/db/queries/workspaces';
import { saveDeal, setDealStatus } from '../../src/lib/server/payouts/edit';
import { dealsPageData, payoutsPageData } from '../../src/lib/server/payouts/pages';
import { computeDashboard, clearDashboardCache } from '../../src/lib/server/metrics/index';
import { buildReport } from '../../src/lib/server/report/build';
import { dealInput } from '../factories/deal';
import { expectCashAgrees, payoutsPageCash } from './helpers/cash-agree';

const TODAY = '2026-11-21';
let db: DB;
let ws: number;

function deal(d: Parameters<typeof dealInput>[0]) {
	expect(saveDeal(db, ws, null, dealInput(d))).toBe(true);
}

/** Each deal's net (CNY labour-remuneration tax withheld), per earning date, as the computed earnings hold it. */
function netOf(counterparty: string): Record<string, number> {
	const rows = db.$client
		.prepare(`SELECT e.earned_on AS on_, e.net_minor AS net FROM earnings e JOIN deals d ON d.id = e.deal_id WHERE d.workspace_id = ? AND d.counterparty = ? ORDER BY e.earned_on`)
		.all(ws, counterparty) as { on_: string; net: number }[];
	return Object.fromEntries(rows.map((r) => [r.on_, r.net]));
}

beforeEach(() => {
	db = openDatabase(':memory:');
	clearDashboardCache();
	ws = createWorkspace(db, 'Deals', 'CNY', null).id;
	// (a) Unpaid and overdue: invoiced 2026-08-03, net 30 → due 2026-09-02.
	deal({ counterparty: 'Acme Tea', amountMinor: 800_000, invoicedOn: '2026-08-03' });
	// (b) Unpaid, due in the future: invoiced 2026-11-02, net 45 → due 2026-12-17.
	deal({ counterparty: 'Brook Coffee', amountMinor: 500_000, invoicedOn: '2026-11-02', netDays: 45 });
	// (c) Paid, 19 days late: invoiced 2026-05-20, net 30 → due 2026-06-19, paid 2026-07-08.
	deal({ counterparty: 'Cedar Ink', amountMinor: 300_000, invoicedOn: '2026-05-20', status: 'paid', paidOn: '2026-07-08' });
	// (a)+(b) in one deal: half earned 2026-09-01 (due 10-01, overdue), half 2026-11-15 (due 12-15).
	deal({
		counterparty: 'Dune Studio',
		amountMinor: 1_000_000,
		status: 'delivered',
		milestones: [
			{ description: 'script', shareBps: 5000, dueOn: '2026-09-01' },
			{ description: 'video', shareBps: 5000, dueOn: '2026-11-15' }
		]
	});
});

/** The payouts page as of `today`, with its cash per platform and month. */
function cashOnPayoutsPage(today: string) {
	const page = payoutsPageData(db, ws, today);
	return { page, cash: payoutsPageCash(page.reconciliation) };
}

describe('brand deals on the cash basis: the dashboard and the payouts page agree', () => {
	it('paid on its paid date, unpaid and due later as expected cash, overdue not at all', () => {
		const acme = netOf('Acme Tea')['2026-08-03'];
		const brook = netOf('Brook Coffee')['2026-11-02'];
		const cedar = netOf('Cedar Ink')['2026-05-20'];
		const dune = netOf('Dune Studio');
		expect([acme, brook, cedar, dune]).toEqual([672_000, 420_000, 256_000, { '2026-09-01': 420_000, '2026-11-15': 420_000 }]);

		const { page, cash } = cashOnPayoutsPage(TODAY);
		expect(page.reconciliation.map((r) => [r.platform, r.expectedDate, r.status, r.receivedDate])).toEqual([
			['Cedar Ink', '2026-06-19', 'matched', '2026-07-08'],
			['Acme Tea', '2026-09-02', 'late', null],
			['Dune Studio', '2026-10-01', 'late', null],
			['Dune Studio', '2026-12-15', 'expected', null],
			['Brook Coffee', '2026-12-17', 'expected', null]
		]);
		expect(page.late).toEqual([{ currency: 'CNY', amountMinor: acme + 420_000, count: 2 }]);
		// The deals page calls the same two overdue.
		expect(dealsPageData(db, ws, TODAY).deals.filter((d) => d.overdue.overdue).map((d) => d.platform).sort()).toEqual(['Acme Tea', 'Dune Studio']);

		const dash = computeDashboard(db, ws, { today: TODAY, basis: 'cash', from: '2026-01', to: '2026-12' });
		const cells = dash.cash.cells.filter((c) => c.amountMinor !== 0).map((c) => [c.platform, c.month, c.amountMinor]);
		expect(cells).toEqual(
			expect.arrayContaining([
				['Cedar Ink', '2026-07', cedar],
				['Dune Studio', '2026-12', 420_000],
				['Brook Coffee', '2026-12', brook]
			])
		);
		expect(cells).toHaveLength(3);
		expectCashAgrees(dash, cash, ['Acme Tea', 'Brook Coffee', 'Cedar Ink', 'Dune Studio']);
		// Accrual is untouched: every deal is income in the month it was earned.
		expect(dash.accrual.totalMinor).toBe(acme + brook + cedar + 840_000);
	});

	it('a deal marked paid late is cash on its paid date, not its due date', () => {
		const id = dealsPageData(db, ws, TODAY).deals.find((d) => d.platform === 'Acme Tea')!.id;
		setDealStatus(db, ws, id, 'paid', '2026-11-03');
		const { page, cash } = cashOnPayoutsPage(TODAY);
		// 62 days after its due date, but it is the deal's own record of payment: it pays that deal's
		// instalment whatever the date (no bank deposit it could be confused with), so the payouts page
		// calls it paid 62 days late, not late, as the deals page no longer calls it overdue.
		expect(page.reconciliation.filter((r) => r.platform === 'Acme Tea').map((r) => [r.status, r.receivedDate, r.daysLate])).toEqual([['matched', '2026-11-03', 62]]);
		expect(page.late).toEqual([{ currency: 'CNY', amountMinor: 420_000, count: 1 }]);
		expect(dealsPageData(db, ws, TODAY).deals.filter((d) => d.overdue.overdue).map((d) => d.platform)).toEqual(['Dune Studio']);
		const dash = computeDashboard(db, ws, { today: TODAY, basis: 'cash', from: '2026-01', to: '2026-12' });
		const acme = dash.cash.cells.filter((c) => c.platform === 'Acme Tea' && c.amountMinor !== 0).map((c) => [c.month, c.amountMinor]);
		expect(acme).toEqual([['2026-11', 672_000]]);
		expect(acme).toEqual([...cash].filter(([k]) => k.startsWith('Acme Tea|')).map(([k, v]) => [k.slice('Acme Tea|'.length), v]));
	});

	it('seen before the due dates, every unpaid instalment is still to come', () => {
		const dash = computeDashboard(db, ws, { today: '2026-08-31', basis: 'cash', from: '2026-01', to: '2026-12' });
		const byPlatform = Object.fromEntries(dash.cash.platformTotals.map((t) => [t.key, t.totalMinor]));
		expect(byPlatform).toEqual({ 'Acme Tea': 672_000, 'Brook Coffee': 420_000, 'Cedar Ink': 256_000, 'Dune Studio': 840_000 });
	});
});

describe('brand deals in the printed report', () => {
	it("'Received' is taken as of the period's last day: an overdue deal is owed, not received, and stays so", () => {
		const q3 = buildReport(db, ws, '2026-Q3');
		// July: Cedar Ink's payment; September: nothing, Acme Tea's deal (due 09-02) is unpaid.
		expect(q3.months.map((m) => [m.month, m.receivedMinor])).toEqual([
			['2026-07', 256_000],
			['2026-08', 0],
			['2026-09', 0]
		]);
		expect(q3.cashMinor).toBe(256_000);
		expect(q3.receivables.rows.map((r) => [r.platform, r.outstandingMinor])).toEqual([['Acme Tea', 672_000], ['Dune Studio', 420_000]]);
		expect(q3.receivables.dealsOverdue).toEqual(['Acme Tea']);
		// The same books give the same report (and code) whatever day it is built.
		expect(buildReport(db, ws, '2026-Q3').verificationCode).toBe(q3.verificationCode);
		// Paid after the quarter: the quarter's received column does not move.
		const id = dealsPageData(db, ws, TODAY).deals.find((d) => d.platform === 'Acme Tea')!.id;
		setDealStatus(db, ws, id, 'paid', '2026-10-05');
		expect(buildReport(db, ws, '2026-Q3').months.map((m) => m.receivedMinor)).toEqual([256_000, 0, 0]);
		expect(buildReport(db, ws, '2026-Q4').months.map((m) => [m.month, m.receivedMinor])).toEqual([
			['2026-10', 672_000],
			['2026-11', 0],
			// As of 2026-12-31 Dune Studio's second half (due 12-15) and Brook Coffee's (12-17) are overdue.
			['2026-12', 0]
		]);
	});

	it("an unpaid deal due exactly on the period's last day is owed, not received", () => {
		// Invoiced 2026-12-01, net 30 → due 2026-12-31, the quarter's last day; never paid (net 960.00).
		deal({ counterparty: 'Elm Radio', amountMinor: 100_000, invoicedOn: '2026-12-01' });
		expect(netOf('Elm Radio')).toEqual({ '2026-12-01': 96_000 });
		const q4 = buildReport(db, ws, '2026-Q4');
		// As of the end of 2026-12-31 nothing came: not received in December...
		expect(q4.months.map((m) => [m.month, m.receivedMinor])).toEqual([
			['2026-10', 0],
			['2026-11', 0],
			['2026-12', 0]
		]);
		// ...but a receivable, aged 30 days.
		expect(q4.receivables.rows.find((r) => r.platform === 'Elm Radio')).toEqual({
			platform: 'Elm Radio',
			currency: 'CNY',
			outstandingMinor: 96_000,
			buckets: { '0-30': 96_000, '31-60': 0, '61-90': 0, '90+': 0 }
		});
		// Paid on that very day, it is received in December and no longer owed.
		const id = dealsPageData(db, ws, TODAY).deals.find((d) => d.platform === 'Elm Radio')!.id;
		setDealStatus(db, ws, id, 'paid', '2026-12-31');
		const paid = buildReport(db, ws, '2026-Q4');
		expect(paid.months.map((m) => m.receivedMinor)).toEqual([0, 0, 96_000]);
		expect(paid.receivables.rows.map((r) => r.platform)).not.toContain('Elm Radio');
		expect(buildReport(db, ws, '2026-Q4').verificationCode).toBe(paid.verificationCode);
	});
});
