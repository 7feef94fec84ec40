import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ageBucket, assumedReceipts, cashStatus, lateTotals, receivables, receivablesTotals, reconcile, type ExpectedPayment, type ReceivedPayment } from './reconciliation';

const exp = (date: string, amountMinor: number, key = 'yt'): ExpectedPayment => ({ key, date, amountMinor, currency: 'USD', months: [] });
const got = (date: string, amountMinor: number, key = 'yt'): ReceivedPayment => ({ key, date, amountMinor, currency: 'USD' });

describe('reconcile', () => {
	const today = '2025-06-01';
	it.each([
		['same day, same amount', [exp('2025-04-21', 11000)], [got('2025-04-21', 11000)], [['matched', 0]]],
		['a few days late, within 1%', [exp('2025-04-21', 11000)], [got('2025-04-24', 10990)], [['matched', -10]]],
		['amount differs', [exp('2025-04-21', 11000)], [got('2025-04-22', 12000)], [['amount_differs', 1000]]],
		['date passed, nothing came', [exp('2025-04-21', 11000)], [], [['late', 0]]],
		['still ahead', [exp('2025-06-21', 11000)], [], [['expected', 0]]],
		['too far from the date to pair', [exp('2025-04-21', 11000)], [got('2025-03-01', 11000)], [['unexpected', 0], ['late', 0]]],
		['another platform does not pair', [exp('2025-04-21', 11000)], [got('2025-04-21', 11000, 'tw')], [['unexpected', 0], ['late', 0]]]
	])('%s', (_n, expected, received, statuses) => {
		expect(reconcile(expected, received, { today }).map((r) => [r.status, r.differenceMinor])).toEqual(statuses);
	});

	it('pairs each received payout once, to the nearest expected date', () => {
		const rows = reconcile([exp('2025-04-21', 100), exp('2025-05-21', 200)], [got('2025-05-22', 200), got('2025-04-23', 100)], { today });
		expect(rows.map((r) => [r.expected?.date, r.received?.date, r.status, r.daysLate])).toEqual([
			['2025-04-21', '2025-04-23', 'matched', 2],
			['2025-05-21', '2025-05-22', 'matched', 1]
		]);
	});

	it.each([
		['62 days late', '2025-06-22', 'matched', 62],
		['15 days early', '2025-04-06', 'matched', -15]
	])("a key's own record of payment (a deal marked paid) pairs however far from the date: %s", (_n, date, status, daysLate) => {
		const own: ReceivedPayment = { ...got(date, 11000, 'deal:1'), ownRecord: true };
		expect(reconcile([exp('2025-04-21', 11000, 'deal:1')], [own], { today: '2025-07-01' }).map((r) => [r.status, r.daysLate])).toEqual([[status, daysLate]]);
		// Never another key's: a deal's record does not pay its platform's rule payout, nor another deal's.
		expect(reconcile([exp('2025-04-21', 11000, 'deal:2'), exp('2025-04-21', 11000)], [own], { today: '2025-07-01' }).map((r) => r.status).sort()).toEqual(['late', 'late', 'unexpected']);
	});

	it.each([
		['paid after today, before the date', '2025-04-10', true, 'expected', null],
		['paid after today, after the date', '2025-04-23', true, 'late', 2],
		['a bank payout after today', '2025-04-22', false, 'late', 1],
		['paid on today', '2025-04-24', true, 'matched', 3]
	] as const)('a payment dated after today is not received as of today: %s', (_n, today, own, status, days) => {
		const r: ReceivedPayment = { ...got('2025-04-24', 11000, own ? 'deal:1' : '1'), ownRecord: own };
		const rows = reconcile([exp('2025-04-21', 11000, own ? 'deal:1' : '1')], [r], { today });
		// Nor listed as unexpected: it is simply not there yet.
		expect(rows.map((x) => [x.status, x.daysLate])).toEqual([[status, days]]);
	});

	it.each([
		['matched', 'received'],
		['amount_differs', 'received'],
		['unexpected', 'received'],
		['late', 'late'],
		['expected', 'expected']
	] as const)('cashStatus(%s) = %s', (s, c) => {
		expect(cashStatus(s)).toBe(c);
	});
});

describe('receivables', () => {
	it.each([
		[0, '0-30'],
		[30, '0-30'],
		[31, '31-60'],
		[60, '31-60'],
		[61, '61-90'],
		[90, '61-90'],
		[91, '90+']
	])('%i days → %s', (days, bucket) => {
		expect(ageBucket(days)).toBe(bucket);
	});

	it('pays off the oldest earnings first and ages the rest', () => {
		const earned = [
			{ key: 'yt', date: '2025-01-31', amountMinor: 4000, currency: 'USD' },
			{ key: 'yt', date: '2025-02-28', amountMinor: 5000, currency: 'USD' },
			{ key: 'yt', date: '2025-03-31', amountMinor: 2000, currency: 'USD' },
			{ key: 'yt', date: '2025-04-30', amountMinor: 12000, currency: 'USD' },
			{ key: 'yt', date: '2025-06-30', amountMinor: 999, currency: 'USD' } // after today: not yet earned
		];
		const [row] = receivables(earned, [got('2025-04-21', 6000)], '2025-05-31');
		expect(row).toEqual({
			key: 'yt',
			currency: 'USD',
			earnedMinor: 23000,
			receivedMinor: 6000,
			assumedMinor: 0,
			outstandingMinor: 17000,
			overReceivedMinor: 0,
			// Feb: 3,000 left (92 days), Mar 2,000 (61 days), Apr 12,000 (31 days)
			buckets: { '0-30': 0, '31-60': 12000, '61-90': 2000, '90+': 3000 },
			oldestUnpaid: '2025-02-28'
		});
		expect(receivablesTotals([row])).toEqual([{ currency: 'USD', outstandingMinor: 17000, buckets: row.buckets }]);
	});

	it('outstanding = max(0, earned − received) for non-negative earnings', () => {
		fc.assert(
			fc.property(
				fc.array(fc.record({ day: fc.integer({ min: 1, max: 28 }), amountMinor: fc.integer({ min: 0, max: 10000 }) }), { maxLength: 15 }),
				fc.array(fc.integer({ min: 0, max: 20000 }), { maxLength: 5 }),
				(es, rs) => {
					const earned = es.map((e) => ({ key: 'k', date: `2025-01-${String(e.day).padStart(2, '0')}`, amountMinor: e.amountMinor, currency: 'USD' }));
					const rows = receivables(earned, rs.map((a) => got('2025-01-15', a, 'k')), '2025-02-01');
					const e = earned.reduce((s, x) => s + x.amountMinor, 0);
					const r = rs.reduce((s, x) => s + x, 0);
					const row = rows[0] ?? { outstandingMinor: 0, overReceivedMinor: 0, buckets: { '0-30': 0, '31-60': 0, '61-90': 0, '90+': 0 } };
					expect(row.outstandingMinor).toBe(Math.max(0, e - r));
					expect(row.overReceivedMinor).toBe(Math.max(0, r - e));
					expect(Object.values(row.buckets).reduce((s, x) => s + x, 0)).toBe(row.outstandingMinor);
				}
			)
		);
	});
});

describe('untracked payouts (no payouts on record for the platform)', () => {
	const today = '2025-06-01';
	const untracked = (date: string, amountMinor: number, key = 'xm'): ExpectedPayment => ({ ...exp(date, amountMinor, key), tracked: false });

	it('a past one is assumed received, never late; a coming one is expected; neither takes a received payment', () => {
		const rows = reconcile([untracked('2025-04-10', 500), untracked('2025-06-10', 700), exp('2025-04-21', 900, 'xm')], [got('2025-04-15', 500, 'xm')], { today });
		expect(rows.map((r) => [r.expected?.date ?? null, r.status, r.received?.date ?? null])).toEqual([
			['2025-04-10', 'assumed', null],
			// the tracked payout (a deal of the same platform) pairs with the payment on record
			['2025-04-21', 'amount_differs', '2025-04-15'],
			['2025-06-10', 'expected', null]
		]);
		expect(rows.map((r) => cashStatus(r.status))).toEqual(['assumed', 'received', 'expected']);
		expect(lateTotals(rows)).toEqual([]);
	});

	it('late totals sum the tracked payouts whose date passed with nothing received', () => {
		const rows = reconcile([exp('2025-04-21', 1000), exp('2025-05-21', 2000), untracked('2025-05-10', 4000), exp('2025-06-21', 8000)], [], { today });
		expect(lateTotals(rows)).toEqual([{ currency: 'USD', amountMinor: 3000, count: 2 }]);
	});

	it('receivables count the assumed payments as received: only what the rule has not paid out yet is owed', () => {
		const expected = [untracked('2025-04-10', 3000), untracked('2025-06-10', 4000)];
		const assumed = assumedReceipts(expected, today);
		expect(assumed).toEqual([{ key: 'xm', date: '2025-04-10', amountMinor: 3000, currency: 'USD', id: 'assumed:2025-04-10', assumed: true }]);
		const earned = [
			{ key: 'xm', date: '2025-03-31', amountMinor: 3000, currency: 'USD' },
			{ key: 'xm', date: '2025-05-31', amountMinor: 4000, currency: 'USD' }
		];
		const [row] = receivables(earned, assumed, today);
		expect(row).toMatchObject({ earnedMinor: 7000, receivedMinor: 3000, assumedMinor: 3000, outstandingMinor: 4000, buckets: { '0-30': 4000, '31-60': 0, '61-90': 0, '90+': 0 } });
		// Tracked payouts are never assumed.
		expect(assumedReceipts([exp('2025-04-10', 3000)], today)).toEqual([]);
	});
});
