import { error, fail } from '@sveltejs/kit';
import { requireWorkspace } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { computeCompare, setPlatformHours } from '$lib/server/report';
import { DashboardInputError } from '$lib/server/metrics';
import { isMonth } from '$lib/domain/period';
import { defaultWhatIfPair, sortCompareRows, type CompareSortKey } from '$lib/domain/compare';
import type { Actions, PageServerLoad } from './$types';

const SORT_KEYS: readonly CompareSortKey[] = [
	'platform', 'grossMinor', 'feeMinor', 'taxMinor', 'netMinor', 'takeRate', 'share', 'averageMonthMinor', 'cv', 'swingShare',
	'trend', 'averageDaysToCash', 'restricted', 'contingentShare', 'hoursCenti', 'hourlyMinor', 'perWorkMinor', 'perThousandPlaysMinor'
];

/** Everything is in the URL (window, sort, picked platforms, what-if), so every view works without JavaScript and can be shared. */
export const load: PageServerLoad = (event) => {
	const ws = requireWorkspace(event);
	const q = event.url.searchParams;
	const month = (name: string) => {
		const v = q.get(name);
		return v && isMonth(v) ? v : undefined;
	};
	let data;
	try {
		data = computeCompare(getDb(), ws.workspaceId, { from: month('from'), to: month('to') });
	} catch (e) {
		if (e instanceof DashboardInputError) error(400, e.message);
		throw e;
	}
	const sortParam = q.get('sort') as CompareSortKey | null;
	const sort: CompareSortKey = sortParam && SORT_KEYS.includes(sortParam) ? sortParam : 'netMinor';
	const dir = q.get('dir') === 'asc' ? 'asc' : 'desc';
	const names = data.rows.map((r) => r.platform);
	const asked = q.getAll('p').filter((p) => names.includes(p));
	const picked = (asked.length > 0 ? asked : names.slice(0, Math.min(3, names.length))).slice(0, 5);
	const withHours = data.rows.filter((r) => (r.hoursCenti ?? 0) > 0).map((r) => r.platform);
	const pctParam = Number(q.get('pct') ?? '20');
	const pair = defaultWhatIfPair(names, withHours);
	return {
		...data,
		rows: sortCompareRows(data.rows, sort, dir),
		sort,
		dir,
		picked,
		pickProblem: asked.length === 1 || asked.length > 5,
		whatIf: {
			from: names.includes(q.get('wf') ?? '') ? q.get('wf')! : pair.from,
			to: names.includes(q.get('wt') ?? '') ? q.get('wt')! : pair.to,
			pct: Number.isFinite(pctParam) ? Math.min(100, Math.max(0, pctParam)) : 20
		}
	};
};

export const actions: Actions = {
	/** Editors and owners log hours (viewers get 403 from requireWorkspace). */
	hours: async (event) => {
		const ws = requireWorkspace(event, { write: true });
		const form = await event.request.formData();
		const input = { platform: String(form.get('platform') ?? ''), month: String(form.get('month') ?? ''), hours: String(form.get('hours') ?? '') };
		const result = setPlatformHours(getDb(), ws.workspaceId, input);
		if (!result.ok) return fail(400, { hoursProblem: result.problem, ...input });
		return { hoursSaved: true };
	}
};
