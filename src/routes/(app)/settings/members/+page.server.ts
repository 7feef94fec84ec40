import { error, fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireOwner, requireUser } from '$lib/server/auth/guard';
import { addMember, isAssignableRole, membersOf, removeMember, setMemberRole } from '$lib/server/db/queries/members';
import { createWorkspace, workspacesOfUser } from '$lib/server/db/queries/workspaces';
import { WORKSPACE_COOKIE, workspaceCookieOptions } from '$lib/server/auth/cookies';
import type { Actions, PageServerLoad } from './$types';
import { isCurrencyCode } from '$lib/domain/money';
import { m } from '$lib/paraglide/messages.js';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const db = getDb();
	const ws = event.locals.workspace;
	return {
		userId: user.id,
		current: ws ? { id: ws.workspaceId, name: ws.workspaceName, role: ws.role } : null,
		members: ws ? membersOf(db, ws.workspaceId) : [],
		workspaces: workspacesOfUser(db, user.id),
		created: event.url.searchParams.has('created')
	};
};

function memberId(form: FormData): number {
	const id = Number(form.get('userId'));
	if (!Number.isInteger(id) || id <= 0) error(404, m.not_found_title());
	return id;
}

export const actions: Actions = {
	add: async (event) => {
		const ws = requireOwner(event);
		const form = await event.request.formData();
		const email = String(form.get('email') ?? '').trim();
		const role = form.get('role');
		if (!isAssignableRole(role)) return fail(400, { action: 'add', email, problem: 'bad_role' });
		const result = addMember(getDb(), ws.workspaceId, email, role);
		if (!result.ok) return fail(400, { action: 'add', email, problem: result.problem });
		return { action: 'add', added: email.toLowerCase() };
	},
	role: async (event) => {
		const ws = requireOwner(event);
		const form = await event.request.formData();
		const role = form.get('role');
		const userId = memberId(form);
		if (!isAssignableRole(role)) return fail(400, { action: 'role', problem: 'bad_role' });
		if (!setMemberRole(getDb(), ws.workspaceId, userId, role)) return fail(404, { action: 'role', problem: 'no_member' });
		return { action: 'role', changed: true };
	},
	remove: async (event) => {
		const ws = requireOwner(event);
		const form = await event.request.formData();
		if (!removeMember(getDb(), ws.workspaceId, memberId(form))) return fail(404, { action: 'remove', problem: 'no_member' });
		return { action: 'remove', removed: true };
	},
	/** Any signed-in user may start a workspace of their own (an agency: one per creator). */
	create: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const name = String(form.get('name') ?? '').trim();
		const currency = String(form.get('currency') ?? '').trim().toUpperCase();
		if (name === '') return fail(400, { action: 'create', name, currency, problem: 'no_workspace_name' });
		if (!isCurrencyCode(currency)) return fail(400, { action: 'create', name, currency, problem: 'bad_currency' });
		const ws = createWorkspace(getDb(), name, currency, user.id);
		event.cookies.set(WORKSPACE_COOKIE, String(ws.id), workspaceCookieOptions(event.url));
		redirect(303, `/settings/members?created=${ws.id}`);
	}
};

