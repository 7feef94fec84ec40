import { fail } from '@sveltejs/kit';
import { requireWorkspace } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { checkFxRate, deleteFxRate, listFxRates, neededFxRates, parseFxLines, saveFxRates } from '$lib/server/metrics';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const ws = requireWorkspace(event);
	const db = getDb();
	return {
		baseCurrency: ws.baseCurrency,
		canWrite: ws.canWrite,
		rates: listFxRates(db, ws.workspaceId),
		needed: neededFxRates(db, ws.workspaceId, ws.baseCurrency)
	};
};

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

export const actions: Actions = {
	save: async (event) => {
		const ws = requireWorkspace(event, { write: true });
		const form = await event.request.formData();
		const values = { month: text(form, 'month'), currency: text(form, 'currency'), rate: text(form, 'rate') };
		const r = checkFxRate(values, ws.baseCurrency);
		if (!r.ok) return fail(400, { action: 'save' as const, problem: r.problem, values });
		saveFxRates(getDb(), ws.workspaceId, [r.value]);
		return { action: 'save' as const, saved: 1 };
	},
	bulk: async (event) => {
		const ws = requireWorkspace(event, { write: true });
		const form = await event.request.formData();
		const lines = text(form, 'lines');
		const r = parseFxLines(lines, ws.baseCurrency);
		if (r.problems.length) return fail(400, { action: 'bulk' as const, lineProblems: r.problems, lines });
		return { action: 'bulk' as const, saved: saveFxRates(getDb(), ws.workspaceId, r.rows) };
	},
	delete: async (event) => {
		const ws = requireWorkspace(event, { write: true });
		const form = await event.request.formData();
		deleteFxRate(getDb(), ws.workspaceId, text(form, 'month'), text(form, 'currency'));
		return { action: 'delete' as const, deleted: true };
	}
};
