/**
 * The payouts page pairs a brand deal's expected payment with that deal's own "marked paid" record, never
 * with another deal's payment or a bank payout of the same platform; imported payouts still pair with the
 * platform's rule-based payouts. On real SQLite, deals saved as the deals page saves them. The views stay
 * per platform (names, totals); only the pairing and the ageing of what is owed change.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../src/lib/server/db/client';
import { createWorkspace } from '../../src/lib/server/db/queries/workspaces';
import { ensurePlatform } from '../../src/lib/server/db/queries/platforms';
import { deals, earnings, payouts } from '../../src/lib/server/db/schema/index';
import { refreshRollup } from '../../src/lib/server/db/rollup';
import { saveDeal, setDealStatus } from '../../src/lib/server/payouts/edit';
import { dealsPageData, payoutsPageData } from '../../src/lib/server/payouts/pages';
import { payoutList, workspaceReceivables } from '../../src/lib/server/payouts/cash';
import { computeDashboard, clearDashboardCache } from '../../src/lib/server/metrics/index';
import { buildReport } from '../../src/lib/server/report/build';
import { dealInput } from '../factories/deal';
import { insertReceivedPayout } from '../factories/payout';
import { parseDealStatus } from '../../src/lib/server/payouts/forms';
import { refreshComputedEarningsIn } from '../../src/lib/server/payouts/computed';
import { exportWorkspaceFile, importWorkspaceFile } from '../../src/lib/server/payouts/workspace-file';
import { commitImport, undoBatch } from '../../src/lib/server/import/commit';
import { analyseStatement, fileSource } from '../../src/lib/server/import/pipeline';
import { expectCashAgrees, payoutsPageCash } from './helpers/cash-agree';

const TODAY = '2026-11-21';
let db: DB;
let ws: number;

function deal(d: Parameters<typeof dealInput>[0]) {
	expect(saveDeal(db, ws, null, dealInput(d))).toBe(true);
}

/** Bilibili (its known payout rule) with 1,000.00 of ads income in 2026-09; its id. */
function bilibiliWithSeptemberAds(): number {
	const bili = ensurePlatform(db, ws, { name: 'Bilibili', currency: 'CNY', presetId: 'bilibili' });
	db.transaction((tx) => {
		tx.insert(earnings).values({ workspaceId: ws, platformId: bili, stream: 'ads', month: '2026-09', grossMinor: 100_000, netMinor: 100_000, currency: 'CNY', fingerprint: 1, createdAt: 'now' }).run();
		refreshRollup(tx, ws);
	});
	return bili;
}

function platformId(name: string): number {
	return dealsPageData(db, ws, TODAY).platforms.find((p) => p.name === name)!.id;
}

/** A payout received on `paidOn` (in this test's workspace unless given); its id. */
const receivedPayout = (p: Omit<Parameters<typeof insertReceivedPayout>[1], 'workspaceId'> & { workspaceId?: number }) => insertReceivedPayout(db, { workspaceId: ws, ...p });

/** A deal as the deals page shows it. */
const dealRow = (pick: (d: ReturnType<typeof dealsPageData>['deals'][number]) => boolean) => dealsPageData(db, ws, TODAY).deals.find(pick)!;

const rows = (platform: string, today = TODAY) =>
	payoutsPageData(db, ws, today)
		.reconciliation.filter((r) => r.platform === platform)
		.map((r) => [r.expectedDate, r.expectedMinor, r.status, r.receivedDate, r.receivedMinor]);

/** The dashboard's cash cells and what the payouts page received or still expects, per platform and month. */
function expectDashboardAgrees(today: string) {
	const page = payoutsPageData(db, ws, today);
	clearDashboardCache();
	const dash = computeDashboard(db, ws, { today, basis: 'cash', from: '2026-01', to: '2026-12' });
	expectCashAgrees(dash, payoutsPageCash(page.reconciliation), new Set([...dash.cash.cells.map((c) => c.platform), ...page.reconciliation.map((r) => r.platform)]));
}

beforeEach(() => {
	db = openDatabase(':memory:');
	clearDashboardCache();
	ws = createWorkspace(db, 'Deals', 'CNY', null).id;
});

describe('two deals on one brand platform', () => {
	beforeEach(() => {
		// A: unpaid, invoiced 2026-08-15, net 45 → due 2026-09-29 (net 672,000 after tax).
		deal({ counterparty: 'Acme Tea', amountMinor: 800_000, invoicedOn: '2026-08-15', netDays: 45 });
		// B: same platform, invoiced 2026-09-15, net 30 → due 2026-10-15, paid 2026-10-20 (net 420,000).
		// Its payment lies within A's pairing window (2026-09-19 … 2026-11-13): it must not pay A.
		deal({ platformId: platformId('Acme Tea'), counterparty: 'Acme Tea', title: 'B', amountMinor: 500_000, invoicedOn: '2026-09-15', status: 'paid', paidOn: '2026-10-20' });
	});

	it('the payouts page calls the unpaid deal late and pairs the paid one with its own payment', () => {
		expect(rows('Acme Tea')).toEqual([
			['2026-09-29', 672_000, 'late', null, null],
			['2026-10-15', 420_000, 'matched', '2026-10-20', 420_000]
		]);
		const page = payoutsPageData(db, ws, TODAY);
		expect(page.late).toEqual([{ currency: 'CNY', amountMinor: 672_000, count: 1 }]);
		// The deals page says the same: only A is overdue.
		expect(dealsPageData(db, ws, TODAY).deals.filter((d) => d.overdue.overdue).map((d) => d.title)).toEqual([null]);
		// The CLI's `payouts` rows.
		expect(payoutList(db, ws, TODAY).map((r) => [r.platform, r.date, r.amount, r.status, r.reconciliation])).toEqual([
			['Acme Tea', '2026-09-29', '6720.00', 'late', 'late'],
			['Acme Tea', '2026-10-20', '4200.00', 'received', 'matched']
		]);
	});

	it('receivables stay one row per platform; what is owed is aged by the unpaid deal, not the paid one', () => {
		const r = workspaceReceivables(db, ws, TODAY);
		// A earned 2026-08-15: 98 days old.
		expect(r.rows).toMatchObject([
			{
				platform: 'Acme Tea',
				earnedMinor: 1_092_000,
				receivedMinor: 420_000,
				outstandingMinor: 672_000,
				overReceivedMinor: 0,
				buckets: { '0-30': 0, '31-60': 0, '61-90': 0, '90+': 672_000 },
				oldestUnpaid: '2026-08-15',
				hasPayoutData: true,
				tracked: true
			}
		]);
		expect(r.totals).toEqual([{ currency: 'CNY', outstandingMinor: 672_000, buckets: { '0-30': 0, '31-60': 0, '61-90': 0, '90+': 672_000 } }]);
		expect(payoutsPageData(db, ws, TODAY).receivables.rows.map((x) => [x.platform, x.outstandingMinor])).toEqual([['Acme Tea', 672_000]]);
		// The report as of the quarter's end: the same owed amount and age, the deal named overdue.
		const q4 = buildReport(db, ws, '2026-Q4');
		expect(q4.receivables.rows).toEqual([{ platform: 'Acme Tea', currency: 'CNY', outstandingMinor: 672_000, buckets: { '0-30': 0, '31-60': 0, '61-90': 0, '90+': 672_000 } }]);
		expect(q4.receivables.dealsOverdue).toEqual(['Acme Tea']);
	});

	it('the dashboard cash basis agrees with the payouts page, month by month', () => {
		expectDashboardAgrees(TODAY);
		expectDashboardAgrees('2026-10-01');
		expectDashboardAgrees('2026-10-16');
	});

	it('a payment dated after today is not received as of today', () => {
		// As of 2026-10-01 B (paid 2026-10-20) is still to come; as of 2026-10-16 it is due and not yet paid.
		expect(rows('Acme Tea', '2026-10-01')).toEqual([
			['2026-09-29', 672_000, 'late', null, null],
			['2026-10-15', 420_000, 'expected', null, null]
		]);
		expect(rows('Acme Tea', '2026-10-16')).toEqual([
			['2026-09-29', 672_000, 'late', null, null],
			['2026-10-15', 420_000, 'late', null, null]
		]);
		expect(rows('Acme Tea', '2026-10-20')[1]).toEqual(['2026-10-15', 420_000, 'matched', '2026-10-20', 420_000]);
		// The CLI's rows say the same.
		expect(payoutList(db, ws, '2026-10-16').map((r) => [r.date, r.status])).toEqual([
			['2026-09-29', 'late'],
			['2026-10-15', 'late']
		]);
	});
});

describe('a deal in instalments (milestones) beside another deal on its platform', () => {
	beforeEach(() => {
		// M: 50% due 2026-08-01, 50% 2026-09-01, net 30 → expected 2026-08-31 and 2026-10-01 (420,000 each),
		// marked paid once, on 2026-10-05: the payment settles both instalments.
		deal({
			counterparty: 'Dune Studio',
			amountMinor: 1_000_000,
			status: 'paid',
			paidOn: '2026-10-05',
			milestones: [
				{ description: 'script', shareBps: 5000, dueOn: '2026-08-01' },
				{ description: 'video', shareBps: 5000, dueOn: '2026-09-01' }
			]
		});
		// N: unpaid, invoiced 2026-09-10, net 30 → due 2026-10-10 (net 256,000).
		deal({ platformId: platformId('Dune Studio'), counterparty: 'Dune Studio', title: 'N', amountMinor: 300_000, invoicedOn: '2026-09-10' });
	});

	it("a deal marked paid pays every instalment on its paid date; the other deal's is late", () => {
		expect(rows('Dune Studio')).toEqual([
			['2026-08-31', 420_000, 'matched', '2026-10-05', 420_000],
			['2026-10-01', 420_000, 'matched', '2026-10-05', 420_000],
			['2026-10-10', 256_000, 'late', null, null]
		]);
		const page = payoutsPageData(db, ws, TODAY);
		expect(page.late).toEqual([{ currency: 'CNY', amountMinor: 256_000, count: 1 }]);
		expect(page.reconciliation.filter((r) => r.status === 'matched').map((r) => r.daysLate)).toEqual([35, 4]);
		// 2026-09-10 → 2026-11-21: 72 days.
		expect(workspaceReceivables(db, ws, TODAY).rows).toMatchObject([
			{ platform: 'Dune Studio', outstandingMinor: 256_000, overReceivedMinor: 0, buckets: { '0-30': 0, '31-60': 0, '61-90': 256_000, '90+': 0 }, oldestUnpaid: '2026-09-10' }
		]);
	});

	it('the CLI lists the one payment as one received row', () => {
		expect(payoutList(db, ws, TODAY).map((r) => [r.platform, r.date, r.amount, r.status, r.months, r.expectedAmount, r.reconciliation])).toEqual([
			['Dune Studio', '2026-10-05', '8400.00', 'received', ['2026-08', '2026-09'], '8400.00', 'matched'],
			['Dune Studio', '2026-10-10', '2560.00', 'late', ['2026-09'], '2560.00', 'late']
		]);
	});

	it('paid long after the first instalment was due, it is still that deal’s payment, never late', () => {
		const m = dealRow((d) => d.title === null);
		saveDeal(db, ws, m.id, { ...m, paidOn: '2026-11-20', milestones: m.milestones.map(({ description, shareBps, dueOn }) => ({ description, shareBps, dueOn })) });
		expect(rows('Dune Studio')).toEqual([
			['2026-08-31', 420_000, 'matched', '2026-11-20', 420_000],
			['2026-10-01', 420_000, 'matched', '2026-11-20', 420_000],
			['2026-10-10', 256_000, 'late', null, null]
		]);
		expectDashboardAgrees(TODAY);
	});

	it('the dashboard cash basis agrees with the payouts page', () => {
		expectDashboardAgrees(TODAY);
		expectDashboardAgrees('2026-09-15');
		expectDashboardAgrees('2026-10-03');
	});
});

describe('a platform with a payout rule, imported payouts and a deal', () => {
	beforeEach(() => {
		// Bilibili: paid on the 10th of the next month. September's 1,000.00 → 2026-10-10, received 2026-10-09.
		const bili = bilibiliWithSeptemberAds();
		receivedPayout({ platformId: bili, paidOn: '2026-10-09', amountMinor: 100_000, fingerprint: 1 });
		// A deal booked under Bilibili, unpaid: invoiced 2026-09-08, net 30 → due 2026-10-08 (net 256,000).
		deal({ platformId: bili, counterparty: 'Cedar Ink', amountMinor: 300_000, invoicedOn: '2026-09-08' });
	});

	it("the imported payout pays the platform's own payout, not the deal", () => {
		expect(rows('Bilibili')).toEqual([
			['2026-10-08', 256_000, 'late', null, null],
			['2026-10-10', 100_000, 'matched', '2026-10-09', 100_000]
		]);
		expect(payoutsPageData(db, ws, TODAY).late).toEqual([{ currency: 'CNY', amountMinor: 256_000, count: 1 }]);
		// Owed: the deal, earned 2026-09-08 (74 days); September's ads income is paid.
		expect(workspaceReceivables(db, ws, TODAY).rows).toMatchObject([
			{ platform: 'Bilibili', earnedMinor: 356_000, receivedMinor: 100_000, outstandingMinor: 256_000, buckets: { '0-30': 0, '31-60': 0, '61-90': 256_000, '90+': 0 }, hasPayoutData: true, tracked: true }
		]);
	});

	it('the dashboard cash basis agrees with the payouts page', () => {
		expectDashboardAgrees(TODAY);
	});

	it("a deal marked paid and also inside the platform's imported payouts is cash once on the dashboard", () => {
		// The deal is paid through Bilibili: its 2,560.00 arrives in an imported Bilibili payout on 2026-10-09,
		// and the deal is marked paid that day too.
		const bili = platformId('Bilibili');
		receivedPayout({ platformId: bili, paidOn: '2026-10-09', amountMinor: 256_000, fingerprint: 2 });
		const d = dealRow((x) => x.platform === 'Bilibili');
		setDealStatus(db, ws, d.id, 'paid', '2026-10-09');
		clearDashboardCache();
		const dash = computeDashboard(db, ws, { today: TODAY, basis: 'cash', from: '2026-01', to: '2026-12' });
		// Bilibili's imported payouts are its cash through October (1,000.00 + 2,560.00), the deal's payment
		// among them: not 2,560.00 more for the deal marked paid.
		expect(dash.cash.cells.filter((c) => c.platform === 'Bilibili' && c.amountMinor !== 0).map((c) => [c.month, c.amountMinor])).toEqual([['2026-10', 356_000]]);
		// Until the user links the deal to that payout (next describe), the payouts page pairs the deal with its
		// own record and lists the bank payout holding its money as unexpected: the money twice there.
		expect(rows('Bilibili')).toEqual([
			['2026-10-08', 256_000, 'matched', '2026-10-09', 256_000],
			[null, null, 'unexpected', '2026-10-09', 256_000],
			['2026-10-10', 100_000, 'matched', '2026-10-09', 100_000]
		]);
		// Marked paid after the last imported payout month, the deal's payment is its own cash again.
		setDealStatus(db, ws, d.id, 'paid', '2026-11-03');
		clearDashboardCache();
		const later = computeDashboard(db, ws, { today: TODAY, basis: 'cash', from: '2026-01', to: '2026-12' });
		expect(later.cash.cells.filter((c) => c.platform === 'Bilibili' && c.amountMinor !== 0).map((c) => [c.month, c.amountMinor])).toEqual([
			['2026-10', 356_000],
			['2026-11', 256_000]
		]);
	});
});

describe('a deal paid inside an imported payout of its platform, linked on the deals page', () => {
	let bili: number;
	let dealId: number;
	let holder: number;
	beforeEach(() => {
		bili = bilibiliWithSeptemberAds();
		receivedPayout({ platformId: bili, paidOn: '2026-10-09', amountMinor: 100_000, fingerprint: 1 });
		// Unpaid deal under Bilibili: due 2026-10-08, net 2,560.00 after tax; its money came in a Bilibili payout.
		deal({ platformId: bili, counterparty: 'Cedar Ink', amountMinor: 300_000, invoicedOn: '2026-09-08' });
		dealId = dealRow((x) => x.platform === 'Bilibili').id;
		holder = receivedPayout({ platformId: bili, paidOn: '2026-10-12', amountMinor: 256_000, fingerprint: 2 });
	});

	it("the deals page offers the platform's imported payouts; linked, the money is listed once, as the deal's, on the payout's day", () => {
		const offered = dealRow((d) => d.id === dealId).payoutChoices;
		expect(offered.map((p) => [p.paidOn, p.amountMinor])).toEqual([
			['2026-10-12', 256_000],
			['2026-10-09', 100_000]
		]);
		expect(setDealStatus(db, ws, dealId, 'paid', '2026-10-20', holder)).toBe(true);
		const saved = dealRow((d) => d.id === dealId);
		expect([saved.status, saved.paidOn, saved.paidPayoutId]).toEqual(['paid', '2026-10-12', holder]);
		expect(saved.paidIn).toEqual({ id: holder, paidOn: '2026-10-12', amountMinor: 256_000 });
		// Without the link the bank payout was also listed (unexpected) and Bilibili over-received.
		expect(rows('Bilibili')).toEqual([
			['2026-10-08', 256_000, 'matched', '2026-10-12', 256_000],
			['2026-10-10', 100_000, 'matched', '2026-10-09', 100_000]
		]);
		// Nothing owed and nothing over-received (unlinked, Bilibili showed 2,560.00 over-received).
		expect(workspaceReceivables(db, ws, TODAY).rows).toEqual([]);
		expect(payoutList(db, ws, TODAY).filter((r) => r.platform === 'Bilibili').map((r) => [r.date, r.amount, r.status])).toEqual([
			['2026-10-09', '1000.00', 'received'],
			['2026-10-12', '2560.00', 'received']
		]);
		expectDashboardAgrees(TODAY);
	});

	it('a linked payout older than the newest 24 offered is still offered (and still selected), and saving the status again keeps the link', () => {
		expect(setDealStatus(db, ws, dealId, 'paid', '2026-10-20', holder)).toBe(true);
		// 24 newer payouts push the linked one out of the newest 24.
		for (let k = 0; k < 24; k++) receivedPayout({ platformId: bili, paidOn: `2026-11-${String(k + 1).padStart(2, '0')}`, amountMinor: 1_000 + k, fingerprint: 100 + k });
		const d = dealRow((x) => x.id === dealId);
		expect(d.payoutChoices).toHaveLength(25);
		expect(d.payoutChoices.map((p) => p.id)).toContain(holder);
		expect(d.payoutChoices.some((p) => p.paidOn === '2026-10-09')).toBe(false);
		expect(d.paidIn).toEqual({ id: holder, paidOn: '2026-10-12', amountMinor: 256_000 });
		expect(setDealStatus(db, ws, dealId, 'paid', '2026-10-12', holder)).toBe(true);
		expect(dealRow((x) => x.id === dealId).paidPayoutId).toBe(holder);
	});

	it('a payout bigger than the deal keeps the rest for the platform; undoing the payout clears the link', () => {
		db.update(payouts).set({ amountMinor: 300_000 }).where(eq(payouts.id, holder)).run();
		expect(setDealStatus(db, ws, dealId, 'paid', '2026-10-12', holder)).toBe(true);
		// 2,560.00 of the 3,000.00 is the deal's; 440.00 is left to the platform, unexpected by its rule.
		expect(rows('Bilibili')).toEqual([
			['2026-10-08', 256_000, 'matched', '2026-10-12', 256_000],
			['2026-10-10', 100_000, 'matched', '2026-10-09', 100_000],
			[null, null, 'unexpected', '2026-10-12', 44_000]
		]);
		expectDashboardAgrees(TODAY);
		// The payout's batch undone (the row gone): the deal is paid by its own record again, on the same day.
		db.delete(payouts).where(eq(payouts.id, holder)).run();
		const after = dealRow((d) => d.id === dealId);
		expect([after.status, after.paidOn, after.paidPayoutId, after.paidIn]).toEqual(['paid', '2026-10-12', null, null]);
		expect(rows('Bilibili')).toEqual([
			['2026-10-08', 256_000, 'matched', '2026-10-12', 256_000],
			['2026-10-10', 100_000, 'matched', '2026-10-09', 100_000]
		]);
	});

	it('refuses a payout of another platform or workspace, or one too small for the deals it would hold', () => {
		const other = ensurePlatform(db, ws, { name: 'Douyin', currency: 'CNY', presetId: null });
		const foreign = receivedPayout({ platformId: other, paidOn: '2026-10-12', amountMinor: 900_000, fingerprint: 3 });
		expect(setDealStatus(db, ws, dealId, 'paid', '2026-10-12', foreign)).toBe('payout_other_platform');
		const otherWs = createWorkspace(db, 'Other', 'CNY', null).id;
		const theirs = receivedPayout({ workspaceId: otherWs, platformId: ensurePlatform(db, otherWs, { name: 'Bilibili', currency: 'CNY', presetId: null }), paidOn: '2026-10-12', amountMinor: 900_000, fingerprint: 4 });
		expect(setDealStatus(db, ws, dealId, 'paid', '2026-10-12', theirs)).toBe('payout_not_found');
		// The 1,000.00 payout cannot hold a 2,560.00 deal.
		const small = dealRow((d) => d.id === dealId).payoutChoices.find((p) => p.amountMinor === 100_000)!.id;
		expect(setDealStatus(db, ws, dealId, 'paid', '2026-10-12', small)).toBe('payout_too_small');
		// Nothing was changed by the refusals.
		expect(dealRow((d) => d.id === dealId)).toMatchObject({ status: 'invoiced', paidPayoutId: null });
		// The right payout holds it; a second deal of 1,000.00 net does not fit beside it.
		expect(setDealStatus(db, ws, dealId, 'paid', '2026-10-12', holder)).toBe(true);
		deal({ platformId: bili, counterparty: 'Birch Co', amountMinor: 100_000, invoicedOn: '2026-09-10' });
		const second = dealRow((d) => d.counterparty === 'Birch Co').id;
		expect(setDealStatus(db, ws, second, 'paid', '2026-10-12', holder)).toBe('payout_too_small');
	});

	it('an edit that would give the deal a bigger net than its payout holds is refused; a net grown anyway stays owed', () => {
		expect(setDealStatus(db, ws, dealId, 'paid', '2026-10-12', holder)).toBe(true);
		const edit = dealInput({ platformId: bili, counterparty: 'Cedar Ink', amountMinor: 500_000, invoicedOn: '2026-09-08', status: 'paid', paidOn: '2026-10-12' });
		expect(saveDeal(db, ws, dealId, edit)).toBe('outgrows_payout');
		expect(dealRow((x) => x.id === dealId)).toMatchObject({ amountMinor: 300_000, paidPayoutId: holder });
		// Split into two milestones, the tax withheld per instalment changes the net (2 × 1,360.00): refused too.
		expect(saveDeal(db, ws, dealId, { ...edit, amountMinor: 300_000, milestones: [{ description: null, shareBps: 5_000, dueOn: '2026-09-08' }, { description: null, shareBps: 5_000, dueOn: '2026-09-20' }] })).toBe('outgrows_payout');
		// Should the net grow past the payout anyway (here: written straight into the database), the deal is
		// received only up to what the payout held, and the rest is owed, not counted as cash.
		db.update(deals).set({ amountMinor: 500_000 }).where(eq(deals.id, dealId)).run();
		db.transaction((tx) => refreshComputedEarningsIn(tx, ws));
		expect(rows('Bilibili')[0]).toEqual(['2026-10-08', 420_000, 'amount_differs', '2026-10-12', 256_000]);
		expect(workspaceReceivables(db, ws, TODAY).rows).toMatchObject([{ platform: 'Bilibili', outstandingMinor: 164_000, overReceivedMinor: 0 }]);
		expectDashboardAgrees(TODAY);
	});

	it('the status form: a payout chosen for a deal that is not marked paid is a problem, not silently dropped', () => {
		const form = (fields: Record<string, string>) => {
			const f = new FormData();
			for (const [k, v] of Object.entries(fields)) f.set(k, v);
			return parseDealStatus(f);
		};
		expect(form({ status: 'invoiced', paidOn: '', payoutId: String(holder) })).toEqual({ ok: false, problems: [{ field: 'payoutId', problem: 'payout_needs_paid' }] });
		expect(form({ status: 'paid', paidOn: '', payoutId: String(holder) })).toEqual({ ok: true, value: { status: 'paid', paidOn: null, payoutId: holder } });
		expect(form({ status: 'paid', paidOn: '2026-10-12', payoutId: 'x' })).toMatchObject({ ok: false, problems: [{ field: 'payoutId', problem: 'bad_choice' }] });
		expect(form({ status: 'invoiced', paidOn: '', payoutId: '' })).toEqual({ ok: true, value: { status: 'invoiced', paidOn: null, payoutId: null } });
	});

	it('a payout in another currency is refused; replacing the deals from a workspace file says how many links it drops', () => {
		const usd = receivedPayout({ platformId: bili, paidOn: '2026-10-12', amountMinor: 900_000, currency: 'USD', fingerprint: 5 });
		expect(setDealStatus(db, ws, dealId, 'paid', '2026-10-12', usd)).toBe('payout_other_platform');
		expect(setDealStatus(db, ws, dealId, 'paid', '2026-10-12', holder)).toBe(true);
		const file = exportWorkspaceFile(db, ws);
		const r = importWorkspaceFile(db, ws, file);
		expect(r).toMatchObject({ ok: true, summary: { deals: 1, payoutLinksDropped: 1 } });
		expect(dealsPageData(db, ws, TODAY).deals.map((d) => d.paidPayoutId)).toEqual([null]);
		expect(importWorkspaceFile(db, ws, file)).toMatchObject({ ok: true, summary: { payoutLinksDropped: 0 } });
	});

	it('editing the deal so the link is no longer true (another paid date) drops it', () => {
		expect(setDealStatus(db, ws, dealId, 'paid', '2026-10-12', holder)).toBe(true);
		const d = dealRow((x) => x.id === dealId);
		const edit = dealInput({ platformId: bili, counterparty: 'Cedar Ink', amountMinor: 300_000, invoicedOn: '2026-09-08', status: 'paid', paidOn: '2026-10-12' });
		expect(saveDeal(db, ws, d.id, edit)).toBe(true);
		expect(dealRow((x) => x.id === dealId).paidPayoutId).toBe(holder);
		expect(saveDeal(db, ws, d.id, { ...edit, paidOn: '2026-10-15' })).toBe(true);
		expect(dealRow((x) => x.id === dealId).paidPayoutId).toBeNull();
	});
});

describe('a deal linked to a payout of an imported statement', () => {
	it("undoing the statement's batch clears the link; the deal stays paid by its own record", async () => {
		const plan = await analyseStatement(fileSource('tests/fixtures/statements/stripe_payouts.csv'));
		const batch = commitImport(db, ws, null, plan).batchId!;
		const stripe = platformId('Stripe');
		deal({ platformId: stripe, counterparty: 'Crumb Studio', amountMinor: 109_536, currency: 'USD', invoicedOn: '2025-05-12' });
		const d = dealRow((x) => x.counterparty === 'Crumb Studio');
		const held = d.payoutChoices.find((p) => p.paidOn === '2025-06-11')!;
		expect(held.amountMinor).toBe(109_536);
		expect(setDealStatus(db, ws, d.id, 'paid', '2025-06-11', held.id)).toBe(true);
		const receivedOn = () => payoutsPageData(db, ws, TODAY).reconciliation.filter((r) => r.receivedDate === '2025-06-11').map((r) => r.status);
		expect(receivedOn()).toEqual(['matched']);
		expect(undoBatch(db, ws, batch)).toMatchObject({ payouts: plan.counts.payouts });
		expect(dealRow((x) => x.id === d.id)).toMatchObject({ status: 'paid', paidOn: '2025-06-11', paidPayoutId: null, payoutChoices: [] });
		expect(receivedOn()).toEqual(['matched']);
	});

	it('finds the deals that name a payout through their own index (what ON DELETE SET NULL does for each undone payout)', () => {
		const plan = (db.$client.prepare('EXPLAIN QUERY PLAN UPDATE deals SET paid_payout_id = NULL WHERE paid_payout_id = ?').all(1) as { detail: string }[]).map((r) => r.detail).join(' | ');
		expect(plan).toMatch(/USING (COVERING )?INDEX deals_paid_payout_idx/);
	});
});

describe('a platform with untracked rule income and an overdue deal', () => {
	beforeEach(() => {
		// Bilibili: September's ads income under its rule, no payouts imported (untracked: assumed received).
		const bili = bilibiliWithSeptemberAds();
		// A deal booked under Bilibili, unpaid: invoiced 2026-08-01, net 30 → due 2026-08-31 (net 256,000).
		deal({ platformId: bili, counterparty: 'Cedar Ink', amountMinor: 300_000, invoicedOn: '2026-08-01' });
	});

	it('the report prints the overdue deal as owed and names the rule income as untracked', () => {
		const q3 = buildReport(db, ws, '2026-Q3');
		// As of 2026-09-30: the deal, earned 2026-08-01, is 60 days old and overdue; the ads income is not known.
		expect(q3.receivables.rows).toEqual([{ platform: 'Bilibili', currency: 'CNY', outstandingMinor: 256_000, buckets: { '0-30': 0, '31-60': 256_000, '61-90': 0, '90+': 0 } }]);
		expect(q3.receivables.dealsOverdue).toEqual(['Bilibili']);
		expect(q3.receivables.untracked).toEqual(['Bilibili']);
		// The payouts area's row says which part is known: the deal's.
		expect(workspaceReceivables(db, ws, '2026-09-30').rows).toMatchObject([{ platform: 'Bilibili', tracked: false, trackedOutstandingMinor: 256_000 }]);
	});
});
