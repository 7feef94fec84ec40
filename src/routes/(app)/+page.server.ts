import { fail } from '@sveltejs/kit';
import { requireWorkspace } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { moneyInTransit } from '$lib/server/db/queries/in-transit';
import { loadRiskDashboard } from '$lib/server/metrics';
import { loadSampleWorkspace, SampleRefused, workspaceHasIncome } from '$lib/server/sample';
import type { Actions, PageServerLoad } from './$types';
import { todayIso as today } from '$lib/server/clock';
import { getLocale } from '$lib/paraglide/runtime.js';


export const load: PageServerLoad = (event) => {
	const ws = requireWorkspace(event);
	const db = getDb();
	if (!workspaceHasIncome(db, ws.workspaceId)) return { isEmpty: true as const, canWrite: ws.canWrite };
	return {
		isEmpty: false as const,
		dashboard: loadRiskDashboard(db, ws.workspaceId, event.url),
		// Streamed: it walks the payout rules over raw earnings, so it must not hold up the dashboard.
		inTransit: new Promise<ReturnType<typeof moneyInTransit>>((resolve, reject) =>
			setImmediate(() => {
				try {
					resolve(moneyInTransit(db, ws.workspaceId, today()));
				} catch (e) {
					reject(e);
				}
			})
		)
	};
};

export const actions: Actions = {
	sample: async (event) => {
		// viewers get 403 like every other write
		const ws = requireWorkspace(event, { write: true });
		try {
			// Titles, brands and the brand-deal platform in the language of the person who loads it.
			const result = loadSampleWorkspace(getDb(), ws.workspaceId, { today: today(), language: getLocale() === 'zh' ? 'zh' : 'en' });
			return { sampleLoaded: result.earnings };
		} catch (e) {
			if (e instanceof SampleRefused) return fail(409, { sampleError: 'not_empty' as const });
			throw e;
		}
	}
};
