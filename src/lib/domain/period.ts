/**
 * Calendar periods as strings: days `YYYY-MM-DD`, months `YYYY-MM`. Spans are half-open
 * `[start, end)` like hledger's, so "Jan–Mar 2025" is months ['2025-01', '2025-04'), with no
 * "day 31" guesswork. No Date parsing of free text: only these exact formats are accepted.
 */

export type IsoDate = string; // YYYY-MM-DD
export type Month = string; // YYYY-MM

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE_RE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isMonth(value: string): value is Month {
	return MONTH_RE.test(value);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the proleptic Gregorian calendar (no Date object: the dashboard calls this per cell). */
export function daysInMonth(year: number, month1: number): number {
	if (!Number.isInteger(month1) || month1 < 1 || month1 > 12) return new Date(Date.UTC(year, month1, 0)).getUTCDate();
	if (month1 !== 2) return DAYS_IN_MONTH[month1 - 1];
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

export function isIsoDate(value: string): value is IsoDate {
	const m = DATE_RE.exec(value);
	if (!m) return false;
	return Number(m[3]) <= daysInMonth(Number(m[1]), Number(m[2]));
}

export function makeMonth(year: number, month1: number): Month {
	return `${String(year).padStart(4, '0')}-${String(month1).padStart(2, '0')}`;
}

export function makeDate(year: number, month1: number, day: number): IsoDate {
	return `${makeMonth(year, month1)}-${String(day).padStart(2, '0')}`;
}

export function splitMonth(month: Month): { year: number; month: number } {
	if (!isMonth(month)) throw new Error(`not a month (YYYY-MM): "${month}"`);
	return { year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) };
}

export function monthOf(date: IsoDate): Month {
	if (!isIsoDate(date)) throw new Error(`not a date (YYYY-MM-DD): "${date}"`);
	return date.slice(0, 7);
}

/** Month arithmetic: addMonths('2025-11', 3) = '2026-02'. */
export function addMonths(month: Month, n: number): Month {
	const { year, month: m } = splitMonth(month);
	const index = year * 12 + (m - 1) + n;
	return makeMonth(Math.floor(index / 12), (index % 12) + 1);
}

/** Number of months from a to b (b − a): monthsBetween('2025-01', '2025-04') = 3. */
export function monthsBetween(a: Month, b: Month): number {
	const x = splitMonth(a);
	const y = splitMonth(b);
	return (y.year - x.year) * 12 + (y.month - x.month);
}

export function compareMonths(a: Month, b: Month): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** A half-open span of months [start, end). */
export interface MonthSpan {
	start: Month;
	end: Month;
}

/** The inclusive range from..to as a half-open span. */
export function spanFromRange(from: Month, to: Month): MonthSpan {
	if (compareMonths(from, to) > 0) throw new Error(`range starts after it ends: ${from}..${to}`);
	return { start: from, end: addMonths(to, 1) };
}

/** Every month of a span, in order: monthsOf({start:'2025-11', end:'2026-02'}) = Nov, Dec, Jan. */
export function monthsOf(span: MonthSpan): Month[] {
	const out: Month[] = [];
	for (let m = span.start; compareMonths(m, span.end) < 0; m = addMonths(m, 1)) out.push(m);
	return out;
}

export function spanContains(span: MonthSpan, month: Month): boolean {
	return compareMonths(month, span.start) >= 0 && compareMonths(month, span.end) < 0;
}

/** The last `count` complete months before `today`'s month: the default analysis window. */
export function lastCompleteMonths(today: IsoDate, count: number): MonthSpan {
	const end = monthOf(today);
	return { start: addMonths(end, -count), end };
}

/** Day arithmetic on ISO dates, in UTC (no time zones involved). */
export function addDays(date: IsoDate, n: number): IsoDate {
	if (!isIsoDate(date)) throw new Error(`not a date (YYYY-MM-DD): "${date}"`);
	const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
	return new Date(t + n * 86_400_000).toISOString().slice(0, 10);
}

export function daysBetween(a: IsoDate, b: IsoDate): number {
	const ta = Date.UTC(Number(a.slice(0, 4)), Number(a.slice(5, 7)) - 1, Number(a.slice(8, 10)));
	const tb = Date.UTC(Number(b.slice(0, 4)), Number(b.slice(5, 7)) - 1, Number(b.slice(8, 10)));
	return Math.round((tb - ta) / 86_400_000);
}

/** The day `day` of `month`, clamped to the month's last day (payout day 31 in February → 28/29). */
export function clampedDay(month: Month, day: number): IsoDate {
	const { year, month: m } = splitMonth(month);
	return makeDate(year, m, Math.min(Math.max(1, day), daysInMonth(year, m)));
}

export function firstDay(month: Month): IsoDate {
	return `${month}-01`;
}

export function lastDay(month: Month): IsoDate {
	return clampedDay(month, 31);
}

/**
 * Parse a period expression: `2025` (year), `2025-Q2` (quarter), `2025-03` (month),
 * `2025-01..2025-06` (inclusive range). Returns a half-open span or an error message.
 */
export function parsePeriod(text: string): { ok: true; span: MonthSpan } | { ok: false; error: string } {
	const s = text.trim();
	let m: RegExpExecArray | null;
	if ((m = /^(\d{4})$/.exec(s))) return { ok: true, span: { start: `${m[1]}-01`, end: `${Number(m[1]) + 1}-01` } };
	if ((m = /^(\d{4})-Q([1-4])$/i.exec(s))) {
		const start = makeMonth(Number(m[1]), (Number(m[2]) - 1) * 3 + 1);
		return { ok: true, span: { start, end: addMonths(start, 3) } };
	}
	if (isMonth(s)) return { ok: true, span: { start: s, end: addMonths(s, 1) } };
	if ((m = /^(\d{4}-\d{2})\.\.(\d{4}-\d{2})$/.exec(s)) && isMonth(m[1]) && isMonth(m[2])) {
		if (compareMonths(m[1], m[2]) > 0) return { ok: false, error: `range starts after it ends: ${s}` };
		return { ok: true, span: spanFromRange(m[1], m[2]) };
	}
	return { ok: false, error: `not a period (use 2025, 2025-Q2, 2025-03 or 2025-01..2025-06): "${text}"` };
}
