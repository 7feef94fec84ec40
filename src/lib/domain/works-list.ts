/**
 * The works page's list: newest first, filtered by platform and title, a page at a time, so a
 * catalogue of hundreds of works stays a short page with its actions in reach.
 */
export const WORKS_PER_PAGE = 50;

export interface WorksListQuery {
	/** Only this platform's works (null: all). */
	platformId: number | null;
	/** Only works whose title contains this, ignoring case (empty: all). */
	q: string;
	/** 1-based; out of range is clamped. */
	page: number;
}

export interface WorksListItem {
	id: number;
	platformId: number;
	title: string;
	completedOn: string | null;
}

export interface WorksListPage<T> {
	rows: T[];
	/** Works in the workspace. */
	total: number;
	/** Works matching the filter. */
	matching: number;
	page: number;
	pages: number;
	/** 1-based positions of the first and last row shown (0 and 0 when none). */
	first: number;
	last: number;
}

/** Read the list's query from the URL: ?platform=<id>&q=<text>&page=<n>; anything malformed is ignored. */
export function worksListQuery(params: URLSearchParams): WorksListQuery {
	const platform = Number(params.get('platform'));
	const page = Number(params.get('page'));
	return {
		platformId: Number.isInteger(platform) && platform > 0 ? platform : null,
		q: (params.get('q') ?? '').trim().slice(0, 200),
		page: Number.isInteger(page) && page > 0 ? page : 1
	};
}

/** Unfinished works (no completion date) first, then the most recently completed; ties newest added first. */
function newestFirst(a: WorksListItem, b: WorksListItem): number {
	if (a.completedOn !== b.completedOn) {
		if (a.completedOn === null) return -1;
		if (b.completedOn === null) return 1;
		return a.completedOn < b.completedOn ? 1 : -1;
	}
	return b.id - a.id;
}

export function worksListPage<T extends WorksListItem>(works: readonly T[], query: WorksListQuery, perPage = WORKS_PER_PAGE): WorksListPage<T> {
	const needle = query.q.toLocaleLowerCase();
	const matching = works
		.filter((w) => (query.platformId === null || w.platformId === query.platformId) && (needle === '' || w.title.toLocaleLowerCase().includes(needle)))
		.sort(newestFirst);
	const pages = Math.max(1, Math.ceil(matching.length / perPage));
	const page = Math.min(Math.max(1, query.page), pages);
	const rows = matching.slice((page - 1) * perPage, page * perPage);
	const first = rows.length === 0 ? 0 : (page - 1) * perPage + 1;
	return { rows, total: works.length, matching: matching.length, page, pages, first, last: first === 0 ? 0 : first + rows.length - 1 };
}
