import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	amountWeightedDelayMonths,
	earningDate,
	expectedPayouts,
	explainPayoutRule,
	isRestrictedRule,
	payableDate,
	ruleVersionAt,
	typicalDelayMonths,
	typicalDelayRange,
	validatePayoutRule,
	type PayoutEarning,
	type PayoutRule
} from './payout-rules';
import { payoutRule } from '../../../tests/factories/payout-rule';

/** AdSense's day, the 21st, unless a test says otherwise. */
const rule = (overrides: Partial<PayoutRule> = {}): PayoutRule => payoutRule({ payoutDay: 21, ...overrides });
const usd = (month: string, amountMinor: number): PayoutEarning => ({ month, amountMinor, currency: 'USD' });
const summary = (r: ReturnType<typeof expectedPayouts>) => r.payouts.map((p) => [p.date, p.amountMinor, p.months.join('+')]);

describe('domain.md §3 worked example: threshold 100, the 21st of the next month', () => {
	const earnings = [usd('2025-01', 4000), usd('2025-02', 5000), usd('2025-03', 2000), usd('2025-04', 12000)];
	const r = expectedPayouts(earnings, [rule({ thresholdMinor: 10000 })]);

	it('Feb 21 and Mar 21 pay nothing (40, then 90 roll over); Apr 21 pays 110; May 21 pays 120', () => {
		expect(r.rolledOver).toEqual([
			{ date: '2025-02-21', balanceMinor: 4000, thresholdMinor: 10000, currency: 'USD' },
			{ date: '2025-03-21', balanceMinor: 9000, thresholdMinor: 10000, currency: 'USD' }
		]);
		expect(summary(r)).toEqual([
			['2025-04-21', 11000, '2025-01+2025-02+2025-03'],
			['2025-05-21', 12000, '2025-04']
		]);
		expect(r.held).toEqual([]);
	});

	it('marks the rolled-over part of a payout', () => {
		expect(r.payouts.map((p) => p.rolledOverMinor)).toEqual([9000, 0]);
		expect(r.payouts[0].earningIndexes).toEqual([0, 1, 2]);
	});

	it('holds what has not been paid by `until`', () => {
		const cut = expectedPayouts(earnings, [rule({ thresholdMinor: 10000 })], { until: '2025-05-01' });
		expect(summary(cut)).toEqual([['2025-04-21', 11000, '2025-01+2025-02+2025-03']]);
		expect(cut.held).toEqual([{ currency: 'USD', amountMinor: 12000, months: ['2025-04'], earningIndexes: [3] }]);
	});

	it('holds a balance that never reaches the threshold', () => {
		const small = expectedPayouts([usd('2025-01', 4000)], [rule({ thresholdMinor: 10000 })]);
		expect(small.payouts).toEqual([]);
		expect(small.held[0].amountMinor).toBe(4000);
	});
});

describe('schedules', () => {
	it.each([
		// [case, rule, earnings, expected [date, amount, months]]
		['payout day 31 clamps to Feb 28', rule({ payoutDay: 31 }), [usd('2025-01', 100)], [['2025-02-28', 100, '2025-01']]],
		['payout day 31 clamps to Feb 29 in a leap year', rule({ payoutDay: 31 }), [usd('2024-01', 100)], [['2024-02-29', 100, '2024-01']]],
		[
			'even months only (Ximalaya "every other month"): Jan → Feb 10, Feb and Mar → Apr 10',
			rule({ payoutDay: 10, payoutMonths: 'even' }),
			[usd('2025-01', 100), usd('2025-02', 200), usd('2025-03', 300)],
			[
				['2025-02-10', 100, '2025-01'],
				['2025-04-10', 500, '2025-02+2025-03']
			]
		],
		[
			'odd months only',
			rule({ payoutDay: 10, payoutMonths: 'odd' }),
			[usd('2025-01', 100), usd('2025-02', 200)],
			[['2025-03-10', 300, '2025-01+2025-02']]
		],
		[
			'month after next (availableAfterMonths 2)',
			rule({ payoutDay: 10, availableAfterMonths: 2 }),
			[usd('2025-01', 100), usd('2025-02', 200)],
			[
				['2025-03-10', 100, '2025-01'],
				['2025-04-10', 200, '2025-02']
			]
		],
		[
			'net days from the earning day (Stripe net 2)',
			rule({ netDays: 2 }),
			[
				{ date: '2025-01-30', amountMinor: 500, currency: 'USD' },
				{ date: '2025-01-30', amountMinor: 700, currency: 'USD' },
				{ date: '2025-01-31', amountMinor: 100, currency: 'USD' }
			],
			[
				['2025-02-01', 1200, '2025-01'],
				['2025-02-02', 100, '2025-01']
			]
		],
		[
			'net days for a month-only row count from the month end',
			rule({ netDays: 30 }),
			[usd('2025-01', 100)],
			[['2025-03-02', 100, '2025-01']]
		],
		[
			'half-monthly: days 1–15 paid on the 16th, the rest on the 1st of the next month',
			rule({ availableAfterMonths: 0, payoutDay: 1, secondPayoutDay: 16 }),
			[
				{ date: '2025-03-03', amountMinor: 100, currency: 'CNY' },
				{ date: '2025-03-15', amountMinor: 50, currency: 'CNY' },
				{ date: '2025-03-16', amountMinor: 200, currency: 'CNY' },
				{ month: '2025-04', amountMinor: 400, currency: 'CNY' }
			],
			[
				['2025-03-16', 150, '2025-03'],
				['2025-04-01', 200, '2025-03'],
				['2025-05-01', 400, '2025-04']
			]
		],
		[
			'same-month payout (k = 0) never precedes a dated earning',
			rule({ availableAfterMonths: 0, payoutDay: 10 }),
			[{ date: '2025-03-12', amountMinor: 100, currency: 'USD' }],
			[['2025-04-10', 100, '2025-03']]
		]
	] as [string, PayoutRule, PayoutEarning[], [string, number, string][]][])('%s', (_name, r, earnings, expected) => {
		expect(summary(expectedPayouts(earnings, [r]))).toEqual(expected);
	});

	it('keeps currencies as separate balances, each against the threshold', () => {
		const r = expectedPayouts(
			[usd('2025-01', 6000), { month: '2025-01', amountMinor: 6000, currency: 'EUR' }, usd('2025-02', 6000)],
			[rule({ thresholdMinor: 10000 })]
		);
		expect(r.payouts.map((p) => [p.date, p.currency, p.amountMinor])).toEqual([['2025-03-21', 'USD', 12000]]);
		expect(r.held).toEqual([{ currency: 'EUR', amountMinor: 6000, months: ['2025-01'], earningIndexes: [1] }]);
	});
});

describe('rule versions by effectiveFrom', () => {
	const v1 = rule({ effectiveFrom: '2024-01-01', payoutDay: 21 });
	const v2 = rule({ effectiveFrom: '2025-03-01', payoutDay: 5, thresholdMinor: 100000 });

	it.each([
		['2023-06-30', v1],
		['2024-01-01', v1],
		['2025-02-28', v1],
		['2025-03-01', v2],
		['2030-01-01', v2]
	])('on %s the version in effect is chosen', (date, expected) => {
		expect(ruleVersionAt([v2, v1], date)).toBe(expected);
	});

	it('pays on the new day with the new threshold from the date it takes effect', () => {
		const r = expectedPayouts([usd('2025-01', 500), usd('2025-02', 600), usd('2025-03', 200000)], [v2, v1]);
		// Jan → Feb 21 (v1); Feb → payable Mar 1, v2's 5th of March; Mar → Apr 5.
		expect(summary(r)).toEqual([
			['2025-02-21', 500, '2025-01'],
			['2025-04-05', 200600, '2025-02+2025-03']
		]);
		expect(r.rolledOver).toEqual([{ date: '2025-03-05', balanceMinor: 600, thresholdMinor: 100000, currency: 'USD' }]);
	});

	it('an earning follows the version of its earning date: switching to net days', () => {
		const net = rule({ effectiveFrom: '2025-02-01', netDays: 10 });
		const r = expectedPayouts([usd('2025-01', 100), { date: '2025-02-03', amountMinor: 50, currency: 'USD' }], [v1, net]);
		expect(summary(r)).toEqual([
			['2025-02-13', 50, '2025-02'],
			['2025-02-21', 100, '2025-01']
		]);
	});
});

describe('rule helpers', () => {
	it.each([
		[rule(), false],
		[rule({ thresholdMinor: 1 }), true],
		[rule({ payoutMonths: 'even' }), true],
		[rule({ netDays: 30, thresholdMinor: 100 }), false]
	])('isRestrictedRule %#', (r, expected) => {
		expect(isRestrictedRule(r)).toBe(expected);
	});

	it.each([
		[rule({ payoutDay: 21 }), 1],
		[rule({ availableAfterMonths: 2 }), 2],
		[rule({ netDays: 2 }), 0],
		[rule({ netDays: 60 }), 2],
		[rule({ payoutDay: 10, payoutMonths: 'even' }), 1]
	])('typicalDelayMonths %#', (r, months) => {
		expect(typicalDelayMonths(r, '2025-03')).toBe(months);
	});

	it.each([
		// Even months only (Ximalaya): odd months' income waits 1 month, even months' 2.
		[rule({ payoutDay: 10, payoutMonths: 'even' }), { min: 1, max: 2 }],
		[rule({ payoutDay: 21 }), { min: 1, max: 1 }],
		[rule({ netDays: 60 }), { min: 2, max: 2 }]
	])('typicalDelayRange %#', (r, range) => {
		expect(typicalDelayRange(r, '2025-03')).toEqual(range);
		expect(typicalDelayRange(r, '2025-04')).toEqual(range);
	});

	it('amount-weighted delay: 110 paid 3, 2 and 1 month(s) late, 120 one month late', () => {
		const earnings = [usd('2025-01', 4000), usd('2025-02', 5000), usd('2025-03', 2000), usd('2025-04', 12000)];
		const r = expectedPayouts(earnings, [rule({ thresholdMinor: 10000 })]);
		const d = amountWeightedDelayMonths(earnings, r);
		expect(d.weightedMonthsMinor).toBe(4000 * 3 + 5000 * 2 + 2000 * 1 + 12000 * 1);
		expect(d.amountMinor).toBe(23000);
		expect(d.months).toBeCloseTo(36000 / 23000, 10);
	});

	it('validates fields', () => {
		expect(validatePayoutRule(rule())).toEqual([]);
		const problems = validatePayoutRule(rule({ payoutDay: 0, thresholdMinor: -1, effectiveFrom: '2025-02-30' }));
		expect(problems.map((p) => p.field)).toEqual(['effectiveFrom', 'payoutDay', 'thresholdMinor']);
	});

	it('explains a rule as message parts', () => {
		expect(explainPayoutRule(rule({ payoutMonths: 'even', thresholdMinor: 10000 }), 'US$100.00')).toEqual([
			{ key: 'payouts_rule_monthly', params: { months: 1, day: 21 } },
			{ key: 'payouts_rule_months_even', params: {} },
			{ key: 'payouts_rule_threshold', params: { amount: 'US$100.00' } }
		]);
		expect(explainPayoutRule(rule({ netDays: 30 }), '')).toEqual([{ key: 'payouts_rule_net_days', params: { days: 30 } }]);
	});

	it('payableDate is never before the earning', () => {
		expect(payableDate({ date: '2025-05-20', amountMinor: 1, currency: 'USD' }, rule({ availableAfterMonths: 0 }))).toBe('2025-05-20');
		expect(payableDate(usd('2025-05', 1), rule())).toBe('2025-06-01');
	});
});

describe('properties', () => {
	const dayArb = fc
		.record({ y: fc.integer({ min: 2023, max: 2026 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
		.map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
	const earningArb: fc.Arbitrary<PayoutEarning> = fc.record({
		date: dayArb,
		dated: fc.boolean(),
		amountMinor: fc.integer({ min: -5000, max: 50000 }),
		currency: fc.constantFrom('USD', 'CNY')
	}).map(({ date, dated, amountMinor, currency }) =>
		dated ? { date, amountMinor, currency } : { month: date.slice(0, 7), amountMinor, currency }
	);
	const ruleArb: fc.Arbitrary<PayoutRule> = fc.record({
		effectiveFrom: dayArb,
		netDays: fc.option(fc.integer({ min: 0, max: 90 }), { freq: 3 }),
		availableAfterMonths: fc.integer({ min: 0, max: 3 }),
		payoutDay: fc.integer({ min: 1, max: 31 }),
		secondPayoutDay: fc.option(fc.integer({ min: 1, max: 31 }), { freq: 3 }),
		payoutMonths: fc.constantFrom('all' as const, 'even' as const, 'odd' as const),
		thresholdMinor: fc.integer({ min: 0, max: 100000 })
	});
	const untilArb = fc.option(dayArb, { freq: 2 });

	it('a zero-sum invoice-style pay date moves no cash (found by fast-check: one earning of 0, net 0 days)', () => {
		const r = expectedPayouts(
			[{ month: '2023-01', amountMinor: 0, currency: 'USD' }],
			[{ effectiveFrom: '2023-01-01', netDays: 0, availableAfterMonths: 0, payoutDay: 1, secondPayoutDay: null, payoutMonths: 'all', thresholdMinor: 0 }]
		);
		expect(r.payouts).toEqual([]);
		expect(r.held).toEqual([]);
	});

	it('total paid + balance held = total earned, per currency', () => {
		fc.assert(
			fc.property(fc.array(earningArb, { maxLength: 30 }), fc.array(ruleArb, { minLength: 1, maxLength: 3 }), untilArb, (earnings, versions, until) => {
				const r = expectedPayouts(earnings, versions, until ? { until } : {});
				for (const currency of ['USD', 'CNY']) {
					const earned = earnings.filter((e) => e.currency === currency).reduce((s, e) => s + e.amountMinor, 0);
					const paid = r.payouts.filter((p) => p.currency === currency).reduce((s, p) => s + p.amountMinor, 0);
					const held = r.held.filter((h) => h.currency === currency).reduce((s, h) => s + h.amountMinor, 0);
					expect(paid + held).toBe(earned);
				}
				// every earning is paid at most once; those neither paid nor held are invoice-style rows
				// that cancel out on one pay date (a refund against a sale: no cash moves), so they sum to zero
				const seen = [...r.payouts.flatMap((p) => p.earningIndexes), ...r.held.flatMap((h) => h.earningIndexes)];
				expect(new Set(seen).size).toBe(seen.length);
				const accounted = new Set(seen);
				for (const currency of ['USD', 'CNY']) {
					const unaccounted = earnings.filter((e, i) => e.currency === currency && !accounted.has(i));
					expect(unaccounted.reduce((s, e) => s + e.amountMinor, 0)).toBe(0);
				}
			})
		);
	});

	it('no payout precedes its earnings, and none falls after `until`', () => {
		fc.assert(
			fc.property(fc.array(earningArb, { maxLength: 30 }), fc.array(ruleArb, { minLength: 1, maxLength: 3 }), untilArb, (earnings, versions, until) => {
				const r = expectedPayouts(earnings, versions, until ? { until } : {});
				for (const p of r.payouts) {
					for (const i of p.earningIndexes) expect(p.date >= earningDate(earnings[i])).toBe(true);
					if (until) expect(p.date <= until).toBe(true);
				}
			})
		);
	});

	it('a payout under a threshold rule reaches the threshold', () => {
		fc.assert(
			fc.property(fc.array(earningArb, { maxLength: 20 }), fc.integer({ min: 1, max: 100000 }), (earnings, thresholdMinor) => {
				const r = expectedPayouts(earnings, [rule({ thresholdMinor })]);
				for (const p of r.payouts) expect(p.amountMinor).toBeGreaterThanOrEqual(thresholdMinor);
			})
		);
	});
});
