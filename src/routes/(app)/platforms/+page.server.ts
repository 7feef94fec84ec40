import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireWorkspace } from '$lib/server/auth/guard';
import { platformsPageData } from '$lib/server/payouts/pages';
import { todayIso } from '$lib/server/clock';
import { addPayoutRuleVersion, applyPayoutChoice, createPlatform, deletePayoutRuleVersion, isKnownChoice, updatePlatform } from '$lib/server/payouts/edit';
import { formId, parseEffectiveFrom, parsePayoutRule, parsePlatformCreate, parsePlatformSettings, STREAM_CHOICES } from '$lib/server/payouts/forms';
import { loadPlatforms } from '$lib/server/payouts/load';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const ws = requireWorkspace(event);
	return { ...platformsPageData(getDb(), ws.workspaceId, todayIso()), canWrite: ws.canWrite, streams: [...STREAM_CHOICES], today: todayIso() };
};

const notFound = (action: string, platformId: number | null) => fail(404, { action, platformId, problems: [{ field: 'platformId', problem: 'not_found' }] });

export const actions: Actions = {
	create: async (event) => {
		const ws = requireWorkspace(event, { write: true });
		const parsed = parsePlatformCreate(await event.request.formData());
		if (!parsed.ok) return fail(400, { action: 'create', platformId: null, problems: parsed.problems });
		const v = parsed.value;
		if (v.choiceId && !isKnownChoice(v.choiceId)) return fail(400, { action: 'create', platformId: null, problems: [{ field: 'choiceId', problem: 'bad_choice' }] });
		const r = createPlatform(getDb(), ws.workspaceId, v);
		if (!r.ok) return fail(400, { action: 'create', platformId: null, problems: [{ field: 'name', problem: r.problem }] });
		return { action: 'create', platformId: r.id, saved: true };
	},
	settings: async (event) => {
		const ws = requireWorkspace(event, { write: true });
		const form = await event.request.formData();
		const platformId = formId(form, 'platformId');
		const parsed = parsePlatformSettings(form);
		if (!parsed.ok) return fail(400, { action: 'settings', platformId, problems: parsed.problems });
		if (platformId === null || !updatePlatform(getDb(), ws.workspaceId, platformId, parsed.value)) return notFound('settings', platformId);
		return { action: 'settings', platformId, saved: true };
	},
	addRule: async (event) => {
		const ws = requireWorkspace(event, { write: true });
		const form = await event.request.formData();
		const platformId = formId(form, 'platformId');
		const platform = loadPlatforms(getDb(), ws.workspaceId).find((p) => p.id === platformId);
		if (!platform) return notFound('addRule', platformId);
		const parsed = parsePayoutRule(form, platform.currency);
		if (!parsed.ok) return fail(400, { action: 'addRule', platformId, problems: parsed.problems });
		addPayoutRuleVersion(getDb(), ws.workspaceId, platform.id, parsed.value);
		return { action: 'addRule', platformId, saved: true };
	},
	deleteRule: async (event) => {
		const ws = requireWorkspace(event, { write: true });
		const form = await event.request.formData();
		const ruleId = formId(form, 'ruleId');
		if (ruleId === null || !deletePayoutRuleVersion(getDb(), ws.workspaceId, ruleId)) return notFound('deleteRule', formId(form, 'platformId'));
		return { action: 'deleteRule', platformId: formId(form, 'platformId'), deleted: true };
	},
	useKnown: async (event) => {
		const ws = requireWorkspace(event, { write: true });
		const form = await event.request.formData();
		const platformId = formId(form, 'platformId');
		const choiceId = String(form.get('choiceId') ?? '');
		const from = parseEffectiveFrom(form);
		if (!from.ok) return fail(400, { action: 'useKnown', platformId, problems: from.problems });
		if (!isKnownChoice(choiceId)) return fail(400, { action: 'useKnown', platformId, problems: [{ field: 'choiceId', problem: 'bad_choice' }] });
		if (platformId === null || !applyPayoutChoice(getDb(), ws.workspaceId, platformId, choiceId, from.value)) return notFound('useKnown', platformId);
		return { action: 'useKnown', platformId, saved: true };
	}
};
