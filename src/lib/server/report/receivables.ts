/**
 * Earned-but-not-received on a date, per platform and currency, for the report. "Received" is what was
 * imported as received payouts up to each platform's last imported payout month, and after it (or for a
 * platform without imported payouts) what its payout rule says was paid by then — the same split the
 * dashboard's cash basis uses, so a workspace without bank statements is not shown years of receivables.
 * The ageing (FIFO, 0–30/31–60/61–90/>90 days) is reconciliation.ts's.
 */
import type { DB } from '../db/client';
import { earnedByDay, receivedByDay, type DatedAmount } from './queries';
import { lastPayoutMonths, platformInfos } from '../metrics/queries';
import { DEFAULT_PAYOUT_RULE } from '../metrics/dashboard';
import { expectedPayouts, type PayoutEarning } from '../../domain/payout-rules';
import { receivables, type ReceivedPayment, type ReceivableRow } from '../../domain/reconciliation';
import { compareMonths, monthOf, type IsoDate } from '../../domain/period';

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

export function receivablesOn(db: Conn, workspaceId: number, asOf: IsoDate): (ReceivableRow & { platform: string })[] {
	const platforms = platformInfos(db, workspaceId);
	const nameOf = new Map(platforms.map((p) => [p.id, p.name]));
	const importedThrough = lastPayoutMonths(db, workspaceId);
	const earned = earnedByDay(db, workspaceId, asOf);
	const received: ReceivedPayment[] = receivedByDay(db, workspaceId, asOf).map((r) => ({
		key: String(r.platformId),
		date: r.date,
		amountMinor: r.amountMinor,
		currency: r.currency
	}));
	for (const p of platforms) {
		const items = earned.filter((e: DatedAmount) => e.platformId === p.id);
		if (items.length === 0) continue;
		const through = importedThrough.get(p.id) ?? null;
		const expected = expectedPayouts(
			items.map((e) => ({ date: e.date, amountMinor: e.amountMinor, currency: e.currency })),
			p.rules.length > 0 ? p.rules : [DEFAULT_PAYOUT_RULE],
			{ until: asOf }
		);
		for (const ev of expected.payouts) {
			if (through !== null && compareMonths(monthOf(ev.date), through) <= 0) continue;
			received.push({ key: String(p.id), date: ev.date, amountMinor: ev.amountMinor, currency: ev.currency });
		}
	}
	const rows = receivables(
		earned.map((e) => ({ key: String(e.platformId), date: e.date, amountMinor: e.amountMinor, currency: e.currency })),
		received,
		asOf
	);
	return rows.map((r) => ({ ...r, platform: nameOf.get(Number(r.key)) ?? '(unassigned)' }));
}
