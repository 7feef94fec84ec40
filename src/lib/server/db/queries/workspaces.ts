/** Workspaces and memberships. Access is always resolved through membership (see auth/guard). */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DB } from '../client';
import { workspaceMembers, workspaces } from '../schema/index';

export type Role = 'owner' | 'editor' | 'viewer';

export interface WorkspaceRow {
	id: number;
	name: string;
	baseCurrency: string;
}

export function createWorkspace(db: DB, name: string, baseCurrency: string, ownerId: number | null): WorkspaceRow {
	return db.transaction((tx) => {
		const ws = tx
			.insert(workspaces)
			.values({ name, baseCurrency, createdAt: new Date().toISOString() })
			.returning({ id: workspaces.id, name: workspaces.name, baseCurrency: workspaces.baseCurrency })
			.get();
		if (ownerId !== null) {
			tx.insert(workspaceMembers)
				.values({ workspaceId: ws.id, userId: ownerId, role: 'owner', createdAt: new Date().toISOString() })
				.run();
		}
		return ws;
	});
}

/** Workspaces a user is a member of, with the role. */
export function workspacesOfUser(db: DB, userId: number): (WorkspaceRow & { role: Role })[] {
	return db
		.select({ id: workspaces.id, name: workspaces.name, baseCurrency: workspaces.baseCurrency, role: workspaceMembers.role })
		.from(workspaceMembers)
		.innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
		.where(eq(workspaceMembers.userId, userId))
		.orderBy(workspaces.name)
		.all();
}

/**
 * The workspace a user lands in when no (valid) choice is remembered: the first one they own, else
 * the one they joined first (memberships in the order they were written). Never decided by names: anyone can add an existing account to a
 * workspace of theirs, and a name sorted first ("!Owner WS") must not draw the user's imports into it.
 */
export function defaultWorkspaceOf(db: DB, userId: number): (WorkspaceRow & { role: Role }) | undefined {
	return db
		.select({ id: workspaces.id, name: workspaces.name, baseCurrency: workspaces.baseCurrency, role: workspaceMembers.role })
		.from(workspaceMembers)
		.innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
		.where(eq(workspaceMembers.userId, userId))
		.orderBy(desc(sql`${workspaceMembers.role} = 'owner'`), asc(sql`${workspaceMembers}.rowid`))
		.limit(1)
		.get();
}

/** The membership of `userId` in `workspaceId`, or undefined (callers answer 404, never 403). */
export function membership(db: DB, userId: number, workspaceId: number): (WorkspaceRow & { role: Role }) | undefined {
	return db
		.select({ id: workspaces.id, name: workspaces.name, baseCurrency: workspaces.baseCurrency, role: workspaceMembers.role })
		.from(workspaceMembers)
		.innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
		.where(and(eq(workspaceMembers.userId, userId), eq(workspaceMembers.workspaceId, workspaceId)))
		.get();
}

/** For the local CLI: the workspace of that name, or undefined when there is none. Throws when ambiguous. */
export function workspaceNamed(db: DB, name: string): WorkspaceRow | undefined {
	const rows = db
		.select({ id: workspaces.id, name: workspaces.name, baseCurrency: workspaces.baseCurrency })
		.from(workspaces)
		.where(eq(workspaces.name, name))
		.all();
	if (rows.length > 1) throw new Error(`${rows.length} workspaces are named "${name}"; rename one first`);
	return rows[0];
}

/** For the local CLI: a workspace by its (unique enough) name. Throws when missing or ambiguous. */
export function workspaceByName(db: DB, name: string): WorkspaceRow {
	const ws = workspaceNamed(db, name);
	if (!ws) throw new Error(`no workspace named "${name}"`);
	return ws;
}

/**
 * A workspace's settings (`settings_json`: risk settings, the sample's mark …) as an object: `{}`
 * when the text is missing, not JSON, or not an object. Every reader goes through this, and a writer
 * keeps the keys it does not own.
 */
export function parseSettingsJson(text: string | null | undefined): Record<string, unknown> {
	try {
		const v: unknown = JSON.parse(text ?? '{}');
		return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

/** The settings of a workspace, read fresh (inside a transaction, the transaction's view). */
export function workspaceSettings(db: Pick<DB, '$client'>, workspaceId: number): Record<string, unknown> {
	const text = db.$client.prepare(`SELECT settings_json FROM workspaces WHERE id = ?`).pluck().get(workspaceId) as string | undefined;
	return parseSettingsJson(text);
}
