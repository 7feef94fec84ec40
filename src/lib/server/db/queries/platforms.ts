/** Platforms of a workspace. Every function takes the workspace id: nothing here crosses workspaces. */
import { and, eq } from 'drizzle-orm';
import type { DB } from '../client';
import { payoutRules, platforms } from '../schema/index';
import { DEFAULT_RULE_EFFECTIVE_FROM, defaultRuleForCurrency, payoutDefaultFor } from '../../../domain/payout-defaults';

type Tx = Pick<DB, 'select' | 'insert' | 'update' | 'delete'>;

export interface PlatformInit {
	name: string;
	currency: string;
	defaultStream?: string;
	presetId?: string | null;
	contract?: boolean;
	socialInsurance?: boolean;
	/** Create the known default payout rule (payout-defaults.ts) for a new platform from a preset; default true. */
	withDefaultRule?: boolean;
}

/** The id of the workspace's platform with this name, if there is one. */
export function platformIdByName(db: Pick<DB, 'select'>, workspaceId: number, name: string): number | undefined {
	return db
		.select({ id: platforms.id })
		.from(platforms)
		.where(and(eq(platforms.workspaceId, workspaceId), eq(platforms.name, name)))
		.get()?.id;
}

/** The platform with this name in the workspace, created when missing. Returns its id. */
export function ensurePlatform(tx: Tx, workspaceId: number, init: PlatformInit): number {
	const found = platformIdByName(tx, workspaceId, init.name);
	if (found !== undefined) return found;
	const row = tx
		.insert(platforms)
		.values({
			workspaceId,
			name: init.name,
			currency: init.currency,
			defaultStream: init.defaultStream ?? 'other',
			presetId: init.presetId ?? null,
			contract: init.contract ?? false,
			socialInsurance: init.socialInsurance ?? false,
			createdAt: new Date().toISOString()
		})
		.returning({ id: platforms.id })
		.get();
	const known = init.withDefaultRule === false ? undefined : payoutDefaultFor(init.presetId);
	if (known) {
		tx.insert(payoutRules)
			.values({
				workspaceId,
				platformId: row.id,
				effectiveFrom: DEFAULT_RULE_EFFECTIVE_FROM,
				...defaultRuleForCurrency(known, init.currency, known.currency)
			})
			.run();
	}
	return row.id;
}
