import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from './period';
import { evaluationWindow, statementChanges, statementFigures as figuresOf, statementIndex, storedDescriptionOf, titleKey, windowsMonths, type StatementMeasureLine } from './work-statements';

const statementFigures = (work: Parameters<typeof figuresOf>[0], lines: StatementMeasureLine[]) => figuresOf(work, statementIndex(lines));

const line = (over: Partial<StatementMeasureLine>): StatementMeasureLine => ({
	platformId: 1,
	description: '盐的档案',
	earnedOn: '2025-04-30',
	month: '2025-04',
	plays: 1000,
	completionBps: 4000,
	...over
});

const SALT = { platformId: 1, title: '盐的档案', completedOn: '2025-03-14' };

describe('storedDescriptionOf', () => {
	it.each([
		['The Salt Archive', 'Credit Redemption', 'The Salt Archive · Credit Redemption'],
		['The Salt Archive', null, 'The Salt Archive'],
		[null, 'Credit Redemption', 'Credit Redemption'],
		[null, null, null],
		['', 'x', ' · x']
	])('%s + %s → %s', (work, text, stored) => {
		expect(storedDescriptionOf(work, text)).toBe(stored);
	});
});

describe('titleKey', () => {
	it.each([
		['《盐的档案》', '盐的档案'],
		['  The Salt  Archive ', 'thesaltarchive'],
		['ＴＨＥ　ＳＡＬＴ', 'thesalt'],
		['“夜航船”', '夜航船']
	])('%s → %s', (title, key) => {
		expect(titleKey(title)).toBe(key);
	});
});

describe('evaluationWindow', () => {
	it('runs from the completion day to 90 days after it', () => {
		expect(evaluationWindow('2025-03-14')).toEqual({ from: '2025-03-14', to: '2025-06-12' });
		expect(evaluationWindow(null)).toBeNull();
	});
});

describe('statementChanges', () => {
	it.each([
		['both new', { plays: 180_000, completionBps: 4200 }, { plays: null, completionBps: null }, { plays: 180_000, completionBps: 4200 }],
		['only what differs', { plays: 180_000, completionBps: 4200 }, { plays: 180_000, completionBps: 3900 }, { completionBps: 4200 }],
		['nothing when they agree', { plays: 180_000, completionBps: 4200 }, { plays: 180_000, completionBps: 4200 }, {}],
		['a figure the statements do not give stays', { plays: null, completionBps: 4200 }, { plays: 5000, completionBps: null }, { completionBps: 4200 }]
	])('%s', (_why, figures, work, changes) => {
		expect(statementChanges(figures, work)).toEqual(changes);
	});
});

describe('windowsMonths', () => {
	it.each([
		['one work', [{ completedOn: '2025-03-14' }], { from: '2025-03', to: '2025-06' }],
		['the first to the last window', [{ completedOn: '2025-11-20' }, { completedOn: '2025-01-05' }], { from: '2025-01', to: '2026-02' }],
		['a work without a completion day: every month', [{ completedOn: '2025-03-14' }, { completedOn: null }], undefined],
		['no works', [], undefined]
	])('%s', (_why, works, months) => {
		expect(windowsMonths(works)).toEqual(months);
	});
});

describe('statementFigures', () => {
	it('sums the plays and weighs the completion rate by plays over the window', () => {
		const f = statementFigures(SALT, [
			line({ earnedOn: '2025-03-31', month: '2025-03', plays: 30_000, completionBps: 4500 }),
			line({ earnedOn: '2025-04-30', plays: 10_000, completionBps: 3300 })
		]);
		// (4500 × 30,000 + 3300 × 10,000) / 40,000 = 4200
		expect(f).toEqual({ lines: 2, plays: 40_000, completionBps: 4200, window: { from: '2025-03-14', to: '2025-06-12' } });
	});

	it.each([
		['another platform', line({ platformId: 2 })],
		['before completion', line({ earnedOn: '2025-03-13', month: '2025-03' })],
		['after the window', line({ earnedOn: '2025-06-13', month: '2025-06' })],
		['another work', line({ description: '夜航船' })],
		['a title that only starts the same', line({ description: '盐的档案续集' })],
		['no plays and no rate', line({ plays: null, completionBps: null })],
		['no description', line({ description: null })]
	])('leaves out a line from %s', (_why, other) => {
		expect(statementFigures(SALT, [other])).toBeNull();
		expect(statementFigures(SALT, [other, line({})])?.lines).toBe(1);
	});

	it.each([
		['the title alone', '盐的档案'],
		['the title before the line text', '盐的档案 · 打赏'],
		['the title in book quotes', '《盐的档案》 · 广告分成'],
		['a title that holds the separator', '盐 · 的档案 · 打赏']
	])('finds the work by %s', (_why, description) => {
		const title = description === '盐 · 的档案 · 打赏' ? '盐 · 的档案' : '盐的档案';
		expect(statementFigures({ ...SALT, title }, [line({ description })])?.lines).toBe(1);
	});

	it('dates a month-only line on its last day, as its earnings are', () => {
		expect(statementFigures(SALT, [line({ earnedOn: null, month: '2025-03' })])?.lines).toBe(1);
		// June 30 is after the window's last day (June 12), like a line dated 2025-06-30.
		expect(statementFigures(SALT, [line({ earnedOn: null, month: '2025-06' })])).toBeNull();
		expect(statementFigures(SALT, [line({ earnedOn: '2025-06-30', month: '2025-06' })])).toBeNull();
		expect(statementFigures({ ...SALT, completedOn: '2025-03-31' }, [line({ earnedOn: null, month: '2025-03' })])?.lines).toBe(1);
	});

	it('counts a period once when its lines split it by income type (the month\'s plays repeated on each line)', () => {
		const april = (description: string, plays: number, completionBps: number) => line({ earnedOn: null, month: '2025-04', description, plays, completionBps });
		const f = statementFigures(SALT, [april('盐的档案 · 打赏', 10_000, 4100), april('盐的档案 · 广告分成', 10_000, 4100), line({ earnedOn: null, month: '2025-05', plays: 5000, completionBps: 3800 })]);
		expect(f).toMatchObject({ lines: 3, plays: 15_000 });
		// Lines of one period that disagree: the largest play count, with its own rate.
		const g = statementFigures(SALT, [april('盐的档案 · 打赏', 9000, 3000), april('盐的档案 · 广告分成', 10_000, 4100)]);
		expect(g).toMatchObject({ plays: 10_000, completionBps: 4100 });
	});

	it('rounds the weighted rate down, so rounding never lifts a work over a gate', () => {
		const f = statementFigures(SALT, [line({ earnedOn: '2025-04-01', plays: 1, completionBps: 3999 }), line({ earnedOn: '2025-04-02', plays: 1, completionBps: 4000 })]);
		expect(f?.completionBps).toBe(3999);
	});

	it('takes every line when the work has no completion day', () => {
		const f = statementFigures({ ...SALT, completedOn: null }, [line({ earnedOn: '2020-01-01', month: '2020-01' }), line({})]);
		expect(f).toMatchObject({ lines: 2, plays: 2000, window: null });
	});

	it('uses the latest rate when a rated line gives no plays (a mean would weigh it by nothing)', () => {
		const f = statementFigures(SALT, [
			line({ earnedOn: '2025-05-31', month: '2025-05', plays: null, completionBps: 3900 }),
			line({ earnedOn: '2025-04-30', plays: 5000, completionBps: 4400 })
		]);
		expect(f).toMatchObject({ plays: 5000, completionBps: 3900 });
	});

	it('gives plays without a rate, and a rate without plays, as null where the statements are silent', () => {
		expect(statementFigures(SALT, [line({ completionBps: null })])).toMatchObject({ plays: 1000, completionBps: null });
		expect(statementFigures(SALT, [line({ plays: null })])).toMatchObject({ plays: null, completionBps: 4000 });
	});

	it('a work with an empty title names nothing', () => {
		expect(statementFigures({ ...SALT, title: ' 《》 ' }, [line({ description: '' })])).toBeNull();
	});

	it('the weighted rate stays between the lowest and highest line, and plays are the exact sum', () => {
		const arb = fc.array(fc.record({ plays: fc.integer({ min: 1, max: 5_000_000 }), completionBps: fc.integer({ min: 0, max: 10_000 }) }), { minLength: 1, maxLength: 30 });
		fc.assert(
			fc.property(arb, (rows) => {
				// One line a day from the completion day on: each is its own period.
				const f = statementFigures(SALT, rows.map((r, i) => line({ ...r, earnedOn: addDays('2025-03-14', i), month: addDays('2025-03-14', i).slice(0, 7) })))!;
				const rates = rows.map((r) => r.completionBps);
				expect(f.plays).toBe(rows.reduce((s, r) => s + r.plays, 0));
				expect(f.completionBps).toBeGreaterThanOrEqual(Math.min(...rates));
				expect(f.completionBps).toBeLessThanOrEqual(Math.max(...rates));
			})
		);
	});
});
