import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	coefficientOfVariation,
	concentration,
	isSwing,
	maxDrawdown,
	ratio,
	swingShare,
	volatility,
	type MonthTotal
} from './metrics';
import {
	NARRATOR_EXPECTED as E,
	NARRATOR_INCOME,
	NARRATOR_MONTHS,
	minor
} from '../../../tests/factories/narrator-example';

const monthsFrom = (values: number[], start = 2025): MonthTotal[] =>
	values.map((totalMinor, i) => ({
		month: `${start + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
		totalMinor
	}));

const narratorTotals = new Map(
	Object.entries(NARRATOR_INCOME).map(([k, v]) => [k, minor(v.reduce((a, b) => a + b, 0))])
);
const narratorSeries = monthsFrom(
	NARRATOR_MONTHS.map((_, t) => minor(Object.values(NARRATOR_INCOME).reduce((s, row) => s + row[t], 0)))
);

describe('the narrator worked example (domain.md §5)', () => {
	it('platform totals and concentration', () => {
		const c = concentration(narratorTotals);
		expect(c.totalMinor).toBe(minor(E.total));
		expect(c.shares.map((s) => [s.key, s.totalMinor])).toEqual(
			Object.entries(E.platformTotals).map(([k, v]) => [k, minor(v)])
		);
		expect(c.hhi).toBeCloseTo(E.hhi, 6);
		expect(c.hhiPoints).toBeCloseTo(E.hhi * 10_000, 2);
		expect(c.effectiveNumber).toBeCloseTo(E.effectivePlatforms, 6);
		expect(c.top1Share).toBeCloseTo(E.top1Share, 6);
		expect(c.top1Key).toBe('Ximalaya');
		expect(c.top3Share).toBe(1);
		expect(c.count).toBe(3);
	});

	it('volatility: mean, CV, S30, drawdown', () => {
		expect(narratorSeries.map((m) => m.totalMinor)).toEqual(E.monthTotals.map(minor));
		const v = volatility(narratorSeries);
		expect(v.months).toBe(12);
		expect(v.meanMinor! / 100).toBeCloseTo(E.mean, 6);
		expect(v.meanMinorRounded).toBe(823958);
		expect(v.cv).toBeCloseTo(E.cv, 6);
		expect([v.swingCount, v.swingTransitions]).toEqual([E.swingCount, E.swingTransitions]);
		expect(v.swingShare).toBe(4 / 11);
		expect(v.drawdown.maxDrawdown).toBeCloseTo(E.maxDrawdown, 6);
		expect(v.drawdown.peakMonth).toBe(E.peakMonth);
		expect(v.drawdown.troughMonth).toBe(E.troughMonth);
		expect([v.drawdown.peakMinor, v.drawdown.troughMinor]).toEqual([minor(12_550), minor(5_405)]);
		// the four swings: Mar→Apr +81%, Jun→Jul +82%, Jul→Aug −57%, Aug→Sep +46% (Apr→May is −27%, Sep→Oct +26%)
		expect(v.changes.filter((c) => c.isSwing).map((c) => c.month)).toEqual(['2025-04', '2025-07', '2025-08', '2025-09']);
		// ȳ = 8,239.58: spikes above 10,299.48, dips below 6,179.69
		expect(v.spikeMonths).toEqual(['2025-04', '2025-07']);
		expect(v.dipMonths).toEqual(['2025-03', '2025-08']);
	});
});

describe('isSwing: strictly more than 30%, decided on integers', () => {
	it.each([
		[1000, 1300, false, 'exactly +30%'],
		[1000, 700, false, 'exactly −30%'],
		[1000, 1301, true, '+30.1%'],
		[1000, 699, true, '−30.1%'],
		[10, 13, false, 'exactly 30% on small amounts (0.3 is not exact in floating point)'],
		[100, 130, false, 'exactly 30% where (130−100)/100 > 0.3 in floats'],
		[1000, 0, true, 'falls to zero'],
		[0, 500, undefined, 'from zero: no growth rate'],
		[0, 0, undefined, 'zero to zero'],
		[-1000, -1400, true, 'refund months: compared by magnitude']
	] as [number, number, boolean | undefined, string][])('%i → %i is %s (%s)', (prev, curr, expected) => {
		expect(isSwing(prev, curr)).toBe(expected);
	});
});

describe('boundaries', () => {
	it('a zero month is part of the mean and leaves its outgoing transition out of S30', () => {
		const s = monthsFrom([1000, 0, 1000, 1000]);
		const v = volatility(s);
		expect(v.meanMinor).toBe(750);
		expect([v.swingCount, v.swingTransitions]).toEqual([1, 2]); // 1000→0 counts, 0→1000 undefined
		expect(v.changes[1].change).toBeUndefined();
		expect(v.drawdown).toMatchObject({ maxDrawdown: 1, peakMonth: '2025-01', troughMonth: '2025-02' });
		expect(v.dipMonths).toEqual(['2025-02']);
	});

	it('a single platform: HHI 1, N_eff 1, CR1 1', () => {
		const c = concentration([{ key: 'Only', totalMinor: 12345 }]);
		expect([c.hhi, c.hhiPoints, c.effectiveNumber, c.top1Share, c.top3Share]).toEqual([1, 10_000, 1, 1, 1]);
	});

	it('an empty window: everything undefined, nothing thrown', () => {
		const v = volatility([]);
		expect(v).toMatchObject({ months: 0, totalMinor: 0, meanMinor: undefined, cv: undefined, swingShare: undefined });
		expect(v.drawdown.maxDrawdown).toBe(0);
		const c = concentration([]);
		expect([c.hhi, c.effectiveNumber, c.top1Share, c.count]).toEqual([undefined, undefined, undefined, 0]);
	});

	it('a window of zero months (no income): CV undefined, no spikes or dips', () => {
		const v = volatility(monthsFrom([0, 0, 0]));
		expect([v.cv, v.swingShare, v.swingTransitions]).toEqual([undefined, undefined, 0]);
		expect([v.spikeMonths, v.dipMonths]).toEqual([[], []]);
		expect(v.drawdown.peakMonth).toBeUndefined();
	});

	it('steady income: CV 0, no swings, no drawdown', () => {
		const v = volatility(monthsFrom([500, 500, 500]));
		expect([v.cv, v.swingShare, v.drawdown.maxDrawdown]).toEqual([0, 0, 0]);
	});

	it('keys with zero or negative totals carry no share; repeated keys are merged', () => {
		const c = concentration([
			{ key: 'a', totalMinor: 300 },
			{ key: 'b', totalMinor: -50 },
			{ key: 'c', totalMinor: 0 },
			{ key: 'a', totalMinor: 100 },
			{ key: 'd', totalMinor: 400 }
		]);
		expect(c.shares.map((s) => [s.key, s.share])).toEqual([
			['a', 0.5],
			['d', 0.5]
		]);
		expect(c.hhi).toBe(0.5);
	});

	it('CR3 sums the three largest', () => {
		const c = concentration(new Map([['a', 40], ['b', 30], ['c', 20], ['d', 10]]));
		expect(c.top3Share).toBe(0.9);
		expect(c.top1Share).toBe(0.4);
	});

	it('drawdown keeps the deepest fall, not the latest', () => {
		const d = maxDrawdown(monthsFrom([100, 50, 200, 150]));
		expect(d).toMatchObject({ maxDrawdown: 0.5, peakMonth: '2025-01', troughMonth: '2025-02' });
	});
});

describe('properties', () => {
	const amounts = fc.array(fc.integer({ min: 0, max: 50_000_000 }), { minLength: 1, maxLength: 24 });
	const factor = fc.integer({ min: 2, max: 1000 });

	it('HHI lies in [1/n, 1] and N_eff ≤ n', () => {
		fc.assert(
			fc.property(amounts, (xs) => {
				const c = concentration(xs.map((totalMinor, i) => ({ key: `p${i}`, totalMinor })));
				if (c.count === 0) {
					expect(c.hhi).toBeUndefined();
					return;
				}
				const eps = 1e-12;
				expect(c.hhi!).toBeGreaterThanOrEqual(1 / c.count - eps);
				expect(c.hhi!).toBeLessThanOrEqual(1 + eps);
				expect(c.effectiveNumber!).toBeLessThanOrEqual(c.count + eps);
			})
		);
	});

	it('CV ≥ 0 and S30 in [0, 1]', () => {
		fc.assert(
			fc.property(amounts, (ys) => {
				const cv = coefficientOfVariation(ys);
				const s = swingShare(ys).share;
				expect(cv === undefined || cv >= 0).toBe(true);
				expect(s === undefined || (s >= 0 && s <= 1)).toBe(true);
			})
		);
	});

	it('all of them are unchanged when every amount is scaled', () => {
		fc.assert(
			fc.property(amounts, factor, (ys, k) => {
				const a = volatility(monthsFrom(ys));
				const b = volatility(monthsFrom(ys.map((y) => y * k)));
				const ca = concentration(ys.map((totalMinor, i) => ({ key: `p${i}`, totalMinor })));
				const cb = concentration(ys.map((y, i) => ({ key: `p${i}`, totalMinor: y * k })));
				expect([b.cv, b.swingShare, b.swingCount]).toEqual([
					a.cv,
					a.swingShare,
					a.swingCount
				]);
				expect(b.drawdown.maxDrawdown).toBe(a.drawdown.maxDrawdown);
				expect([b.drawdown.peakMonth, b.drawdown.troughMonth]).toEqual([a.drawdown.peakMonth, a.drawdown.troughMonth]);
				expect([b.spikeMonths, b.dipMonths]).toEqual([a.spikeMonths, a.dipMonths]);
				expect([cb.hhi, cb.effectiveNumber, cb.top1Share, cb.top3Share]).toEqual([
					ca.hhi,
					ca.effectiveNumber,
					ca.top1Share,
					ca.top3Share
				]);
			})
		);
	});
});

describe('ratio', () => {
	it('gives the same double for a fraction and any multiple of it, small or past 2^53', () => {
		fc.assert(
			fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 9n }), fc.boolean(), (n, d, k, flip) => {
				const sign = flip ? -1n : 1n;
				expect(ratio(n * k * sign, d * k * sign)).toBe(ratio(n, d));
				expect(ratio(n, d)).toBe(Number(n) / Number(d));
			})
		);
	});

	it.each([
		[0n, -5n, 0],
		[1n, 3n, 1 / 3],
		[-2n, -4n, 0.5],
		[2n ** 60n, 2n ** 61n, 0.5]
	])('%s / %s = %s', (n, d, r) => {
		expect(ratio(n, d)).toBe(r);
	});
});
