/** Small shared types of the dashboard's data path (server builds them, views show them). */
import type { Month } from './period';

/** How the cash basis of one platform was built. */
export interface CashSource {
	platform: string;
	/** Imported payouts are used up to and including this month; the rule's expected payouts after it. */
	importedThrough: Month | null;
	/** false: the platform has no payout rule yet and the default rule (next month, on the 1st) was used. */
	hasRule: boolean;
}
