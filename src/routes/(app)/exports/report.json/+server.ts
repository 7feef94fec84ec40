import { requireWorkspace } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { buildReport, reportJson } from '$lib/server/report';
import { downloadHeaders, periodFromUrl } from '$lib/server/report/http';
import type { RequestHandler } from './$types';

/** Every figure of the income report as JSON (the same shape as `ledger report --format json`). */
export const GET: RequestHandler = (event) => {
	const ws = requireWorkspace(event);
	const p = periodFromUrl(event.url);
	return new Response(JSON.stringify(reportJson(buildReport(getDb(), ws.workspaceId, p.period)), null, 2), {
		headers: downloadHeaders('application/json; charset=utf-8', `report-${p.period}.json`)
	});
};
