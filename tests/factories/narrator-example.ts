/**
 * domain.md §5's worked example — the narrator, accrual basis, CNY, Jan–Dec 2025 — as data, shared
 * by the domain specs and the integration tests. Amounts are in major units (yuan); `minor` gives fen.
 * Ximalaya's Apr, Jul and Oct include a commission on top of the narration fee.
 */
export const NARRATOR_YEAR = '2025';
export const NARRATOR_MONTHS = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);

export const NARRATOR_INCOME: Record<string, number[]> = {
	Ximalaya: [7200, 6750, 5400, 10200, 7200, 6300, 11700, 4725, 7200, 9250, 7200, 7200],
	Douyin: [420, 380, 510, 460, 600, 350, 720, 480, 530, 410, 690, 800],
	Bilibili: [150, 180, 90, 210, 160, 240, 130, 200, 170, 260, 190, 220]
};

/** Commission part of Ximalaya's months (the rest is narration fees): Apr, Jul, Oct. */
export const NARRATOR_XIMALAYA_COMMISSION: Record<string, number> = {
	'2025-04': 3000,
	'2025-07': 4500,
	'2025-10': 2050
};

export const NARRATOR_EXPECTED = {
	platformTotals: { Ximalaya: 90_325, Douyin: 6_350, Bilibili: 2_200 },
	total: 98_875,
	monthTotals: [7770, 7310, 6000, 10870, 7960, 6890, 12550, 5405, 7900, 9920, 8080, 8220],
	hhi: 0.839152,
	effectivePlatforms: 1.19168,
	top1Share: 0.913527,
	mean: 8239.583333,
	cv: 0.23371,
	swingCount: 4,
	swingTransitions: 11,
	maxDrawdown: 0.569323,
	peakMonth: '2025-07',
	troughMonth: '2025-08'
} as const;

/** Whole yuan → fen (the example has no fractional amounts, so this product is exact). */
export const minor = (major: number): number => major * 100;
