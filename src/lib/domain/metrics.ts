/**
 * Concentration and volatility of income (domain.md §5). Inputs are integer minor units of one
 * currency (the base currency, after FX); ratios come out as plain numbers.
 * Narrator example (CNY, 2025): platform totals 90,325 / 6,350 / 2,200 → HHI 0.839152,
 * N_eff 1.191680, CR1 0.913527; monthly totals 7770 … 8220 → CV 0.233710, S30 4/11,
 * MDD 0.569323 (Jul 12,550 → Aug 5,405).
 *
 * Exactness: comparisons that decide a count (the 30% swing rule, spikes, dips, the deepest
 * drawdown) are done on integers, never floats. Ratios are formed from exact integer fractions, so
 * scaling every amount by the same factor leaves each result bit-for-bit unchanged.
 */
import type { Month } from './period';

/** A keyed total: a platform, stream or counterparty and its income in minor units. */
export interface KeyedTotal {
	key: string;
	totalMinor: number;
}

export interface Share extends KeyedTotal {
	/** s[i] = X[i] / Y, where Y sums the positive totals. */
	share: number;
}

export interface Concentration {
	/** Number of keys with a positive total (the n of "HHI ≥ 1/n"). */
	count: number;
	/** Y: the sum of the positive totals. */
	totalMinor: number;
	/** Keys with a positive total, largest first (ties by key), with their shares. */
	shares: Share[];
	/** HHI = Σ s[i]², in [1/n, 1]; undefined when nothing was earned. */
	hhi: number | undefined;
	/** HHI × 10,000 ("points", as in merger guidelines). */
	hhiPoints: number | undefined;
	/** N_eff = 1 / HHI: how many equal-sized platforms would give the same concentration. */
	effectiveNumber: number | undefined;
	/** CR1 = max s[i]. */
	top1Share: number | undefined;
	top1Key: string | undefined;
	/** CR3 = the sum of the three largest shares. */
	top3Share: number | undefined;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;

/** Greatest common divisor of two non-negative BigInts. */
function gcd(a: bigint, b: bigint): bigint {
	while (b !== 0n) [a, b] = [b, a % b];
	return a;
}

/** num/den as a double, reduced first so that k·num / k·den gives exactly the same number. */
export function ratio(num: bigint, den: bigint): number {
	if (den === 0n) throw new RangeError('division by zero');
	if (den < 0n) [num, den] = [-num, -den];
	// Both exact as doubles: reducing first changes nothing (IEEE division of exact operands is
	// correctly rounded, and k·n / k·d is the same real number), so skip the BigInt gcd.
	if (num >= MIN_SAFE && num <= MAX_SAFE && den <= MAX_SAFE) return Number(num) / Number(den);
	const g = gcd(num < 0n ? -num : num, den);
	if (g > 1n) [num, den] = [num / g, den / g];
	return Number(num) / Number(den);
}

/**
 * Concentration over any keyed totals (platforms, streams, counterparties).
 * Keys whose total is zero or negative (refunds exceeding income) carry no share: a share of
 * income only makes sense for sources that brought some.
 * HHI = Σ X[i]² / Y², computed as one exact fraction; CR1 = max X[i] / Y; CR3 = top three / Y.
 */
export function concentration(totals: Iterable<KeyedTotal> | ReadonlyMap<string, number>): Concentration {
	const list: KeyedTotal[] =
		totals instanceof Map
			? [...totals].map(([key, totalMinor]) => ({ key, totalMinor }))
			: [...(totals as Iterable<KeyedTotal>)];
	const merged = new Map<string, number>();
	for (const { key, totalMinor } of list) merged.set(key, (merged.get(key) ?? 0) + totalMinor);
	const positive = [...merged]
		.filter(([, v]) => v > 0)
		.map(([key, totalMinor]) => ({ key, totalMinor }))
		.sort((a, b) => b.totalMinor - a.totalMinor || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	const Y = positive.reduce((s, x) => s + BigInt(x.totalMinor), 0n);
	if (Y === 0n) {
		return {
			count: 0,
			totalMinor: 0,
			shares: [],
			hhi: undefined,
			hhiPoints: undefined,
			effectiveNumber: undefined,
			top1Share: undefined,
			top1Key: undefined,
			top3Share: undefined
		};
	}
	const sumSq = positive.reduce((s, x) => s + BigInt(x.totalMinor) ** 2n, 0n);
	const top3 = positive.slice(0, 3).reduce((s, x) => s + BigInt(x.totalMinor), 0n);
	return {
		count: positive.length,
		totalMinor: Number(Y),
		shares: positive.map((x) => ({ ...x, share: ratio(BigInt(x.totalMinor), Y) })),
		hhi: ratio(sumSq, Y * Y),
		hhiPoints: ratio(sumSq * 10_000n, Y * Y),
		effectiveNumber: ratio(Y * Y, sumSq),
		top1Share: ratio(BigInt(positive[0].totalMinor), Y),
		top1Key: positive[0].key,
		top3Share: ratio(top3, Y)
	};
}

/** One month of a series: y[t] in minor units. */
export interface MonthTotal {
	month: Month;
	totalMinor: number;
}

export interface Drawdown {
	/** MDD = max over t of (P[t] − y[t]) / P[t], P[t] = max(y[1..t]); 0 when income never fell. */
	maxDrawdown: number;
	/** The month of the running peak behind the deepest drawdown; undefined when MDD is 0. */
	peakMonth: Month | undefined;
	troughMonth: Month | undefined;
	peakMinor: number | undefined;
	troughMinor: number | undefined;
}

export interface Volatility {
	/** T: the number of months in the window (months without income count, as zero). */
	months: number;
	totalMinor: number;
	/** ȳ = Y / T in minor units (not rounded); undefined for an empty window. */
	meanMinor: number | undefined;
	/** ȳ rounded half away from zero to a whole minor unit, for display. */
	meanMinorRounded: number | undefined;
	/** Population σ / ȳ (σ divides by T); undefined when ȳ = 0 or the window is empty. */
	cv: number | undefined;
	/** S30 = swingCount / swingTransitions; undefined when no transition is defined. */
	swingShare: number | undefined;
	/** #{t : |y[t] − y[t−1]| > 0.30 · |y[t−1]|}, strictly greater. */
	swingCount: number;
	/** #{t ≥ 2 : y[t−1] ≠ 0}: transitions from a zero month have no growth rate and are left out. */
	swingTransitions: number;
	/** Month-to-month changes g[t], for the chart; `change` undefined where y[t−1] = 0. */
	changes: MonthChange[];
	drawdown: Drawdown;
	/** Months with y[t] > 1.25 ȳ. */
	spikeMonths: Month[];
	/** Months with y[t] < 0.75 ȳ. */
	dipMonths: Month[];
}

export interface MonthChange {
	month: Month;
	previousMonth: Month;
	/** g[t] = (y[t] − y[t−1]) / y[t−1]; undefined when y[t−1] = 0. */
	change: number | undefined;
	/** |g[t]| > 0.30, decided on integers. */
	isSwing: boolean;
}

/**
 * Is the move from `prev` to `curr` a swing of strictly more than 30%?
 * |y[t] − y[t−1]| / |y[t−1]| > 3/10 ⇔ 10·|y[t] − y[t−1]| > 3·|y[t−1]|, in integers: a change of
 * exactly 30% is not a swing. Returns undefined when y[t−1] = 0 (no growth rate).
 */
export function isSwing(prev: number, curr: number): boolean | undefined {
	if (prev === 0) return undefined;
	const diff = BigInt(curr) - BigInt(prev);
	const absDiff = diff < 0n ? -diff : diff;
	const absPrev = prev < 0 ? -BigInt(prev) : BigInt(prev);
	return absDiff * 10n > absPrev * 3n;
}

/** Swing share S30 with its count and its number of defined transitions. */
export function swingShare(series: readonly number[]): { share: number | undefined; count: number; transitions: number } {
	let count = 0;
	let transitions = 0;
	for (let t = 1; t < series.length; t++) {
		const s = isSwing(series[t - 1], series[t]);
		if (s === undefined) continue;
		transitions++;
		if (s) count++;
	}
	return { share: transitions === 0 ? undefined : count / transitions, count, transitions };
}

/**
 * CV = σ / ȳ with the population σ. With Y = Σy, Q = Σy², T months:
 * σ² = Q/T − (Y/T)², so CV² = (T·Q − Y²) / Y² — one exact fraction, then a square root.
 * Undefined when ȳ = 0 (or the window is empty).
 */
export function coefficientOfVariation(series: readonly number[]): number | undefined {
	const T = BigInt(series.length);
	if (T === 0n) return undefined;
	let Y = 0n;
	let Q = 0n;
	for (const y of series) {
		Y += BigInt(y);
		Q += BigInt(y) * BigInt(y);
	}
	if (Y === 0n) return undefined;
	const num = T * Q - Y * Y; // ≥ 0 by Cauchy–Schwarz
	return Math.sqrt(ratio(num, Y * Y));
}

/**
 * Max drawdown: P[t] = max(y[1..t]), DD[t] = (P[t] − y[t]) / P[t], MDD = max DD[t].
 * Months before any positive income have no peak and no drawdown. The deepest drawdown is found by
 * comparing fractions crosswise on integers; the first one wins a tie.
 */
export function maxDrawdown(series: readonly MonthTotal[]): Drawdown {
	let peakIdx = -1;
	let best: { peak: number; trough: number; num: bigint; den: bigint } | undefined;
	for (let t = 0; t < series.length; t++) {
		const y = series[t].totalMinor;
		if (peakIdx < 0 || y > series[peakIdx].totalMinor) {
			if (y > 0) peakIdx = t;
			continue;
		}
		const P = BigInt(series[peakIdx].totalMinor);
		const num = P - BigInt(y);
		if (num <= 0n) continue;
		if (!best || num * best.den > best.num * P) best = { peak: peakIdx, trough: t, num, den: P };
	}
	if (!best) {
		return { maxDrawdown: 0, peakMonth: undefined, troughMonth: undefined, peakMinor: undefined, troughMinor: undefined };
	}
	return {
		maxDrawdown: ratio(best.num, best.den),
		peakMonth: series[best.peak].month,
		troughMonth: series[best.trough].month,
		peakMinor: series[best.peak].totalMinor,
		troughMinor: series[best.trough].totalMinor
	};
}

/**
 * All volatility measures over monthly totals y[1..T], oldest first. Callers pass every month of
 * the window (zero where nothing was earned) — see income-matrix.ts.
 * Spike: y[t] > 1.25·ȳ ⇔ 4·T·y[t] > 5·Y. Dip: y[t] < 0.75·ȳ ⇔ 4·T·y[t] < 3·Y (integers).
 */
export function volatility(series: readonly MonthTotal[]): Volatility {
	const ys = series.map((m) => m.totalMinor);
	const T = ys.length;
	const Yn = ys.reduce((s, y) => s + BigInt(y), 0n);
	const swings = swingShare(ys);
	const changes: MonthChange[] = [];
	for (let t = 1; t < T; t++) {
		const prev = ys[t - 1];
		const s = isSwing(prev, ys[t]);
		changes.push({
			month: series[t].month,
			previousMonth: series[t - 1].month,
			change: prev === 0 ? undefined : ratio(BigInt(ys[t]) - BigInt(prev), BigInt(prev)),
			isSwing: s === true
		});
	}
	const spikeMonths: Month[] = [];
	const dipMonths: Month[] = [];
	if (T > 0) {
		const T4 = 4n * BigInt(T);
		for (const m of series) {
			const lhs = T4 * BigInt(m.totalMinor);
			if (lhs > 5n * Yn) spikeMonths.push(m.month);
			else if (lhs < 3n * Yn) dipMonths.push(m.month);
		}
	}
	const meanMinor = T === 0 ? undefined : ratio(Yn, BigInt(T));
	return {
		months: T,
		totalMinor: Number(Yn),
		meanMinor,
		meanMinorRounded: T === 0 ? undefined : roundDiv(Yn, BigInt(T)),
		cv: coefficientOfVariation(ys),
		swingShare: swings.share,
		swingCount: swings.count,
		swingTransitions: swings.transitions,
		changes,
		drawdown: maxDrawdown(series),
		spikeMonths,
		dipMonths
	};
}

/** num / den rounded half away from zero, as a safe integer. */
function roundDiv(num: bigint, den: bigint): number {
	const neg = num < 0n !== den < 0n;
	const an = num < 0n ? -num : num;
	const ad = den < 0n ? -den : den;
	const q = (an * 2n + ad) / (2n * ad);
	return Number(neg ? -q : q);
}
