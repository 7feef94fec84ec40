// Remembers the chosen language in Paraglide's cookie, then goes back. A plain POST keeps the
// switch working without JavaScript.
import { redirect } from '@sveltejs/kit';
import { cookieName, cookieMaxAge, isLocale } from '$lib/paraglide/runtime';
import type { RequestHandler } from './$types';
import { safeNext } from '$lib/server/auth/access';

export const POST: RequestHandler = async ({ request, cookies }) => {
	const form = await request.formData();
	const locale = String(form.get('locale') ?? '');
	const next = String(form.get('next') ?? '/');
	if (isLocale(locale)) {
		cookies.set(cookieName, locale, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax' });
	}
	// only same-site relative paths, never an open redirect
	redirect(303, safeNext(next));
};
