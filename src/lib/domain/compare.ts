/**
 * Compare platforms side by side over one window: what each brings (gross → fees → tax → net), how
 * steady it is (CV and S30 of its own monthly series, from metrics.ts), where it is heading (trend),
 * how long its money takes to arrive, and what an hour there is worth. Amounts are minor units of
 * the base currency. Example: 12 months, net 90,325 over 96 h → 940.89 per hour.
 *
 * Trend = least-squares slope of the monthly net series divided by its mean, as a share per month:
 * with t = 0..T−1 and Y = Σy, slope/ȳ = 6·Σ(2t − (T−1))·y[t] / (Y·(T² − 1)) — one exact integer
 * fraction. +0.02 means "growing about 2% of an average month every month".
 */
import { concentration, ratio, volatility, type MonthTotal } from './metrics';
import { mulDivRound } from './money';
import { daysBetween, type IsoDate } from './period';

/** What the server gathers per platform for the window (all amounts in base-currency minor units). */
export interface ComparePlatformInput {
	platform: string;
	grossMinor: number;
	feeMinor: number;
	taxMinor: number;
	netMinor: number;
	/** Net per month, every month of the window (zero where nothing was earned), oldest first. */
	series: readonly MonthTotal[];
	/** Net that is contingent (risk.ts isContingentStream or the platform's override). */
	contingentMinor: number;
	/** The current payout rule has a withdrawal window or a threshold. */
	restricted: boolean;
	/** Earned → received flows (expected from the payout rule, or matched), for the average delay. */
	cashFlows: readonly CashDelayFlow[];
	/** Hours worked in the window × 100, or null when none are known. */
	hoursCenti: number | null;
	/** Where the hours came from: logged per month, or the finished hours of works (narration). */
	hoursSource: 'logged' | 'finished' | null;
	/** Works with income in the window, and the net income attributed to them. */
	workCount: number;
	workIncomeMinor: number;
	/** Plays of those works (null when no work has a play count) and the net income of the works that have one. */
	plays: number | null;
	playsIncomeMinor: number;
}

export interface CashDelayFlow {
	earnedOn: IsoDate;
	receivedOn: IsoDate;
	amountMinor: number;
}

export interface ComparePlatformRow {
	platform: string;
	grossMinor: number;
	feeMinor: number;
	taxMinor: number;
	netMinor: number;
	/** Platform fee / gross: the platform's cut. Undefined without gross. */
	takeRate: number | undefined;
	/** Tax withheld / gross. */
	taxRate: number | undefined;
	/** Share of the window's positive net income (metrics.concentration). */
	share: number;
	/** Net / T, rounded to a whole minor unit. */
	averageMonthMinor: number | undefined;
	cv: number | undefined;
	swingShare: number | undefined;
	trend: number | undefined;
	averageDaysToCash: number | undefined;
	restricted: boolean;
	contingentShare: number | undefined;
	hoursCenti: number | null;
	hoursSource: 'logged' | 'finished' | null;
	/** Net per hour in minor units, rounded. */
	hourlyMinor: number | undefined;
	workCount: number;
	perWorkMinor: number | undefined;
	plays: number | null;
	/** Net per 1,000 plays, minor units. */
	perThousandPlaysMinor: number | undefined;
}

/** Least-squares trend as a share of the mean per month; undefined for T < 2 or a zero total. */
export function trendPerMonth(series: readonly number[]): number | undefined {
	const T = series.length;
	if (T < 2) return undefined;
	let Y = 0n;
	let S = 0n;
	for (let t = 0; t < T; t++) {
		const y = BigInt(series[t]);
		Y += y;
		S += BigInt(2 * t - (T - 1)) * y;
	}
	if (Y === 0n) return undefined;
	return ratio(6n * S, Y * BigInt(T * T - 1));
}

/** Amount-weighted average days from earning to cash; undefined without positive flows. */
export function averageDaysToCash(flows: readonly CashDelayFlow[]): number | undefined {
	let weighted = 0n;
	let total = 0n;
	for (const f of flows) {
		if (f.amountMinor <= 0) continue;
		weighted += BigInt(f.amountMinor) * BigInt(Math.max(0, daysBetween(f.earnedOn, f.receivedOn)));
		total += BigInt(f.amountMinor);
	}
	return total === 0n ? undefined : ratio(weighted, total);
}

const shareOrUndef = (part: number, whole: number) => (whole > 0 ? ratio(BigInt(part), BigInt(whole)) : undefined);

export function comparePlatforms(inputs: readonly ComparePlatformInput[]): ComparePlatformRow[] {
	const conc = concentration(inputs.map((p) => ({ key: p.platform, totalMinor: p.netMinor })));
	const shareOf = new Map(conc.shares.map((s) => [s.key, s.share]));
	return inputs
		.map((p): ComparePlatformRow => {
			const vol = volatility(p.series);
			const hours = p.hoursCenti !== null && p.hoursCenti > 0 ? p.hoursCenti : null;
			return {
				platform: p.platform,
				grossMinor: p.grossMinor,
				feeMinor: p.feeMinor,
				taxMinor: p.taxMinor,
				netMinor: p.netMinor,
				takeRate: shareOrUndef(p.feeMinor, p.grossMinor),
				taxRate: shareOrUndef(p.taxMinor, p.grossMinor),
				share: shareOf.get(p.platform) ?? 0,
				averageMonthMinor: vol.meanMinorRounded,
				cv: vol.cv,
				swingShare: vol.swingShare,
				trend: trendPerMonth(p.series.map((m) => m.totalMinor)),
				averageDaysToCash: averageDaysToCash(p.cashFlows),
				restricted: p.restricted,
				contingentShare: p.netMinor > 0 ? Math.min(1, Math.max(0, ratio(BigInt(p.contingentMinor), BigInt(p.netMinor)))) : undefined,
				hoursCenti: p.hoursCenti,
				hoursSource: p.hoursSource,
				hourlyMinor: hours === null ? undefined : mulDivRound(p.netMinor, 100, hours),
				workCount: p.workCount,
				perWorkMinor: p.workCount > 0 ? mulDivRound(p.workIncomeMinor, 1, p.workCount) : undefined,
				plays: p.plays,
				perThousandPlaysMinor: p.plays !== null && p.plays > 0 ? mulDivRound(p.playsIncomeMinor, 1000, p.plays) : undefined
			};
		})
		.sort((a, b) => b.netMinor - a.netMinor || (a.platform < b.platform ? -1 : a.platform > b.platform ? 1 : 0));
}

export type CompareSortKey = Exclude<keyof ComparePlatformRow, 'hoursSource' | 'restricted'> | 'restricted';

/** Sort rows by a column; undefined/null values always last, ties by platform name. */
export function sortCompareRows(rows: readonly ComparePlatformRow[], key: CompareSortKey, direction: 'asc' | 'desc'): ComparePlatformRow[] {
	const sign = direction === 'asc' ? 1 : -1;
	const value = (r: ComparePlatformRow): number | string | undefined => {
		const v = r[key];
		if (v === null || v === undefined) return undefined;
		if (typeof v === 'boolean') return v ? 1 : 0;
		return v as number | string;
	};
	return [...rows].sort((a, b) => {
		const va = value(a);
		const vb = value(b);
		if (va === undefined && vb === undefined) return a.platform < b.platform ? -1 : 1;
		if (va === undefined) return 1;
		if (vb === undefined) return -1;
		const c = va < vb ? -1 : va > vb ? 1 : 0;
		return c !== 0 ? sign * c : a.platform < b.platform ? -1 : a.platform > b.platform ? 1 : 0;
	});
}

export interface WhatIfInput {
	from: Pick<ComparePlatformRow, 'platform' | 'netMinor' | 'hoursCenti'>;
	to: Pick<ComparePlatformRow, 'platform' | 'netMinor' | 'hoursCenti'>;
	/** Share of `from`'s hours to move, in basis points (25% → 2500), 0..10000. */
	moveBps: number;
}

export type WhatIfResult =
	| {
			ok: true;
			movedHoursCenti: number;
			lostMinor: number;
			gainedMinor: number;
			/** gained − lost. */
			changeMinor: number;
			fromNetMinor: number;
			toNetMinor: number;
	  }
	| { ok: false; reason: 'same_platform' | 'no_hours_from' | 'no_hours_to' | 'bad_share' };

/**
 * The what-if's first choice of platforms (before the user picks): hours move from the second
 * platform with hours logged to the first. With hours on one platform only, they move from it to
 * another platform (the result then asks for that one's hours); never from a platform to itself,
 * which greeted the user with "choose two different platforms" before they had done anything.
 * `withHours`: the platforms of `names` with hours logged, in the same order.
 */
export function defaultWhatIfPair(names: readonly string[], withHours: readonly string[]): { from: string; to: string } {
	const from = withHours[1] ?? withHours[0] ?? names[0] ?? '';
	const to = withHours.find((n) => n !== from) ?? names.find((n) => n !== from) ?? '';
	return { from, to };
}

/**
 * Move p% of the hours worked on one platform to another, each hour earning that platform's effective
 * hourly rate in the window (a linear model: no saturation, no ramp-up). Exact: the income lost is
 * p·net_from; the income gained is net_to × (p·hours_from) / hours_to.
 */
export function whatIfMoveHours(input: WhatIfInput): WhatIfResult {
	const { from, to, moveBps } = input;
	if (!Number.isInteger(moveBps) || moveBps < 0 || moveBps > 10_000) return { ok: false, reason: 'bad_share' };
	if (from.platform === to.platform) return { ok: false, reason: 'same_platform' };
	if (!from.hoursCenti || from.hoursCenti <= 0) return { ok: false, reason: 'no_hours_from' };
	if (!to.hoursCenti || to.hoursCenti <= 0) return { ok: false, reason: 'no_hours_to' };
	const lostMinor = mulDivRound(from.netMinor, moveBps, 10_000);
	const gainedMinor = mulDivRound(to.netMinor, BigInt(from.hoursCenti) * BigInt(moveBps), BigInt(to.hoursCenti) * 10_000n);
	return {
		ok: true,
		movedHoursCenti: mulDivRound(from.hoursCenti, moveBps, 10_000),
		lostMinor,
		gainedMinor,
		changeMinor: gainedMinor - lostMinor,
		fromNetMinor: from.netMinor - lostMinor,
		toNetMinor: to.netMinor + gainedMinor
	};
}
