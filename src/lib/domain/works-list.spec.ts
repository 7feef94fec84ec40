import { describe, expect, it } from 'vitest';
import { worksListPage, worksListQuery } from './works-list';

const works = Array.from({ length: 120 }, (_, i) => ({
	id: i + 1,
	platformId: i % 3 === 0 ? 1 : 2,
	title: i === 7 ? 'Salt Archive' : `Episode ${i + 1}`,
	completedOn: i === 119 ? null : `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`
}));

describe('worksListQuery', () => {
	it('reads platform, title search and page, ignoring what is malformed', () => {
		expect(worksListQuery(new URLSearchParams('platform=2&q=%20salt%20&page=3'))).toEqual({ platformId: 2, q: 'salt', page: 3 });
		expect(worksListQuery(new URLSearchParams('platform=x&page=-1'))).toEqual({ platformId: null, q: '', page: 1 });
		expect(worksListQuery(new URLSearchParams('platform=1.5&page=2.5'))).toEqual({ platformId: null, q: '', page: 1 });
	});
});

describe('worksListPage', () => {
	it('shows 50 at a time with the positions shown and the count', () => {
		const p1 = worksListPage(works, { platformId: null, q: '', page: 1 });
		expect(p1).toMatchObject({ total: 120, matching: 120, page: 1, pages: 3, first: 1, last: 50 });
		expect(p1.rows).toHaveLength(50);
		const p3 = worksListPage(works, { platformId: null, q: '', page: 3 });
		expect(p3).toMatchObject({ page: 3, first: 101, last: 120 });
		expect(p3.rows).toHaveLength(20);
		const all = [1, 2, 3].flatMap((page) => worksListPage(works, { platformId: null, q: '', page }).rows.map((w) => w.id));
		expect(new Set(all).size).toBe(120);
	});
	it('puts unfinished works first, then the most recently completed', () => {
		const rows = worksListPage(works, { platformId: null, q: '', page: 1 }, 200).rows;
		expect(rows[0].completedOn).toBeNull();
		const dates = rows.slice(1).map((w) => w.completedOn!);
		expect(dates).toEqual([...dates].sort().reverse());
	});
	it('filters by platform and by title, ignoring case, and clamps the page', () => {
		const p = worksListPage(works, { platformId: 1, q: '', page: 9 });
		expect(p).toMatchObject({ matching: 40, pages: 1, page: 1, first: 1, last: 40 });
		expect(p.rows.every((w) => w.platformId === 1)).toBe(true);
		expect(worksListPage(works, { platformId: null, q: 'SALT', page: 1 }).rows.map((w) => w.title)).toEqual(['Salt Archive']);
	});
	it('says 0–0 of none when nothing matches', () => {
		expect(worksListPage(works, { platformId: null, q: 'nothing like this', page: 1 })).toMatchObject({ rows: [], matching: 0, pages: 1, page: 1, first: 0, last: 0 });
	});
});
