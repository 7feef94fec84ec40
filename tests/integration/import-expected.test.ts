/**
 * Future dates are allowed and shown as expected income: a line dated after today (or, without a
 * day, in a month after this one) imports like any other, is flagged in the preview and counted in
 * one notice with the dates it spans. Payouts and lines up to today are not.
 */
import { describe, expect, it } from 'vitest';
import { commitImport } from '../../src/lib/server/import/commit';
import { analyseStatement, bytesSource } from '../../src/lib/server/import/pipeline';
import { analyseFile, count, freshWorkspace } from './import-support';

const encode = (text: string) => new TextEncoder().encode(text);
const HEADER = 'date,description,counterparty,gross,fee,tax,net,currency,external_id';

describe('income dated after today', () => {
	const text = [
		HEADER,
		'2026-11-20,Tip,Ann,5.00,0.25,0,4.75,USD,t1',
		'2026-11-21,Tip,Ben,6.00,0.30,0,5.70,USD,t2',
		'2026-12-01,Sponsorship,Brightloaf,300.00,9.00,0,291.00,USD,s1',
		'2027-01-15,Sponsorship,Brightloaf,300.00,9.00,0,291.00,USD,s2'
	].join('\n');

	it('imports it, flags it in the preview and counts it in one notice', async () => {
		const plan = await analyseStatement(bytesSource('deals.csv', encode(text)), { today: '2026-11-21' });
		expect(plan.ok).toBe(true);
		expect(plan.counts).toMatchObject({ income: 4, errors: 0 });
		// Today itself is not the future.
		expect(plan.preview.map((r) => [r.date, r.expected ?? false])).toEqual([
			['2026-11-20', false],
			['2026-11-21', false],
			['2026-12-01', true],
			['2027-01-15', true]
		]);
		const notice = plan.warnings.filter((w) => w.code === 'future_dates');
		expect(notice).toHaveLength(1);
		expect(notice[0].params).toEqual({ count: 2, span: '2026-12-01 – 2027-01-15' });

		const { db, workspaceId } = freshWorkspace();
		expect(commitImport(db, workspaceId, null, plan).earningsInserted).toBe(4);
		expect(count(db, 'earnings', workspaceId)).toBe(4);
	});

	it('says nothing when every line is up to today', async () => {
		const plan = await analyseStatement(bytesSource('deals.csv', encode(text)), { today: '2027-01-15' });
		expect(plan.preview.some((r) => r.expected)).toBe(false);
		expect(plan.warnings.filter((w) => w.code === 'future_dates')).toEqual([]);
	});

	it('counts a statement without days by its month', async () => {
		const months = ['Month,Item,Earnings', '2026-11,Book A,10.00', '2026-12,Book B,20.00'].join('\n');
		const plan = await analyseStatement(bytesSource('months.csv', encode(months)), {
			map: { month: 'Month', description: 'Item', gross: 'Earnings' },
			dateFormat: 'YYYY-MM',
			currency: 'EUR',
			today: '2026-11-30'
		});
		expect(plan.counts.income).toBe(2);
		expect(plan.preview.map((r) => r.expected ?? false)).toEqual([false, true]);
		expect(plan.warnings.find((w) => w.code === 'future_dates')?.params).toEqual({ count: 1, span: '2026-12' });
	});

	it('does not count payouts, which are cash on their day', async () => {
		// Every line of this statement is a payout; all of them after a "today" far back.
		const plan = await analyseFile('stripe_payouts.csv', { today: '2000-01-01' });
		expect(plan.counts.payouts).toBeGreaterThan(0);
		expect(plan.counts.income).toBe(0);
		expect(plan.warnings.filter((w) => w.code === 'future_dates')).toEqual([]);
	});
});

describe('rows in runs of one date and currency (what the normaliser carries from one row to the next)', () => {
	it('flags, totals and dates each row as if it were alone, whatever the row before it was', async () => {
		// Dates and currencies that repeat, come back later, and alternate; today falls inside.
		const dates = ['2026-11-20', '2026-11-20', '2026-11-22', '2026-11-22', '2026-11-20', '2026-12-05', '2026-11-21', '2026-12-05', '2025-01-03'];
		const currencies = ['USD', 'USD', 'EUR', 'USD', 'EUR', 'EUR', 'CNY', 'CNY', 'USD'];
		const lines = [HEADER];
		const rows: { date: string; currency: string; net: number }[] = [];
		for (let i = 0; i < 60; i++) {
			const date = dates[i % dates.length];
			const currency = currencies[(i * 7) % currencies.length];
			const net = 100 + i;
			rows.push({ date, currency, net });
			lines.push(`${date},Line ${i},Buyer,${(net / 100).toFixed(2)},0.00,0.00,${(net / 100).toFixed(2)},${currency},x${i}`);
		}
		const plan = await analyseStatement(bytesSource('runs.csv', encode(lines.join('\n'))), { today: '2026-11-21' });
		expect(plan.counts).toMatchObject({ income: 60, errors: 0 });
		expect(plan.preview.map((r) => [r.date, r.currency, r.expected ?? false])).toEqual(rows.map((r) => [r.date, r.currency, r.date > '2026-11-21']));
		const future = rows.filter((r) => r.date > '2026-11-21');
		expect(plan.warnings.find((w) => w.code === 'future_dates')?.params).toEqual({ count: future.length, span: '2026-11-22 – 2026-12-05' });
		const byCurrency = new Map<string, number>();
		for (const r of rows) byCurrency.set(r.currency, (byCurrency.get(r.currency) ?? 0) + r.net);
		expect(Object.fromEntries(plan.totals.map((t) => [t.currency, t.net]))).toEqual(Object.fromEntries([...byCurrency].map(([c, n]) => [c, (n / 100).toFixed(2)])));
		expect(plan.period).toEqual({ from: '2025-01', to: '2026-12' });

		const { db, workspaceId } = freshWorkspace();
		expect(commitImport(db, workspaceId, null, plan).earningsInserted).toBe(60);
		const stored = db.$client.prepare('SELECT earned_on AS date, currency, net_minor AS net FROM earnings WHERE workspace_id = ? ORDER BY id').all(workspaceId);
		expect(stored).toEqual(rows);
	});
});
