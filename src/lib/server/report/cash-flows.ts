/**
 * Earned → cash flows per platform as its payout rule schedules them (the default rule where none is
 * set), for the compare page's "days from earning to cash".
 */
import type { DB } from '../db/client';
import { earnedByDay } from './queries';
import { platformInfos } from '../metrics/queries';
import { DEFAULT_PAYOUT_RULE } from '../metrics/dashboard';
import { expectedPayouts, type PayoutEarning } from '../../domain/payout-rules';
import type { IsoDate } from '../../domain/period';

type Conn = Pick<DB, '$client'>;

export interface PlatformCashFlow {
	platform: string;
	earnedOn: IsoDate;
	receivedOn: IsoDate;
	amountMinor: number;
	currency: string;
}

/** Expected payout events per platform (by its rule versions, else the default rule), with the earning each pays. */
export function expectedCashFlows(db: Conn, workspaceId: number, through: IsoDate): PlatformCashFlow[] {
	const earned = earnedByDay(db, workspaceId, through);
	const flows: PlatformCashFlow[] = [];
	for (const p of platformInfos(db, workspaceId)) {
		const items: PayoutEarning[] = earned.filter((e) => e.platformId === p.id).map((e) => ({ date: e.date, amountMinor: e.amountMinor, currency: e.currency }));
		if (items.length === 0) continue;
		const expected = expectedPayouts(items, p.rules.length > 0 ? p.rules : [DEFAULT_PAYOUT_RULE]);
		for (const ev of expected.payouts) {
			for (const i of ev.earningIndexes) {
				flows.push({ platform: p.name, earnedOn: items[i].date!, receivedOn: ev.date, amountMinor: items[i].amountMinor, currency: items[i].currency });
			}
		}
	}
	return flows;
}
