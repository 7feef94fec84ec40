import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	averageDaysToCash,
	comparePlatforms,
	defaultWhatIfPair,
	sortCompareRows,
	trendPerMonth,
	whatIfMoveHours,
	type ComparePlatformInput
} from './compare';
import { coefficientOfVariation, swingShare } from './metrics';
import { NARRATOR_INCOME, minor } from '../../../tests/factories/narrator-example';

const months = (values: number[]) =>
	values.map((totalMinor, i) => ({ month: `2025-${String(i + 1).padStart(2, '0')}`, totalMinor }));

function platform(overrides: Partial<ComparePlatformInput> & { platform: string }): ComparePlatformInput {
	const series = overrides.series ?? months([100_00, 100_00]);
	const net = overrides.netMinor ?? series.reduce((s, m) => s + m.totalMinor, 0);
	return {
		grossMinor: net,
		feeMinor: 0,
		taxMinor: 0,
		netMinor: net,
		series,
		contingentMinor: 0,
		restricted: false,
		cashFlows: [],
		hoursCenti: null,
		hoursSource: null,
		workCount: 0,
		workIncomeMinor: 0,
		plays: null,
		playsIncomeMinor: 0,
		...overrides
	};
}

describe('trendPerMonth (least-squares slope / mean)', () => {
	it.each<[number[], number | undefined]>([
		[[100, 200, 300], 0.5],
		[[300, 200, 100], -0.5],
		[[500, 500, 500, 500], 0],
		[[0, 0, 0], undefined],
		[[700], undefined],
		[[], undefined],
		[[100, 300], 2 / 2] // slope 200, mean 200
	])('%j → %s', (series, expected) => {
		const t = trendPerMonth(series);
		if (expected === undefined) expect(t).toBeUndefined();
		else expect(t).toBeCloseTo(expected, 12);
	});

	it('a linear series a + b·t has trend b / mean; scaling leaves it unchanged (property)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 2, max: 36 }), fc.integer({ min: 2, max: 50 }), (a, b, T, k) => {
				const series = Array.from({ length: T }, (_, t) => a + b * t);
				const mean = series.reduce((s, y) => s + y, 0) / T;
				fc.pre(mean !== 0);
				expect(trendPerMonth(series)).toBeCloseTo(b / mean, 9);
				expect(trendPerMonth(series.map((y) => y * k))).toBe(trendPerMonth(series));
			})
		);
	});
});

describe('averageDaysToCash', () => {
	it.each([
		[[{ earnedOn: '2025-01-31', receivedOn: '2025-02-21', amountMinor: 100 }], 21],
		[
			[
				{ earnedOn: '2025-01-31', receivedOn: '2025-02-21', amountMinor: 100 },
				{ earnedOn: '2025-01-01', receivedOn: '2025-03-02', amountMinor: 300 }
			],
			(21 * 100 + 60 * 300) / 400
		],
		[[{ earnedOn: '2025-01-31', receivedOn: '2025-02-21', amountMinor: -5 }], undefined],
		[[], undefined]
	])('%j → %s days', (flows, expected) => {
		expect(averageDaysToCash(flows)).toBe(expected);
	});
});

describe('comparePlatforms', () => {
	const xima = months(NARRATOR_INCOME.Ximalaya.map(minor));
	const douyin = months(NARRATOR_INCOME.Douyin.map(minor));
	const rows = comparePlatforms([
		platform({
			platform: 'Ximalaya',
			series: xima,
			grossMinor: minor(100_000),
			feeMinor: minor(5_000),
			taxMinor: minor(4_675),
			contingentMinor: minor(10_325),
			restricted: true,
			hoursCenti: 96_00,
			hoursSource: 'finished',
			workCount: 12,
			workIncomeMinor: minor(90_325),
			plays: 1_200_000,
			playsIncomeMinor: minor(90_325),
			cashFlows: [{ earnedOn: '2025-01-31', receivedOn: '2025-04-10', amountMinor: 1 }]
		}),
		platform({ platform: 'Douyin', series: douyin, hoursCenti: 20_00, hoursSource: 'logged' })
	]);

	it('orders by net and reuses the metrics of each series', () => {
		expect(rows.map((r) => r.platform)).toEqual(['Ximalaya', 'Douyin']);
		const x = rows[0];
		expect(x.netMinor).toBe(minor(90_325));
		expect(x.share).toBeCloseTo(90_325 / (90_325 + 6_350), 12);
		expect(x.cv).toBe(coefficientOfVariation(xima.map((m) => m.totalMinor)));
		expect(x.swingShare).toBe(swingShare(xima.map((m) => m.totalMinor)).share);
		expect(x.averageMonthMinor).toBe(Math.round(minor(90_325) / 12));
	});

	it('rates: take rate, tax rate, hourly, per work, per 1,000 plays, contingent share, days to cash', () => {
		const x = rows[0];
		expect(x.takeRate).toBe(0.05);
		expect(x.taxRate).toBeCloseTo(0.04675, 12);
		expect(x.hourlyMinor).toBe(Math.round(minor(90_325) / 96)); // 940.89
		expect(x.hourlyMinor).toBe(94_089);
		expect(x.perWorkMinor).toBe(Math.round(minor(90_325) / 12));
		expect(x.perThousandPlaysMinor).toBe(Math.round((minor(90_325) * 1000) / 1_200_000));
		expect(x.contingentShare).toBeCloseTo(10_325 / 90_325, 12);
		expect(x.averageDaysToCash).toBe(69);
		expect(x.restricted).toBe(true);
		const d = rows[1];
		expect([d.perWorkMinor, d.perThousandPlaysMinor, d.averageDaysToCash]).toEqual([undefined, undefined, undefined]);
		expect(d.hourlyMinor).toBe(Math.round(minor(6_350) / 20));
	});

	it.each([
		['netMinor', 'asc', ['Douyin', 'Ximalaya']],
		['netMinor', 'desc', ['Ximalaya', 'Douyin']],
		['cv', 'desc', undefined],
		['perWorkMinor', 'asc', ['Ximalaya', 'Douyin']], // undefined last whatever the direction
		['perWorkMinor', 'desc', ['Ximalaya', 'Douyin']],
		['platform', 'asc', ['Douyin', 'Ximalaya']]
	] as const)('sortCompareRows by %s %s', (key, dir, expected) => {
		const sorted = sortCompareRows(rows, key, dir).map((r) => r.platform);
		if (expected) expect(sorted).toEqual(expected);
		else {
			const cvs = sortCompareRows(rows, key, dir).map((r) => r.cv!);
			expect(cvs[0]).toBeGreaterThanOrEqual(cvs[1]);
		}
	});
});

describe('whatIfMoveHours', () => {
	// A: 10,000.00 over 100 h (100.00/h); B: 3,000.00 over 10 h (300.00/h).
	const A = { platform: 'A', netMinor: 1_000_000, hoursCenti: 100_00 };
	const B = { platform: 'B', netMinor: 300_000, hoursCenti: 10_00 };

	it('moves 10% of A’s hours to B: loses 1,000.00, gains 3,000.00', () => {
		expect(whatIfMoveHours({ from: A, to: B, moveBps: 1000 })).toEqual({
			ok: true,
			movedHoursCenti: 10_00,
			lostMinor: 100_000,
			gainedMinor: 300_000,
			changeMinor: 200_000,
			fromNetMinor: 900_000,
			toNetMinor: 600_000
		});
	});

	it.each([
		[{ from: A, to: A, moveBps: 1000 }, 'same_platform'],
		[{ from: { ...A, hoursCenti: null }, to: B, moveBps: 1000 }, 'no_hours_from'],
		[{ from: A, to: { ...B, hoursCenti: 0 }, moveBps: 1000 }, 'no_hours_to'],
		[{ from: A, to: B, moveBps: 10_001 }, 'bad_share'],
		[{ from: A, to: B, moveBps: 12.5 }, 'bad_share']
	])('refuses %j: %s', (input, reason) => {
		expect(whatIfMoveHours(input)).toEqual({ ok: false, reason });
	});

	it('0% changes nothing, 100% moves all income at the other rate; the total is conserved at equal rates (property)', () => {
		expect(whatIfMoveHours({ from: A, to: B, moveBps: 0 })).toMatchObject({ ok: true, changeMinor: 0 });
		expect(whatIfMoveHours({ from: A, to: B, moveBps: 10_000 })).toMatchObject({ ok: true, fromNetMinor: 0, gainedMinor: 3_000_000 });
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 10_000 }), (rate, hours, bps) => {
				const r = whatIfMoveHours({
					from: { platform: 'A', netMinor: rate * hours, hoursCenti: hours * 100 },
					to: { platform: 'B', netMinor: rate * 7, hoursCenti: 700 },
					moveBps: bps
				});
				expect(r.ok && Math.abs(r.changeMinor)).toBeLessThanOrEqual(1);
			})
		);
	});
});

describe('defaultWhatIfPair', () => {
	it.each([
		[['Ximalaya', 'Douyin', 'Bilibili'], ['Ximalaya', 'Douyin'], { from: 'Douyin', to: 'Ximalaya' }],
		// Hours on one platform only: from it to another one, never to itself.
		[['Ximalaya', 'Brand deals', 'Douyin'], ['Ximalaya'], { from: 'Ximalaya', to: 'Brand deals' }],
		[['Brand deals', 'Ximalaya'], ['Ximalaya'], { from: 'Ximalaya', to: 'Brand deals' }],
		[['Ximalaya', 'Douyin'], [], { from: 'Ximalaya', to: 'Douyin' }],
		[['Ximalaya'], ['Ximalaya'], { from: 'Ximalaya', to: '' }],
		[[], [], { from: '', to: '' }]
	])('%j with hours on %j → %j', (names, withHours, expected) => {
		expect(defaultWhatIfPair(names, withHours)).toEqual(expected);
	});

	it('never pairs a platform with itself when there are two', () => {
		fc.assert(
			fc.property(fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 2, maxLength: 6 }), fc.array(fc.nat(5)), (names, picks) => {
				const withHours = names.filter((_, i) => picks.includes(i));
				const { from, to } = defaultWhatIfPair(names, withHours);
				expect(from).not.toBe(to);
				expect(names).toContain(from);
				expect(names).toContain(to);
			})
		);
	});
});
