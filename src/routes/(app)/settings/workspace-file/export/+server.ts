import { getDb } from '$lib/server/db';
import { requireWorkspace } from '$lib/server/auth/guard';
import { exportWorkspaceFile } from '$lib/server/payouts/workspace-file';
import type { RequestHandler } from './$types';
import { downloadHeaders } from '$lib/server/report/http';

/** The current workspace's file (domain.md §7) as a download. */
export const GET: RequestHandler = (event) => {
	const ws = requireWorkspace(event);
	const name = ws.workspaceName.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'workspace';
	return new Response(exportWorkspaceFile(getDb(), ws.workspaceId), { headers: downloadHeaders('application/json; charset=utf-8', `${name}.json`) });
};
