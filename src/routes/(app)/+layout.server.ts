import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { workspacesOfUser } from '$lib/server/db/queries/workspaces';
import { holdsSample } from '$lib/server/sample';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = (event) => {
	const user = requireUser(event);
	return {
		user,
		workspace: event.locals.workspace,
		// Said on every page while it lasts, with the way out: invented numbers beside real imports mislead.
		holdsSample: event.locals.workspace ? holdsSample(getDb(), event.locals.workspace.workspaceId) : false,
		workspaces: workspacesOfUser(getDb(), user.id).map((w) => ({ id: w.id, name: w.name, role: w.role }))
	};
};
