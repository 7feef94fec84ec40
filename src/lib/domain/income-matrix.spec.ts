import { describe, expect, it } from 'vitest';
import { buildIncomeMatrix, statementCoverage, type IncomeRow } from './income-matrix';
import { NARRATOR_EXPECTED as E, NARRATOR_INCOME, NARRATOR_MONTHS, minor } from '../../../tests/factories/narrator-example';

const row = (month: string, platform: string, amountMinor: number, currency = 'CNY', stream = 'ads'): IncomeRow => ({
	month,
	platform,
	stream,
	currency,
	amountMinor
});

describe('buildIncomeMatrix', () => {
	it('reproduces the narrator totals', () => {
		const rows = Object.entries(NARRATOR_INCOME).flatMap(([p, v]) => v.map((x, t) => row(NARRATOR_MONTHS[t], p, minor(x))));
		const m = buildIncomeMatrix({ rows, rates: [], baseCurrency: 'CNY', window: { start: '2025-01', end: '2026-01' } });
		expect(m.byMonth.map((x) => x.totalMinor)).toEqual(E.monthTotals.map(minor));
		expect(m.platforms).toEqual(['Ximalaya', 'Douyin', 'Bilibili']);
		expect(m.totalMinor).toBe(minor(E.total));
		expect(m.byMonth[6].byPlatform).toEqual({ Ximalaya: minor(11_700), Douyin: minor(720), Bilibili: minor(130) });
		expect(m.coverage.every((c) => c.coveredCount === 12)).toBe(true);
	});

	it('months without rows are zero and show as not covered', () => {
		const m = buildIncomeMatrix({
			rows: [row('2025-01', 'A', 100), row('2025-03', 'A', 300), row('2025-03', 'B', 0)],
			rates: [],
			baseCurrency: 'CNY',
			window: { start: '2025-01', end: '2025-05' },
			knownPlatforms: ['C']
		});
		expect(m.byMonth.map((x) => [x.month, x.totalMinor])).toEqual([
			['2025-01', 100],
			['2025-02', 0],
			['2025-03', 300],
			['2025-04', 0]
		]);
		expect(m.coverage.map((c) => [c.platform, c.months.map((x) => x.covered)])).toEqual([
			['A', [true, false, true, false]],
			['B', [false, false, true, false]],
			['C', [false, false, false, false]]
		]);
	});

	it('converts with the month’s rate and flags rows without one instead of using 1', () => {
		const m = buildIncomeMatrix({
			rows: [row('2025-01', 'YouTube', 10_000, 'USD'), row('2025-02', 'YouTube', 5_000, 'USD'), row('2025-02', 'JP', 1000, 'JPY')],
			rates: [
				{ month: '2025-01', currency: 'USD', rate: '7.1234' },
				{ month: '2025-02', currency: 'JPY', rate: '0.0475' }
			],
			baseCurrency: 'CNY',
			window: { start: '2025-01', end: '2025-03' }
		});
		expect(m.byMonth.map((x) => x.totalMinor)).toEqual([71_234, 4_750]);
		expect(m.missingRates).toEqual([{ month: '2025-02', currency: 'USD', platform: 'YouTube', amountMinor: 5_000 }]);
		// The flagged month still counts as covered: a statement exists, only its rate is missing.
		expect(m.coverage.find((c) => c.platform === 'YouTube')!.months.map((x) => x.covered)).toEqual([true, true]);
	});

	it('ignores rows outside the window; an empty window has no months', () => {
		const m = buildIncomeMatrix({ rows: [row('2024-12', 'A', 5)], rates: [], baseCurrency: 'CNY', window: { start: '2025-01', end: '2025-02' } });
		expect([m.totalMinor, m.platforms, m.byMonth.length]).toEqual([0, [], 1]);
		const empty = buildIncomeMatrix({ rows: [], rates: [], baseCurrency: 'CNY', window: { start: '2025-01', end: '2025-01' } });
		expect([empty.months, empty.byMonth]).toEqual([[], []]);
	});

	it('totals streams across platforms', () => {
		const m = buildIncomeMatrix({
			rows: [row('2025-01', 'A', 100, 'CNY', 'ads'), row('2025-01', 'B', 50, 'CNY', 'ads'), row('2025-01', 'A', 70, 'CNY', 'tips')],
			rates: [],
			baseCurrency: 'CNY',
			window: { start: '2025-01', end: '2025-02' }
		});
		expect(m.streamTotals).toEqual([
			{ key: 'ads', totalMinor: 150 },
			{ key: 'tips', totalMinor: 70 }
		]);
	});
});

describe('statementCoverage', () => {
	const window = { start: '2025-01', end: '2025-03' } as const;
	it('leaves out platforms paid only through brand deals, keeps the rest and platforms with no rows yet', () => {
		const rows = [
			{ month: '2025-01', platform: 'Ximalaya', stream: 'narration_fee', currency: 'CNY', amountMinor: 100 },
			{ month: '2025-02', platform: 'Brand deals', stream: 'brand_deal', currency: 'CNY', amountMinor: 500 },
			{ month: '2025-01', platform: 'Bilibili', stream: 'brand_deal', currency: 'CNY', amountMinor: 300 },
			{ month: '2025-03', platform: 'Bilibili', stream: 'ads', currency: 'CNY', amountMinor: 20 }
		];
		const matrix = buildIncomeMatrix({ rows, rates: [], baseCurrency: 'CNY', window, knownPlatforms: ['Douyin'] });
		expect(matrix.coverage.map((c) => c.platform).sort()).toEqual(['Bilibili', 'Brand deals', 'Douyin', 'Ximalaya']);
		const kept = statementCoverage(matrix.coverage, rows);
		expect(kept.map((c) => c.platform).sort()).toEqual(['Bilibili', 'Douyin', 'Ximalaya']);
		expect(kept.find((c) => c.platform === 'Ximalaya')?.coveredCount).toBe(1);
	});
});
