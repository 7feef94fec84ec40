import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { changePassword } from '$lib/server/auth/accounts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	return { email: user.email };
};

export const actions: Actions = {
	password: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const current = String(form.get('current_password') ?? '');
		const next = String(form.get('new_password') ?? '');
		const result = await changePassword(getDb(), user.id, current, next, event.locals.sessionToken ?? undefined);
		if (!result.ok) return fail(result.problem === 'password_throttled' ? 429 : 400, { problem: result.problem, seconds: result.seconds ?? 0 });
		return { changed: true };
	}
};
