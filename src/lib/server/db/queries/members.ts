/**
 * Who belongs to a workspace and with which role. Owners manage members; the owner memberships
 * themselves are never changed here, so a workspace always keeps its owner.
 */
import { and, eq, ne } from 'drizzle-orm';
import type { DB } from '../client';
import { users, workspaceMembers } from '../schema/index';
import type { Role } from './workspaces';

export interface Member {
	userId: number;
	email: string;
	role: Role;
	since: string;
}

export const ASSIGNABLE_ROLES = ['editor', 'viewer'] as const;
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

export function isAssignableRole(value: unknown): value is AssignableRole {
	return typeof value === 'string' && (ASSIGNABLE_ROLES as readonly string[]).includes(value);
}

export function membersOf(db: DB, workspaceId: number): Member[] {
	return db
		.select({ userId: users.id, email: users.email, role: workspaceMembers.role, since: workspaceMembers.createdAt })
		.from(workspaceMembers)
		.innerJoin(users, eq(users.id, workspaceMembers.userId))
		.where(eq(workspaceMembers.workspaceId, workspaceId))
		.orderBy(workspaceMembers.role, users.email)
		.all();
}

/** Adds an existing user (by email) to the workspace. */
export function addMember(
	db: DB,
	workspaceId: number,
	email: string,
	role: AssignableRole
): { ok: true; userId: number } | { ok: false; problem: 'no_such_user' | 'already_member' } {
	const user = db.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase())).get();
	if (!user) return { ok: false, problem: 'no_such_user' };
	const existing = db
		.select({ role: workspaceMembers.role })
		.from(workspaceMembers)
		.where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, user.id)))
		.get();
	if (existing) return { ok: false, problem: 'already_member' };
	db.insert(workspaceMembers)
		.values({ workspaceId, userId: user.id, role, createdAt: new Date().toISOString() })
		.run();
	return { ok: true, userId: user.id };
}

/** Changes a non-owner member's role; false when there is no such (non-owner) member. */
export function setMemberRole(db: DB, workspaceId: number, userId: number, role: AssignableRole): boolean {
	const result = db
		.update(workspaceMembers)
		.set({ role })
		.where(
			and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId), ne(workspaceMembers.role, 'owner'))
		)
		.run();
	return result.changes > 0;
}

/** Removes a non-owner member; false when there is no such (non-owner) member. */
export function removeMember(db: DB, workspaceId: number, userId: number): boolean {
	const result = db
		.delete(workspaceMembers)
		.where(
			and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId), ne(workspaceMembers.role, 'owner'))
		)
		.run();
	return result.changes > 0;
}
