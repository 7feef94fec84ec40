/**
 * Earned vs received (domain.md §3). Reconciliation pairs each expected payout with a received one of the
 * same key (a platform, or one deal) and currency near its date — any date for the key's own record of
 * payment (a deal marked paid): matched, amount differs, late (the date passed, nothing came)
 * or still expected; received payouts nobody expected are listed too. All as of `today`: a payment dated
 * after it is not received yet (a deal marked paid on a later day is still expected, or late). An expected payout that is not
 * tracked (its platform has no payouts on record, see payout-tracking.ts) cannot be checked: once its
 * date has passed it is "assumed" received on that date, as the dashboard's cash basis counts it. Receivables = earned but not yet
 * received, paying off the oldest earnings first, by age: 0–30, 31–60, 61–90, >90 days.
 */
import { mulDivRound, type CurrencyCode, type MinorUnits } from './money';
import { addDays, daysBetween, type IsoDate, type Month } from './period';

export interface ExpectedPayment {
	/** Who pays: usually the platform id as a string. */
	key: string;
	date: IsoDate;
	amountMinor: MinorUnits;
	currency: CurrencyCode;
	months: Month[];
	/** false: nothing on record can confirm it (payout-tracking.ts); it is assumed received on its date. Default true. */
	tracked?: boolean;
}

export interface ReceivedPayment {
	key: string;
	date: IsoDate;
	amountMinor: MinorUnits;
	currency: CurrencyCode;
	id?: number | string;
	/** Not on record: an untracked expected payout taken as received on its date (assumedReceipts). */
	assumed?: boolean;
	/**
	 * The payer's own record of paying exactly this key (a deal marked paid, keyed by the deal): it pays an
	 * expected payment of its key however early or late it came, as there is nothing else it could pay.
	 * Other payments pair only within the window around the expected date.
	 */
	ownRecord?: boolean;
}

export type ReconciliationStatus = 'matched' | 'amount_differs' | 'late' | 'expected' | 'unexpected' | 'assumed';

export interface ReconciliationRow {
	key: string;
	currency: CurrencyCode;
	status: ReconciliationStatus;
	expected: ExpectedPayment | null;
	received: ReceivedPayment | null;
	/** received − expected, when both exist. */
	differenceMinor: MinorUnits;
	/** Days from the expected date to the received date (negative: early). */
	daysLate: number | null;
}

export interface ReconcileOptions {
	today: IsoDate;
	/** A received payment may come this many days before the expected date... */
	earlyDays?: number;
	/** ...or this many days after it, to count as the same payout. */
	lateDays?: number;
	/** Amounts within this share of the expected amount count as matched (bank fees, FX). */
	toleranceBps?: number;
}

/** CLI/UI status: a received payout (matched or not) is "received"; "assumed" is a past payout nobody could check. */
export function cashStatus(s: ReconciliationStatus): 'expected' | 'received' | 'late' | 'assumed' {
	return s === 'matched' || s === 'amount_differs' || s === 'unexpected' ? 'received' : s;
}

export function reconcile(
	expected: readonly ExpectedPayment[],
	received: readonly ReceivedPayment[],
	options: ReconcileOptions
): ReconciliationRow[] {
	const earlyDays = options.earlyDays ?? 10;
	const lateDays = options.lateDays ?? 45;
	const toleranceBps = options.toleranceBps ?? 100;
	const rows: ReconciliationRow[] = [];
	const used = new Set<number>();
	const byDate = <T extends { date: IsoDate }>(a: T, b: T) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
	// As of `today`: a payment dated later has not been received yet (as in receivables()).
	const receivedSorted = received
		.map((r, i) => ({ r, i }))
		.filter(({ r }) => r.date <= options.today)
		.sort((a, b) => byDate(a.r, b.r));

	for (const e of [...expected].sort(byDate)) {
		if (e.tracked === false) {
			// Never paired: a received payout of the same key (a deal marked paid) belongs to a tracked payout.
			const past = e.date < options.today;
			rows.push({ key: e.key, currency: e.currency, status: past ? 'assumed' : 'expected', expected: e, received: null, differenceMinor: 0, daysLate: null });
			continue;
		}
		const from = addDays(e.date, -earlyDays);
		const to = addDays(e.date, lateDays);
		let best: { r: ReceivedPayment; i: number; score: [number, number] } | undefined;
		for (const { r, i } of receivedSorted) {
			if (used.has(i) || r.key !== e.key || r.currency !== e.currency) continue;
			if (!r.ownRecord && (r.date < from || r.date > to)) continue;
			const score: [number, number] = [Math.abs(daysBetween(e.date, r.date)), Math.abs(r.amountMinor - e.amountMinor)];
			if (!best || score[0] < best.score[0] || (score[0] === best.score[0] && score[1] < best.score[1])) best = { r, i, score };
		}
		if (best) {
			used.add(best.i);
			const diff = best.r.amountMinor - e.amountMinor;
			const tolerance = Math.abs(mulDivRound(e.amountMinor, toleranceBps, 10_000));
			rows.push({
				key: e.key,
				currency: e.currency,
				status: Math.abs(diff) <= tolerance ? 'matched' : 'amount_differs',
				expected: e,
				received: best.r,
				differenceMinor: diff,
				daysLate: daysBetween(e.date, best.r.date)
			});
		} else {
			rows.push({
				key: e.key,
				currency: e.currency,
				status: e.date < options.today ? 'late' : 'expected',
				expected: e,
				received: null,
				differenceMinor: 0,
				daysLate: e.date < options.today ? daysBetween(e.date, options.today) : null
			});
		}
	}
	receivedSorted.forEach(({ r, i }) => {
		if (!used.has(i))
			rows.push({ key: r.key, currency: r.currency, status: 'unexpected', expected: null, received: r, differenceMinor: 0, daysLate: null });
	});
	const dateOf = (row: ReconciliationRow) => row.expected?.date ?? row.received?.date ?? '';
	return rows.sort((a, b) => (dateOf(a) < dateOf(b) ? -1 : dateOf(a) > dateOf(b) ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The untracked expected payouts dated before `today`, as the payments they are assumed to be: what
 * receivables count as received for a platform with no payouts on record (so its receivables are the
 * income its rule has not paid out yet, not everything it ever earned).
 */
export function assumedReceipts(expected: readonly ExpectedPayment[], today: IsoDate): ReceivedPayment[] {
	return expected
		.filter((e) => e.tracked === false && e.date < today)
		.map((e) => ({ key: e.key, date: e.date, amountMinor: e.amountMinor, currency: e.currency, id: `assumed:${e.date}`, assumed: true }));
}

/** Late payouts (tracked, date passed, nothing received) summed per currency: what the payouts page calls overdue. */
export function lateTotals(rows: readonly ReconciliationRow[]): { currency: CurrencyCode; amountMinor: MinorUnits; count: number }[] {
	const map = new Map<string, { currency: string; amountMinor: number; count: number }>();
	for (const r of rows) {
		if (r.status !== 'late' || !r.expected) continue;
		const t = map.get(r.currency) ?? { currency: r.currency, amountMinor: 0, count: 0 };
		t.amountMinor += r.expected.amountMinor;
		t.count += 1;
		map.set(r.currency, t);
	}
	return [...map.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1));
}

export interface EarnedItem {
	key: string;
	/** The day it counts as earned (month-only rows: the month's last day). */
	date: IsoDate;
	amountMinor: MinorUnits;
	currency: CurrencyCode;
}

export const AGE_BUCKETS = ['0-30', '31-60', '61-90', '90+'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

export function ageBucket(days: number): AgeBucket {
	if (days <= 30) return '0-30';
	if (days <= 60) return '31-60';
	if (days <= 90) return '61-90';
	return '90+';
}

export interface ReceivableRow {
	key: string;
	currency: CurrencyCode;
	earnedMinor: MinorUnits;
	/** Received by today, including assumedMinor. */
	receivedMinor: MinorUnits;
	/** The part of receivedMinor that is assumed (untracked payouts dated before today), not on record. */
	assumedMinor: MinorUnits;
	/** Earned but not yet received (never negative). */
	outstandingMinor: MinorUnits;
	/** Received more than earned (missing statements, or income from before the first statement). */
	overReceivedMinor: MinorUnits;
	buckets: Record<AgeBucket, MinorUnits>;
	/** The earliest day still unpaid. */
	oldestUnpaid: IsoDate | null;
}

/**
 * Receivables per key and currency on `today`: earnings up to today minus received payments, the payments
 * settling the oldest earnings first (FIFO); what is left is aged by its earning day.
 */
export function receivables(earned: readonly EarnedItem[], received: readonly ReceivedPayment[], today: IsoDate): ReceivableRow[] {
	const groups = new Map<string, { key: string; currency: string; items: EarnedItem[]; received: number; assumed: number }>();
	const group = (key: string, currency: string) => {
		const id = `${key}\u0000${currency}`;
		let g = groups.get(id);
		if (!g) groups.set(id, (g = { key, currency, items: [], received: 0, assumed: 0 }));
		return g;
	};
	for (const e of earned) if (e.date <= today) group(e.key, e.currency).items.push(e);
	for (const r of received) {
		if (r.date > today) continue;
		const g = group(r.key, r.currency);
		g.received += r.amountMinor;
		if (r.assumed) g.assumed += r.amountMinor;
	}

	const rows: ReceivableRow[] = [];
	for (const g of groups.values()) {
		const items = [...g.items].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
		const earnedMinor = items.reduce((s, e) => s + e.amountMinor, 0);
		// Refunds and adjustments reduce what is owed: net them into the pool paid off first.
		let credit = g.received + items.filter((e) => e.amountMinor < 0).reduce((s, e) => s - e.amountMinor, 0);
		const buckets: Record<AgeBucket, number> = emptyBuckets();
		let oldest: IsoDate | null = null;
		let outstanding = 0;
		for (const e of items) {
			if (e.amountMinor <= 0) continue;
			const settled = Math.min(Math.max(credit, 0), e.amountMinor);
			credit -= settled;
			const left = e.amountMinor - settled;
			if (left > 0) {
				buckets[ageBucket(daysBetween(e.date, today))] += left;
				oldest ??= e.date;
				outstanding += left;
			}
		}
		rows.push({
			key: g.key,
			currency: g.currency,
			earnedMinor,
			receivedMinor: g.received,
			assumedMinor: g.assumed,
			outstandingMinor: outstanding,
			overReceivedMinor: Math.max(0, credit),
			buckets,
			oldestUnpaid: oldest
		});
	}
	return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.currency < b.currency ? -1 : 1));
}

/** Zero in every age bucket. */
export function emptyBuckets(): Record<AgeBucket, MinorUnits> {
	return { '0-30': 0, '31-60': 0, '61-90': 0, '90+': 0 };
}

/** Receivables summed per currency (earned, not yet received; "money in transit" is narrower: payout-tracking.ts). */
export function receivablesTotals(rows: readonly ReceivableRow[]): { currency: CurrencyCode; outstandingMinor: MinorUnits; buckets: Record<AgeBucket, MinorUnits> }[] {
	const map = new Map<string, { currency: string; outstandingMinor: number; buckets: Record<AgeBucket, number> }>();
	for (const r of rows) {
		const t = map.get(r.currency) ?? { currency: r.currency, outstandingMinor: 0, buckets: emptyBuckets() };
		t.outstandingMinor += r.outstandingMinor;
		for (const b of AGE_BUCKETS) t.buckets[b] += r.buckets[b];
		map.set(r.currency, t);
	}
	return [...map.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1));
}
