import { redirect } from '@sveltejs/kit';
import { requireWorkspace } from '$lib/server/auth/guard';
import { periodFromChoice, quickPicks } from '$lib/domain/report-periods';
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
	const picks = quickPicks(today);
	const lastMonth = picks[0].period;
	return {
		invalid,
		picks,
		defaults: { month: lastMonth, year: lastMonth.slice(0, 4), quarter: String(Math.floor((Number(lastMonth.slice(5, 7)) - 1) / 3) + 1), from: `${lastMonth.slice(0, 4)}-01`, to: lastMonth },
		exportPeriod: q.get('period') ?? defaultPeriod(today)
	};
};
