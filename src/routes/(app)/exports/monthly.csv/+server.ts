import { requireWorkspace } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { buildReport, monthlyCsv } from '$lib/server/report';
import { downloadHeaders, periodFromUrl } from '$lib/server/report/http';
import type { RequestHandler } from './$types';

/** The report's monthly table (gross, fees, tax, net, received) as CSV. */
export const GET: RequestHandler = (event) => {
	const ws = requireWorkspace(event);
	const p = periodFromUrl(event.url);
	return new Response(monthlyCsv(buildReport(getDb(), ws.workspaceId, p.period)), {
		headers: downloadHeaders('text/csv; charset=utf-8', `monthly-${p.period}.csv`)
	});
};
