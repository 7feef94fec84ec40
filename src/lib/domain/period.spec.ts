import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	addDays,
	addMonths,
	clampedDay,
	daysBetween,
	daysInMonth,
	isIsoDate,
	isMonth,
	lastCompleteMonths,
	lastDay,
	monthsBetween,
	monthsOf,
	parsePeriod,
	spanContains,
	spanFromRange
} from './period';

describe('months', () => {
	it.each([
		['2025-11', 3, '2026-02'],
		['2025-01', -1, '2024-12'],
		['2025-01', 0, '2025-01'],
		['2024-12', 25, '2027-01'],
		['2025-03', -27, '2022-12']
	])('addMonths(%s, %i) = %s', (m, n, expected) => {
		expect(addMonths(m, n)).toBe(expected);
		expect(monthsBetween(m, expected)).toBe(n);
	});

	it.each([
		['2025-01', true],
		['2025-12', true],
		['2025-13', false],
		['2025-00', false],
		['2025-1', false],
		['202501', false]
	])('isMonth(%s) = %s', (m, ok) => {
		expect(isMonth(m)).toBe(ok);
	});

	it.each([
		['2024-02-29', true],
		['2025-02-29', false],
		['2025-04-31', false],
		['2025-12-31', true],
		['2025-1-01', false]
	])('isIsoDate(%s) = %s', (d, ok) => {
		expect(isIsoDate(d)).toBe(ok);
	});
});

describe('spans are half-open', () => {
	it('lists the months of an inclusive range across a year end', () => {
		const span = spanFromRange('2025-11', '2026-02');
		expect(span).toEqual({ start: '2025-11', end: '2026-03' });
		expect(monthsOf(span)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
		expect(spanContains(span, '2026-02')).toBe(true);
		expect(spanContains(span, '2026-03')).toBe(false);
	});
	it('the default window is the last 12 complete months', () => {
		const span = lastCompleteMonths('2026-11-21', 12);
		expect(span).toEqual({ start: '2025-11', end: '2026-11' });
		expect(monthsOf(span)).toHaveLength(12);
	});
	it('refuses a reversed range', () => {
		expect(() => spanFromRange('2025-03', '2025-01')).toThrow();
	});
});

describe('days', () => {
	it.each([
		['2025-02', 31, '2025-02-28'],
		['2024-02', 31, '2024-02-29'],
		['2025-04', 21, '2025-04-21'],
		['2025-04', 31, '2025-04-30']
	])('clampedDay(%s, %i) = %s', (m, d, expected) => {
		expect(clampedDay(m, d)).toBe(expected);
	});
	it('adds days across months and years', () => {
		expect(addDays('2025-05-02', 45)).toBe('2025-06-16');
		expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
		expect(daysBetween('2025-05-02', '2025-06-16')).toBe(45);
		expect(lastDay('2025-06')).toBe('2025-06-30');
	});
});

describe('parsePeriod', () => {
	it.each([
		['2025', '2025-01', '2026-01'],
		['2025-Q2', '2025-04', '2025-07'],
		['2025-q4', '2025-10', '2026-01'],
		['2025-03', '2025-03', '2025-04'],
		['2025-01..2025-06', '2025-01', '2025-07']
	])('%s → [%s, %s)', (text, start, end) => {
		expect(parsePeriod(text)).toEqual({ ok: true, span: { start, end } });
	});
	it.each(['2025-Q5', '2025-13', '25', '2025-06..2025-01', 'last year'])('rejects %s', (text) => {
		expect(parsePeriod(text).ok).toBe(false);
	});
});

describe('daysInMonth', () => {
	it('agrees with the calendar for every month of years 1 to 9999', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
				const d = new Date(0);
				d.setUTCFullYear(year, month, 0);
				expect(daysInMonth(year, month)).toBe(d.getUTCDate());
			})
		);
	});

	it.each([
		[2024, 2, 29],
		[2025, 2, 28],
		[1900, 2, 28],
		[2000, 2, 29],
		[2025, 4, 30],
		[2025, 12, 31]
	])('%i-%i has %i days', (y, m, n) => {
		expect(daysInMonth(y, m)).toBe(n);
	});
});
