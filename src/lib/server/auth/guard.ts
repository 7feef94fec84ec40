/**
 * Access control for loads, actions and endpoints. The current workspace is always resolved
 * through the signed-in user's membership; anything else answers 404, so a workspace's (or a
 * row's) existence never leaks to outsiders.
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Role } from '../db/queries/workspaces';

export interface WorkspaceContext {
	userId: number;
	workspaceId: number;
	workspaceName: string;
	baseCurrency: string;
	role: Role;
	canWrite: boolean;
}

export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): { id: number; email: string } {
	const user = event.locals.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	return user;
}

/** The signed-in user's current workspace. `write: true` also demands editor or owner (else 404... for viewers 403). */
export function requireWorkspace(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	options: { write?: boolean } = {}
): WorkspaceContext {
	requireUser(event);
	const ws = event.locals.workspace;
	// Signed in but in no workspace yet (a CLI-made account, or removed everywhere): the members page
	// lets them create one. Not a leak: it says nothing about anyone else's workspaces.
	if (!ws) redirect(303, '/settings/members?none=1');
	if (options.write && !ws.canWrite) error(403, 'Read-only access: viewers cannot change this workspace');
	return ws;
}

export function roleCanWrite(role: Role): boolean {
	return role === 'owner' || role === 'editor';
}

/** The current workspace when the signed-in user owns it (member management); 403 for editors and viewers. */
export function requireOwner(event: Pick<RequestEvent, 'locals' | 'url'>): WorkspaceContext {
	const ws = requireWorkspace(event, { write: true });
	if (ws.role !== 'owner') error(403, 'Only the owner can manage members');
	return ws;
}
