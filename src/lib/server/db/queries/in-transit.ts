/**
 * "Money in transit" for the dashboard: income earned by today whose expected payout date is today or
 * later, plus balances held below a minimum payout, per currency. The payouts page shows the same
 * figure under the same label: both come from payout-tracking.ts through the payouts module.
 */
import type { DB } from '../client';
import { workspaceInTransit } from '../../payouts/cash';
import type { InTransit } from '../../../domain/payout-tracking';

export type { InTransit };

export function moneyInTransit(db: DB, workspaceId: number, today: string): InTransit[] {
	return workspaceInTransit(db, workspaceId, today);
}
