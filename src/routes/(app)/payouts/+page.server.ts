import { getDb } from '$lib/server/db';
import { requireWorkspace } from '$lib/server/auth/guard';
import { payoutsPageData } from '$lib/server/payouts/pages';
import { todayIso } from '$lib/server/clock';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const ws = requireWorkspace(event);
	return payoutsPageData(getDb(), ws.workspaceId, todayIso());
};
