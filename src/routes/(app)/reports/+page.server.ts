import { redirect } from '@sveltejs/kit';
import { requireWorkspace } from '$lib/server/auth/guard';
import { chooserDefaults, periodFromChoice, quickPicks } from '$lib/domain/report-periods';
import { defaultPeriod } from '$lib/server/report/http';
import type { PageServerLoad } from './$types';
import { todayIso } from '$lib/server/clock';

/** The chooser is a GET form: submitting it (with or without JavaScript) lands on /reports/<period>. */
export const load: PageServerLoad = (event) => {
	requireWorkspace(event);
	const q = event.url.searchParams;
	const today = todayIso();
	let invalid = false;
	if (q.has('kind')) {
		const period = periodFromChoice({
			kind: q.get('kind'),
			month: q.get('month'),
			quarter: q.get('quarter'),
			year: q.get('year'),
			from: q.get('from'),
			to: q.get('to')
		});
		if (period) redirect(303, `/reports/${period}`);
		invalid = true;
	}
	return {
		invalid,
		picks: quickPicks(today),
		defaults: chooserDefaults(today),
		exportPeriod: q.get('period') ?? defaultPeriod(today)
	};
};
