/**
 * Payout rules (domain.md §3) turn accrual income into cash events. A rule version is either
 * invoice-style (`netDays`: paid N days after the earning date) or monthly: earnings of month m are
 * payable from month m+k, paid on the payout day(s) of allowed months once the balance reaches the
 * threshold, else rolled over. Example (threshold 100, the 21st of the next month): Jan 40, Feb 50,
 * Mar 20, Apr 120 → Feb 21 nothing (40), Mar 21 nothing (90), Apr 21 pays 110, May 21 pays 120.
 */
import type { CurrencyCode, MinorUnits } from './money';
import {
	addDays,
	addMonths,
	clampedDay,
	compareMonths,
	firstDay,
	isIsoDate,
	lastDay,
	monthOf,
	monthsBetween,
	splitMonth,
	type IsoDate,
	type Month
} from './period';

export type PayoutMonths = 'all' | 'even' | 'odd';

/** One version of a platform's payout rule; the newest version on or before a date applies. */
export interface PayoutRule {
	effectiveFrom: IsoDate;
	/** Invoice-style: paid this many days after the earning date; the monthly fields are then ignored. */
	netDays: number | null;
	/** Earnings of month m become payable in month m + k. */
	availableAfterMonths: number;
	/** Day of the month payouts happen, clamped to the month's last day. */
	payoutDay: number;
	/** Half-monthly settlement: a second payout day; earnings are settled per half month (1–15, 16–end). */
	secondPayoutDay: number | null;
	payoutMonths: PayoutMonths;
	/** Minimum balance (minor units of the platform currency) for a payout; below it the balance rolls over. */
	thresholdMinor: MinorUnits;
}

/** An earning as the payout rule sees it: a day when known, else only the month (treated as month end). */
export interface PayoutEarning {
	date?: IsoDate | null;
	month?: Month | null;
	amountMinor: MinorUnits;
	currency: CurrencyCode;
}

export interface PayoutEvent {
	date: IsoDate;
	amountMinor: MinorUnits;
	currency: CurrencyCode;
	/** The earning months this payout includes, sorted. */
	months: Month[];
	/** The part of the amount that was already payable on an earlier payout date but held back by the threshold. */
	rolledOverMinor: MinorUnits;
	/** Indexes into the input earnings paid by this event. */
	earningIndexes: number[];
	kind: 'net_days' | 'scheduled';
}

/** A payout date on which the balance stayed below the threshold and rolled over. */
export interface RolledOverDate {
	date: IsoDate;
	balanceMinor: MinorUnits;
	thresholdMinor: MinorUnits;
	currency: CurrencyCode;
}

/** What is still held by the platform (not paid by `until`, or never reaching the threshold). */
export interface HeldBalance {
	currency: CurrencyCode;
	amountMinor: MinorUnits;
	months: Month[];
	earningIndexes: number[];
}

export interface ExpectedPayouts {
	payouts: PayoutEvent[];
	rolledOver: RolledOverDate[];
	held: HeldBalance[];
}

export interface ExpectedPayoutOptions {
	/** Only payouts on or before this date happen; the rest is held. Without it, the schedule runs to the end. */
	until?: IsoDate;
}

/** The date an earning counts as earned: its day, or the last day of its month. */
export function earningDate(e: PayoutEarning): IsoDate {
	if (e.date) return e.date;
	if (e.month) return lastDay(e.month);
	throw new Error('an earning needs a date or a month');
}

export function earningMonth(e: PayoutEarning): Month {
	if (e.month) return e.month;
	if (e.date) return monthOf(e.date);
	throw new Error('an earning needs a date or a month');
}

function sortVersions(versions: readonly PayoutRule[]): PayoutRule[] {
	return [...versions].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
}

/** The version in effect on `date`: the newest with effectiveFrom ≤ date; before the first one, the first one. */
export function ruleVersionAt(versions: readonly PayoutRule[], date: IsoDate): PayoutRule {
	const sorted = sortVersions(versions);
	if (sorted.length === 0) throw new Error('no payout rule versions');
	let found = sorted[0];
	for (const v of sorted) if (v.effectiveFrom <= date) found = v;
	return found;
}

export function isMonthAllowed(month: Month, payoutMonths: PayoutMonths): boolean {
	if (payoutMonths === 'all') return true;
	const m = splitMonth(month).month;
	return payoutMonths === 'even' ? m % 2 === 0 : m % 2 === 1;
}

/** Withdrawal windows and thresholds restrict when cash can be taken out (risk component "restriction"). */
export function isRestrictedRule(rule: PayoutRule): boolean {
	return rule.netDays === null && (rule.payoutMonths !== 'all' || rule.thresholdMinor > 0);
}

/** Shift a date by whole months, keeping the day (clamped). */
function shiftDateByMonths(date: IsoDate, k: number): IsoDate {
	return clampedDay(addMonths(monthOf(date), k), Number(date.slice(8, 10)));
}

/**
 * The first date an earning may be paid under a monthly rule version: the first day of month m+k,
 * never before the earning itself. Half-monthly rules settle per half month: days 1–15 are payable
 * from the 16th, the rest (and month-only rows) from the 1st of the next month, then shifted k months.
 */
export function payableDate(e: PayoutEarning, rule: PayoutRule): IsoDate {
	const date = earningDate(e);
	const month = earningMonth(e);
	if (rule.secondPayoutDay !== null) {
		const day = e.date ? Number(e.date.slice(8, 10)) : 31;
		const base = day <= 15 ? clampedDay(month, 16) : firstDay(addMonths(month, 1));
		return shiftDateByMonths(base, rule.availableAfterMonths);
	}
	const start = firstDay(addMonths(month, rule.availableAfterMonths));
	return start > date ? start : date;
}

interface PotItem {
	index: number;
	amountMinor: number;
	month: Month;
	payable: IsoDate;
	heldSince: IsoDate | null;
}

/** Why a rule field cannot be used: a code with its bounds (for translated text) and an English sentence. */
export type PayoutRuleProblem = {
	field: keyof PayoutRule;
	code: 'date' | 'range' | 'payout_months' | 'threshold';
	params: { min?: number; max?: number };
	problem: string;
};

/** Validate the rule fields a user can enter; returns problems as codes with values (and English text). */
export function validatePayoutRule(rule: PayoutRule): PayoutRuleProblem[] {
	const out: PayoutRuleProblem[] = [];
	const range = (field: keyof PayoutRule, min: number, max: number, problem: string) => out.push({ field, code: 'range', params: { min, max }, problem });
	if (!isIsoDate(rule.effectiveFrom)) out.push({ field: 'effectiveFrom', code: 'date', params: {}, problem: 'not a date (YYYY-MM-DD)' });
	if (rule.netDays !== null && (!Number.isInteger(rule.netDays) || rule.netDays < 0 || rule.netDays > 3650)) range('netDays', 0, 3650, 'must be a whole number of days from 0 to 3650');
	if (!Number.isInteger(rule.availableAfterMonths) || rule.availableAfterMonths < 0 || rule.availableAfterMonths > 24) range('availableAfterMonths', 0, 24, 'must be a whole number of months from 0 to 24');
	if (!Number.isInteger(rule.payoutDay) || rule.payoutDay < 1 || rule.payoutDay > 31) range('payoutDay', 1, 31, 'must be a day from 1 to 31');
	if (rule.secondPayoutDay !== null && (!Number.isInteger(rule.secondPayoutDay) || rule.secondPayoutDay < 1 || rule.secondPayoutDay > 31))
		range('secondPayoutDay', 1, 31, 'must be a day from 1 to 31');
	if (!['all', 'even', 'odd'].includes(rule.payoutMonths)) out.push({ field: 'payoutMonths', code: 'payout_months', params: {}, problem: 'must be all, even or odd' });
	if (!Number.isSafeInteger(rule.thresholdMinor) || rule.thresholdMinor < 0) out.push({ field: 'thresholdMinor', code: 'threshold', params: {}, problem: 'must be zero or more' });
	return out;
}

/**
 * Expected payout events for one platform's earnings under its rule versions.
 * Each earning follows the version in effect on its earning date (netDays or monthly, and k);
 * the monthly schedule (payout days, allowed months, threshold) follows the monthly version in effect
 * on each payout date. Currencies are separate balances. Invariant: Σ payouts + Σ held = Σ earnings.
 */
export function expectedPayouts(
	earnings: readonly PayoutEarning[],
	versions: readonly PayoutRule[],
	options: ExpectedPayoutOptions = {}
): ExpectedPayouts {
	const until = options.until;
	const payouts: PayoutEvent[] = [];
	const rolledOver: RolledOverDate[] = [];
	const heldByCurrency = new Map<string, { amount: number; months: Set<Month>; indexes: number[] }>();
	const hold = (currency: string, index: number, amount: number, month: Month) => {
		const h = heldByCurrency.get(currency) ?? { amount: 0, months: new Set<Month>(), indexes: [] };
		h.amount += amount;
		h.months.add(month);
		h.indexes.push(index);
		heldByCurrency.set(currency, h);
	};
	if (earnings.length === 0) return { payouts, rolledOver, held: [] };
	const sorted = sortVersions(versions);
	if (sorted.length === 0) throw new Error('a payout rule needs at least one version');

	// 1. netDays earnings are paid on their own date; monthly earnings go to a pot per currency.
	const direct = new Map<string, { date: IsoDate; currency: string; indexes: number[] }>();
	const pots = new Map<string, PotItem[]>();
	earnings.forEach((e, index) => {
		const date = earningDate(e);
		const month = earningMonth(e);
		const v = ruleVersionAt(sorted, date);
		if (v.netDays !== null) {
			const payDate = addDays(date, v.netDays);
			if (until && payDate > until) return hold(e.currency, index, e.amountMinor, month);
			const key = `${payDate}|${e.currency}`;
			const group = direct.get(key) ?? { date: payDate, currency: e.currency, indexes: [] };
			group.indexes.push(index);
			direct.set(key, group);
			return;
		}
		const pot = pots.get(e.currency) ?? [];
		pot.push({ index, amountMinor: e.amountMinor, month, payable: payableDate(e, v), heldSince: null });
		pots.set(e.currency, pot);
	});
	for (const g of direct.values()) {
		const amount = g.indexes.reduce((s, i) => s + earnings[i].amountMinor, 0);
		if (amount === 0) continue; // a refund cancelling a sale on the same day moves no cash
		payouts.push({
			date: g.date,
			amountMinor: amount,
			currency: g.currency,
			months: [...new Set(g.indexes.map((i) => earningMonth(earnings[i])))].sort(compareMonths),
			rolledOverMinor: 0,
			earningIndexes: g.indexes,
			kind: 'net_days'
		});
	}

	// 2. The monthly schedule, simulated payout date by payout date.
	const monthly = sorted.filter((v) => v.netDays === null);
	const scheduleAt = (date: IsoDate): PayoutRule => {
		let found = monthly[0];
		for (const v of monthly) if (v.effectiveFrom <= date) found = v;
		return found;
	};
	const candidates = (month: Month): { date: IsoDate; rule: PayoutRule }[] => {
		const out = new Map<IsoDate, PayoutRule>();
		for (const v of monthly) {
			if (!isMonthAllowed(month, v.payoutMonths)) continue;
			for (const day of [v.payoutDay, v.secondPayoutDay]) {
				if (day === null) continue;
				const date = clampedDay(month, day);
				if (scheduleAt(date) === v) out.set(date, v);
			}
		}
		return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, rule]) => ({ date, rule }));
	};
	const lastMonthly = monthly[monthly.length - 1];

	for (const [currency, items] of pots) {
		// Sorted by payable date, so what is payable on a date is always the front of what is unpaid.
		const queue = [...items].sort((a, b) => (a.payable < b.payable ? -1 : a.payable > b.payable ? 1 : a.index - b.index));
		const latestPayable = queue[queue.length - 1].payable;
		let start = 0;
		let month = monthOf(queue[0].payable);
		let stop = false;
		for (let guard = 0; start < queue.length && !stop && guard < 2400; guard++, month = addMonths(month, 1)) {
			for (const { date, rule } of candidates(month)) {
				if (until && date > until) {
					stop = true;
					break;
				}
				let end = start;
				while (end < queue.length && queue[end].payable <= date) end++;
				if (end === start) continue;
				const eligible = queue.slice(start, end);
				const balance = eligible.reduce((s, p) => s + p.amountMinor, 0);
				if (balance > 0 && balance >= rule.thresholdMinor) {
					payouts.push({
						date,
						amountMinor: balance,
						currency,
						months: [...new Set(eligible.map((p) => p.month))].sort(compareMonths),
						rolledOverMinor: eligible.filter((p) => p.heldSince !== null).reduce((s, p) => s + p.amountMinor, 0),
						earningIndexes: eligible.map((p) => p.index).sort((a, b) => a - b),
						kind: 'scheduled'
					});
					start = end;
					if (start === queue.length) break;
				} else {
					rolledOver.push({ date, balanceMinor: balance, thresholdMinor: rule.thresholdMinor, currency });
					for (const p of eligible) p.heldSince ??= date;
					// Everything is payable and the schedule can no longer change: the balance never pays out.
					if (!until && date >= latestPayable && rule === lastMonthly && date >= lastMonthly.effectiveFrom) {
						stop = true;
						break;
					}
				}
			}
		}
		for (const p of queue.slice(start)) hold(currency, p.index, p.amountMinor, p.month);
	}

	payouts.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.currency < b.currency ? -1 : 1));
	const held: HeldBalance[] = [...heldByCurrency.entries()]
		.sort(([a], [b]) => (a < b ? -1 : 1))
		.map(([currency, h]) => ({
			currency,
			amountMinor: h.amount,
			months: [...h.months].sort(compareMonths),
			earningIndexes: h.indexes.sort((a, b) => a - b)
		}));
	return { payouts, rolledOver, held };
}

/**
 * Amount-weighted delay in months from earning month to cash month (risk component "delay",
 * domain.md §5: L). Returns the numerator and denominator too so callers can pool platforms exactly.
 * Negative amounts (refunds) are left out of the weights.
 */
export function amountWeightedDelayMonths(
	earnings: readonly PayoutEarning[],
	result: ExpectedPayouts
): { weightedMonthsMinor: number; amountMinor: number; months: number | null } {
	let num = 0;
	let den = 0;
	for (const p of result.payouts) {
		const cashMonth = monthOf(p.date);
		for (const i of p.earningIndexes) {
			const e = earnings[i];
			if (e.amountMinor <= 0) continue;
			num += e.amountMinor * monthsBetween(earningMonth(e), cashMonth);
			den += e.amountMinor;
		}
	}
	return { weightedMonthsMinor: num, amountMinor: den, months: den === 0 ? null : num / den };
}

/** Months from earning month to cash month for income earned mid-`month` under one rule, ignoring the threshold. */
export function typicalDelayMonths(rule: PayoutRule, month: Month): number {
	const e: PayoutEarning = { date: clampedDay(month, 15), amountMinor: 1, currency: 'XXX' };
	const r = expectedPayouts([e], [{ ...rule, thresholdMinor: 0, effectiveFrom: '0000-01-01' }]);
	return monthsBetween(month, monthOf(r.payouts[0].date));
}

/**
 * The fewest and most months from earning month to cash month over the twelve months from `month`: a rule
 * that pays only in even months pays odd months' income after 1 month and even months' after 2, which one
 * month's figure (typicalDelayMonths) would state as always 1 or always 2 depending on today.
 */
export function typicalDelayRange(rule: PayoutRule, month: Month): { min: number; max: number } {
	let min = Infinity;
	let max = -Infinity;
	for (let i = 0; i < 12; i++) {
		const d = typicalDelayMonths(rule, addMonths(month, i));
		min = Math.min(min, d);
		max = Math.max(max, d);
	}
	return { min, max };
}

/** A rule's parts as message keys with values, so the UI and CLI can explain it in plain words. */
export interface RuleExplanationPart {
	key:
		| 'payouts_rule_net_days'
		| 'payouts_rule_monthly'
		| 'payouts_rule_half_monthly'
		| 'payouts_rule_months_even'
		| 'payouts_rule_months_odd'
		| 'payouts_rule_threshold'
		| 'payouts_rule_no_threshold';
	params: Record<string, string | number>;
}

export function explainPayoutRule(rule: PayoutRule, thresholdText: string): RuleExplanationPart[] {
	if (rule.netDays !== null) return [{ key: 'payouts_rule_net_days', params: { days: rule.netDays } }];
	const parts: RuleExplanationPart[] = [];
	if (rule.secondPayoutDay !== null) {
		parts.push({
			key: 'payouts_rule_half_monthly',
			params: {
				day1: Math.min(rule.payoutDay, rule.secondPayoutDay),
				day2: Math.max(rule.payoutDay, rule.secondPayoutDay),
				months: rule.availableAfterMonths
			}
		});
	} else {
		parts.push({ key: 'payouts_rule_monthly', params: { months: rule.availableAfterMonths, day: rule.payoutDay } });
	}
	if (rule.payoutMonths === 'even') parts.push({ key: 'payouts_rule_months_even', params: {} });
	if (rule.payoutMonths === 'odd') parts.push({ key: 'payouts_rule_months_odd', params: {} });
	parts.push(
		rule.thresholdMinor > 0
			? { key: 'payouts_rule_threshold', params: { amount: thresholdText } }
			: { key: 'payouts_rule_no_threshold', params: {} }
	);
	return parts;
}
