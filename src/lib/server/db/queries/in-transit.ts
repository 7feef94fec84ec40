/**
 * "Money in transit" for the dashboard: income already earned that the payout rules have not yet
 * turned into cash — expected payouts dated after today, plus balances held below a threshold —
 * summed per currency. Derived from the payouts module's expected payouts.
 */
import type { DB } from '../client';
import { workspaceExpectedPayouts } from '../../payouts/cash';

export interface InTransit {
	currency: string;
	amountMinor: number;
	/** The next expected payout date for this currency, if any. */
	nextDate: string | null;
}

export function moneyInTransit(db: DB, workspaceId: number, today: string): InTransit[] {
	const expected = workspaceExpectedPayouts(db, workspaceId);
	const by = new Map<string, InTransit>();
	const entry = (currency: string) => {
		let e = by.get(currency);
		if (!e) by.set(currency, (e = { currency, amountMinor: 0, nextDate: null }));
		return e;
	};
	for (const p of expected.payouts) {
		if (p.date <= today) continue;
		// only what was earned by today: a payout made of future months is a forecast, not transit
		if (p.months.every((m) => m > today.slice(0, 7))) continue;
		const e = entry(p.currency);
		e.amountMinor += p.amountMinor;
		if (e.nextDate === null || p.date < e.nextDate) e.nextDate = p.date;
	}
	for (const h of expected.held) entry(h.currency).amountMinor += h.amountMinor;
	return [...by.values()].filter((e) => e.amountMinor !== 0).sort((a, b) => (a.currency < b.currency ? -1 : 1));
}
