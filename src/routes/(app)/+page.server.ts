import { fail } from '@sveltejs/kit';
import { requireWorkspace } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { platformTotals } from '$lib/server/db/queries/summary';
import { loadSampleWorkspace, SampleRefused, workspaceHasIncome } from '$lib/server/sample';
import { lastCompleteMonths } from '$lib/domain/period';
import type { Actions, PageServerLoad } from './$types';

const today = () => new Date().toISOString().slice(0, 10);

export const load: PageServerLoad = (event) => {
	const ws = requireWorkspace(event);
	const db = getDb();
	const window = lastCompleteMonths(today(), 12);
	return {
		isEmpty: !workspaceHasIncome(db, ws.workspaceId),
		window,
		totals: platformTotals(db, ws.workspaceId, window.start, window.end)
	};
};

export const actions: Actions = {
	sample: async (event) => {
		const ws = requireWorkspace(event);
		if (!ws.canWrite) return fail(403, { sampleError: 'viewer' as const });
		try {
			const result = loadSampleWorkspace(getDb(), ws.workspaceId, { today: today() });
			return { sampleLoaded: result.earnings };
		} catch (e) {
			if (e instanceof SampleRefused) return fail(409, { sampleError: 'not_empty' as const });
			throw e;
		}
	}
};
