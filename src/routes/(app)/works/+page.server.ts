import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireWorkspace } from '$lib/server/auth/guard';
import { worksPageData } from '$lib/server/payouts/pages';
import { addCommissionRule, addWorks, deleteCommissionRule, deleteWork, saveWork, useStatementFigures } from '$lib/server/payouts/edit';
import { parseWorksCsv } from '$lib/domain/works-csv';
import { worksListPage, worksListQuery } from '$lib/domain/works-list';
import { formId, parseCommissionRule, parseWork } from '$lib/server/payouts/forms';
import { loadPlatforms } from '$lib/server/payouts/load';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = (event) => {
	const ws = requireWorkspace(event);
	const { works, ...rest } = worksPageData(getDb(), ws.workspaceId);
	const query = worksListQuery(event.url.searchParams);
	return { ...rest, list: { ...worksListPage(works, query), platformId: query.platformId, q: query.q }, canWrite: ws.canWrite };
};

const notFound = (action: string, id: number | null, field = 'id') => fail(404, { action, id, problems: [{ field, problem: 'not_found' }] });

async function save(event: RequestEvent, action: 'addWork' | 'saveWork') {
	const ws = requireWorkspace(event, { write: true });
	const form = await event.request.formData();
	const id = action === 'saveWork' ? formId(form, 'workId') : null;
	if (action === 'saveWork' && id === null) return notFound(action, null);
	const currencies = new Map(loadPlatforms(getDb(), ws.workspaceId).map((p) => [p.id, p.currency]));
	const parsed = parseWork(form, (pid) => currencies.get(pid));
	if (!parsed.ok) return fail(400, { action, id, problems: parsed.problems });
	if (!saveWork(getDb(), ws.workspaceId, id, parsed.value)) return notFound(action, id);
	return { action, id, saved: true };
}

export const actions: Actions = {
	addWork: (event) => save(event, 'addWork'),
	saveWork: (event) => save(event, 'saveWork'),
	deleteWork: async (event) => {
		const ws = requireWorkspace(event, { write: true });
		const id = formId(await event.request.formData(), 'workId');
		if (id === null || !deleteWork(getDb(), ws.workspaceId, id)) return notFound('deleteWork', id);
		return { action: 'deleteWork', id, deleted: true };
	},
	useStatements: async (event) => {
		const ws = requireWorkspace(event, { write: true });
		const id = formId(await event.request.formData(), 'workId');
		const result = id === null ? 'not_found' : useStatementFigures(getDb(), ws.workspaceId, id);
		if (result === 'not_found') return notFound('useStatements', id);
		if (result === 'no_figures') return fail(409, { action: 'useStatements', id, noFigures: true });
		return { action: 'useStatements', id, statementsUsed: true };
	},
	addRule: async (event) => {
		const ws = requireWorkspace(event, { write: true });
		const parsed = parseCommissionRule(await event.request.formData());
		if (!parsed.ok) return fail(400, { action: 'addRule', id: null, problems: parsed.problems });
		if (!addCommissionRule(getDb(), ws.workspaceId, parsed.value)) return notFound('addRule', null, 'platformId');
		return { action: 'addRule', id: null, saved: true };
	},
	importWorks: async (event) => {
		const ws = requireWorkspace(event, { write: true });
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { action: 'importWorks', id: null, problems: [{ field: 'worksFile', problem: 'required' }] });
		if (file.size > 5 * 1024 * 1024) return fail(400, { action: 'importWorks', id: null, problems: [{ field: 'worksFile', problem: 'out_of_range' }] });
		const parsed = parseWorksCsv(await file.text(), loadPlatforms(getDb(), ws.workspaceId));
		if (!parsed.ok) return fail(400, { action: 'importWorks', id: null, csvErrors: parsed.errors });
		return { action: 'importWorks', id: null, saved: true, imported: addWorks(getDb(), ws.workspaceId, parsed.works) };
	},
	deleteRule: async (event) => {
		const ws = requireWorkspace(event, { write: true });
		const id = formId(await event.request.formData(), 'ruleId');
		if (id === null || !deleteCommissionRule(getDb(), ws.workspaceId, id)) return notFound('deleteRule', id);
		return { action: 'deleteRule', id: null, deleted: true };
	}
};
