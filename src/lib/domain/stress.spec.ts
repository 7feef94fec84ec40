import { describe, expect, it } from 'vitest';
import { stressTest, suggestedSalary } from './stress';
import type { MonthTotal } from './metrics';

const narratorTotals = [
	{ key: 'Ximalaya', totalMinor: 90_325_00 },
	{ key: 'Douyin', totalMinor: 6_350_00 },
	{ key: 'Bilibili', totalMinor: 2_200_00 }
];
const months = (values: number[]): MonthTotal[] => values.map((totalMinor, i) => ({ month: `2025-${String(i + 1).padStart(2, '0')}`, totalMinor }));

describe('stressTest', () => {
	it('the narrator loses Ximalaya: s[j]·Y gone, mean (1 − s[j])·ȳ', () => {
		const r = stressTest({ platformTotals: narratorTotals, months: 12, platform: 'Ximalaya', fallBps: 10_000, bufferMinor: 30_000_00, monthlyExpensesMinor: 6_000_00 });
		expect(r.lostMinor).toBe(90_325_00);
		expect(r.totalAfterMinor).toBe(8_550_00);
		expect(r.meanAfterMinor).toBe(71_250); // 8,550 / 12 = 712.50
		expect(r.shareBefore).toBeCloseTo(0.913527, 6);
		expect(r.after.shares.map((s) => s.key)).toEqual(['Douyin', 'Bilibili']);
		expect(r.runwayMonths).toBe(5);
		expect(r.runwayWithIncomeMonths).toBeCloseTo(30_000_00 / (6_000_00 - 71_250), 12);
	});

	it.each([
		[3_000, 27_097_50],
		[0, 0],
		[10_000, 90_325_00]
	])('a fall of %i bps loses %i', (bps, lost) => {
		const r = stressTest({ platformTotals: narratorTotals, months: 12, platform: 'Ximalaya', fallBps: bps, bufferMinor: null, monthlyExpensesMinor: null });
		expect(r.lostMinor).toBe(lost);
		expect(r.runwayMonths).toBeUndefined();
	});

	it('income that still covers expenses leaves the buffer untouched (null runway)', () => {
		const r = stressTest({ platformTotals: narratorTotals, months: 12, platform: 'Bilibili', fallBps: 10_000, bufferMinor: 1_000_00, monthlyExpensesMinor: 5_000_00 });
		expect(r.runwayWithIncomeMonths).toBeNull();
		expect(r.runwayMonths).toBe(0.2);
	});

	it('an unknown platform loses nothing', () => {
		const r = stressTest({ platformTotals: narratorTotals, months: 12, platform: 'Nope', fallBps: 10_000, bufferMinor: null, monthlyExpensesMinor: null });
		expect([r.lostMinor, r.shareBefore]).toEqual([0, 0]);
	});
});

describe('suggestedSalary', () => {
	it.each([
		// buffer, history, salary, limitedBy
		[1000, [500, 0, 900], 466, 'mean'],
		[0, [500, 0, 900], 250, 'buffer'], // month 2: (0 + 500) / 2
		[0, [0, 0, 900], 0, 'none'],
		[10_000, [1000, 1000, 1000], 1000, 'mean'],
		[0, [1000, 1000, 1000], 1000, 'mean']
	])('buffer %i, history %j → %i (%s)', (buffer, history, salary, limitedBy) => {
		const r = suggestedSalary(months(history), buffer);
		expect([r.salaryMinor, r.limitedBy]).toEqual([salary, limitedBy]);
		// the replay never goes below zero
		expect(r.lowestBalanceMinor).toBeGreaterThanOrEqual(0);
	});

	it('names the month where the buffer would run dry', () => {
		expect(suggestedSalary(months([500, 0, 900]), 0).bindingMonth).toBe('2025-02');
	});

	it('no history: nothing to suggest', () => {
		expect(suggestedSalary([], 1000)).toMatchObject({ limitedBy: 'none', salaryMinor: 0, months: 0 });
	});
});
