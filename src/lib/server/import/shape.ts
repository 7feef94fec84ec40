/**
 * The shape of a statement: which delimiter, which line is the header (after any preamble such
 * as WeChat Pay's 16 lines or KDP's month line), which preset's header signature it carries,
 * and which rows are summaries or footers rather than data.
 */
import Papa from 'papaparse';
import type { PresetDefinition } from './types';

export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Header names compared loosely: trimmed, BOM and quotes removed, full-width brackets folded, lower case. */
export function normHeader(s: string): string {
	return String(s ?? '')
		.replace(/^\uFEFF/, '')
		.replace(/（/g, '(')
		.replace(/）/g, ')')
		.replace(/\s+/g, ' ')
		.trim()
		.toLowerCase();
}

/** Parse a (small) sample of text into rows of cells, synchronously. */
export function parseSample(text: string, delimiter: string): string[][] {
	const r = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
	return r.data;
}

export interface HeaderMatch {
	rowIndex: number;
	preset: PresetDefinition | undefined;
	/** Known-preset columns expected but not found, when the preset matched only in part (schema drift). */
	drift?: { preset: PresetDefinition; missing: string[]; rowIndex: number };
}

function signatureHits(set: Set<string>, preset: PresetDefinition): number {
	let n = 0;
	for (const h of preset.signature) if (set.has(normHeader(h))) n++;
	return n;
}

const NUMERICISH = /^[\s\d.,:/\-+()%¥$€£\u2212]*$/;

/** A row that looks like a header: at least two cells, none of them numbers or dates. */
function looksLikeHeader(cells: string[]): boolean {
	const filled = cells.filter((c) => c.trim() !== '');
	return filled.length >= 2 && filled.every((c) => !NUMERICISH.test(c) && c.length <= 120);
}

/**
 * Find the header row among the first rows: the first row carrying every signature column of
 * some preset (the most specific preset wins), else the first header-like row followed by rows
 * of the same width. Partial matches of a known preset are reported as drift.
 */
export function findHeader(rows: string[][], presets: readonly PresetDefinition[], forced?: PresetDefinition): HeaderMatch | undefined {
	const limit = Math.min(rows.length, 200);
	let drift: HeaderMatch['drift'];
	let driftScore = 0;
	const candidates = forced ? [forced] : presets;
	for (let i = 0; i < limit; i++) {
		const set = new Set(rows[i].map(normHeader).filter((c) => c !== ''));
		if (set.size < 2) continue;
		let best: PresetDefinition | undefined;
		let bestScore = -1;
		for (const p of candidates) {
			const hits = signatureHits(set, p);
			if (hits === p.signature.length) {
				const known = (p.knownHeaders ?? []).filter((h) => set.has(normHeader(h))).length;
				const score = hits * 1000 + known;
				if (score > bestScore) [best, bestScore] = [p, score];
			} else if (hits >= 2 && hits / p.signature.length >= 0.5 && hits > driftScore) {
				driftScore = hits;
				drift = { preset: p, missing: p.signature.filter((h) => !set.has(normHeader(h))), rowIndex: i };
			}
		}
		if (best) return { rowIndex: i, preset: best };
	}
	for (let i = 0; i < limit; i++) {
		if (!looksLikeHeader(rows[i])) continue;
		const width = rows[i].length;
		const next = rows.slice(i + 1, i + 6).filter((r) => r.some((c) => c.trim() !== ''));
		if (next.length === 0 || next.every((r) => Math.abs(r.length - width) <= 1)) {
			return { rowIndex: i, preset: undefined, drift };
		}
	}
	return drift ? { rowIndex: drift.rowIndex, preset: undefined, drift } : undefined;
}

/**
 * The delimiter: the one under which a known header appears, else the one giving the most
 * rows of one consistent width greater than one.
 */
export function detectDelimiter(sample: string, presets: readonly PresetDefinition[]): string {
	let best: string = ',';
	let bestScore = -1;
	for (const d of DELIMITERS) {
		const rows = parseSample(sample, d);
		const found = findHeader(rows, presets);
		if (found?.preset) return d;
		const counts = new Map<number, number>();
		for (const r of rows) if (r.length > 1) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
		let score = 0;
		for (const [, n] of counts) score = Math.max(score, n);
		if (score > bestScore) [best, bestScore] = [d, score];
	}
	return best;
}

const SUMMARY = new Set(['合计', '总计', '小计', '合计：', '总计：', 'total', 'totals', 'grand total', 'summary', 'sum', 'gesamt', 'summe', 'total général']);

/** A totals/summary row (合计, Totals, YouTube's "Total") by its first non-empty cell. */
export function isSummaryRow(cells: string[], extra?: readonly string[]): boolean {
	// Fast exit for the usual data row: it starts with a digit (a date, an id, an amount).
	const c0 = cells[0]?.charCodeAt(0) ?? 0;
	if (c0 >= 48 && c0 <= 57) return false;
	const first = cells.find((c) => c.trim() !== '');
	if (first === undefined) return false;
	const v = first.trim().toLowerCase();
	return SUMMARY.has(v) || (extra ?? []).some((e) => e.toLowerCase() === v);
}

/**
 * The header row again (statements pasted one after another, `cat jan.csv feb.csv`): every cell
 * is its column's name. The first cell must be the name but for its case, so a data row is turned
 * away there at little cost; the others are compared as header names are (case and spacing aside:
 * a spreadsheet may have changed them). The first cell may carry the second file's byte order mark
 * (trimmed away) and, when that file quotes its cells (PayPal), its quotes too: Papa Parse only
 * unquotes a cell that starts with the quote, so it reads `\uFEFF"Date"`.
 */
export function isRepeatedHeader(cells: string[], headers: readonly string[]): boolean {
	const h0 = (headers[0] ?? '').trim();
	const c0 = cells[0] ?? '';
	if (h0 === '' || c0 === '') return false;
	if (c0 !== h0) {
		let c = c0.trim();
		if (c.charCodeAt(0) === 0xfeff) c = c.slice(1);
		if (c.length >= 2 && c.charCodeAt(0) === 34 && c.charCodeAt(c.length - 1) === 34) c = c.slice(1, -1).trim();
		// A data row stops at the first character: only a cell that starts like the name (case aside)
		// is normalised (spacing, case) and compared.
		if (c !== h0 && (foldAscii(c.charCodeAt(0)) !== foldAscii(h0.charCodeAt(0)) || normHeader(c) !== normHeader(h0))) return false;
	}
	for (let i = 1; i < headers.length; i++) {
		const c = (cells[i] ?? '').trim();
		if (c !== headers[i].trim() && normHeader(c) !== normHeader(headers[i])) return false;
	}
	return true;
}

/** A character code with ASCII capitals folded to small letters. */
function foldAscii(code: number): number {
	return code >= 65 && code <= 90 ? code + 32 : code;
}

export function isBlankRow(cells: string[]): boolean {
	for (const c of cells) if (c.trim() !== '') return false;
	return true;
}
