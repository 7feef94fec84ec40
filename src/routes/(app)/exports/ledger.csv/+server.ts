import { requireWorkspace } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { ledgerCsv } from '$lib/server/report';
import { downloadHeaders, periodFromUrl } from '$lib/server/report/http';
import type { RequestHandler } from './$types';

/** The ledger rows (earnings) of a period as CSV, text cells neutralised against formula injection. */
export const GET: RequestHandler = (event) => {
	const ws = requireWorkspace(event);
	const p = periodFromUrl(event.url);
	return new Response(ledgerCsv(getDb(), ws.workspaceId, p.period), {
		headers: downloadHeaders('text/csv; charset=utf-8', `ledger-${p.period}.csv`)
	});
};
