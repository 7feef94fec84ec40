import { getDb } from '$lib/server/db';
import { requireWorkspace } from '$lib/server/auth/guard';
import { exportWorkspaceFile } from '$lib/server/payouts/workspace-file';
import type { RequestHandler } from './$types';

/** The current workspace's file (domain.md §7) as a download. */
export const GET: RequestHandler = (event) => {
	const ws = requireWorkspace(event);
	const name = ws.workspaceName.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'workspace';
	return new Response(exportWorkspaceFile(getDb(), ws.workspaceId), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="workspace.json"; filename*=UTF-8''${encodeURIComponent(name)}.json`,
			'cache-control': 'no-store'
		}
	});
};
