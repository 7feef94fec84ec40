/**
 * What the app can say about a payout that the rules expect (domain.md §3), one answer for the
 * dashboard, the payouts page, the CLI and the report.
 *
 * - **Tracked**: the workspace has something on record that confirms payments of this kind — an
 *   imported payout of the platform (status received), or, for a deal's instalments, the deal's own
 *   status (a deal marked paid). A tracked payout whose date has passed with nothing received is
 *   **late**; its money stays in receivables and is aged, and the dashboard's cash basis does not count it
 *   (it counts the platform's received payouts, then only expected payouts dated today or later; a deal
 *   marked paid on its paid date, an unpaid deal's instalment only when due today or later).
 * - **Not tracked**: a platform with no imported payouts at all (only earnings statements). Nothing can
 *   show whether its money arrived, so a past expected payout is **assumed received** on the date its
 *   rule gives — exactly what the dashboard's cash basis and the report's "Received" column count —
 *   and it is neither late nor a receivable. Importing the platform's payout statements makes it tracked.
 * - **In transit** (the same figure on the dashboard and the payouts page): income earned by today whose
 *   expected payout date is today or later, plus balances held below a minimum payout; per currency.
 *   Example: Ximalaya paid on the 10th of even months, today 2026-11-21: October's earnings (paid
 *   2026-12-10) are in transit; August's (paid 2026-10-10) are received, late or assumed received.
 */
import type { CurrencyCode, MinorUnits } from './money';
import { earningDate, expectedPayouts, type PayoutEarning, type PayoutRule } from './payout-rules';
import type { SchedulingRule } from './payout-defaults';
import type { IsoDate } from './period';

/**
 * Whether expected payouts scheduled by `by` can be reconciled: deal instalments always (the deal's
 * status says whether it was paid); a platform's own or fallback rule only when the platform has at
 * least one imported received payout.
 */
export function payoutTracked(by: SchedulingRule['by'], platformHasImportedPayouts: boolean): boolean {
	return by === 'deal' || platformHasImportedPayouts;
}

export interface TransitGroup {
	/** Earnings that share one set of rule versions (a platform's own, its fallback, or a deal's net days). */
	earnings: readonly PayoutEarning[];
	rules: readonly PayoutRule[];
}

export interface InTransit {
	currency: CurrencyCode;
	amountMinor: MinorUnits;
	/** The first expected payout date (today or later) that pays some of it; null when all of it is held. */
	nextDate: IsoDate | null;
}

/** Money in transit on `today`, per currency (see the top of this file). */
export function inTransit(groups: readonly TransitGroup[], today: IsoDate): InTransit[] {
	const by = new Map<string, InTransit>();
	const entry = (currency: string) => {
		let e = by.get(currency);
		if (!e) by.set(currency, (e = { currency, amountMinor: 0, nextDate: null }));
		return e;
	};
	const earnedBy = (g: TransitGroup, indexes: readonly number[]) => {
		let sum = 0;
		for (const i of indexes) if (earningDate(g.earnings[i]) <= today) sum += g.earnings[i].amountMinor;
		return sum;
	};
	for (const g of groups) {
		if (g.earnings.length === 0 || g.rules.length === 0) continue;
		const r = expectedPayouts(g.earnings, g.rules);
		for (const p of r.payouts) {
			if (p.date < today) continue;
			const amount = earnedBy(g, p.earningIndexes);
			if (amount === 0) continue;
			const e = entry(p.currency);
			e.amountMinor += amount;
			if (e.nextDate === null || p.date < e.nextDate) e.nextDate = p.date;
		}
		for (const h of r.held) {
			const amount = earnedBy(g, h.earningIndexes);
			if (amount !== 0) entry(h.currency).amountMinor += amount;
		}
	}
	return [...by.values()].filter((e) => e.amountMinor !== 0).sort((a, b) => (a.currency < b.currency ? -1 : 1));
}
