/**
 * Statement cells → values, with an explicit format and errors as values (nothing here throws).
 * Amounts go from text straight to integer minor units: "(1.234,56 €)" with decimal mark ','
 * and scale 2 is −123456. Dates go through one named format from DATE_FORMATS:
 * parseDateCell('Sep 27, 2024', 'MMM D, YYYY') → { kind: 'date', date: '2024-09-27' }.
 */
import { isTooLargeError, parseDecimalScaled } from './money';
import { isIsoDate, isMonth, makeDate, makeMonth, type IsoDate, type Month } from './period';

export type DecimalMark = '.' | ',';

export type AmountResult = { ok: true; minor: number | null } | { ok: false; error: AmountError };
export type AmountError = 'not_a_number' | 'bad_grouping' | 'too_large';

const SYMBOLS = /^(?:US\$|CA\$|A\$|HK\$|NT\$|RMB|CNY|USD|EUR|GBP|CAD|AUD|JPY|[¥￥$€£])/i;
const SUFFIXES = /(?:US\$|CA\$|A\$|HK\$|NT\$|元|RMB|CNY|USD|EUR|GBP|CAD|AUD|JPY|[¥￥$€£])$/i;
const SPACES = /[\s\u00a0\u2007\u2009\u202f]/g;
const MINUS = /^[-\u2212\u2012\u2013\uFE63\uFF0D]/;

/**
 * Parse an amount cell into minor units (10^scale per major unit). Blank cells, "-" and "—"
 * give `minor: null`. Accepts thousands separators (grouped by three), currency symbols before
 * or after, a leading or trailing minus (ASCII or U+2212) and accountants' parentheses.
 */
export function parseAmount(text: string, decimal: DecimalMark, scale: number): AmountResult {
	const fast = plainAmount(text, decimal, scale);
	if (fast !== undefined) return { ok: true, minor: fast };
	let s = String(text ?? '').replace(SPACES, '');
	if (s === '' || s === '-' || s === '—' || s === '–' || s === '--') return { ok: true, minor: null };
	let negative = false;
	if (s.startsWith('(') && s.endsWith(')')) {
		negative = true;
		s = s.slice(1, -1);
	}
	// Sign and symbol can come in either order: "-$12.00", "$-12.00", "¥−3.00".
	for (let i = 0; i < 2; i++) {
		const sign = MINUS.exec(s);
		if (sign) {
			negative = !negative;
			s = s.slice(sign[0].length);
		} else if (s.startsWith('+')) s = s.slice(1);
		const sym = SYMBOLS.exec(s);
		if (sym) s = s.slice(sym[0].length);
	}
	for (let i = 0; i < 2; i++) {
		const suffix = SUFFIXES.exec(s);
		if (suffix) s = s.slice(0, -suffix[0].length);
		if (MINUS.test(s.slice(-1)) && s.length > 1) {
			negative = !negative;
			s = s.slice(0, -1);
		}
	}
	if (s === '') return { ok: false, error: 'not_a_number' };
	const group = decimal === '.' ? ',' : '.';
	const parts = s.split(decimal);
	if (parts.length > 2) return { ok: false, error: 'not_a_number' };
	let int = parts[0];
	const frac = parts.length === 2 ? parts[1] : undefined;
	if (frac !== undefined && !/^\d*$/.test(frac)) return { ok: false, error: 'not_a_number' };
	if (int.includes(group) || int.includes("'")) {
		if (!/^\d{1,3}(?:[.,']\d{3})+$/.test(int) || /[.,']/.test(int.replace(new RegExp(`[${group}']`, 'g'), ''))) {
			return { ok: false, error: 'bad_grouping' };
		}
		int = int.replace(/[.,']/g, '');
	}
	if (!/^\d*$/.test(int) || (int === '' && (frac === undefined || frac === ''))) return { ok: false, error: 'not_a_number' };
	const r = parseDecimalScaled(`${negative ? '-' : ''}${int}${frac !== undefined ? '.' + frac : ''}`, scale);
	if (!r.ok) return { ok: false, error: isTooLargeError(r.error) ? 'too_large' : 'not_a_number' };
	return { ok: true, minor: r.value === 0 ? 0 : r.value };
}

const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000];

/** The common case ("1234.56", "-7") without regular expressions or BigInt; undefined otherwise. */
function plainAmount(text: string, decimal: DecimalMark, scale: number): number | undefined {
	const n = text.length;
	if (n === 0 || n > 15 || scale > 6) return undefined;
	let i = text.charCodeAt(0) === 45 ? 1 : 0;
	if (i === n) return undefined;
	let int = 0;
	let digits = 0;
	for (; i < n; i++) {
		const c = text.charCodeAt(i) - 48;
		if (c < 0 || c > 9) break;
		int = int * 10 + c;
		digits++;
	}
	let frac = 0;
	let fracDigits = 0;
	if (i < n) {
		if (text[i] !== decimal) return undefined;
		for (i++; i < n; i++) {
			const c = text.charCodeAt(i) - 48;
			if (c < 0 || c > 9) return undefined;
			if (++fracDigits > scale) return undefined;
			frac = frac * 10 + c;
		}
	}
	if (digits === 0 && fracDigits === 0) return undefined;
	const v = int * POW10[scale] + frac * POW10[scale - fracDigits];
	if (!Number.isSafeInteger(v)) return undefined;
	return text.charCodeAt(0) === 45 && v !== 0 ? -v : v;
}

/** A play count, completion rate or hours cell, or why it is none of these. Blank cells give `value: null`. */
export type MeasureResult = { ok: true; value: number | null } | { ok: false; error: MeasureError };
export type MeasureError = AmountError | 'negative' | 'not_whole' | 'out_of_range';

/** Cells that say "no value": blank, dashes, a slash, N/A. */
const BLANK = /^(?:|-|—|–|--|\/|n\/?a)$/i;
/** What a measure may hold once its unit is off: digits, the two marks, digit-group apostrophes, a sign. */
const MEASURE_CHARS = /^[-+\u2212]?[\d.,']+$/;

/**
 * A measure's number (unit already stripped) at `scale`, never negative. No currency symbols or
 * accountants' parentheses: those belong to amounts, not to counts, rates or hours.
 */
function measureNumber(text: string, decimal: DecimalMark, scale: number): MeasureResult {
	if (!MEASURE_CHARS.test(text)) return { ok: false, error: 'not_a_number' };
	const r = parseAmount(text, decimal, scale);
	if (!r.ok) return r;
	if (r.minor === null) return { ok: false, error: 'not_a_number' };
	if (r.minor < 0) return { ok: false, error: 'negative' };
	return { ok: true, value: r.minor };
}

/**
 * A count (plays, views, listens): a whole number, never negative. Digit grouping as for amounts
 * ("1,234", "1.234" with decimal mark ','), and the Chinese units 万 (10^4) and 亿 (10^8) that
 * Chinese platforms' exports use: "1.2万" is 12,000, "1.23456万" is not a whole count.
 */
export function parseCount(text: string, decimal: DecimalMark): MeasureResult {
	let s = String(text ?? '').replace(SPACES, '');
	if (BLANK.test(s)) return { ok: true, value: null };
	let exponent = 0;
	if (s.endsWith('万')) exponent = 4;
	else if (s.endsWith('亿')) exponent = 8;
	if (exponent > 0) s = s.slice(0, -1);
	// Whole means no digit beyond what the unit absorbs, other than zeros ("12.0" is 12; "12.5" is not).
	const at = s.lastIndexOf(decimal);
	if (at >= 0 && /[1-9]/.test(s.slice(at + 1 + exponent))) return MEASURE_CHARS.test(s) ? { ok: false, error: 'not_whole' } : { ok: false, error: 'not_a_number' };
	if (at >= 0 && s.length - at - 1 > exponent) s = s.slice(0, at + 1 + exponent);
	return measureNumber(s, decimal, exponent);
}

/**
 * A completion rate in basis points (0–10,000): "42%" or "42.5 %" as a percentage, "0.42" as a
 * fraction (the domain's 0–1). A bare number above 1 is refused rather than guessed at, unless
 * `percent` says the column holds percentages without the sign (a header like "Completion (%)").
 */
export function parseRateBps(text: string, decimal: DecimalMark, percent = false): MeasureResult {
	let s = String(text ?? '').replace(SPACES, '');
	if (BLANK.test(s)) return { ok: true, value: null };
	const signed = s.endsWith('%') || s.endsWith('％');
	if (signed) s = s.slice(0, -1);
	const r = measureNumber(s, decimal, signed || percent ? 2 : 4);
	if (!r.ok || r.value === null) return r;
	return r.value > 10_000 ? { ok: false, error: 'out_of_range' } : r;
}

/**
 * Hours in hundredths (7.5 h → 750): a decimal number ("7.5", "7,5" with decimal mark ','), with or
 * without a unit ("7.5h", "7.5 小时"), or a duration "H:MM" / "H:MM:SS" ("7:30" → 750; "45:30" is
 * 45 h 30 min, never minutes and seconds), rounded to the nearest hundredth of an hour.
 */
export function parseHoursCenti(text: string, decimal: DecimalMark): MeasureResult {
	let s = String(text ?? '').replace(SPACES, '');
	if (BLANK.test(s)) return { ok: true, value: null };
	s = s.replace(/(?:hours?|hrs?|h|小时)$/i, '');
	const clock = /^(\d{1,7}):([0-5]\d)(?::([0-5]\d))?$/.exec(s);
	if (clock) {
		const seconds = Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3] ?? 0);
		return { ok: true, value: Math.round(seconds / 36) };
	}
	return measureNumber(s, decimal, 2);
}

/**
 * Which decimal mark a column of amount cells uses. "1.234,56", "12,5" and "0,99" say ',';
 * "1,234.56" and "12.50" say '.'. Cells like "1,234" are ambiguous and do not vote.
 */
export function detectDecimalMark(cells: readonly string[], fallback: DecimalMark = '.'): DecimalMark {
	let comma = 0;
	let dot = 0;
	for (const raw of cells) {
		const c = String(raw ?? '').replace(SPACES, '');
		if (/\d\.\d{3},\d+$/.test(c) || /^[^.]*\d,\d{1,2}\)?$/.test(c.replace(/[^\d.,()]/g, '')) || /,\d{4,}$/.test(c)) comma++;
		else if (/\d,\d{3}\.\d+$/.test(c) || /^[^,]*\d\.\d{1,2}\)?$/.test(c.replace(/[^\d.,()]/g, '')) || /\.\d{4,}$/.test(c)) dot++;
	}
	if (comma > dot) return ',';
	if (dot > comma) return '.';
	return fallback;
}

export const DATE_FORMATS = [
	'YYYY-MM-DD',
	'YYYY/M/D',
	'YYYY年M月D日',
	'DD/MM/YYYY',
	'MM/DD/YYYY',
	'MM/DD/YY',
	'DD.MM.YYYY',
	'MMM D, YYYY',
	'YYYY-MM',
	'YYYY_MMM',
	'MMM YYYY'
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export function isDateFormat(value: string): value is DateFormat {
	return (DATE_FORMATS as readonly string[]).includes(value);
}

/** A cell is a day, a whole month, or a range of days (AdSense's "Jan 1 – 31, 2025"). */
export type DateCell =
	| { kind: 'date'; date: IsoDate }
	| { kind: 'month'; month: Month }
	| { kind: 'range'; from: IsoDate; to: IsoDate };
export type DateResult = { ok: true; value: DateCell | null } | { ok: false; error: 'bad_date' };

const MONTHS: Record<string, number> = {
	jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12
};
const TIME = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:[AaPp][Mm]))?(?:\s*(?:UTC|GMT|Z|[A-Z]{3,4}|[+-]\d{2}:?\d{2}))?)?`;

function monthNumber(name: string): number | undefined {
	const n = name.toLowerCase();
	return MONTHS[n] ?? MONTHS[n.slice(0, 3)];
}

function dayOf(y: number, m: number, d: number): DateCell | null {
	const date = makeDate(y, m, d);
	return isIsoDate(date) ? { kind: 'date', date } : null;
}

const NUMERIC: Record<string, { re: RegExp; order: 'ymd' | 'dmy' | 'mdy' }> = {
	'YYYY-MM-DD': { re: new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})${TIME}$`), order: 'ymd' },
	'YYYY/M/D': { re: new RegExp(`^(\\d{4})/(\\d{1,2})/(\\d{1,2})${TIME}$`), order: 'ymd' },
	'YYYY年M月D日': { re: new RegExp(`^(\\d{4})年(\\d{1,2})月(\\d{1,2})日${TIME}$`), order: 'ymd' },
	'DD/MM/YYYY': { re: new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4})${TIME}$`), order: 'dmy' },
	'MM/DD/YYYY': { re: new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4})${TIME}$`), order: 'mdy' },
	'MM/DD/YY': { re: new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{2})${TIME}$`), order: 'mdy' },
	'DD.MM.YYYY': { re: new RegExp(`^(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})${TIME}$`), order: 'dmy' }
};
const FAST_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:$|[ T])/;
const DASHES = String.raw`\s*[-–—~至]\s*`;
const MMM_D_Y = new RegExp(`^([A-Za-z]{3,9})\\.? (\\d{1,2}),? (\\d{4})${TIME}$`);
const MMM_RANGE_SAME_MONTH = new RegExp(`^([A-Za-z]{3,9})\\.? (\\d{1,2})${DASHES}(\\d{1,2}),? (\\d{4})$`);
const MMM_RANGE = new RegExp(`^([A-Za-z]{3,9})\\.? (\\d{1,2}),?(?: (\\d{4}))?${DASHES}([A-Za-z]{3,9})\\.? (\\d{1,2}),? (\\d{4})$`);

/** Parse a date cell with one format. A blank cell is `value: null`, not an error. */
export function parseDateCell(text: string, format: DateFormat): DateResult {
	const s = String(text ?? '').trim().replace(/\s+/g, ' ');
	if (s === '') return { ok: true, value: null };
	const bad = { ok: false, error: 'bad_date' } as const;
	if (format === 'YYYY-MM-DD') {
		const f = FAST_ISO.exec(s);
		if (f && (s.length === 10 || new RegExp(`^.{10}${TIME}$`).test(s))) {
			const v = dayOf(Number(f[1]), Number(f[2]), Number(f[3]));
			return v ? { ok: true, value: v } : bad;
		}
	}
	const numeric = NUMERIC[format];
	if (numeric) {
		const m = numeric.re.exec(s);
		if (!m) return bad;
		const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
		let v: DateCell | null;
		if (numeric.order === 'ymd') v = dayOf(a, b, c);
		else if (numeric.order === 'dmy') v = dayOf(c, b, a);
		else v = dayOf(format === 'MM/DD/YY' ? (c < 70 ? 2000 + c : 1900 + c) : c, a, b);
		return v ? { ok: true, value: v } : bad;
	}
	if (format === 'MMM D, YYYY') {
		let m = MMM_D_Y.exec(s);
		if (m) {
			const mo = monthNumber(m[1]);
			const v = mo ? dayOf(Number(m[3]), mo, Number(m[2])) : null;
			return v ? { ok: true, value: v } : bad;
		}
		m = MMM_RANGE_SAME_MONTH.exec(s);
		if (m) {
			const mo = monthNumber(m[1]);
			const from = mo ? dayOf(Number(m[4]), mo, Number(m[2])) : null;
			const to = mo ? dayOf(Number(m[4]), mo, Number(m[3])) : null;
			if (from?.kind === 'date' && to?.kind === 'date' && from.date <= to.date) {
				return { ok: true, value: { kind: 'range', from: from.date, to: to.date } };
			}
			return bad;
		}
		m = MMM_RANGE.exec(s);
		if (m) {
			const m1 = monthNumber(m[1]);
			const m2 = monthNumber(m[4]);
			const y2 = Number(m[6]);
			const y1 = m[3] ? Number(m[3]) : y2;
			const from = m1 ? dayOf(y1, m1, Number(m[2])) : null;
			const to = m2 ? dayOf(y2, m2, Number(m[5])) : null;
			if (from?.kind === 'date' && to?.kind === 'date' && from.date <= to.date) {
				return { ok: true, value: { kind: 'range', from: from.date, to: to.date } };
			}
		}
		return bad;
	}
	if (format === 'YYYY-MM') {
		const m = /^(\d{4})[-/.](\d{1,2})$/.exec(s);
		const month = m ? makeMonth(Number(m[1]), Number(m[2])) : '';
		return isMonth(month) ? { ok: true, value: { kind: 'month', month } } : bad;
	}
	if (format === 'YYYY_MMM') {
		const m = /^(\d{4})[_ -]([A-Za-z]{3,9})$/.exec(s);
		const mo = m ? monthNumber(m[2]) : undefined;
		return m && mo ? { ok: true, value: { kind: 'month', month: makeMonth(Number(m[1]), mo) } } : bad;
	}
	if (format === 'MMM YYYY') {
		const m = /^([A-Za-z]{3,9})\.? (\d{4})$/.exec(s);
		const mo = m ? monthNumber(m[1]) : undefined;
		return m && mo ? { ok: true, value: { kind: 'month', month: makeMonth(Number(m[2]), mo) } } : bad;
	}
	return bad;
}

/** The month a parsed date cell belongs to (a range counts in the month it starts). */
export function monthOfCell(cell: DateCell): Month {
	if (cell.kind === 'month') return cell.month;
	if (cell.kind === 'date') return cell.date.slice(0, 7);
	return cell.from.slice(0, 7);
}

/**
 * The formats under which every non-blank sample parses, best first, and whether day and
 * month are ambiguous (every sample has both parts ≤ 12, so DD/MM and MM/DD both fit).
 */
export function detectDateFormats(samples: readonly string[]): { formats: DateFormat[]; ambiguous: boolean } {
	const cells = samples.map((s) => String(s ?? '').trim()).filter((s) => s !== '');
	if (cells.length === 0) return { formats: [], ambiguous: false };
	const formats = DATE_FORMATS.filter((f) => cells.every((c) => parseDateCell(c, f).ok));
	const ambiguous = formats.includes('DD/MM/YYYY') && formats.includes('MM/DD/YYYY');
	return { formats, ambiguous };
}
