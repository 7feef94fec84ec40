/**
 * Stress test and a suggested steady "salary" (domain.md §5).
 * Stress: "if platform j fell by p% (100% = stopped)" → lost income p·s[j]·Y, the new total,
 * monthly mean and shares, and months of runway. Runway is buffer / monthly expenses (domain.md),
 * and also, more usefully, buffer / (expenses − the new mean income) when income no longer covers
 * expenses. Salary: the largest steady monthly amount that, replayed against the window's history,
 * never takes the buffer below zero and does not exceed the mean (so the buffer is not spent down).
 * Example (minor units): buffer 1,000, history 500, 0, 900 → min(1500/1, 1500/2, 2400/3) = 750 by the
 * buffer, but the mean 466.67 is lower, so the salary is 466.
 */
import { mulDivRound } from './money';
import { concentration, type Concentration, type KeyedTotal, type MonthTotal } from './metrics';
import type { Month } from './period';

export interface StressInput {
	platformTotals: readonly KeyedTotal[];
	/** The window's months (for the mean). */
	months: number;
	platform: string;
	/** How much platform j falls, in basis points: 10,000 = stops, 3,000 = falls by 30%. */
	fallBps: number;
	/** Savings buffer and monthly expenses in minor units of the base currency, when entered. */
	bufferMinor: number | null;
	monthlyExpensesMinor: number | null;
}

export interface StressResult {
	platform: string;
	fallBps: number;
	/** p · X[j]. */
	lostMinor: number;
	/** The platform's share of income before the shock. */
	shareBefore: number | undefined;
	totalBeforeMinor: number;
	totalAfterMinor: number;
	meanBeforeMinor: number | undefined;
	/** (Y − p·X[j]) / T, rounded to a minor unit. */
	meanAfterMinor: number | undefined;
	/** Concentration of the income that remains. */
	after: Concentration;
	/** buffer / monthly expenses (no income at all). */
	runwayMonths: number | undefined;
	/**
	 * buffer / (expenses − mean income after the shock): how long the buffer lasts while income keeps
	 * coming at the new mean. null when that income covers expenses (the buffer is not touched).
	 */
	runwayWithIncomeMonths: number | null | undefined;
}

export function stressTest(input: StressInput): StressResult {
	const { platformTotals, months, platform, bufferMinor, monthlyExpensesMinor } = input;
	const fallBps = Math.min(10_000, Math.max(0, Math.round(input.fallBps)));
	const before = concentration(platformTotals);
	const xj = platformTotals.filter((p) => p.key === platform).reduce((s, p) => s + p.totalMinor, 0);
	const lostMinor = xj > 0 ? mulDivRound(xj, fallBps, 10_000) : 0;
	const totalBefore = platformTotals.reduce((s, p) => s + p.totalMinor, 0);
	const totalAfter = totalBefore - lostMinor;
	const after = concentration(platformTotals.map((p) => (p.key === platform ? { key: p.key, totalMinor: p.totalMinor - lostMinor } : p)));
	const meanAfter = months > 0 ? mulDivRound(totalAfter, 1, months) : undefined;
	const hasBudget = bufferMinor !== null && monthlyExpensesMinor !== null && monthlyExpensesMinor > 0;
	let runwayWithIncome: number | null | undefined;
	if (hasBudget && meanAfter !== undefined) {
		const burn = monthlyExpensesMinor! - meanAfter;
		runwayWithIncome = burn <= 0 ? null : Math.max(0, bufferMinor!) / burn;
	}
	return {
		platform,
		fallBps,
		lostMinor,
		shareBefore: before.shares.find((s) => s.key === platform)?.share ?? (before.count > 0 ? 0 : undefined),
		totalBeforeMinor: totalBefore,
		totalAfterMinor: totalAfter,
		meanBeforeMinor: months > 0 ? mulDivRound(totalBefore, 1, months) : undefined,
		meanAfterMinor: meanAfter,
		after,
		runwayMonths: hasBudget ? Math.max(0, bufferMinor!) / monthlyExpensesMinor! : undefined,
		runwayWithIncomeMonths: runwayWithIncome
	};
}

/** The one-sentence explanation of a suggested salary, as data for the translated message. */
export interface SalaryExplanation {
	/** 'mean': capped at the average income, so the buffer is not spent down over the window;
	 *  'buffer': the buffer would have run dry in `bindingMonth` at any higher amount;
	 *  'none': no history or no income to pay from. */
	limitedBy: 'mean' | 'buffer' | 'none';
	salaryMinor: number;
	bufferMinor: number;
	meanMinor: number | undefined;
	months: number;
	/** The month where the replayed balance is lowest (it reaches about zero when limitedBy = 'buffer'). */
	bindingMonth: Month | undefined;
	/** The lowest balance over the replay at this salary. */
	lowestBalanceMinor: number | undefined;
}

/**
 * Suggested salary S = min( floor(ȳ), min over t of floor((B + Σ_{k≤t} y[k]) / t) ): paying S at the
 * end of each month t from buffer B plus that month's income keeps B + Σ(y − S) ≥ 0 throughout the
 * history, and S ≤ ȳ keeps the buffer whole across the window. Zero or negative → 0.
 */
export function suggestedSalary(history: readonly MonthTotal[], bufferMinor: number): SalaryExplanation {
	const B = BigInt(Math.max(0, bufferMinor));
	const T = history.length;
	if (T === 0) {
		return { limitedBy: 'none', salaryMinor: 0, bufferMinor: Number(B), meanMinor: undefined, months: 0, bindingMonth: undefined, lowestBalanceMinor: undefined };
	}
	let cum = 0n;
	let best: bigint | undefined;
	let bindingIdx = 0;
	for (let t = 0; t < T; t++) {
		cum += BigInt(history[t].totalMinor);
		const cap = floorDiv(B + cum, BigInt(t + 1));
		if (best === undefined || cap < best) {
			best = cap;
			bindingIdx = t;
		}
	}
	const meanFloor = floorDiv(cum, BigInt(T));
	let limitedBy: SalaryExplanation['limitedBy'] = best! < meanFloor ? 'buffer' : 'mean';
	let S = best! < meanFloor ? best! : meanFloor;
	if (S <= 0n) {
		S = 0n;
		limitedBy = 'none';
	}
	// Replay at S to report where the balance is lowest.
	let bal = B;
	let low: bigint | undefined;
	let lowIdx = 0;
	for (let t = 0; t < T; t++) {
		bal += BigInt(history[t].totalMinor) - S;
		if (low === undefined || bal < low) {
			low = bal;
			lowIdx = t;
		}
	}
	return {
		limitedBy,
		salaryMinor: Number(S),
		bufferMinor: Number(B),
		meanMinor: Number(cum) / T,
		months: T,
		bindingMonth: history[limitedBy === 'buffer' ? bindingIdx : lowIdx].month,
		lowestBalanceMinor: Number(low!)
	};
}

function floorDiv(a: bigint, b: bigint): bigint {
	const q = a / b;
	return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}
