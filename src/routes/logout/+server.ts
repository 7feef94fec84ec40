// Sign-out is a POST (a link could be triggered by any page). It ends this session and every other
// session of the user (issue: "sign-out and password change end the other sessions").
import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { deleteOtherSessions, deleteSession, SESSION_COOKIE } from '$lib/server/auth/session';
import { WORKSPACE_COOKIE } from '$lib/server/auth/cookies';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ locals, cookies }) => {
	const db = getDb();
	if (locals.sessionToken) deleteSession(db, locals.sessionToken);
	if (locals.user) deleteOtherSessions(db, locals.user.id);
	cookies.delete(SESSION_COOKIE, { path: '/' });
	cookies.delete(WORKSPACE_COOKIE, { path: '/' });
	redirect(303, '/login?signed_out=1');
};
