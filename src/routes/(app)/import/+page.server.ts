import { requireWorkspace } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireWorkspace(event);
	return {};
};
