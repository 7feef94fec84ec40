import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { workspacesOfUser } from '$lib/server/db/queries/workspaces';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = (event) => {
	const user = requireUser(event);
	return {
		user,
		workspace: event.locals.workspace,
		workspaces: workspacesOfUser(getDb(), user.id).map((w) => ({ id: w.id, name: w.name, role: w.role }))
	};
};
