import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	commissionEarnedOn,
	commissionRuleAt,
	evaluateCommission,
	expectedCommissionMinor,
	explainCommission,
	gatePassRate,
	narrationFeeMinor,
	type CommissionRule
} from './commission';

// domain.md §4 worked example, CNY minor units (fen)
const rule: CommissionRule = { rateBps: 1500, minPlays: 50_000, minCompletionBps: 4000 };
const revenueMinor = 1_200_000;

describe('narration fee', () => {
	it.each([
		[800, 8500, 68_000], // 8 finished hours × 85 = 680 (§4)
		[750, 8500, 63_750], // 7.5 h × 85 = 637.50
		[1, 8500, 85], // 0.01 h × 85 = 0.85
		[333, 1001, 3333], // 3.33 h × 10.01 = 33.3333 → 33.33
		[0, 8500, 0]
	])('%i centi-hours × %i = %i', (hoursCenti, rate, fee) => {
		expect(narrationFeeMinor(hoursCenti, rate)).toBe(fee);
	});
});

describe('commission gates (domain.md §4)', () => {
	it.each([
		['61,000 plays & 0.43 → 1,800', 61_000, 4300, 'earned', 180_000],
		['61,000 plays & 0.39 → 0', 61_000, 3900, 'gated', 0],
		['exactly 50,000 & exactly 0.40 → 1,800 (inclusive)', 50_000, 4000, 'earned', 180_000],
		['49,999 plays & 0.40 → 0', 49_999, 4000, 'gated', 0]
	])('%s', (_n, plays, completionBps, status, amount) => {
		const r = evaluateCommission({ plays, completionBps, revenueMinor }, rule);
		expect(r.status).toBe(status);
		expect(r.amountMinor).toBe(amount);
	});

	it('explains a zero: "completion 31% < 35% needed; 24,000 plays short"', () => {
		const r = evaluateCommission({ plays: 26_000, completionBps: 3100, revenueMinor }, { rateBps: 1200, minPlays: 50_000, minCompletionBps: 3500 });
		expect(r.failures).toEqual([
			{ gate: 'completion', actualBps: 3100, requiredBps: 3500, shortByBps: 400 },
			{ gate: 'plays', actual: 26_000, required: 50_000, shortBy: 24_000 }
		]);
		expect(explainCommission(r)).toEqual([
			{ key: 'payouts_gate_completion_failed', params: { actual: 31, required: 35 } },
			{ key: 'payouts_gate_plays_short', params: { short: 24_000, required: 50_000 } }
		]);
	});

	it('is pending while numbers are missing', () => {
		const r = evaluateCommission({ plays: null, completionBps: 4500, revenueMinor: null }, rule);
		expect(r).toEqual({ status: 'pending', amountMinor: 0, failures: [], missing: ['plays', 'revenue'] });
		expect(explainCommission(r).map((p) => p.key)).toEqual(['payouts_gate_missing_plays', 'payouts_gate_missing_revenue']);
	});

	it('a failed gate wins over missing numbers', () => {
		expect(evaluateCommission({ plays: 10, completionBps: null, revenueMinor: null }, rule).status).toBe('gated');
	});

	it('commission is monotone: more plays or completion never lowers it', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 200_000 }),
				fc.integer({ min: 0, max: 10_000 }),
				fc.integer({ min: 0, max: 50_000 }),
				fc.integer({ min: 0, max: 2_000 }),
				(plays, completionBps, morePlays, moreCompletion) => {
					const a = evaluateCommission({ plays, completionBps, revenueMinor }, rule).amountMinor;
					const b = evaluateCommission(
						{ plays: plays + morePlays, completionBps: Math.min(10_000, completionBps + moreCompletion), revenueMinor },
						rule
					).amountMinor;
					expect(b).toBeGreaterThanOrEqual(a);
					expect([0, 180_000]).toContain(a);
				}
			)
		);
	});
});

describe('pass rate and expected value', () => {
	const history = [
		{ plays: 61_000, completionBps: 4300 },
		{ plays: 61_000, completionBps: 3900 },
		{ plays: 50_000, completionBps: 4000 },
		{ plays: 20_000, completionBps: 5000 },
		{ plays: null, completionBps: 4100 }
	];

	it('counts only works with both numbers known', () => {
		expect(gatePassRate(history, rule)).toEqual({ passed: 2, evaluated: 4, shareBps: 5000 });
		expect(gatePassRate([], rule)).toEqual({ passed: 0, evaluated: 0, shareBps: null });
	});

	it('expected commission = pass rate × rate × revenue', () => {
		expect(expectedCommissionMinor(5000, rule, revenueMinor)).toBe(90_000);
		expect(expectedCommissionMinor(3333, rule, revenueMinor)).toBe(59_994);
	});
});

describe('commissionRuleAt', () => {
	const a = { ...rule, effectiveFrom: '2024-01-01' };
	const b = { ...rule, rateBps: 2000, effectiveFrom: '2025-06-01' };
	it.each([
		['2023-12-31', undefined],
		['2024-01-01', a],
		['2025-05-31', a],
		['2025-06-01', b],
		[null, b]
	])('%s', (date, expected) => {
		expect(commissionRuleAt([b, a], date)).toBe(expected);
	});
});

describe('commissionEarnedOn: 90-day window, settled at the quarter end', () => {
	it.each([
		['2025-03-14', '2025-06-30'],
		['2024-12-31', '2025-03-31'],
		['2025-01-02', '2025-06-30'],
		['2025-11-20', '2026-03-31']
	])('%s → %s', (completedOn, earnedOn) => {
		expect(commissionEarnedOn(completedOn)).toBe(earnedOn);
	});
});
