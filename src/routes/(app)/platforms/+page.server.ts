import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireWorkspace } from '$lib/server/auth/guard';
import { platformsPageData } from '$lib/server/payouts/pages';
import { todayIso } from '$lib/server/clock';
import { addPayoutRuleVersion, applyPayoutChoice, createPlatform, deletePayoutRuleVersion, isKnownChoice, updatePlatform } from '$lib/server/payouts/edit';
import { formId, parseEffectiveFrom, parsePayoutRule, parsePlatformCreate, parsePlatformSettings, STREAM_CHOICES } from '$lib/server/payouts/forms';
import { loadPlatforms } from '$lib/server/payouts/load';
import type { Actions, PageServerLoad } from './$types';

/** Each platform's first month with recorded earnings ('YYYY-MM'), by platform id. */
function firstEarningMonths(workspaceId: number): Map<number, string> {
	const rows = getDb()
		.$client.prepare(`SELECT platform_id AS id, MIN(month) AS month FROM earnings WHERE workspace_id = ? GROUP BY platform_id`)
		.all(workspaceId) as { id: number; month: string }[];
	return new Map(rows.map((r) => [r.id, r.month]));
}

export const load: PageServerLoad = (event) => {
	const ws = requireWorkspace(event);
	const today = todayIso();
	const page = platformsPageData(getDb(), ws.workspaceId, today);
	const firstMonths = firstEarningMonths(ws.workspaceId);
	// "Use a known rule" starts on the first day of the platform's first earning month when it has no rule yet, so
	// every earning already recorded gets its payout dates (from today, they would all stay unscheduled); once it
	// has a rule, a known rule is a change of terms, which starts today like "Add a version".
	const knownRuleFrom: Record<number, string> = {};
	for (const p of page.platforms) {
		const first = firstMonths.get(p.id);
		knownRuleFrom[p.id] = p.rules.length === 0 && first && `${first}-01` < today ? `${first}-01` : today;
	}
	return { ...page, canWrite: ws.canWrite, streams: [...STREAM_CHOICES], today, knownRuleFrom };
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
