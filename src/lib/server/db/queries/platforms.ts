/** Platforms of a workspace. Every function takes the workspace id: nothing here crosses workspaces. */
import { and, eq } from 'drizzle-orm';
import type { DB } from '../client';
import { platforms } from '../schema/index';

type Tx = Pick<DB, 'select' | 'insert' | 'update' | 'delete'>;

export interface PlatformInit {
	name: string;
	currency: string;
	defaultStream?: string;
	presetId?: string | null;
	contract?: boolean;
	socialInsurance?: boolean;
}

/** The platform with this name in the workspace, created when missing. Returns its id. */
export function ensurePlatform(tx: Tx, workspaceId: number, init: PlatformInit): number {
	const found = tx
		.select({ id: platforms.id })
		.from(platforms)
		.where(and(eq(platforms.workspaceId, workspaceId), eq(platforms.name, init.name)))
		.get();
	if (found) return found.id;
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
	return row.id;
}

export function listPlatforms(db: Tx, workspaceId: number) {
	return db.select().from(platforms).where(eq(platforms.workspaceId, workspaceId)).orderBy(platforms.name).all();
}
