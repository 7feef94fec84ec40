import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireWorkspace } from '$lib/server/auth/guard';
import { importWorkspaceFile } from '$lib/server/payouts/workspace-file';
import type { WorkspaceFileError } from '$lib/domain/workspace-file';
import type { Actions, PageServerLoad } from './$types';

/** Workspace files are small setups; anything larger is not one. */
const MAX_BYTES = 5 * 1024 * 1024;

export const load: PageServerLoad = (event) => {
	const ws = requireWorkspace(event);
	return { canWrite: ws.canWrite, workspaceName: ws.workspaceName };
};

export const actions: Actions = {
	import: async (event) => {
		const ws = requireWorkspace(event, { write: true });
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { missing: true, errors: [] });
		if (file.size > MAX_BYTES) {
			const mb = MAX_BYTES / 1024 / 1024;
			const tooLarge: WorkspaceFileError = { path: '', code: 'too_large', message: `the file is larger than ${mb} MB`, params: { mb } };
			return fail(400, { missing: false, errors: [tooLarge] });
		}
		const result = importWorkspaceFile(getDb(), ws.workspaceId, await file.text());
		if (!result.ok) return fail(400, { missing: false, errors: result.errors });
		return { imported: result.summary };
	}
};
