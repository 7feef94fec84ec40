import { error } from '@sveltejs/kit';
import { requireWorkspace } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { buildReport, resolvePeriod, ReportInputError } from '$lib/server/report';
import { reportHtml } from '$lib/server/report/html';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';

export const load: PageServerLoad = (event) => {
	// Viewers may see and print; the report reads only the current workspace (others answer 404).
	const ws = requireWorkspace(event);
	let period: string;
	try {
		period = resolvePeriod(event.params.period).period;
	} catch (e) {
		if (e instanceof ReportInputError) error(404, m.report_not_a_period());
		throw e;
	}
	const report = buildReport(getDb(), ws.workspaceId, period);
	const locale = getLocale() === 'zh' ? 'zh' : 'en';
	return {
		period,
		workspaceName: report.workspaceName,
		verificationCode: report.verificationCode,
		html: reportHtml(report, { locale, verifyUrl: `${event.url.origin}/reports/verify` })
	};
};
