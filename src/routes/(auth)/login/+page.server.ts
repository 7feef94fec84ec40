import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { env } from '$lib/server/env';
import { signIn, userCount } from '$lib/server/auth/accounts';
import { safeNext } from '$lib/server/auth/access';
import { createSession, deleteSession, SESSION_COOKIE } from '$lib/server/auth/session';
import { sessionCookieOptions } from '$lib/server/auth/cookies';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.user) redirect(303, next);
	if (userCount(getDb()) === 0) redirect(303, '/signup');
	return { next, registrationOpen: env.registrationOpen, signedOut: url.searchParams.has('signed_out') };
};

export const actions: Actions = {
	default: async ({ request, cookies, locals, url, getClientAddress }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim();
		const password = String(form.get('password') ?? '');
		const next = safeNext(String(form.get('next') ?? '') || url.searchParams.get('next'));
		if (email === '' || password === '') return fail(400, { email, problem: 'missing', seconds: 0 });

		const db = getDb();
		const result = await signIn(db, email, password, getClientAddress());
		if (!result.ok) {
			const status = result.problem === 'throttled' ? 429 : 400;
			return fail(status, { email, problem: result.problem, seconds: result.seconds });
		}
		// A new session on every sign-in; an old one in this browser is ended, never reused.
		if (locals.sessionToken) deleteSession(db, locals.sessionToken);
		const session = createSession(db, result.user.id);
		cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions(url, session.expiresAt));
		redirect(303, next);
	}
};
