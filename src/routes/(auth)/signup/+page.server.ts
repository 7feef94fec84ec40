import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { env } from '$lib/server/env';
import { defaultCurrencyFor, signUp, userCount } from '$lib/server/auth/accounts';
import { createSession, SESSION_COOKIE } from '$lib/server/auth/session';
import { sessionCookieOptions, WORKSPACE_COOKIE, workspaceCookieOptions } from '$lib/server/auth/cookies';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';
import { isCurrencyCode } from '$lib/domain/money';

export const load: PageServerLoad = ({ locals, request }) => {
	if (locals.user) redirect(303, '/');
	const firstRun = userCount(getDb()) === 0;
	return {
		firstRun,
		closed: !firstRun && !env.registrationOpen,
		defaultCurrency: defaultCurrencyFor(request.headers.get('accept-language'), getLocale())
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim();
		const password = String(form.get('password') ?? '');
		const workspaceName = String(form.get('workspace') ?? '').trim();
		const currency = String(form.get('currency') ?? '').trim().toUpperCase() ||
			defaultCurrencyFor(request.headers.get('accept-language'), getLocale());
		const keep = { email, workspaceName, currency };
		if (!isCurrencyCode(currency)) return fail(400, { ...keep, problem: 'bad_currency' });

		const db = getDb();
		const result = await signUp(db, { email, password, workspaceName, baseCurrency: currency });
		if (!result.ok) return fail(result.problem === 'closed' ? 403 : 400, { ...keep, problem: result.problem });

		const session = createSession(db, result.userId);
		cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions(url, session.expiresAt));
		cookies.set(WORKSPACE_COOKIE, String(result.workspaceId), workspaceCookieOptions(url));
		redirect(303, '/');
	}
};
