/**
 * Rows of cells → ledger rows. A preset (or the wizard's mapping) is compiled once against the
 * file's header into a Layout; each row then becomes an income row, a payout, an ignored row
 * with a reason, or an error with its line, column and value. Rows are kept column-wise in a
 * RowStore so that a million of them fit in a modest amount of memory until the commit.
 */
import { currencyExponent, formatMinorAsDecimal, formatScaled } from '../../domain/money';
import { parseAmount, parseCount, parseDateCell, parseHoursCenti, parseRateBps, monthOfCell, type DateFormat, type DecimalMark, type MeasureResult } from '../../domain/import-values';
import { firstDay, monthOf, type IsoDate, type Month } from '../../domain/period';
import { storedDescriptionOf } from '../../domain/work-statements';
import { dayNumber, OccurrenceCounter, RowHasher, rowFingerprint } from './dedupe';
import { packTexts, unpackTexts } from './text-pack';
import { isBlankRow, isRepeatedHeader, isSummaryRow, normHeader } from './shape';
import type { Condition, Field, Issue, PresetDefinition, Rule, Stream } from './types';

export interface Layout {
	preset: PresetDefinition;
	platform: string;
	headers: string[];
	/** Column index of each mapped field, −1 when absent. */
	idx: Record<Field, number>;
	dateFormat: DateFormat | undefined;
	decimal: DecimalMark;
	/** Currency for all rows when there is no currency column. */
	currency: string | undefined;
	stream: Stream;
	/** The month for rows without a date (period asked or read from the preamble). */
	periodMonth: Month | undefined;
	rules: CompiledRule[];
	streamFrom?: { index: number; map: Map<string, Stream> };
	payoutStatus?: { index: number; map: Map<string, 'received' | 'in_transit' | 'failed'> };
	alsoPayoutIndex: Map<CompiledRule, number>;
	/** Whether plays, completion rate or hours are mapped (rows then carry them). */
	measured: boolean;
}

interface CompiledRule {
	rule: Rule;
	test: (cells: string[]) => boolean;
}

export const NO_FIELDS = (): Record<Field, number> => ({
	date: -1, month: -1, gross: -1, fee: -1, tax: -1, net: -1, currency: -1, description: -1,
	counterparty: -1, work: -1, externalId: -1, plays: -1, completionRate: -1, hours: -1
});

/** Resolve a column reference (a header name, or a 1-based column number) to an index. */
export function columnIndex(headers: string[], ref: string): number {
	const n = normHeader(ref);
	const i = headers.findIndex((h) => normHeader(h) === n);
	if (i >= 0) return i;
	if (/^\d+$/.test(ref.trim())) {
		const k = Number(ref) - 1;
		return k >= 0 && k < headers.length ? k : -1;
	}
	return -1;
}

function list(v: string | string[]): string[] {
	return (Array.isArray(v) ? v : [v]).map((x) => x.trim().toLowerCase());
}

function compileCondition(c: Condition, headers: string[]): (cells: string[]) => boolean {
	if ('all' in c) {
		const parts = c.all.map((x) => compileCondition(x, headers));
		return (cells) => parts.every((p) => p(cells));
	}
	if ('any' in c) {
		const parts = c.any.map((x) => compileCondition(x, headers));
		return (cells) => parts.some((p) => p(cells));
	}
	if ('not' in c) {
		const inner = compileCondition(c.not, headers);
		return (cells) => !inner(cells);
	}
	const i = columnIndex(headers, c.column);
	const cell = (cells: string[]) => (i >= 0 ? (cells[i] ?? '').trim() : '');
	if ('equals' in c) {
		const set = new Set(list(c.equals));
		return (cells) => set.has(cell(cells).toLowerCase());
	}
	if ('startsWith' in c) {
		const xs = list(c.startsWith);
		return (cells) => {
			const v = cell(cells).toLowerCase();
			return xs.some((x) => v.startsWith(x));
		};
	}
	if ('contains' in c) {
		const xs = list(c.contains);
		return (cells) => {
			const v = cell(cells).toLowerCase();
			return xs.some((x) => v.includes(x));
		};
	}
	if ('blank' in c) return (cells) => cell(cells) === '';
	if ('negative' in c) return (cells) => /^\(|^[-\u2212]|[-\u2212]$/.test(cell(cells).replace(/[¥￥$€£\s]/g, ''));
	return () => false;
}

export interface LayoutOptions {
	platform?: string;
	dateFormat?: DateFormat;
	decimal: DecimalMark;
	currency?: string;
	stream?: Stream;
	periodMonth?: Month;
}

/** Compile a preset against the header row. Returns the issues that make it unusable, if any. */
export function compileLayout(preset: PresetDefinition, headers: string[], opts: LayoutOptions): { layout?: Layout; issues: Issue[] } {
	const issues: Issue[] = [];
	const idx = NO_FIELDS();
	for (const [field, ref] of Object.entries(preset.columns) as [Field, string][]) {
		if (!ref) continue;
		const i = columnIndex(headers, ref);
		if (i < 0) {
			issues.push({ code: 'bad_mapping', message: `Column "${ref}" (for ${field}) is not in the header.`, params: { field, column: ref }, column: ref });
		}
		idx[field] = i;
	}
	if (idx.gross < 0 && idx.net < 0) {
		issues.push({ code: 'bad_mapping', message: 'Map at least the gross or the net amount column.', params: { field: 'gross' } });
	}
	const compiled = (preset.rules ?? []).map((rule) => ({ rule, test: rule.when ? compileCondition(rule.when, headers) : () => true }));
	const alsoPayoutIndex = new Map<CompiledRule, number>();
	for (const c of compiled) if (c.rule.alsoPayoutOn) alsoPayoutIndex.set(c, columnIndex(headers, c.rule.alsoPayoutOn));
	const layout: Layout = {
		preset,
		platform: opts.platform?.trim() || preset.platform,
		headers,
		idx,
		dateFormat: opts.dateFormat ?? preset.dateFormat,
		decimal: opts.decimal,
		currency: idx.currency < 0 ? (opts.currency ?? preset.currency) : undefined,
		stream: opts.stream ?? preset.stream,
		periodMonth: opts.periodMonth,
		rules: compiled,
		alsoPayoutIndex,
		measured: idx.plays >= 0 || idx.completionRate >= 0 || idx.hours >= 0
	};
	if (preset.streamFrom && !opts.stream) {
		const i = columnIndex(headers, preset.streamFrom.column);
		if (i >= 0) layout.streamFrom = { index: i, map: new Map(Object.entries(preset.streamFrom.map).map(([k, v]) => [k.toLowerCase(), v])) };
	}
	if (preset.payoutStatus) {
		const i = columnIndex(headers, preset.payoutStatus.column);
		if (i >= 0) layout.payoutStatus = { index: i, map: new Map(Object.entries(preset.payoutStatus.map).map(([k, v]) => [k.toLowerCase(), v])) };
	}
	if (idx.currency < 0 && !layout.currency) {
		issues.push({ code: 'bad_mapping', message: 'Choose the currency of this file (or map a currency column).', params: { field: 'currency' } });
	}
	return issues.length ? { issues } : { layout, issues };
}

export const KIND_INCOME = 0;
export const KIND_PAYOUT = 1;

/** Interns values of a small vocabulary (months, currencies, streams) as 16-bit codes. */
class Vocabulary {
	readonly values: string[] = [];
	private index = new Map<string, number>();
	/**
	 * Take over the values another thread's vocabulary holds. It only ever grows, so the values
	 * held already must be the start of it: anything else would give codes another meaning.
	 */
	adopt(values: string[]): void {
		if (values.length < this.values.length || this.values.some((v, c) => values[c] !== v)) {
			throw new Error('The rows were coded with another vocabulary than the ones before them.');
		}
		for (let c = this.values.length; c < values.length; c++) {
			this.values.push(values[c]);
			this.index.set(values[c], c);
		}
	}
	code(v: string): number {
		let c = this.index.get(v);
		if (c === undefined) {
			c = this.values.length;
			this.values.push(v);
			this.index.set(v, c);
		}
		return c;
	}
}

/** Whether trim() would leave the text as it is because its ends are printable ASCII (not spaces): most cells, checked in two reads. */
function isTrimmed(s: string): boolean {
	const n = s.length;
	if (n === 0) return false;
	const a = s.charCodeAt(0);
	const z = s.charCodeAt(n - 1);
	return a > 32 && a < 127 && z > 32 && z < 127;
}

function grow<T extends Uint8Array | Uint16Array | Int32Array | Uint32Array | Float64Array>(a: T, size: number): T {
	const b = new (a.constructor as new (n: number) => T)(size);
	b.set(a);
	return b;
}

/** A RowStore's rows as structured-clonable data (see RowStore.toTransfer). */
export interface RowData {
	length: number;
	kind: Uint8Array<ArrayBuffer>;
	line: Int32Array<ArrayBuffer>;
	day: Int32Array<ArrayBuffer>;
	monthCode: Uint16Array<ArrayBuffer>;
	currencyCode: Uint16Array<ArrayBuffer>;
	streamCode: Uint16Array<ArrayBuffer>;
	statusCode: Uint16Array<ArrayBuffer>;
	gross: Float64Array<ArrayBuffer>;
	fee: Float64Array<ArrayBuffer>;
	tax: Float64Array<ArrayBuffer>;
	net: Float64Array<ArrayBuffer>;
	fp: Float64Array<ArrayBuffer>;
	plays: Float64Array<ArrayBuffer>;
	completionBps: Float64Array<ArrayBuffer>;
	hoursCenti: Float64Array<ArrayBuffer>;
	measures: boolean;
	/** The texts as packs (text-pack.ts): one transferable buffer each instead of cloned strings. */
	texts: RowTexts;
	months: string[];
	vocab: string[];
}

/**
 * A chunk's texts as the writer needs them, each a text pack (text-pack.ts). `description` is
 * what the ledger stores (storedDescription: the work's title and the row's text in one).
 */
export interface RowTexts {
	counterparty: Uint8Array<ArrayBuffer>;
	description: Uint8Array<ArrayBuffer>;
	externalId: Uint8Array<ArrayBuffer>;
}

/**
 * Ledger rows, column-wise in typed arrays (about 100 bytes a row plus its texts), so a
 * million-row statement fits in memory between analysis and commit. Income rows and payouts
 * share it; `kind` tells them apart. Days are stored as day of month (0 = no day).
 */
export class RowStore {
	length = 0;
	private cap = 1024;
	kind = new Uint8Array(this.cap);
	line = new Int32Array(this.cap);
	day = new Int32Array(this.cap);
	monthCode = new Uint16Array(this.cap);
	currencyCode = new Uint16Array(this.cap);
	streamCode = new Uint16Array(this.cap);
	statusCode = new Uint16Array(this.cap);
	gross = new Float64Array(this.cap);
	fee = new Float64Array(this.cap);
	tax = new Float64Array(this.cap);
	net = new Float64Array(this.cap);
	/** The row's fingerprint (see rowFingerprint): a safe integer, unique per workspace. */
	fp = new Float64Array(this.cap);
	/** Plays, completion rate (bps) and hours (× 100) from mapped columns; NaN when the row has none. */
	plays = new Float64Array(this.cap);
	completionBps = new Float64Array(this.cap);
	hoursCenti = new Float64Array(this.cap);
	/** Whether any row so far had one of those three (the writer then stores them). */
	measures = false;
	private texts: { description: (string | null)[]; counterparty: (string | null)[]; work: (string | null)[]; externalId: (string | null)[] } = {
		description: [],
		counterparty: [],
		work: [],
		externalId: []
	};
	/** The texts as another thread sent them (load): the writer hands them to SQLite as they are. */
	private sent: RowTexts | null = null;
	/** Whether `texts` still has to be read out of `sent` (done only if something asks for a text). */
	private packedOnly = false;
	get description(): (string | null)[] {
		return this.unpacked().description;
	}
	get counterparty(): (string | null)[] {
		return this.unpacked().counterparty;
	}
	/** A store loaded from another thread has no work titles of its own: its description holds them (storedDescription). */
	get work(): (string | null)[] {
		return this.unpacked().work;
	}
	get externalId(): (string | null)[] {
		return this.unpacked().externalId;
	}
	readonly months = new Vocabulary();
	readonly vocab = new Vocabulary();

	/** Make room for one more row; returns its index. */
	add(): number {
		if (this.length === this.cap) {
			const cap = Math.ceil(this.cap * 1.5);
			this.kind = grow(this.kind, cap);
			this.line = grow(this.line, cap);
			this.day = grow(this.day, cap);
			this.monthCode = grow(this.monthCode, cap);
			this.currencyCode = grow(this.currencyCode, cap);
			this.streamCode = grow(this.streamCode, cap);
			this.statusCode = grow(this.statusCode, cap);
			this.gross = grow(this.gross, cap);
			this.fee = grow(this.fee, cap);
			this.tax = grow(this.tax, cap);
			this.net = grow(this.net, cap);
			this.fp = grow(this.fp, cap);
			this.plays = grow(this.plays, cap);
			this.completionBps = grow(this.completionBps, cap);
			this.hoursCenti = grow(this.hoursCenti, cap);
			this.cap = cap;
		}
		return this.length++;
	}

	/**
	 * Forget the rows (after a streaming sink has written them), keeping the arrays' capacity and
	 * the vocabularies, so the codes of later rows stay comparable with earlier ones.
	 */
	clear(): void {
		this.length = 0;
		this.sent = null;
		this.packedOnly = false;
		this.texts = { description: [], counterparty: [], work: [], externalId: [] };
	}

	private unpacked() {
		if (this.packedOnly) {
			const p = this.sent!;
			const description = unpackTexts(p.description);
			this.texts = { description, counterparty: unpackTexts(p.counterparty), work: new Array<null>(description.length).fill(null), externalId: unpackTexts(p.externalId) };
			this.packedOnly = false;
		}
		return this.texts;
	}

	/** Whether the texts came packed from another thread (packedTexts(0, length) then costs nothing). */
	hasSentTexts(): boolean {
		return this.sent !== null;
	}

	/**
	 * The rows' texts as packs (what the cl_rows extension reads): as another thread sent them, or
	 * made from the texts now, for rows [from, to).
	 */
	packedTexts(from = 0, to = this.length): RowTexts {
		if (this.sent && from === 0 && to === this.length) return this.sent;
		const t = this.unpacked();
		return {
			counterparty: packTexts(t.counterparty, from, to),
			description: packTexts(t.description, from, to, { texts: t.work, join: storedDescriptionOf }),
			externalId: packTexts(t.externalId, from, to)
		};
	}

	/**
	 * The rows as plain data for another thread: the typed arrays are cut to the rows and the texts
	 * packed (their buffers can then be transferred, not copied), and the vocabularies go along
	 * whole (they are small). The texts go as the writer stores them: the description with the
	 * work's title in it (storedDescription), so the receiving store has no work titles apart.
	 */
	toTransfer(): { data: RowData; transfer: ArrayBuffer[] } {
		const n = this.length;
		const data: RowData = {
			length: n,
			kind: this.kind.slice(0, n),
			line: this.line.slice(0, n),
			day: this.day.slice(0, n),
			monthCode: this.monthCode.slice(0, n),
			currencyCode: this.currencyCode.slice(0, n),
			streamCode: this.streamCode.slice(0, n),
			statusCode: this.statusCode.slice(0, n),
			gross: this.gross.slice(0, n),
			fee: this.fee.slice(0, n),
			tax: this.tax.slice(0, n),
			net: this.net.slice(0, n),
			fp: this.fp.slice(0, n),
			plays: this.plays.slice(0, n),
			completionBps: this.completionBps.slice(0, n),
			hoursCenti: this.hoursCenti.slice(0, n),
			measures: this.measures,
			texts: this.packedTexts(0, n),
			months: this.months.values,
			vocab: this.vocab.values
		};
		const t = data.texts;
		const arrays = [data.kind, data.line, data.day, data.monthCode, data.currencyCode, data.streamCode, data.statusCode, data.gross, data.fee, data.tax, data.net, data.fp, data.plays, data.completionBps, data.hoursCenti, t.counterparty, t.description, t.externalId];
		return { data, transfer: arrays.map((a) => a.buffer as ArrayBuffer) };
	}

	/**
	 * Hold the rows another thread sent (toTransfer), in place of the current ones. Their texts stay
	 * packed until something asks for one (the writer with cl_rows never does, except on a duplicate).
	 */
	load(data: RowData): void {
		this.length = data.length;
		this.cap = data.length;
		this.kind = data.kind;
		this.line = data.line;
		this.day = data.day;
		this.monthCode = data.monthCode;
		this.currencyCode = data.currencyCode;
		this.streamCode = data.streamCode;
		this.statusCode = data.statusCode;
		this.gross = data.gross;
		this.fee = data.fee;
		this.tax = data.tax;
		this.net = data.net;
		this.fp = data.fp;
		this.plays = data.plays;
		this.completionBps = data.completionBps;
		this.hoursCenti = data.hoursCenti;
		this.measures = data.measures;
		this.sent = data.texts;
		this.packedOnly = true;
		this.months.adopt(data.months);
		this.vocab.adopt(data.vocab);
	}

	month(i: number): string {
		return this.months.values[this.monthCode[i]];
	}
	/** The index of the first income row, or −1 when the store holds only payouts. */
	firstIncome(): number {
		for (let i = 0; i < this.length; i++) if (this.kind[i] === KIND_INCOME) return i;
		return -1;
	}
	currency(i: number): string {
		return this.vocab.values[this.currencyCode[i]];
	}
	stream(i: number): string {
		return this.vocab.values[this.streamCode[i]];
	}
	status(i: number): string | null {
		const c = this.statusCode[i];
		return c === 0 ? null : this.vocab.values[c - 1];
	}
	/** A payout's day: its date, or the first of its month. */
	paidOn(i: number): string {
		return this.earnedOn(i) ?? firstDay(this.month(i));
	}
	/** What the ledger stores as the row's description (storedDescriptionOf: the work's title and the row's text in one). */
	storedDescription(i: number): string | null {
		return storedDescriptionOf(this.work[i], this.description[i]);
	}
	/** 'YYYY-MM-DD' texts by month code × 32 + day, made once each (a row's date is asked for twice). */
	private dayTexts: string[] = [];
	earnedOn(i: number): string | null {
		const d = this.day[i];
		if (d === 0) return null;
		const key = this.monthCode[i] * 32 + (d % 100);
		return (this.dayTexts[key] ??= `${this.month(i)}-${String(d % 100).padStart(2, '0')}`);
	}
}

export interface PreviewRow {
	line: number;
	kind: 'income' | 'payout' | 'ignored' | 'error';
	label?: string;
	reason?: string;
	date?: string | null;
	month?: string;
	gross?: string;
	fee?: string;
	tax?: string;
	net?: string;
	amount?: string;
	currency?: string;
	status?: string;
	description?: string | null;
	counterparty?: string | null;
	work?: string | null;
	plays?: string;
	completionRate?: string;
	hours?: string;
	/** Income dated after today: expected, not earned yet. */
	expected?: boolean;
	message?: string;
}

/** What a statement line says of the work besides money (see RowStore.plays). */
export interface Measures {
	plays: number | null;
	completionBps: number | null;
	hoursCenti: number | null;
}

const MEASURES = [
	['plays', 'plays', parseCount, 'a whole number of plays'],
	['completionRate', 'completionBps', parseRateBps, 'a completion rate (like 42% or 0.42)'],
	['hours', 'hoursCenti', parseHoursCenti, 'a number of hours (like 7.5 or 7:30)']
] as const satisfies readonly (readonly [Field, keyof Measures, (raw: string, decimal: DecimalMark, percent: boolean) => MeasureResult, string])[];

/** A header with a percent sign ("Average percentage viewed (%)", "完播率%"): its cells are percentages even without the sign. */
const PERCENT_HEADER = /[%％]/;

/** Cells of one measure column that could not be read: counted, the first one kept for the message. */
interface MeasureProblem {
	column: string;
	what: string;
	count: number;
	line: number;
	value: string;
	reason: string;
}

/** The preview's text of a row's measures: plays as a count, the rate as a percentage, hours with two decimals. */
function previewMeasures(m: Measures | undefined): Pick<PreviewRow, 'plays' | 'completionRate' | 'hours'> {
	if (!m) return {};
	const out: Pick<PreviewRow, 'plays' | 'completionRate' | 'hours'> = {};
	if (m.plays !== null) out.plays = String(m.plays);
	if (m.completionBps !== null) out.completionRate = `${formatScaled(m.completionBps, 2)}%`;
	if (m.hoursCenti !== null) out.hours = formatScaled(m.hoursCenti, 2);
	return out;
}

export interface Totals {
	gross: number;
	fee: number;
	tax: number;
	net: number;
	rows: number;
}

/** Running results of normalising a file's rows. */
export class Normaliser {
	readonly store = new RowStore();
	read = 0;
	income = 0;
	payouts = 0;
	ignored = 0;
	errorCount = 0;
	readonly ignoredReasons = new Map<string, number>();
	readonly errors: Issue[] = [];
	readonly preview: PreviewRow[] = [];
	readonly totals = new Map<string, Totals>();
	readonly payoutTotals = new Map<string, { amount: number; received: number; rows: number }>();
	minMonth: string | undefined;
	maxMonth: string | undefined;
	private occ = new OccurrenceCounter();
	private hasher = new RowHasher();
	private interned = new Map<string, string>();
	private internLookups = 0;
	private internHits = 0;
	private internOff = false;
	private dates = new Map<string, { earnedOn: string | null; month: string } | null>();
	/** The date cell read last and what it gave (undefined: none yet). */
	private lastDateCell: string | undefined;
	private lastDate: { earnedOn: string | null; month: string } | undefined;
	private measureProblems = new Map<Field, MeasureProblem>();
	/** Income dated after this day (YYYY-MM-DD) is expected income: not earned yet. Set by the pipeline. */
	today: IsoDate = '9999-12-31';
	/** Income lines dated after `today`: how many, and the first and last such date (or month). */
	private expected: { count: number; first: string; last: string } | undefined;
	/** Income lines whose gross − fee − tax is not their net (a column mapped wrongly?): counted, the first kept. */
	private disagreeing: { count: number; line: number; gross: number; fee: number; tax: number; net: number; currency: string } | undefined;
	/** Day numbers of the date keys seen (a file has few distinct days). */
	private days = new Map<string, number>();
	/** The previous row's kind, platform and date, and what they gave: its day, month code and hash state (see push). */
	private run = { kind: -1, dateKey: '', month: '', platform: '', day: 0, monthCode: 0, h0: 0, h1: 0, expected: false };
	/** The currency and stream of the row before, and their codes in the store's vocabulary. */
	private codes: { currency: string | null; currencyCode: number; stream: string | null; streamCode: number } = { currency: null, currencyCode: 0, stream: null, streamCode: 0 };
	/** The income totals of the currency of the income row before. */
	private lastTotalsCurrency = '';
	private lastTotals: Totals | undefined;
	/**
	 * Set by the pipeline when the rows' month was read from a preamble line (KDP's "Oct 2025"):
	 * in statements pasted together, such a line just before the header again is the month of the
	 * rows that follow it.
	 */
	periodLines: { pattern: RegExp; format: DateFormat } | undefined;
	/** The month of a period line met since the last data row, for a repeated header to adopt. */
	private nextPeriod: Month | undefined;

	constructor(
		private readonly layout: Layout,
		private readonly previewLimit = 200,
		private readonly errorLimit = 1000,
		/** False when rows are written chunk by chunk (streaming): nothing is kept long enough for sharing to pay. */
		keepsRows = true
	) {
		this.internOff = !keepsRows;
	}

	/**
	 * Share repeated texts (counterparties, titles) instead of keeping one copy per row. When a
	 * column turns out to be mostly unique after a few thousand rows, interning stops (it would
	 * only cost time).
	 */
	private intern(s: string): string {
		if (this.internOff) return s;
		const hit = this.interned.get(s);
		this.internLookups++;
		if (hit !== undefined) {
			this.internHits++;
			return hit;
		}
		if (this.interned.size < 50_000) this.interned.set(s, s);
		if (this.internLookups === 20_000 && this.internHits < 10_000) this.internOff = true;
		return s;
	}

	private fail(line: number, code: Issue['code'], message: string, column?: string, value?: string): void {
		this.errorCount++;
		if (this.errors.length < this.errorLimit) this.errors.push({ code, message, line, column, value, params: { line, column: column ?? '', value: value ?? '' } });
		if (this.preview.length < this.previewLimit) this.preview.push({ line, kind: 'error', message });
	}

	private ignore(line: number, reason: string): void {
		this.ignored++;
		this.ignoredReasons.set(reason, (this.ignoredReasons.get(reason) ?? 0) + 1);
		if (this.preview.length < this.previewLimit) this.preview.push({ line, kind: 'ignored', reason });
	}

	/** The last amount read in each column (by column index): its cell, the scale it was read at, its value. */
	private amountRaw: string[] = [];
	private amountScale: number[] = [];
	private amountValue: (number | null)[] = [];

	private amount(cells: string[], field: Field, scale: number, line: number): number | null | undefined {
		const i = this.layout.idx[field];
		if (i < 0) return null;
		const raw = cells[i] ?? '';
		// A column often repeats its cell from the row before (a tax of 0.00 on every line).
		if (raw === this.amountRaw[i] && scale === this.amountScale[i]) return this.amountValue[i];
		const r = parseAmount(raw, this.layout.decimal, scale);
		if (r.ok) {
			this.amountRaw[i] = raw;
			this.amountScale[i] = scale;
			this.amountValue[i] = r.minor;
			return r.minor;
		}
		const col = this.layout.headers[i];
		const why = r.error === 'bad_grouping' ? 'the digit grouping does not fit the decimal mark' : r.error === 'too_large' ? 'the amount is too large' : 'it is not an amount';
		this.fail(line, 'bad_amount', `Line ${line}, column "${col}": "${raw}" cannot be read as an amount (${why}; decimal mark "${this.layout.decimal}").`, col, raw);
		return undefined;
	}

	/**
	 * Whether an income line's gross − fee − tax is its net at the precision the file wrote them in.
	 * Each cell is rounded to the currency's minor unit on its own, so a file finer than that can add
	 * up and still disagree once rounded (1.006 − 0.002 = 1.004 reads 1.01 − 0.00 ≠ 1.00): read the
	 * cells again at six more decimals, allowing for the rounding of cells finer still.
	 */
	private addsUpUnrounded(cells: string[], scale: number): boolean {
		const L = this.layout;
		const at = (field: Field): number | undefined => {
			const i = L.idx[field];
			if (i < 0) return 0;
			const r = parseAmount(cells[i] ?? '', L.decimal, scale + 6);
			return r.ok ? (r.minor ?? 0) : undefined;
		};
		const gross = at('gross');
		const fee = at('fee');
		const tax = at('tax');
		const net = at('net');
		// Beyond a safe integer at that precision (amounts of about 90 million): keep the rounded verdict.
		if (gross === undefined || fee === undefined || tax === undefined || net === undefined) return false;
		return Math.abs(gross - (L.preset.feeSign === 'negative' ? -fee : fee) - tax - net) <= 2;
	}

	/**
	 * The row's plays, completion rate and hours (mapped columns). A cell that is not one is left
	 * out (null) and counted for a warning: the money on the line still counts.
	 */
	private measures(cells: string[], line: number): Measures {
		const L = this.layout;
		const out: Measures = { plays: null, completionBps: null, hoursCenti: null };
		for (const [field, key, parse, what] of MEASURES) {
			const i = L.idx[field];
			if (i < 0) continue;
			const raw = cells[i] ?? '';
			const r = parse(raw, L.decimal, PERCENT_HEADER.test(L.headers[i]));
			if (r.ok) {
				out[key] = r.value;
				continue;
			}
			const known = this.measureProblems.get(field);
			if (known) known.count++;
			else this.measureProblems.set(field, { column: L.headers[i], what, count: 1, line, value: raw, reason: r.error.replaceAll('_', ' ') });
		}
		return out;
	}

	/**
	 * What the rows say beyond their counts, one issue per kind: measure columns with unreadable
	 * cells, income dated after today (expected income), and income lines whose four amounts
	 * disagree (imported as the file gives them).
	 */
	warnings(): Issue[] {
		const out = this.measureWarnings();
		const x = this.expected;
		if (x) {
			const span = x.first === x.last ? x.first : `${x.first} – ${x.last}`;
			out.push({
				code: 'future_dates',
				message: `${x.count} income line(s) are dated after today (${span}): they are imported as expected income, in months that have not come yet.`,
				params: { count: x.count, span }
			});
		}
		const d = this.disagreeing;
		if (d) {
			const f = (m: number) => formatMinorAsDecimal(m, d.currency);
			const params = { count: d.count, line: d.line, gross: f(d.gross), fee: f(d.fee), tax: f(d.tax), net: f(d.net), currency: d.currency };
			out.push({
				code: 'amounts_disagree',
				message: `${d.count} income line(s) have a net that is not gross − fee − tax (first on line ${d.line}: ${params.gross} − ${params.fee} − ${params.tax} ≠ ${params.net} ${d.currency}). They are imported as the file gives them; check which columns are gross, fee, tax and net.`,
				params,
				line: d.line
			});
		}
		return out;
	}

	/** One warning per measure column with cells that could not be read. */
	private measureWarnings(): Issue[] {
		return [...this.measureProblems.values()].map((p) => ({
			code: 'bad_measure' as const,
			message: `Column "${p.column}": ${p.count} cell(s) are not ${p.what} (first on line ${p.line}: "${p.value}", ${p.reason}); their rows are imported without it.`,
			params: { column: p.column, count: p.count, line: p.line, value: p.value },
			line: p.line,
			column: p.column,
			value: p.value
		}));
	}

	private text(cells: string[], field: Field): string | null {
		const i = this.layout.idx[field];
		if (i < 0) return null;
		const cell = cells[i] ?? '';
		// A cell that starts and ends with a printable ASCII character other than a space has nothing to trim.
		const v = isTrimmed(cell) ? cell : cell.trim();
		if (v === '' || v === '/') return null;
		// A lone surrogate (a UTF-16 file can hold one) becomes U+FFFD here, as SQLite will store it:
		// otherwise the text read back would differ from the row's, and re-importing the row would
		// not find it a duplicate.
		return v.isWellFormed() ? v : v.toWellFormed();
	}

	/** The date key and month of a row, or undefined after recording an error. */
	private when(cells: string[], line: number, columnIdx: number): { earnedOn: string | null; month: string } | undefined {
		const L = this.layout;
		if (columnIdx >= 0) {
			const raw = cells[columnIdx] ?? '';
			const col = L.headers[columnIdx];
			if (!L.dateFormat) {
				this.fail(line, 'bad_date', `Choose the date format of column "${col}".`, col, raw);
				return undefined;
			}
			// Statements come in runs of one date: the cell of the row before is checked first.
			if (raw === this.lastDateCell) return this.lastDate!;
			const cached = this.dates.get(raw);
			if (cached) {
				this.lastDateCell = raw;
				this.lastDate = cached;
				return cached;
			}
			const r = parseDateCell(raw, L.dateFormat);
			if (!r.ok) {
				this.fail(line, 'bad_date', `Line ${line}, column "${col}": "${raw}" is not a date in the format ${L.dateFormat}.`, col, raw);
				return undefined;
			}
			if (r.value) {
				const month = monthOfCell(r.value);
				const when = { earnedOn: r.value.kind === 'date' ? r.value.date : null, month };
				if (this.dates.size < 20_000) this.dates.set(raw, when);
				this.lastDateCell = raw;
				this.lastDate = when;
				return when;
			}
		}
		if (L.periodMonth) return { earnedOn: null, month: L.periodMonth };
		this.fail(line, 'missing_date', `Line ${line}: the date is missing.`, columnIdx >= 0 ? L.headers[columnIdx] : undefined, '');
		return undefined;
	}

	/** Minor-unit exponents and currency codes met so far, by currency and by raw cell (files mix currencies row by row). */
	private scales = new Map<string, number>();
	private scaleOf(currency: string): number {
		let scale = this.scales.get(currency);
		if (scale === undefined) this.scales.set(currency, (scale = currencyExponent(currency)));
		return scale;
	}
	private currencyByCell = new Map<string, string>();
	/** The currency cell read last (a known code) and its code. */
	private lastCurrencyCell: string | undefined;
	private lastCurrency = '';

	private currencyOf(cells: string[], line: number): string | undefined {
		const L = this.layout;
		if (L.idx.currency < 0) return L.currency;
		const cell = cells[L.idx.currency] ?? '';
		if (cell === this.lastCurrencyCell) return this.lastCurrency;
		const known = this.currencyByCell.get(cell);
		if (known !== undefined) {
			this.lastCurrencyCell = cell;
			this.lastCurrency = known;
			return known;
		}
		const raw = cell.trim();
		const up = raw.toUpperCase();
		const c = up === '' && L.currency ? L.currency : up === '人民币' || up === 'RMB' || up === '¥' || up === '元' ? 'CNY' : up;
		if (/^[A-Z]{3}$/.test(c)) {
			// An empty cell means the file's currency, a choice of the layout: not remembered by cell.
			if (cell !== '' && this.currencyByCell.size < 1000) this.currencyByCell.set(cell, c);
			return c;
		}
		this.fail(line, 'bad_currency', `Line ${line}: "${raw}" is not a currency code (like USD or CNY).`, L.headers[L.idx.currency], raw);
		return undefined;
	}

	private push(
		kind: number,
		line: number,
		earnedOn: string | null,
		month: string,
		gross: number,
		fee: number,
		tax: number,
		net: number,
		currency: string,
		stream: string,
		status: string | null,
		description: string | null,
		counterparty: string | null,
		work: string | null,
		externalId: string | null,
		label: string | undefined,
		measures?: Measures
	): void {
		const s = this.store;
		const i = s.add();
		if (measures) {
			s.plays[i] = measures.plays ?? NaN;
			s.completionBps[i] = measures.completionBps ?? NaN;
			s.hoursCenti[i] = measures.hoursCenti ?? NaN;
			s.measures ||= measures.plays !== null || measures.completionBps !== null || measures.hoursCenti !== null;
		} else {
			s.plays[i] = NaN;
			s.completionBps[i] = NaN;
			s.hoursCenti[i] = NaN;
		}
		const dateKey = earnedOn ?? month;
		const h = this.hasher;
		const platform = this.layout.platform;
		// Statements come in runs of one date: what the row's kind, platform and date give (its day,
		// month code, and the start of its hash) is kept from the row before when they are the same.
		let run = this.run;
		if (run.kind !== kind || run.dateKey !== dateKey || run.month !== month || run.platform !== platform) {
			let day = this.days.get(dateKey);
			if (day === undefined) {
				day = dayNumber(dateKey);
				if (this.days.size < 100_000) this.days.set(dateKey, day);
			}
			h.reset(kind).str(platform).str(dateKey);
			// Future: a date after today, or (no day) a month after this one.
			const expected = kind === KIND_INCOME && (earnedOn !== null ? earnedOn > this.today : month > monthOf(this.today));
			run = this.run = { kind, dateKey, month, platform, day, monthCode: s.months.code(month), h0: h.h0, h1: h.h1, expected };
			if (this.minMonth === undefined || month < this.minMonth) this.minMonth = month;
			if (this.maxMonth === undefined || month > this.maxMonth) this.maxMonth = month;
		}
		const day = run.day;
		h.h0 = run.h0;
		h.h1 = run.h1;
		h.str(currency)
			.num(gross)
			.num(fee)
			.num(tax)
			.num(net)
			.str(externalId)
			.str(description)
			.str(counterparty)
			.str(work)
			.done();
		s.fp[i] = rowFingerprint(day, h.h0, h.h1, this.occ.next(h.h0, h.h1));
		s.kind[i] = kind;
		s.line[i] = line;
		s.monthCode[i] = run.monthCode;
		s.day[i] = earnedOn === null ? 0 : (earnedOn.charCodeAt(8) - 48) * 10 + earnedOn.charCodeAt(9) - 48 || 0;
		s.gross[i] = gross;
		s.fee[i] = fee;
		s.tax[i] = tax;
		s.net[i] = net;
		const codes = this.codes;
		if (codes.currency !== currency) {
			codes.currency = currency;
			codes.currencyCode = s.vocab.code(currency);
		}
		if (codes.stream !== stream) {
			codes.stream = stream;
			codes.streamCode = s.vocab.code(stream);
		}
		s.currencyCode[i] = codes.currencyCode;
		s.streamCode[i] = codes.streamCode;
		s.statusCode[i] = status === null ? 0 : s.vocab.code(status) + 1;
		s.description.push(description === null ? null : this.intern(description));
		s.counterparty.push(counterparty === null ? null : this.intern(counterparty));
		s.work.push(work === null ? null : this.intern(work));
		s.externalId.push(externalId);
		const expected = run.expected;
		if (expected) {
			const when = earnedOn ?? month;
			const x = this.expected;
			if (!x) this.expected = { count: 1, first: when, last: when };
			else {
				x.count++;
				if (when < x.first) x.first = when;
				if (when > x.last) x.last = when;
			}
		}
		if (kind === KIND_INCOME) {
			this.income++;
			let t = this.lastTotals;
			if (t === undefined || this.lastTotalsCurrency !== currency) {
				t = this.totals.get(currency);
				if (!t) this.totals.set(currency, (t = { gross: 0, fee: 0, tax: 0, net: 0, rows: 0 }));
				this.lastTotals = t;
				this.lastTotalsCurrency = currency;
			}
			t.gross += gross;
			t.fee += fee;
			t.tax += tax;
			t.net += net;
			t.rows++;
		} else {
			this.payouts++;
			let t = this.payoutTotals.get(currency);
			if (!t) this.payoutTotals.set(currency, (t = { amount: 0, received: 0, rows: 0 }));
			t.amount += net;
			if (status === 'received') t.received += net;
			t.rows++;
		}
		if (this.preview.length < this.previewLimit) {
			const f = (m: number) => formatMinorAsDecimal(m, currency);
			this.preview.push(
				kind === KIND_INCOME
					? { line, kind: 'income', label, date: earnedOn, month, gross: f(gross), fee: f(fee), tax: f(tax), net: f(net), currency, description, counterparty, work, ...previewMeasures(measures), ...(expected ? { expected: true } : {}) }
					: { line, kind: 'payout', label, date: earnedOn, month, amount: f(net), currency, status: status ?? undefined, description, counterparty }
			);
		}
	}

	/** A one-cell line that may be the next statement's period line (see periodLines). */
	private notePeriodLine(cells: string[]): void {
		const { pattern, format } = this.periodLines!;
		const m = pattern.exec(cells.join(' ').trim());
		const cell = m ? parseDateCell(m[1] ?? m[0], format) : undefined;
		if (cell?.ok && cell.value) this.nextPeriod = monthOfCell(cell.value);
	}

	/** Normalise one data row (`line` is its 1-based line in the file). */
	row(cells: string[], line: number): void {
		const L = this.layout;
		if (isBlankRow(cells)) return;
		this.read++;
		if (isSummaryRow(cells, L.preset.summaryRows)) return this.ignore(line, 'summary_row');
		if (isRepeatedHeader(cells, L.headers)) {
			if (this.nextPeriod !== undefined) L.periodMonth = this.nextPeriod;
			this.nextPeriod = undefined;
			return this.ignore(line, 'repeated_header');
		}
		const width = L.headers.length;
		if (cells.length > width) {
			for (let i = width; i < cells.length; i++) {
				if (cells[i].trim() !== '') {
					return this.fail(line, 'too_many_columns', `Line ${line} has ${cells.length} cells but the header has ${width} columns.`, undefined, cells[i]);
				}
			}
		}
		// Exactly one filled cell (a footer or a period line): counting stops at the second.
		let filled = 0;
		for (let i = 0; i < cells.length && filled < 2; i++) if (cells[i].trim() !== '') filled++;
		if (filled === 1 && width >= 3) {
			if (this.periodLines) this.notePeriodLine(cells);
			return this.ignore(line, 'footer');
		}
		this.nextPeriod = undefined;

		let rule: CompiledRule | undefined;
		for (const r of L.rules) {
			if (r.test(cells)) {
				rule = r;
				break;
			}
		}
		const kind = rule?.rule.kind ?? 'income';
		if (kind === 'ignore') return this.ignore(line, rule?.rule.reason ?? 'not_income');

		const currency = this.currencyOf(cells, line);
		if (currency === undefined) return;
		const scale = this.scaleOf(currency);
		const dateIdx = L.idx.date >= 0 ? L.idx.date : L.idx.month;
		const description = this.text(cells, 'description');
		const counterparty = this.text(cells, 'counterparty');
		const externalId = this.text(cells, 'externalId');

		if (kind === 'payout') {
			const field: Field = L.preset.payoutAmount ?? (L.idx.net >= 0 ? 'net' : 'gross');
			const value = this.amount(cells, field, scale, line);
			if (value === undefined) return;
			if (value === null) return this.ignore(line, 'no_amount');
			const when = this.when(cells, line, dateIdx);
			if (!when) return;
			const amount = L.preset.payoutSign === 'negative' ? -value : value;
			let status: string = rule?.rule.status ?? 'received';
			if (L.payoutStatus) status = L.payoutStatus.map.get((cells[L.payoutStatus.index] ?? '').trim().toLowerCase()) ?? 'in_transit';
			return this.push(KIND_PAYOUT, line, when.earnedOn ?? `${when.month}-01`, when.month, 0, 0, 0, amount === 0 ? 0 : amount, currency, L.stream, status, description, counterparty, null, externalId, rule?.rule.label);
		}

		let gross = this.amount(cells, 'gross', scale, line);
		if (gross === undefined) return;
		let fee = this.amount(cells, 'fee', scale, line);
		if (fee === undefined) return;
		const tax = this.amount(cells, 'tax', scale, line);
		if (tax === undefined) return;
		let net = this.amount(cells, 'net', scale, line);
		if (net === undefined) return;
		if (gross === null && net === null) return this.ignore(line, 'no_amount');
		const when = this.when(cells, line, dateIdx);
		if (!when) return;
		if (fee !== null && L.preset.feeSign === 'negative') fee = -fee;
		const t = tax ?? 0;
		if (gross !== null && net !== null && fee !== null && gross - fee - t !== net && !this.addsUpUnrounded(cells, scale)) {
			if (this.disagreeing) this.disagreeing.count++;
			else this.disagreeing = { count: 1, line, gross, fee, tax: t, net, currency };
		}
		if (fee === null) fee = gross !== null && net !== null ? gross - net - t : 0;
		if (net === null) net = (gross as number) - fee - t;
		if (gross === null) gross = net + fee + t;
		let stream: string = L.stream;
		if (L.streamFrom) stream = L.streamFrom.map.get((cells[L.streamFrom.index] ?? '').trim().toLowerCase()) ?? L.stream;
		const work = this.text(cells, 'work');
		const measures = L.measured ? this.measures(cells, line) : undefined;
		this.push(KIND_INCOME, line, when.earnedOn, when.month, gross, fee === 0 ? 0 : fee, t, net, currency, stream, null, description, counterparty, work, externalId, rule?.rule.label, measures);

		const payIdx = rule ? L.alsoPayoutIndex.get(rule) : undefined;
		if (payIdx !== undefined && payIdx >= 0 && L.dateFormat) {
			const r = parseDateCell(cells[payIdx] ?? '', L.dateFormat);
			if (r.ok && r.value && r.value.kind === 'date') {
				this.push(KIND_PAYOUT, line, r.value.date, r.value.date.slice(0, 7), 0, 0, 0, net, currency, stream, 'received', description, counterparty, null, externalId, 'settlement');
			}
		}
	}
}
