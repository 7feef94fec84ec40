import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireWorkspace } from '$lib/server/auth/guard';
import { dealsPageData } from '$lib/server/payouts/pages';
import { todayIso } from '$lib/server/clock';
import { deleteDeal, platformExists, saveDeal, setDealStatus } from '$lib/server/payouts/edit';
import { formId, parseDeal, parseDealStatus } from '$lib/server/payouts/forms';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = (event) => {
	const ws = requireWorkspace(event);
	return { ...dealsPageData(getDb(), ws.workspaceId, todayIso()), canWrite: ws.canWrite, today: todayIso(), baseCurrency: ws.baseCurrency };
};

const notFound = (action: string, id: number | null, field = 'id') => fail(404, { action, id, problems: [{ field, problem: 'not_found' }] });

async function save(event: RequestEvent, action: 'addDeal' | 'saveDeal') {
	const ws = requireWorkspace(event, { write: true });
	const form = await event.request.formData();
	const id = action === 'saveDeal' ? formId(form, 'dealId') : null;
	if (action === 'saveDeal' && id === null) return notFound(action, null);
	const parsed = parseDeal(form);
	if (!parsed.ok) return fail(400, { action, id, problems: parsed.problems });
	if (parsed.value.platformId !== null && !platformExists(getDb(), ws.workspaceId, parsed.value.platformId)) return notFound(action, id, 'platformId');
	const saved = saveDeal(getDb(), ws.workspaceId, id, parsed.value);
	if (saved === false) return notFound(action, id);
	// The edit form has no payout field: the amount (or its instalments) is what no longer fits.
	if (saved !== true) return fail(400, { action, id, problems: [{ field: 'amount', problem: saved }] });
	return { action, id, saved: true };
}

export const actions: Actions = {
	addDeal: (event) => save(event, 'addDeal'),
	saveDeal: (event) => save(event, 'saveDeal'),
	status: async (event) => {
		const ws = requireWorkspace(event, { write: true });
		const form = await event.request.formData();
		const id = formId(form, 'dealId');
		const parsed = parseDealStatus(form);
		if (!parsed.ok) return fail(400, { action: 'status', id, problems: parsed.problems });
		if (id === null) return notFound('status', id);
		const r = setDealStatus(getDb(), ws.workspaceId, id, parsed.value.status, parsed.value.paidOn, parsed.value.payoutId);
		if (r === 'not_found') return notFound('status', id);
		if (r === 'payout_not_found') return notFound('status', id, 'payoutId');
		if (r !== true) return fail(400, { action: 'status', id, problems: [{ field: 'payoutId', problem: r }] });
		return { action: 'status', id, saved: true };
	},
	deleteDeal: async (event) => {
		const ws = requireWorkspace(event, { write: true });
		const id = formId(await event.request.formData(), 'dealId');
		if (id === null || !deleteDeal(getDb(), ws.workspaceId, id)) return notFound('deleteDeal', id);
		return { action: 'deleteDeal', id, deleted: true };
	}
};
