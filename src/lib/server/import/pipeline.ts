/**
 * One pipeline for preview and commit: bytes → decode → shape (delimiter, preamble, header,
 * preset) → Papa Parse on a Node stream → normalise row by row → ImportPlan. The preview shows
 * the plan; `commitImport` writes exactly that plan. The file is streamed, never held whole.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { detectDateFormats, detectDecimalMark, isDateFormat, monthOfCell, parseDateCell, type DateFormat, type DecimalMark } from '../../domain/import-values';
import { formatMinorAsDecimal } from '../../domain/money';
import { compareMonths, parsePeriod, addMonths, type IsoDate, type Month } from '../../domain/period';
import { todayIso } from '../clock';
import type { DB } from '../db/client';
import { createDecoder, DecodeError, sniffEncoding } from './decode';
import { batchWithSameFile, LedgerRows } from './dedupe';
import { columnIndex, compileLayout, KIND_INCOME, Normaliser, type PreviewRow, type RowStore } from './normalise';
import { PRESETS, presetById } from './presets/index';
import { detectDelimiter, findHeader, isRepeatedHeader, normHeader, parseSample } from './shape';
import { FIELDS, STREAMS, type Field, type Issue, type PresetDefinition, type Stream } from './types';
import { platformIdByName } from '../db/queries/platforms';

/** Where the bytes come from. `open` may be called more than once (sniffing, then streaming). */
export interface StatementSource {
	name: string;
	size: number;
	/** The file on disk, when the bytes come from one (a parse worker can then read it itself). */
	path?: string;
	open(): AsyncIterable<Uint8Array>;
}

/**
 * Bytes per read of a statement, and so about the text of one Papa Parse chunk. 256 KiB, not 1 MiB:
 * a chunk's rows stay alive until the chunk is normalised (and, in the CLI, posted), and with bigger
 * chunks V8's young-generation collections kept copying and promoting them. On the 1,000,000-row
 * benchmark file the parse worker's collection time fell from 1.9 s to 0.6 s, the import's CPU time by
 * about an eighth and its peak RSS by about 60 MB.
 */
export const READ_CHUNK_BYTES = 256 * 1024;

export function fileSource(path: string, name = path.split(/[\\/]/).pop() ?? path): StatementSource {
	const size = fs.statSync(path).size;
	return { name, size, path, open: () => fs.createReadStream(path, { highWaterMark: READ_CHUNK_BYTES }) };
}

export function bytesSource(name: string, bytes: Uint8Array): StatementSource {
	return {
		name,
		size: bytes.length,
		async *open() {
			for (let i = 0; i < bytes.length; i += READ_CHUNK_BYTES) yield bytes.subarray(i, i + READ_CHUNK_BYTES);
		}
	};
}

export interface AnalyseOptions {
	/** 'auto' (default), a built-in preset id, or a full definition (a saved workspace preset). */
	preset?: 'auto' | string | PresetDefinition;
	platform?: string;
	/** 'YYYY-MM' or 'YYYY-MM..YYYY-MM': the statement period when the file has no dates. */
	period?: string;
	/** Field → column (header name or 1-based number): a mapping for an unknown layout. */
	map?: Partial<Record<Field, string>>;
	dateFormat?: string;
	decimal?: string;
	delimiter?: string;
	encoding?: string;
	currency?: string;
	stream?: string;
	/** Refuse files larger than this many bytes. */
	maxBytes?: number;
	/** With a database, the plan counts rows that are already in the workspace. */
	db?: DB;
	workspaceId?: number;
	previewLimit?: number;
	/** Income dated after this day is expected income (counted and flagged in the preview). Default: today (UTC). */
	today?: IsoDate;
	/**
	 * Streaming: rows go to this sink chunk by chunk instead of being kept in `plan.rows` (which
	 * stays null). The same parse and normalise feed it as the preview: see `RowSink`.
	 */
	sink?: RowSink;
	/**
	 * False: leave `plan.sha256` empty instead of hashing the bytes read. For a caller that hashes
	 * the same file itself on another thread (analyseInWorker), so the parse does not pay for it.
	 */
	hashFile?: boolean;
}

/**
 * Where normalised rows go while the file streams. `start` is called before the rows of each
 * reading attempt (a second attempt happens when a file turns out to be GB18030 half-way; the
 * sink must then forget what it got). `rows` is called after each parsed chunk with the rows so
 * far; it returns true when it has taken them (the store is then cleared) or false to have them
 * kept and offered again with the next chunk. With `last` it must take them.
 */
export interface RowSink {
	start(plan: ImportPlan): void;
	rows(store: RowStore, last: boolean): boolean;
	/** Rows found already in the workspace (counted by the sink for the preview). */
	readonly duplicates?: number;
}

/** An error thrown by a sink: it is not a problem of the file, so it propagates to the caller. */
class SinkFailure extends Error {
	constructor(public readonly error: unknown) {
		super('sink failed');
	}
}

/** A sink for the streaming preview (--dry-run): counts rows already in the workspace, keeps none. */
export function existingRowsCounter(db: DB, workspaceId: number): RowSink & { duplicates: number; platform: string | null } {
	return {
		duplicates: 0,
		platform: null as string | null,
		start(plan) {
			this.duplicates = 0;
			this.platform = plan.platform;
		},
		rows(store) {
			this.duplicates += countExisting(db, workspaceId, this.platform, store);
			return true;
		}
	};
}

export interface MoneyTotals {
	currency: string;
	gross: string;
	fee: string;
	tax: string;
	net: string;
	rows: number;
}

export interface ImportPlan {
	ok: boolean;
	/** Why nothing can be imported as asked (the first blocking problem); the others are in `issues`. */
	fatal?: Issue;
	issues: Issue[];
	warnings: Issue[];
	fileName: string;
	fileSize: number;
	sha256: string;
	encoding: string;
	delimiter: string;
	preset: { id: string; label: string; notes?: string } | null;
	/** The definition used (the wizard saves it as a workspace preset). */
	definition: PresetDefinition | null;
	platform: string | null;
	stream: string | null;
	dateFormat: DateFormat | null;
	dateFormatCandidates: DateFormat[];
	decimal: DecimalMark;
	/** 1-based line of the header, and its cells. */
	headerLine: number;
	headers: string[];
	preamble: string[];
	/** The first rows as cells, for the mapping wizard. */
	sampleRows: string[][];
	period: { from: Month; to: Month } | null;
	counts: { read: number; income: number; payouts: number; ignored: number; duplicates: number; errors: number };
	ignoredReasons: { reason: string; count: number }[];
	totals: MoneyTotals[];
	payoutTotals: { currency: string; amount: string; received: string; rows: number }[];
	errors: Issue[];
	preview: PreviewRow[];
	/** A file with the same SHA-256 was imported before. */
	/** The batch that imported this very file before (by SHA-256): its number in the workspace, as the user sees it. */
	alreadyImported: { batchNumber: number; createdAt: string; fileName: string } | null;
	/** The normalised rows (kept for the commit; not serialisable). */
	rows: RowStore | null;
}

function emptyPlan(source: StatementSource): ImportPlan {
	return {
		ok: false,
		issues: [],
		warnings: [],
		fileName: source.name,
		fileSize: source.size,
		sha256: '',
		encoding: '',
		delimiter: ',',
		preset: null,
		definition: null,
		platform: null,
		stream: null,
		dateFormat: null,
		dateFormatCandidates: [],
		decimal: '.',
		headerLine: 0,
		headers: [],
		preamble: [],
		sampleRows: [],
		period: null,
		counts: { read: 0, income: 0, payouts: 0, ignored: 0, duplicates: 0, errors: 0 },
		ignoredReasons: [],
		totals: [],
		payoutTotals: [],
		errors: [],
		preview: [],
		alreadyImported: null,
		rows: null
	};
}

/** At most this many column names in a message (a file may have thousands). */
const HEADERS_LISTED = 30;

/**
 * Whether committing the plan would add anything: it is importable, not the same file again, and not
 * only rows the workspace already has (`counts.duplicates`, counted when the preview had a database).
 */
export function wouldAddRows(plan: Pick<ImportPlan, 'ok' | 'alreadyImported' | 'counts'>): boolean {
	return plan.ok && !plan.alreadyImported && plan.counts.income + plan.counts.payouts > plan.counts.duplicates;
}

/** Line breaks inside a record's cells (a quoted cell over several lines); `br` is '\r' in a file whose lines end so, else '\n' (\r\n counts once). */
function lineBreaksIn(cells: readonly string[], br: string): number {
	let n = 0;
	for (const c of cells) {
		for (let at = c.indexOf(br); at !== -1; at = c.indexOf(br, at + 1)) n++;
	}
	return n;
}

/** The file's column names for a message: the first HEADERS_LISTED, then "…" (no words: it goes into both languages). */
export function headerList(headers: readonly string[]): string {
	const listed = headers.slice(0, HEADERS_LISTED).join(', ');
	return headers.length > HEADERS_LISTED ? `${listed}, …` : listed;
}

function fatal(plan: ImportPlan, issue: Issue): ImportPlan {
	plan.ok = false;
	plan.fatal = issue;
	plan.issues.push(issue);
	plan.rows = null;
	return plan;
}

const HEAD_BYTES = 256 * 1024;

async function readHead(source: StatementSource): Promise<Uint8Array> {
	const parts: Uint8Array[] = [];
	let n = 0;
	for await (const chunk of source.open()) {
		parts.push(chunk);
		n += chunk.length;
		if (n >= HEAD_BYTES) break;
	}
	return Buffer.concat(parts).subarray(0, HEAD_BYTES);
}

/** A custom layout from the wizard's mapping (or the CLI's --map). */
export function presetFromMapping(map: Partial<Record<Field, string>>, opts: { platform?: string; currency?: string; stream?: string; dateFormat?: string; decimal?: string }): PresetDefinition {
	return {
		id: 'custom',
		label: 'Custom mapping',
		platform: opts.platform?.trim() || 'Other',
		signature: [],
		columns: { ...map },
		currency: opts.currency,
		dateFormat: opts.dateFormat && isDateFormat(opts.dateFormat) ? opts.dateFormat : undefined,
		decimal: opts.decimal === ',' || opts.decimal === '.' ? opts.decimal : 'auto',
		stream: (STREAMS as readonly string[]).includes(opts.stream ?? '') ? (opts.stream as Stream) : 'other',
		period: { source: map.date || map.month ? 'column' : 'asked' }
	};
}

function validateOptions(plan: ImportPlan, o: AnalyseOptions): Issue | undefined {
	if (o.dateFormat && !isDateFormat(o.dateFormat)) {
		return { code: 'bad_option', message: `Unknown date format "${o.dateFormat}".`, params: { value: o.dateFormat } };
	}
	if (o.decimal && o.decimal !== '.' && o.decimal !== ',' && o.decimal !== 'auto') {
		return { code: 'bad_option', message: `The decimal mark must be "." or ",", not "${o.decimal}".`, params: { value: o.decimal } };
	}
	if (o.currency && !/^[A-Z]{3}$/.test(o.currency.toUpperCase())) {
		return { code: 'bad_option', message: `"${o.currency}" is not a currency code.`, params: { value: o.currency } };
	}
	if (o.stream && !(STREAMS as readonly string[]).includes(o.stream)) {
		return { code: 'bad_option', message: `Unknown stream "${o.stream}" (one of ${STREAMS.join(', ')}).`, params: { value: o.stream } };
	}
	for (const k of Object.keys(o.map ?? {})) {
		if (!(FIELDS as readonly string[]).includes(k)) {
			return { code: 'bad_mapping', message: `Unknown field "${k}" (one of ${FIELDS.join(', ')}).`, params: { field: k } };
		}
	}
	if (o.delimiter && !['\t', ',', ';', '|', 'tab', '\\t'].includes(o.delimiter)) {
		return { code: 'bad_option', message: `Unsupported delimiter "${o.delimiter}".`, params: { value: o.delimiter } };
	}
	void plan;
	return undefined;
}

/**
 * Read a statement and say what importing it would do. Never throws for bad input: problems come
 * back as `fatal` (nothing can be imported as asked), `errors` (per row) and `warnings`.
 */
export async function analyseStatement(source: StatementSource, options: AnalyseOptions = {}): Promise<ImportPlan> {
	const plan = emptyPlan(source);
	const bad = validateOptions(plan, options);
	if (bad) return fatal(plan, bad);
	if (options.maxBytes !== undefined && source.size > options.maxBytes) {
		const mb = Math.round(options.maxBytes / 1024 / 1024);
		return fatal(plan, { code: 'too_large', message: `The file is larger than the ${mb} MB limit.`, params: { mb } });
	}
	if (source.size === 0) return fatal(plan, { code: 'empty_file', message: 'The file is empty.' });
	const head = await readHead(source);
	const complete = head.length >= source.size;
	const sniff = sniffEncoding(head, complete, options.encoding);
	if (!sniff.ok) return fatal(plan, sniff.issue);
	try {
		return await analyseWithEncoding(plan, source, head, complete, sniff.encoding, sniff.bomLength, options);
	} catch (e) {
		if (e instanceof SinkFailure) throw e.error;
		if (e instanceof DecodeError && (!options.encoding || options.encoding === 'auto') && sniff.encoding === 'utf-8') {
			// Valid UTF-8 at the start, not later: a GBK/GB18030 file whose first part is ASCII.
			try {
				return await analyseWithEncoding(emptyPlan(source), source, head, complete, 'gb18030', 0, options);
			} catch (e2) {
				if (e2 instanceof SinkFailure) throw e2.error;
				return fatal(emptyPlan(source), decodeIssue(e2));
			}
		}
		return fatal(plan, decodeIssue(e));
	}
}

function decodeIssue(e: unknown): Issue {
	if (e instanceof DecodeError) {
		return {
			code: 'bad_encoding',
			message: `${e.message} Choose the file's encoding (for Chinese files often GB18030/GBK).`,
			params: { encoding: e.encoding, offset: e.byteOffset }
		};
	}
	return { code: 'parse_error', message: `The file could not be read: ${(e as Error)?.message ?? String(e)}` };
}

async function analyseWithEncoding(
	plan: ImportPlan,
	source: StatementSource,
	head: Uint8Array,
	complete: boolean,
	encoding: string,
	bomLength: number,
	o: AnalyseOptions
): Promise<ImportPlan> {
	plan.encoding = encoding;
	const dec = createDecoder(encoding, bomLength);
	let sample = dec.write(head) + (complete ? dec.end() : '');
	if (!complete) sample = sample.slice(0, Math.max(sample.lastIndexOf('\n'), 0));
	if (sample.replace(/\uFEFF/g, '').trim() === '') return fatal(plan, { code: 'empty_file', message: 'The file has no text in it.' });
	if (/[\u0000-\u0008\u000e-\u001f]/.test(sample.slice(0, 65536))) {
		return fatal(plan, { code: encoding === 'utf-8' || o.encoding ? 'bad_encoding' : 'binary_file', message: 'The file does not read as text in this encoding; it may be binary or in another encoding.', params: { encoding } });
	}

	// --- shape: delimiter, header row, preset
	const presets: PresetDefinition[] = [...PRESETS];
	let forced: PresetDefinition | undefined;
	if (o.map && Object.keys(o.map).length > 0) {
		forced = presetFromMapping(o.map, { platform: o.platform, currency: o.currency, stream: o.stream, dateFormat: o.dateFormat, decimal: o.decimal });
	} else if (o.preset && o.preset !== 'auto') {
		forced = typeof o.preset === 'string' ? presetById(o.preset) : o.preset;
		if (!forced) return fatal(plan, { code: 'unknown_preset', message: `Unknown preset "${String(o.preset)}".`, params: { value: String(o.preset) } });
	}
	const delimiter = o.delimiter ? (o.delimiter === 'tab' || o.delimiter === '\\t' ? '\t' : o.delimiter) : detectDelimiter(sample, forced && forced.signature.length ? [forced] : presets);
	plan.delimiter = delimiter;
	const rows = parseSample(sample, delimiter);
	const match = forced && forced.signature.length === 0 ? findHeader(rows, []) : findHeader(rows, presets, forced && forced.signature.length ? forced : undefined);
	if (!match) {
		return fatal(plan, { code: 'no_header', message: 'No header row was found: is this a statement exported as CSV?' });
	}
	const headerRow = rows[match.rowIndex].map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h));
	while (headerRow.length > 1 && headerRow[headerRow.length - 1].trim() === '') headerRow.pop();
	plan.headerLine = match.rowIndex + 1;
	plan.headers = headerRow.map((h) => h.trim());
	plan.preamble = rows.slice(0, match.rowIndex).map((r) => r.join(delimiter === '\t' ? ' ' : delimiter).trim()).filter((l) => l !== '');
	// Not the header again (short statements pasted together): the date format and decimal mark are read from these.
	plan.sampleRows = rows.slice(match.rowIndex + 1, match.rowIndex + 21).filter((r) => r.some((c) => c.trim() !== '') && !isRepeatedHeader(r, headerRow));
	const preset = forced ?? match.preset;
	if (match.drift && !match.preset && !forced) {
		plan.warnings.push({
			code: 'schema_drift',
			message: `This looks like a ${match.drift.preset.label} file, but its columns changed (missing: ${match.drift.missing.join(', ')}). Map the columns to import it.`,
			params: { preset: match.drift.preset.label, missing: match.drift.missing.join(', ') }
		});
	}
	if (!preset) {
		// The drift, when there is one, becomes the reason the file stops: said once, not also as a warning.
		const drift = plan.warnings.find((w) => w.code === 'schema_drift');
		if (drift) plan.warnings = plan.warnings.filter((w) => w !== drift);
		const headers = headerList(plan.headers);
		const more = plan.headers.length > HEADERS_LISTED ? ` and ${plan.headers.length - HEADERS_LISTED} more` : '';
		return fatal(plan, drift ?? { code: 'unknown_layout', message: `This layout is not known. Map its columns (${headers}${more}).`, params: { headers } });
	}
	if (preset.knownHeaders && !forced) {
		const set = new Set(plan.headers.map(normHeader));
		const missing = preset.knownHeaders.filter((h) => !set.has(normHeader(h)));
		if (missing.length) {
			plan.warnings.push({ code: 'schema_drift', message: `${preset.label}: columns ${missing.join(', ')} are no longer in the file; check the preview.`, params: { preset: preset.label, presetId: preset.id, missing: missing.join(', ') } });
		}
	}
	plan.preset = { id: preset.id, label: preset.label, notes: preset.notes };
	plan.definition = preset;

	// --- period
	let periodMonth: Month | undefined;
	let periodRange: { from: Month; to: Month } | undefined;
	if (o.period) {
		const p = parsePeriod(o.period);
		if (!p.ok || !/^\d{4}-\d{2}(\.\.\d{4}-\d{2})?$/.test(o.period.trim())) {
			return fatal(plan, { code: 'bad_period', message: `"${o.period}" is not a period (use YYYY-MM or YYYY-MM..YYYY-MM).`, params: { value: o.period } });
		}
		periodRange = { from: p.span.start, to: addMonths(p.span.end, -1) };
		periodMonth = periodRange.to;
		if (compareMonths(periodRange.from, periodRange.to) < 0 && preset.period.source === 'asked') {
			plan.warnings.push({ code: 'period_range', message: `The file has no dates: its rows are booked in ${periodMonth}, the last month of ${o.period}.`, params: { month: periodMonth } });
		}
	} else if (preset.period.source === 'preamble') {
		const re = new RegExp(preset.period.pattern);
		for (const line of rows.slice(0, match.rowIndex).map((r) => r.join(' ').trim())) {
			const m = re.exec(line);
			const cell = m ? parseDateCell(m[1] ?? m[0], preset.period.format) : undefined;
			if (cell?.ok && cell.value) {
				periodMonth = monthOfCell(cell.value);
				break;
			}
		}
	}
	const hasDateColumn = Boolean(preset.columns.date || preset.columns.month);
	if (!hasDateColumn && !periodMonth) {
		return fatal(plan, {
			code: 'needs_period',
			message: `${preset.label} files do not say which month they cover: give the period (YYYY-MM).`,
			params: { preset: preset.label, presetId: preset.id }
		});
	}

	// --- formats detected from the sample
	const headersForCols = headerRow;
	const dateCol = preset.columns.date ?? preset.columns.month;
	let dateFormat: DateFormat | undefined = o.dateFormat && isDateFormat(o.dateFormat) ? o.dateFormat : preset.dateFormat;
	if (dateCol) {
		const i = columnIndex(headersForCols, dateCol);
		const cells = plan.sampleRows.map((r) => r[i] ?? '').filter((c) => c.trim() !== '' && !/^(合计|总计|total|totals)$/i.test(c.trim()));
		const detected = detectDateFormats(cells);
		plan.dateFormatCandidates = detected.formats;
		if (!dateFormat) {
			dateFormat = detected.formats[0];
			if (detected.ambiguous) {
				dateFormat = preset.id === 'paypal_activity' && !/(;|\t)/.test(delimiter) ? 'MM/DD/YYYY' : detected.formats[0];
				plan.warnings.push({
					code: 'ambiguous_date',
					message: `Dates like "${cells[0]}" fit both DD/MM/YYYY and MM/DD/YYYY; using ${dateFormat}. Choose the other if that is wrong.`,
					params: { value: cells[0] ?? '', format: dateFormat }
				});
			}
		}
	}
	plan.dateFormat = dateFormat ?? null;
	let decimal: DecimalMark;
	if (o.decimal === '.' || o.decimal === ',') decimal = o.decimal;
	else if (preset.decimal === '.' || preset.decimal === ',') decimal = preset.decimal;
	else {
		const amountCols = (['gross', 'fee', 'tax', 'net'] as const).map((f) => preset.columns[f]).filter((c): c is string => Boolean(c)).map((c) => columnIndex(headersForCols, c));
		const cells = plan.sampleRows.flatMap((r) => amountCols.map((i) => r[i] ?? ''));
		decimal = detectDecimalMark(cells, '.');
	}
	plan.decimal = decimal;

	const compiled = compileLayout(preset, headersForCols, {
		platform: o.platform,
		dateFormat,
		decimal,
		currency: o.currency?.toUpperCase(),
		stream: o.stream as Stream | undefined,
		periodMonth
	});
	if (!compiled.layout) {
		for (const i of compiled.issues.slice(1)) plan.issues.push(i);
		return fatal(plan, compiled.issues[0]);
	}
	const layout = compiled.layout;
	plan.platform = layout.platform;
	plan.stream = layout.stream;

	// --- stream the whole file through Papa Parse
	const normaliser = new Normaliser(layout, o.previewLimit ?? 200, undefined, !o.sink);
	// Statements pasted together each bring their period line, unless the user gave the period.
	if (!o.period && preset.period.source === 'preamble') normaliser.periodLines = { pattern: new RegExp(preset.period.pattern), format: preset.period.format };
	normaliser.today = o.today ?? todayIso();
	const sha = o.hashFile === false ? null : createHash('sha256');
	const headerIndex = match.rowIndex;
	let record = 0;
	/**
	 * Line breaks inside quoted cells of the records read so far: a record's line in the file is
	 * its number plus these (a PayPal note over two lines). Counted only once a quote has been seen,
	 * so unquoted files pay nothing.
	 */
	let innerBreaks = 0;
	let quoted = false;
	const decoder = createDecoder(encoding, bomLength);
	async function* text(): AsyncGenerator<string> {
		for await (const bytes of source.open()) {
			sha?.update(bytes);
			const s = decoder.write(bytes);
			if (!quoted && s.includes('"')) quoted = true;
			if (s) yield s;
		}
		const tail = decoder.end();
		if (tail) yield tail;
	}
	const sink = o.sink;
	sink?.start(plan);
	let sinkError: SinkFailure | undefined;
	/** The line of a quoted cell that is never closed (Papa Parse then reads the rest of the file into it). */
	let unclosedQuote = 0;
	await new Promise<void>((resolve, reject) => {
		// One decoded piece read ahead at most: the parse, not the disk, sets the pace.
		const stream = Readable.from(text(), { objectMode: true, highWaterMark: 1 });
		stream.on('error', reject);
		Papa.parse<string[]>(stream as unknown as File, {
			delimiter,
			skipEmptyLines: false,
			chunk(results, parser) {
				if (sinkError) return;
				const data = results.data;
				let missingQuoteRow = -1;
				if (unclosedQuote === 0) {
					for (const e of results.errors) if (e.code === 'MissingQuotes') missingQuoteRow = e.row ?? 0;
				}
				const br = results.meta.linebreak === '\r' ? '\r' : '\n';
				for (let i = 0; i < data.length; i++) {
					record++;
					const line = record + innerBreaks;
					if (i === missingQuoteRow) unclosedQuote = line;
					if (quoted) innerBreaks += lineBreaksIn(data[i], br);
					if (record <= headerIndex + 1) continue;
					normaliser.row(data[i], line);
				}
				if (missingQuoteRow >= data.length && unclosedQuote === 0) unclosedQuote = record + innerBreaks + 1;
				if (sink && normaliser.store.length > 0) {
					try {
						if (sink.rows(normaliser.store, false)) normaliser.store.clear();
					} catch (e) {
						// Not the file's fault (a database error): stop reading and let it reach the caller.
						sinkError = new SinkFailure(e);
						parser.abort();
						stream.destroy();
						reject(sinkError);
					}
				}
			},
			complete: () => (sinkError ? reject(sinkError) : resolve()),
			error: (err: Error) => reject(err)
		});
	});
	if (unclosedQuote > 0) {
		// Everything after the quote was read as one cell: the file is cut short or malformed there.
		// Importing the lines before it would give a statement with its end missing.
		return fatal(plan, {
			code: 'unterminated_quote',
			message: `Line ${unclosedQuote}: a quoted cell starts here and is never closed, so the rest of the file cannot be read (is the file cut short, or is a quote inside that cell not doubled?). Nothing in it can be imported.`,
			params: { line: unclosedQuote },
			line: unclosedQuote
		});
	}
	if (sink && normaliser.store.length > 0) {
		try {
			sink.rows(normaliser.store, true);
		} catch (e) {
			throw new SinkFailure(e);
		}
		normaliser.store.clear();
	}
	plan.sha256 = sha ? sha.digest('hex') : '';

	plan.counts = {
		read: normaliser.read,
		income: normaliser.income,
		payouts: normaliser.payouts,
		ignored: normaliser.ignored,
		duplicates: 0,
		errors: normaliser.errorCount
	};
	plan.errors = normaliser.errors;
	plan.warnings.push(...normaliser.warnings());
	plan.preview = normaliser.preview;
	plan.ignoredReasons = [...normaliser.ignoredReasons].map(([reason, count]) => ({ reason, count }));
	plan.totals = [...normaliser.totals].map(([currency, t]) => ({
		currency,
		gross: formatMinorAsDecimal(t.gross, currency),
		fee: formatMinorAsDecimal(t.fee, currency),
		tax: formatMinorAsDecimal(t.tax, currency),
		net: formatMinorAsDecimal(t.net, currency),
		rows: t.rows
	}));
	plan.payoutTotals = [...normaliser.payoutTotals].map(([currency, t]) => ({
		currency,
		amount: formatMinorAsDecimal(t.amount, currency),
		received: formatMinorAsDecimal(t.received, currency),
		rows: t.rows
	}));
	plan.rows = sink ? null : normaliser.store;
	if (periodRange && preset.period.source !== 'column') plan.period = periodRange;
	else if (normaliser.minMonth && normaliser.maxMonth) plan.period = { from: normaliser.minMonth, to: normaliser.maxMonth };

	if (normaliser.read === 0) {
		return fatal(plan, { code: 'header_only', message: 'The file has a header but no rows.' });
	}
	if (o.db && o.workspaceId !== undefined) {
		const prior = plan.sha256 ? batchWithSameFile(o.db, o.workspaceId, plan.sha256) : undefined;
		if (prior) {
			plan.alreadyImported = { batchNumber: prior.number, createdAt: prior.createdAt, fileName: prior.fileName };
			plan.warnings.push({ code: 'already_imported', message: `This file was already imported (batch ${prior.number}, ${prior.createdAt}).`, params: { batch: prior.number } });
		}
		plan.counts.duplicates = sink ? (sink.duplicates ?? 0) : countExisting(o.db, o.workspaceId, plan.platform, normaliser.store);
	}
	plan.ok = normaliser.income + normaliser.payouts > 0;
	return plan;
}

/** How many of the rows are already in the workspace (the same rows, found by fingerprint). */
export function countExisting(db: DB, workspaceId: number, platform: string | null, rows: RowStore): number {
	const platformId = platformIdByName(db, workspaceId, platform ?? '');
	if (platformId === undefined) return 0;
	const stored = new LedgerRows(db, workspaceId, platformId);
	let n = 0;
	for (let i = 0; i < rows.length; i++) if (stored.contains(rows, i)) n++;
	return n;
}
