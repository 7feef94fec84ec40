import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { niceTicks } from './chart-scale';

describe('niceTicks', () => {
	it('steps by round amounts, not by quarters of the largest value', () => {
		// The report's 2025 chart: the largest month CN¥25,394.80.
		expect(niceTicks(0, 2_539_480).values).toEqual([0, 1_000_000, 2_000_000, 3_000_000]);
		expect(niceTicks(0, 1_899_999).values).toEqual([0, 500_000, 1_000_000, 1_500_000, 2_000_000]);
		expect(niceTicks(0, 7_200_00).values).toEqual([0, 200_000, 400_000, 600_000, 800_000]);
	});

	it('takes in negative months, and a range with nothing in it', () => {
		expect(niceTicks(-120_000, 480_000)).toEqual({ min: -200_000, max: 600_000, values: [-200_000, 0, 200_000, 400_000, 600_000] });
		expect(niceTicks(0, 0).values).toEqual([0, 100]);
		expect(niceTicks(0, 0, 1).values).toEqual([0, 1]);
	});

	it('never steps by part of a unit (a currency without minor units: a step of 2.5 would be one)', () => {
		// fast-check's counterexample: -3 to 6 yen took steps of 2.5 and an axis ending at 7.5.
		expect(niceTicks(-3, 6, 1)).toEqual({ min: -5, max: 10, values: [-5, 0, 5, 10] });
		expect(niceTicks(0, 9, 1).values).toEqual([0, 5, 10]);
		expect(niceTicks(0, 90, 1).values).toEqual([0, 25, 50, 75, 100]);
	});

	it('always brackets the data with at most a handful of evenly spaced whole-unit ticks', () => {
		fc.assert(
			fc.property(fc.integer({ min: -1e11, max: 0 }), fc.integer({ min: 0, max: 1e11 }), fc.constantFrom(1, 100), (low, high, unit) => {
				const t = niceTicks(low, high, unit);
				expect(t.min).toBeLessThanOrEqual(Math.min(0, low));
				expect(t.max).toBeGreaterThanOrEqual(high);
				expect(t.values[0]).toBe(t.min);
				expect(t.values.at(-1)).toBe(t.max);
				expect(t.values.length).toBeGreaterThanOrEqual(2);
				expect(t.values.length).toBeLessThanOrEqual(10);
				const step = t.values[1] - t.values[0];
				expect(step % unit).toBe(0);
				for (let i = 1; i < t.values.length; i++) expect(t.values[i] - t.values[i - 1]).toBe(step);
				expect(t.values).toContain(0);
			})
		);
	});
});
