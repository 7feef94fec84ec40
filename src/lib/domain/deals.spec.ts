import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dealInstalments, dealOverdue, validateDeal, type DealTerms } from './deals';

function deal(overrides: Partial<DealTerms> = {}): DealTerms {
	return {
		amountMinor: 800_000,
		currency: 'CNY',
		agreedOn: '2025-04-01',
		invoicedOn: '2025-05-02',
		netDays: 45,
		status: 'invoiced',
		paidOn: null,
		milestones: [],
		...overrides
	};
}

describe('dealInstalments', () => {
	it('domain.md §7 deal: 8,000 invoiced 2025-05-02, net 45 → expected 2025-06-16', () => {
		expect(dealInstalments(deal())).toEqual([
			{ milestoneIndex: null, earnedOn: '2025-05-02', amountMinor: 800_000, currency: 'CNY', expectedOn: '2025-06-16' }
		]);
	});

	it.each([
		['not invoiced yet: the agreed date', deal({ invoicedOn: null }), ['2025-04-01']],
		['no dates: nothing to place', deal({ invoicedOn: null, agreedOn: null }), []]
	])('%s', (_n, d, dates) => {
		expect(dealInstalments(d).map((i) => i.earnedOn)).toEqual(dates);
	});

	it('milestones split the amount, the last absorbing rounding', () => {
		const d = deal({
			amountMinor: 100_001,
			netDays: 30,
			milestones: [
				{ shareBps: 3333, dueOn: '2025-03-01' },
				{ shareBps: 3333, dueOn: '2025-04-01' },
				{ shareBps: 3334, dueOn: '2025-05-01' }
			]
		});
		expect(dealInstalments(d).map((i) => [i.earnedOn, i.amountMinor, i.expectedOn])).toEqual([
			['2025-03-01', 33_330, '2025-03-31'],
			['2025-04-01', 33_330, '2025-05-01'],
			['2025-05-01', 33_341, '2025-05-31']
		]);
	});

	it('milestones totalling 100% always sum to the amount', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 6 }), (amount, weights) => {
				const total = weights.reduce((s, w) => s + w, 0);
				const shares = weights.map((w) => Math.floor((w * 10_000) / total));
				shares[shares.length - 1] += 10_000 - shares.reduce((s, x) => s + x, 0);
				const d = deal({ amountMinor: amount, milestones: shares.map((shareBps) => ({ shareBps, dueOn: '2025-01-01' })) });
				expect(dealInstalments(d).reduce((s, i) => s + i.amountMinor, 0)).toBe(amount);
			})
		);
	});
});

describe('dealOverdue', () => {
	it.each([
		['on the expected day: not yet', deal(), '2025-06-16', false, null, 0],
		['a day later: payment overdue', deal(), '2025-06-17', true, 'payment', 1],
		['paid: never overdue', deal({ status: 'paid', paidOn: '2025-06-20' }), '2026-01-01', false, null, 0],
		['delivered but not invoiced', deal({ status: 'delivered', invoicedOn: null, agreedOn: '2025-01-01' }), '2025-03-01', true, 'not_invoiced', 14]
	])('%s', (_n, d, today, overdue, reason, days) => {
		const r = dealOverdue(d, today);
		expect([r.overdue, r.reason, r.days]).toEqual([overdue, reason, days]);
	});

	it('counts only the milestones already due', () => {
		const d = deal({
			netDays: 0,
			milestones: [
				{ shareBps: 5000, dueOn: '2025-03-01' },
				{ shareBps: 5000, dueOn: '2025-09-01' }
			]
		});
		expect(dealOverdue(d, '2025-04-01')).toMatchObject({ overdue: true, since: '2025-03-01', outstandingMinor: 400_000 });
	});
});

describe('validateDeal', () => {
	it.each([
		[deal(), []],
		[deal({ amountMinor: -1 }), ['amount']],
		[deal({ status: 'paid' }), ['paidOn']],
		[deal({ milestones: [{ shareBps: 5000, dueOn: '2025-01-01' }] }), ['milestones']],
		[deal({ netDays: -5 }), ['netDays']]
	])('%#', (d, fields) => {
		expect(validateDeal(d).map((p) => p.field)).toEqual(fields);
	});
});
