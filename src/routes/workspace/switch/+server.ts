// Switches the current workspace: only to one the user is a member of (404 otherwise, so other
// workspaces' ids reveal nothing), then back to the section the user was in.
import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { membership } from '$lib/server/db/queries/workspaces';
import { WORKSPACE_COOKIE, workspaceCookieOptions } from '$lib/server/auth/cookies';
import { safeNext } from '$lib/server/auth/access';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages.js';

export const POST: RequestHandler = async (event) => {
	const user = requireUser(event);
	const form = await event.request.formData();
	const id = Number(form.get('workspaceId'));
	if (!Number.isInteger(id) || id <= 0 || !membership(getDb(), user.id, id)) error(404, m.not_found_title());
	event.cookies.set(WORKSPACE_COOKIE, String(id), workspaceCookieOptions(event.url));
	// "/batches/12" belonged to the previous workspace: go back to its section ("/batches") instead.
	const next = safeNext(String(form.get('next') ?? ''));
	const section = next.split(/[?#]/)[0].split('/').slice(0, 2).join('/') || '/';
	redirect(303, section);
};
