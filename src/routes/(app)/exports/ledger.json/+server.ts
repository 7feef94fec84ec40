import { requireWorkspace } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { ledgerJson } from '$lib/server/report';
import { downloadHeaders, periodFromUrl } from '$lib/server/report/http';
import type { RequestHandler } from './$types';

/** The ledger rows (earnings) of a period as JSON, money as decimal strings. */
export const GET: RequestHandler = (event) => {
	const ws = requireWorkspace(event);
	const p = periodFromUrl(event.url);
	return new Response(JSON.stringify(ledgerJson(getDb(), ws.workspaceId, p.period), null, 2), {
		headers: downloadHeaders('application/json; charset=utf-8', `ledger-${p.period}.json`)
	});
};
