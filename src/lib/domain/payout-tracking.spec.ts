import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inTransit, payoutTracked, type TransitGroup } from './payout-tracking';
import { earningDate, expectedPayouts, type PayoutEarning, type PayoutRule } from './payout-rules';
import { DEFAULT_PAYOUT_RULE } from './payout-defaults';
import { payoutRule } from '../../../tests/factories/payout-rule';

const rule = payoutRule;
const cny = (date: string, amountMinor: number): PayoutEarning => ({ date, amountMinor, currency: 'CNY' });

describe('payoutTracked', () => {
	it.each([
		['deal', false, true],
		['deal', true, true],
		['platform', true, true],
		['platform', false, false],
		['fallback', true, true],
		['fallback', false, false]
	] as const)('%s, platform has imported payouts: %s → %s', (by, imported, tracked) => {
		expect(payoutTracked(by, imported)).toBe(tracked);
	});
});

describe('inTransit', () => {
	// Ximalaya: the 10th of even months for the month before.
	const even = rule({ payoutMonths: 'even' });

	it('counts earnings paid out today or later, not those paid before today nor those not yet earned', () => {
		const g: TransitGroup = {
			rules: [even],
			earnings: [cny('2026-08-15', 100), cny('2026-09-15', 200), cny('2026-10-15', 400), cny('2026-11-25', 800)]
		};
		// Aug + Sep → 2026-10-10 (before today); Oct → 2026-12-10; Nov 25 is after today.
		expect(inTransit([g], '2026-11-21')).toEqual([{ currency: 'CNY', amountMinor: 400, nextDate: '2026-12-10' }]);
		// On the payout day itself the money has not been confirmed yet: still in transit.
		expect(inTransit([g], '2026-10-10')).toEqual([{ currency: 'CNY', amountMinor: 300, nextDate: '2026-10-10' }]);
		expect(inTransit([g], '2026-10-11')).toEqual([]);
	});

	it('includes balances held below a minimum payout, with no date', () => {
		const g: TransitGroup = { rules: [rule({ thresholdMinor: 10_000 })], earnings: [cny('2026-09-15', 3000), cny('2026-10-15', 4000)] };
		expect(inTransit([g], '2026-11-21')).toEqual([{ currency: 'CNY', amountMinor: 7000, nextDate: null }]);
	});

	it('sums groups per currency and takes the earliest next date', () => {
		const a: TransitGroup = { rules: [DEFAULT_PAYOUT_RULE], earnings: [cny('2026-11-02', 500)] };
		const b: TransitGroup = { rules: [rule({ netDays: 30 })], earnings: [cny('2026-11-20', 700), { date: '2026-11-20', amountMinor: 900, currency: 'USD' }] };
		expect(inTransit([a, b], '2026-11-21')).toEqual([
			{ currency: 'CNY', amountMinor: 1200, nextDate: '2026-12-01' },
			{ currency: 'USD', amountMinor: 900, nextDate: '2026-12-20' }
		]);
	});

	it('property: in transit + paid out before today = everything earned by today', () => {
		const earning = fc.record({
			day: fc.integer({ min: 0, max: 700 }),
			amountMinor: fc.integer({ min: 1, max: 50_000 })
		});
		const ruleArb = fc.record({
			netDays: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }),
			availableAfterMonths: fc.integer({ min: 0, max: 3 }),
			payoutDay: fc.integer({ min: 1, max: 31 }),
			payoutMonths: fc.constantFrom('all', 'even', 'odd') as fc.Arbitrary<PayoutRule['payoutMonths']>,
			thresholdMinor: fc.constantFrom(0, 10_000, 100_000)
		});
		const iso = (day: number) => new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
		fc.assert(
			fc.property(fc.array(earning, { maxLength: 40 }), ruleArb, fc.integer({ min: 0, max: 760 }), (items, r, todayDay) => {
				const today = iso(todayDay);
				const earnings = items.map((e) => cny(iso(e.day), e.amountMinor));
				const rules = [rule(r)];
				const [t] = inTransit([{ earnings, rules }], today);
				const earned = earnings.filter((e) => earningDate(e) <= today);
				const paidBefore = expectedPayouts(earnings, rules)
					.payouts.filter((p) => p.date < today)
					.flatMap((p) => p.earningIndexes)
					.reduce((s, i) => s + earnings[i].amountMinor, 0);
				expect((t?.amountMinor ?? 0) + paidBefore).toBe(earned.reduce((s, e) => s + e.amountMinor, 0));
			}),
			{ numRuns: 200 }
		);
	});
});
