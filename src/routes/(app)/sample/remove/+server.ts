// Takes the sample out of the current workspace (the notice on every page while it holds one),
// then back to the dashboard. Editors and owners only, like every other write.
import { redirect } from '@sveltejs/kit';
import { requireWorkspace } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { removeSampleData } from '$lib/server/sample';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) => {
	const ws = requireWorkspace(event, { write: true });
	const removed = removeSampleData(getDb(), ws.workspaceId);
	redirect(303, `/?sampleRemoved=${removed}`);
};
