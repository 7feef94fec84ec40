import { describe, expect, it } from 'vitest';
import { chooserDefaults, periodFromChoice, quickPicks, type PeriodChoice } from './report-periods';
import { parsePeriod } from './period';

describe('periodFromChoice', () => {
	it.each<[PeriodChoice, string | undefined]>([
		[{ kind: 'month', month: '2025-03' }, '2025-03'],
		[{ kind: 'month', month: '2025-13' }, undefined],
		[{ kind: 'quarter', year: '2025', quarter: '2' }, '2025-Q2'],
		[{ kind: 'quarter', year: '2025', quarter: '5' }, undefined],
		[{ kind: 'year', year: ' 2024 ' }, '2024'],
		[{ kind: 'year', year: '24' }, undefined],
		[{ kind: 'custom', from: '2025-01', to: '2025-06' }, '2025-01..2025-06'],
		[{ kind: 'custom', from: '2025-04', to: '2025-04' }, '2025-04'],
		[{ kind: 'custom', from: '2025-06', to: '2025-01' }, undefined],
		[{ kind: 'weekly' }, undefined],
		[{ kind: null }, undefined]
	])('%j → %s', (choice, expected) => {
		const p = periodFromChoice(choice);
		expect(p).toBe(expected);
		if (p) expect(parsePeriod(p).ok).toBe(true);
	});
});

describe('quickPicks', () => {
	it.each([
		['2026-01-15', [['last_month', '2025-12'], ['last_quarter', '2025-Q4'], ['last_year', '2025'], ['last_12', '2025-01..2025-12']]],
		['2026-02-01', [['last_month', '2026-01'], ['last_quarter', '2025-Q4'], ['last_year', '2025'], ['this_year', '2026-01'], ['last_12', '2025-02..2026-01']]],
		['2025-08-31', [['last_month', '2025-07'], ['last_quarter', '2025-Q2'], ['last_year', '2024'], ['this_year', '2025-01..2025-07'], ['last_12', '2024-08..2025-07']]]
	])('on %s', (today, expected) => {
		expect(quickPicks(today).map((p) => [p.key, p.period])).toEqual(expected);
	});
});

describe('chooserDefaults', () => {
	it.each([
		['2026-11-21', { month: '2026-10', year: '2026', quarter: '4', from: '2026-01', to: '2026-10' }],
		['2026-01-05', { month: '2025-12', year: '2025', quarter: '4', from: '2025-01', to: '2025-12' }],
		['2026-04-30', { month: '2026-03', year: '2026', quarter: '1', from: '2026-01', to: '2026-03' }],
		['2026-05-01', { month: '2026-04', year: '2026', quarter: '2', from: '2026-01', to: '2026-04' }]
	])('on %s: last month, its quarter and its year so far', (today, expected) => {
		expect(chooserDefaults(today)).toEqual(expected);
	});
});
