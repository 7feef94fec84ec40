/**
 * The printed report's receivables for a platform tracked only by its brand deals: the deal's status
 * says whether it was paid (payout-tracking.ts), so an overdue deal is money owed, aged like any other
 * receivable, and never "no payouts on record".
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../src/lib/server/db/client';
import { createWorkspace } from '../../src/lib/server/db/queries/workspaces';
import { saveDeal, setDealStatus } from '../../src/lib/server/payouts/edit';
import { dealsPageData } from '../../src/lib/server/payouts/pages';
import { buildReport } from '../../src/lib/server/report/build';
import { reportHtml } from '../../src/lib/server/report/html';

let db: DB;
let ws: number;
beforeEach(() => {
	db = openDatabase(':memory:');
	ws = createWorkspace(db, 'Deals', 'CNY', null).id;
	// 8,000 CNY invoiced 2025-05-02, net 45: due 2025-06-16, unpaid (1,280 withheld: 6,720 net).
	saveDeal(db, ws, null, { platformId: null, counterparty: 'Acme Tea', title: null, amountMinor: 800_000, currency: 'CNY', agreedOn: null, invoicedOn: '2025-05-02', netDays: 45, status: 'invoiced', paidOn: null, milestones: [] });
});

describe('a platform with only brand deals in the report', () => {
	it('an overdue deal is a receivable, aged at the period end, and said to be overdue, not "no payouts on record"', () => {
		expect(dealsPageData(db, ws, '2025-06-30').deals).toMatchObject([{ platform: 'Acme Tea', overdue: { overdue: true, reason: 'payment' } }]);
		const r = buildReport(db, ws, '2025-Q2');
		expect(r.receivables.untracked).toEqual([]);
		// Earned 2025-05-02, 59 days before 2025-06-30.
		expect(r.receivables.rows).toEqual([{ platform: 'Acme Tea', currency: 'CNY', outstandingMinor: 672_000, buckets: { '0-30': 0, '31-60': 672_000, '61-90': 0, '90+': 0 } }]);
		// Described by its deal: past its payment date and unpaid.
		expect(r.receivables.dealsOverdue).toEqual(['Acme Tea']);
		for (const [locale, note] of [
			['en', 'As of 2025-06-30, brand deals unpaid past their payment date: Acme Tea.'],
			['zh', '截至 2025-06-30 已过付款日期仍未收款的品牌合作：Acme Tea。']
		] as const) {
			const html = reportHtml(r, { locale, verifyUrl: '/reports/verify' });
			expect(html).toContain('data-testid="report-receivables"');
			expect(html).toContain(note);
			expect(html).not.toContain('report-receivables-untracked');
		}
	});

	it('once the deal is marked paid nothing is owed', () => {
		const id = dealsPageData(db, ws, '2025-06-30').deals[0].id;
		setDealStatus(db, ws, id, 'paid', '2025-06-20');
		const r = buildReport(db, ws, '2025-Q2');
		expect(r.receivables).toEqual({ asOf: '2025-06-30', rows: [], untracked: [] });
		expect(reportHtml(r, { locale: 'en', verifyUrl: '/reports/verify' })).not.toContain('report-receivables-deals-overdue');
	});
});
