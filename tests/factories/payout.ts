/**
 * A payout received on `paidOn`, written as an import writes it (month from the date, CNY unless given);
 * returns its id. For tests that need a platform's bank payouts without a statement file.
 */
import type { DB } from '../../src/lib/server/db/client';
import { payouts } from '../../src/lib/server/db/schema/index';
import { monthOf } from '../../src/lib/domain/period';

export function insertReceivedPayout(
	db: DB,
	p: { workspaceId: number; platformId: number; paidOn: string; amountMinor: number; fingerprint: number; currency?: string }
): number {
	return db
		.insert(payouts)
		.values({ workspaceId: p.workspaceId, platformId: p.platformId, paidOn: p.paidOn, month: monthOf(p.paidOn), amountMinor: p.amountMinor, currency: p.currency ?? 'CNY', fingerprint: p.fingerprint, createdAt: 'now' })
		.returning({ id: payouts.id })
		.get().id;
}
