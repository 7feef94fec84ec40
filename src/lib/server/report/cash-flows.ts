/**
 * Earned → cash flows per platform as the payouts page schedules them, for the compare page's "days
 * from earning to cash": deal-linked earnings on the deal's net days, the rest by the platform's rule
 * versions (the default rule where none is set).
 */
import type { DB } from '../db/client';
import { earnedByDay } from './queries';
import { platformInfos } from '../metrics/queries';
import { DEFAULT_PAYOUT_RULE, schedulingRule } from '../../domain/payout-defaults';
import { expectedPayouts, type PayoutEarning, type PayoutRule } from '../../domain/payout-rules';
import type { IsoDate } from '../../domain/period';

type Conn = Pick<DB, '$client'>;

export interface PlatformCashFlow {
	platform: string;
	earnedOn: IsoDate;
	receivedOn: IsoDate;
	amountMinor: number;
	currency: string;
}

/** Expected payout events per platform (deals by their net days, the rest by the platform's rule versions, else the default rule), with the earning each pays. */
export function expectedCashFlows(db: Conn, workspaceId: number, through: IsoDate): PlatformCashFlow[] {
	const earned = earnedByDay(db, workspaceId, through);
	const flows: PlatformCashFlow[] = [];
	for (const p of platformInfos(db, workspaceId)) {
		const groups = new Map<string, { rules: readonly PayoutRule[]; items: PayoutEarning[] }>();
		for (const e of earned) {
			if (e.platformId !== p.id) continue;
			// The payouts page lists a platform without a rule as "no rule yet" and expects nothing from
			// it; a comparison needs a number, so here the default rule stands in (deals keep their terms).
			const rule = schedulingRule(p.rules, e.dealNetDays, DEFAULT_PAYOUT_RULE)!;
			const g = groups.get(rule.key) ?? { rules: rule.rules, items: [] };
			g.items.push({ date: e.date, amountMinor: e.amountMinor, currency: e.currency });
			groups.set(rule.key, g);
		}
		for (const { rules, items } of groups.values()) {
			const expected = expectedPayouts(items, rules);
			for (const ev of expected.payouts) {
				for (const i of ev.earningIndexes) {
					flows.push({ platform: p.name, earnedOn: items[i].date!, receivedOn: ev.date, amountMinor: items[i].amountMinor, currency: items[i].currency });
				}
			}
		}
	}
	return flows;
}
