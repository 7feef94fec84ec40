import { requireWorkspace } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { verifyReport, type VerifyResult } from '$lib/server/report';
import type { PageServerLoad } from './$types';

/** A GET form: checking changes nothing, and the link printed on a report can carry both fields. */
export const load: PageServerLoad = (event) => {
	const ws = requireWorkspace(event);
	const period = event.url.searchParams.get('period')?.trim() ?? '';
	const code = event.url.searchParams.get('code')?.trim() ?? '';
	let result: VerifyResult | null = null;
	if (period !== '' || code !== '') result = verifyReport(getDb(), ws.workspaceId, period, code);
	return { period, code, result };
};
