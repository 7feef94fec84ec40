/**
 * The risk dashboard's view model: plain data the server computes (src/lib/server/metrics/view.ts)
 * and the Svelte components render. Money in minor units of `currency`, ratios as numbers in [0, 1],
 * null where a measure is undefined. Components format; they never compute business numbers.
 */
import type { CashSource } from './dashboard-types';
import type { MissingRate } from './income-matrix';
import type { Share } from './metrics';
import type { RiskComponent, RiskThresholds, Verdict } from './risk';

export interface ConcentrationView {
	shares: Share[];
	hhi: number | null;
	hhiPoints: number | null;
	effectiveNumber: number | null;
	top1Share: number | null;
	top1Key: string | null;
	top3Share: number | null;
}

export interface StressView {
	platform: string;
	fallBps: number;
	lostMinor: number;
	shareBefore: number | null;
	totalAfterMinor: number;
	meanBeforeMinor: number | null;
	meanAfterMinor: number | null;
	effectiveAfter: number | null;
	top1After: string | null;
	top1ShareAfter: number | null;
	/** buffer / expenses; null when buffer or expenses are not entered. */
	runwayMonths: number | null;
	/** buffer / (expenses − new mean income); null when not entered or when income still covers expenses. */
	runwayWithIncomeMonths: number | null;
	incomeCoversExpenses: boolean;
}

export interface DashboardView {
	currency: string;
	basis: 'accrual' | 'cash';
	from: string;
	to: string;
	ignoredParams: string[];
	platforms: string[];
	months: { month: string; totalMinor: number; byPlatform: Record<string, number> }[];
	totalMinor: number;
	accrualVsCash: { month: string; accrualMinor: number; cashMinor: number }[];
	cashSources: CashSource[];
	concentration: ConcentrationView;
	streams: ConcentrationView;
	counterparties: ConcentrationView;
	volatility: {
		meanMinor: number | null;
		cv: number | null;
		swingShare: number | null;
		swingCount: number;
		swingTransitions: number;
		changes: { month: string; change: number | null; isSwing: boolean }[];
		maxDrawdown: number;
		peakMonth: string | null;
		troughMonth: string | null;
		spikeMonths: string[];
		dipMonths: string[];
	};
	risk: {
		score: number | null;
		components: { key: RiskComponent; value: number | null; weight: number; points: number }[];
		weightSum: number;
		contingentShare: number | null;
		delayMonths: number | null;
		restrictionShare: number | null;
		contractShare: number | null;
		socialInsurance: boolean;
		verdicts: Verdict[];
	};
	thresholds: RiskThresholds;
	bufferMinor: number | null;
	monthlyExpensesMinor: number | null;
	stress: StressView[];
	stressCustom: StressView | null;
	salary: {
		limitedBy: 'mean' | 'buffer' | 'none';
		salaryMinor: number;
		months: number;
		bindingMonth: string | null;
		meanMinor: number | null;
	} | null;
	missingRates: MissingRate[];
	coverage: { platform: string; covered: boolean[]; coveredCount: number }[];
}

export interface MissingRateSummary {
	currency: string;
	amountMinor: number;
	months: number;
	first: string;
	last: string;
}

/** Income left out of the base-currency totals for want of a rate: one line per currency, how much over how many months. */
export function missingRateSummary(missing: readonly MissingRate[]): MissingRateSummary[] {
	const by = new Map<string, { currency: string; amountMinor: number; monthSet: Set<string> }>();
	for (const r of missing) {
		const s = by.get(r.currency) ?? { currency: r.currency, amountMinor: 0, monthSet: new Set<string>() };
		s.amountMinor += r.amountMinor;
		s.monthSet.add(r.month);
		by.set(r.currency, s);
	}
	return [...by.values()].map((s) => {
		const months = [...s.monthSet].sort();
		return { currency: s.currency, amountMinor: s.amountMinor, months: months.length, first: months[0], last: months[months.length - 1] };
	});
}
