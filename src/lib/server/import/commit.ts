/**
 * Writing a plan, undoing a batch, listing batches. A commit is one SQLite transaction (batch
 * row, platform, earnings, payouts, roll-up deltas): all or nothing. `commitImport` writes a kept
 * plan synchronously (web); `importStatement` streams a file into one explicit transaction (CLI). Rows whose
 * fingerprint is already in the workspace are skipped and counted as duplicates; when nothing
 * new remains, nothing is written and no batch is created.
 */
import type { Database, RunResult, Statement } from 'better-sqlite3';
import { desc, eq, sql } from 'drizzle-orm';
import type { DB } from '../db/client';
import { hasRowsExtension } from '../db/native';
import { addToRollup, removeBatchFromRollup } from '../db/rollup';
import { ensurePlatform } from '../db/queries/platforms';
import { importBatches, platforms } from '../db/schema/index';
import { batchWithSameFile, FREE, LedgerRows, MAX_PROBES, OTHER } from './dedupe';
import { KIND_INCOME, type RowStore } from './normalise';
import { packTexts } from './text-pack';
import { analyseStatement, type AnalyseOptions, type ImportPlan, type RowSink, type StatementSource } from './pipeline';

export class ImportRefused extends Error {
	constructor(
		public readonly code: 'not_importable' | 'already_imported' | 'nothing_new',
		message: string,
		public readonly batchId?: number
	) {
		super(message);
	}
}

export interface CommitResult {
	/** The new batch, or null when every row was already in the workspace. */
	batchId: number | null;
	/** The new batch's number in the workspace (what the user sees), or null with batchId. */
	batchNumber: number | null;
	earningsInserted: number;
	payoutsInserted: number;
	duplicates: number;
	/** Set when the same file (SHA-256) was imported before: that batch's number. Nothing is written then. */
	alreadyImportedAs: number | null;
}

class NothingNew extends Error {}

/** What the batch row records about the file besides its rows. */
interface BatchInfo {
	fileName: string;
	fileSize: number;
	sha256: string;
	presetId: string;
	/** The preset recorded on a platform the import creates. */
	platformPresetId: string | null;
	platform: string;
	stream: string;
	encoding: string;
	periodFrom: string | null;
	periodTo: string | null;
}

function batchInfo(plan: ImportPlan): BatchInfo {
	return {
		fileName: plan.fileName,
		fileSize: plan.fileSize,
		sha256: plan.sha256,
		presetId: plan.preset?.id ?? 'custom',
		platformPresetId: plan.preset?.id ?? null,
		platform: plan.platform ?? 'Other',
		stream: plan.stream ?? 'other',
		encoding: plan.encoding,
		periodFrom: plan.period?.from ?? null,
		periodTo: plan.period?.to ?? null
	};
}

/** Income rows per multi-row INSERT (12 values each, 15 with measures; SQLite allows 32,766 variables). */
const GROUP = 50;
const EARNING_PARAMS = 12;
/** Plays, completion rate and hours: bound only when the file maps one of them. */
const MEASURE_PARAMS = 3;
/**
 * Rows per cl_rows statement when the writer packs a store's columns itself (a store parsed in
 * this thread can hold a whole file); a chunk sent by the parse worker (about 2,700 rows of a
 * 256 KiB read) goes in one statement, packed by the worker.
 */
const BULK_SLICE = 4096;
/** The measures argument of cl_rows when the file has none: every row's are NULL. */
const NO_MEASURES = new Float64Array(0);

/**
 * Page cache while a big statement is written (KiB, negative as SQLite wants it). Small on purpose:
 * a statement's rows come roughly in date order and its fingerprints start with the day, so the
 * inserts keep touching the same few pages at the end of each index; a larger cache only grew the
 * process (the benchmark's peak RSS fell by about 25 MB from 16 MB to 4 MB, at the same speed).
 */
const BULK_CACHE = -4096;

/** A measure of the row store (NaN when the row has none) as SQL wants it. */
function orNull(v: number): number | null {
	return Number.isNaN(v) ? null : v;
}

/** A text as an SQL string literal (vocabulary values: currency codes, streams, statuses). */
function sqlText(v: string): string {
	return `'${v.replaceAll("'", "''")}'`;
}

/**
 * Writes one batch: its platform and batch row, then rows chunk by chunk, then the batch's counts
 * and its roll-up deltas. The one code path for the commit of a kept plan, the streaming import
 * and the parallel one (rows parsed in a worker); the caller owns the transaction around it.
 *
 * A row goes in under its fingerprint unless that is taken. A taken fingerprint is looked at: the
 * same row (same platform, date, currency, amounts, id and texts) means a duplicate, skipped and
 * counted; a different row means the hashes collided, and the row tries the next fingerprint up.
 * So duplicates are recognised exactly, whatever the width of the hash.
 */
class BatchWriter {
	batchId: number | null = null;
	batchNumber: number | null = null;
	platformId = 0;
	earningsInserted = 0;
	payoutsInserted = 0;
	duplicates = 0;
	private now = '';
	private client: Database;
	/** The vocabulary (currencies, streams) the insert statements were made for: they map its codes in SQL. */
	private vocabSize = -1;
	/** Whether the insert statements store plays, completion rate and hours. */
	private measures = false;
	private width = EARNING_PARAMS;
	private insertEarning: Statement | undefined;
	/** The same insert for GROUP rows at once: fewer calls into SQLite for big files. */
	private insertEarnings: Statement | undefined;
	private insertPayout: Statement | undefined;
	private stored: LedgerRows | undefined;
	private readonly group: number[] = [];
	private params: unknown[] = new Array(GROUP * EARNING_PARAMS);
	private one: unknown[] = new Array(EARNING_PARAMS);
	/** Ids inserted by the group statement that a row of the group has been matched with. */
	private readonly claimed = new Set<number>();
	/**
	 * With the cl_rows extension (native/cl_rows.c) a chunk's income rows go in with one statement
	 * that binds a buffer per column; without it, GROUP rows per statement with every value bound.
	 * Same rows, same ids, same duplicate handling either way.
	 */
	private readonly bulk: boolean;
	private insertBulk: Statement | undefined;
	private indexes = new Int32Array(BULK_SLICE);
	private monthsPack: { size: number; pack: Uint8Array<ArrayBuffer> } = { size: -1, pack: new Uint8Array(0) };
	private vocabPack: { size: number; pack: Uint8Array<ArrayBuffer> } = { size: -1, pack: new Uint8Array(0) };
	/** Sums of inserted earnings per (month, stream, currency) code triple, for the roll-up. */
	private sums = new Map<number, { month: string; stream: string; currency: string; gross: number; fee: number; tax: number; net: number; rows: number }>();

	constructor(
		private readonly db: DB,
		private readonly workspaceId: number,
		private readonly userId: number | null
	) {
		this.client = db.$client;
		this.bulk = hasRowsExtension(this.client);
	}

	/** Create (or find) the platform and the batch row. `currency` is the platform's if it is new. */
	begin(info: BatchInfo, currency: string): void {
		const { db, workspaceId } = this;
		const now = new Date().toISOString();
		const platformId = ensurePlatform(db, workspaceId, { name: info.platform, currency, defaultStream: info.stream, presetId: info.platformPresetId });
		// The workspace's next batch number, taken in this transaction: a batch rolled back gives it back.
		const number = this.client
			.prepare('UPDATE workspaces SET batches_numbered = batches_numbered + 1 WHERE id = ? RETURNING batches_numbered')
			.pluck()
			.get(workspaceId) as number | undefined;
		if (number === undefined) throw new Error(`No workspace ${workspaceId}.`);
		const batchId = db
			.insert(importBatches)
			.values({
				workspaceId,
				number,
				fileName: info.fileName,
				fileSize: info.fileSize,
				sha256: info.sha256,
				presetId: info.presetId,
				platformId,
				encoding: info.encoding,
				periodFrom: info.periodFrom,
				periodTo: info.periodTo,
				createdBy: this.userId,
				createdAt: now
			})
			.returning({ id: importBatches.id })
			.get().id;
		// The per-batch constants are written into the statement text (all integers and our own ISO
		// timestamp), so each row binds only its own values: fewer bindings per row on big files.
		if (![workspaceId, batchId, platformId].every(Number.isSafeInteger) || !/^[0-9T:.Z-]+$/.test(now)) throw new Error('bad batch constants');
		this.batchId = batchId;
		this.batchNumber = number;
		this.platformId = platformId;
		this.now = now;
		this.stored = new LedgerRows(db, workspaceId, platformId);
		this.insertPayout = this.client.prepare(
			`INSERT INTO payouts (workspace_id, batch_id, platform_id, source, created_at, paid_on, month, amount_minor, currency, status,
				counterparty, description, external_id, fingerprint)
			 VALUES (${workspaceId}, ${batchId}, ${platformId}, 'import', '${now}', ?, ?, ?, ?, ?, ?, ?, ?, ?)
			 ON CONFLICT (workspace_id, fingerprint) DO NOTHING`
		);
	}

	/**
	 * The earnings inserts for the store's vocabulary: stream and currency go in as their codes and
	 * a CASE turns them back into text (binding a number costs SQLite far less than a string).
	 */
	private prepareEarnings(rows: RowStore): void {
		const vocab = rows.vocab.values;
		const measures = this.measures || rows.measures;
		if (vocab.length === this.vocabSize && measures === this.measures) return;
		const of = `CASE ? ${vocab.map((v, c) => `WHEN ${c} THEN ${sqlText(v)}`).join(' ')} END`;
		const extra = measures ? ', ?, ?, ?' : '';
		const values = `(${this.workspaceId}, ${this.batchId}, ${this.platformId}, 'import', '${this.now}', ${of}, ?, ?, ?, ?, ?, ?, ?, ?, ${of}, ?, ?${extra})`;
		const insert = (n: number) =>
			this.client.prepare(
				`INSERT INTO earnings (workspace_id, batch_id, platform_id, source, created_at, stream, earned_on, month, counterparty,
					description, gross_minor, fee_minor, tax_minor, net_minor, currency, external_id, fingerprint${measures ? ', plays, completion_bps, hours_centi' : ''})
				 VALUES ${Array(n).fill(values).join(', ')}
				 ON CONFLICT (workspace_id, fingerprint) DO NOTHING`
			);
		this.insertEarning = insert(1);
		this.insertEarnings = insert(GROUP);
		if (this.bulk) {
			const m = measures ? ', plays, completion_bps, hours_centi' : '';
			this.insertBulk = this.client.prepare(
				`INSERT INTO earnings (workspace_id, batch_id, platform_id, source, created_at, stream, earned_on, month, counterparty,
					description, gross_minor, fee_minor, tax_minor, net_minor, currency, external_id, fingerprint${m})
				 SELECT ${this.workspaceId}, ${this.batchId}, ${this.platformId}, 'import', '${this.now}', stream, earned_on, month, counterparty,
					description, gross, fee, tax, net, currency, external_id, fingerprint${m}
				 FROM cl_rows(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE true
				 ON CONFLICT (workspace_id, fingerprint) DO NOTHING`
			);
		}
		this.vocabSize = vocab.length;
		this.measures = measures;
		this.width = EARNING_PARAMS + (measures ? MEASURE_PARAMS : 0);
		this.params = new Array(GROUP * this.width);
		this.one = new Array(this.width);
	}

	/** Insert the store's rows; rows already in the workspace are counted as duplicates. */
	write(rows: RowStore): void {
		this.prepareEarnings(rows);
		if (this.bulk) return this.writeBulk(rows);
		const group = this.group;
		group.length = 0;
		for (let i = 0; i < rows.length; i++) {
			if (rows.kind[i] === KIND_INCOME) {
				group.push(i);
				if (group.length === GROUP) this.writeGroup(rows);
			} else this.writePayout(rows, i);
		}
		// The rest one by one.
		for (const i of group) this.writeEarning(rows, i);
		group.length = 0;
	}

	/** A vocabulary as a text pack, made again only when it has grown (vocabularies only grow). */
	private packOf(cache: { size: number; pack: Uint8Array<ArrayBuffer> }, values: readonly string[]): Uint8Array<ArrayBuffer> {
		if (cache.size !== values.length) {
			cache.pack = packTexts(values);
			cache.size = values.length;
		}
		return cache.pack;
	}

	/**
	 * The store's income rows through cl_rows, a slice at a time (the whole store when another
	 * thread packed its texts); payouts one by one as before. When a statement inserts fewer rows
	 * than it was given, each row of the slice is settled as writeGroup settles a group.
	 */
	private writeBulk(rows: RowStore): void {
		const step = rows.hasSentTexts() ? Math.max(rows.length, 1) : BULK_SLICE;
		if (this.indexes.length < step) this.indexes = new Int32Array(step);
		const months = this.packOf(this.monthsPack, rows.months.values);
		const vocab = this.packOf(this.vocabPack, rows.vocab.values);
		for (let from = 0; from < rows.length; from += step) {
			const to = Math.min(rows.length, from + step);
			const n = to - from;
			let k = 0;
			for (let i = from; i < to; i++) {
				if (rows.kind[i] === KIND_INCOME) this.indexes[k++] = i - from;
				else this.writePayout(rows, i);
			}
			if (k === 0) continue;
			const texts = rows.packedTexts(from, to);
			const amounts = new Float64Array(5 * n);
			amounts.set(rows.gross.subarray(from, to), 0);
			amounts.set(rows.fee.subarray(from, to), n);
			amounts.set(rows.tax.subarray(from, to), 2 * n);
			amounts.set(rows.net.subarray(from, to), 3 * n);
			amounts.set(rows.fp.subarray(from, to), 4 * n);
			let measures = NO_MEASURES;
			if (this.measures) {
				measures = new Float64Array(3 * n);
				measures.set(rows.plays.subarray(from, to), 0);
				measures.set(rows.completionBps.subarray(from, to), n);
				measures.set(rows.hoursCenti.subarray(from, to), 2 * n);
			}
			const r = this.insertBulk!.run(
				this.indexes.subarray(0, k),
				months,
				vocab,
				rows.monthCode.subarray(from, to),
				rows.day.subarray(from, to),
				rows.streamCode.subarray(from, to),
				rows.currencyCode.subarray(from, to),
				amounts,
				measures,
				texts.counterparty,
				texts.description,
				texts.externalId
			);
			this.afterInsert(rows, r, this.indexes, k, from);
		}
	}

	/**
	 * After a statement given `count` income rows (rows offset + indexes[j]): each is counted as
	 * added when all went in; otherwise each is settled on its own (settleEarning).
	 */
	private afterInsert(rows: RowStore, r: RunResult, indexes: ArrayLike<number>, count: number, offset = 0): void {
		if (r.changes === count) {
			for (let j = 0; j < count; j++) this.added(rows, offset + indexes[j]);
			return;
		}
		// The statement's rows got consecutive ids ending at lastInsertRowid.
		const hi = Number(r.lastInsertRowid);
		const lo = r.changes > 0 ? hi - r.changes + 1 : hi + 1;
		this.claimed.clear();
		for (let j = 0; j < count; j++) this.settleEarning(rows, offset + indexes[j], lo, hi);
	}

	private earningParams(rows: RowStore, i: number, out: unknown[], at = 0): unknown[] {
		out[at] = rows.streamCode[i];
		out[at + 1] = rows.earnedOn(i);
		out[at + 2] = rows.month(i);
		out[at + 3] = rows.counterparty[i];
		out[at + 4] = rows.storedDescription(i);
		out[at + 5] = rows.gross[i];
		out[at + 6] = rows.fee[i];
		out[at + 7] = rows.tax[i];
		out[at + 8] = rows.net[i];
		out[at + 9] = rows.currencyCode[i];
		out[at + 10] = rows.externalId[i];
		out[at + 11] = rows.fp[i];
		if (this.measures) {
			out[at + 12] = orNull(rows.plays[i]);
			out[at + 13] = orNull(rows.completionBps[i]);
			out[at + 14] = orNull(rows.hoursCenti[i]);
		}
		return out;
	}

	/** GROUP income rows in one statement. When some were not inserted, settle each row on its own. */
	private writeGroup(rows: RowStore): void {
		const group = this.group;
		const params = this.params;
		for (let k = 0; k < GROUP; k++) this.earningParams(rows, group[k], params, k * this.width);
		// Spread, not the array: better-sqlite3 reads an array's elements one property lookup at a
		// time, and the arguments directly; with 600 values per call that is about a quarter of the
		// binding's cost (scripts/probe-insert-costs.cjs, variants bound and bound-array).
		this.afterInsert(rows, this.insertEarnings!.run(...params), group, GROUP);
		group.length = 0;
	}

	private writeEarning(rows: RowStore, i: number): void {
		const r = this.insertEarning!.run(this.earningParams(rows, i, this.one));
		if (r.changes === 1) return this.added(rows, i);
		this.claimed.clear();
		this.settleEarning(rows, i, 1, 0);
	}

	/**
	 * A row the insert may have skipped: find it at its fingerprint (inserted by the statement just
	 * run when its id is in lo‥hi), or the same row from before (a duplicate), or else insert it at
	 * the first free fingerprint past rows that only share its hash.
	 */
	private settleEarning(rows: RowStore, i: number, lo: number, hi: number): void {
		for (let j = 0; j < MAX_PROBES; j++) {
			const fp = rows.fp[i] + j;
			const id = this.stored!.earningAt(rows, i, fp);
			if (id === FREE) {
				const params = this.earningParams(rows, i, this.one);
				params[11] = fp;
				this.insertEarning!.run(params);
				return this.added(rows, i);
			}
			if (id === OTHER) continue;
			if (id >= lo && id <= hi && !this.claimed.has(id)) {
				this.claimed.add(id);
				return this.added(rows, i);
			}
			this.duplicates++;
			return;
		}
		throw new Error(`No free fingerprint for line ${rows.line[i]} after ${MAX_PROBES} tries.`);
	}

	private writePayout(rows: RowStore, i: number): void {
		const params = [rows.paidOn(i), rows.month(i), rows.net[i], rows.currency(i), rows.status(i) ?? 'received', rows.counterparty[i], rows.description[i], rows.externalId[i], rows.fp[i]];
		if (this.insertPayout!.run(params).changes === 1) {
			this.payoutsInserted++;
			return;
		}
		for (let j = 0; j < MAX_PROBES; j++) {
			const fp = rows.fp[i] + j;
			const id = this.stored!.payoutAt(rows, i, fp);
			if (id === OTHER) continue;
			if (id === FREE) {
				params[8] = fp;
				this.insertPayout!.run(params);
				this.payoutsInserted++;
			} else this.duplicates++;
			return;
		}
		throw new Error(`No free fingerprint for line ${rows.line[i]} after ${MAX_PROBES} tries.`);
	}

	/** An inserted earning: count it and add it to its roll-up cell. */
	private added(rows: RowStore, i: number): void {
		this.earningsInserted++;
		const key = rows.monthCode[i] * 4294967296 + rows.streamCode[i] * 65536 + rows.currencyCode[i];
		let t = this.sums.get(key);
		if (!t) this.sums.set(key, (t = { month: rows.month(i), stream: rows.stream(i), currency: rows.currency(i), gross: 0, fee: 0, tax: 0, net: 0, rows: 0 }));
		t.gross += rows.gross[i];
		t.fee += rows.fee[i];
		t.tax += rows.tax[i];
		t.net += rows.net[i];
		t.rows++;
	}

	/** The batch's counts (and what only the end of the file tells: SHA-256, period), and its roll-up. */
	finish(plan: ImportPlan): void {
		if (this.earningsInserted + this.payoutsInserted === 0) throw new NothingNew();
		const info = batchInfo(plan);
		this.db.$client
			.prepare(
				`UPDATE import_batches SET sha256 = ?, period_from = ?, period_to = ?, rows_read = ?, rows_income = ?, rows_payouts = ?,
					rows_ignored = ?, rows_duplicate = ?, rows_error = ? WHERE id = ?`
			)
			.run(info.sha256, info.periodFrom, info.periodTo, plan.counts.read, this.earningsInserted, this.payoutsInserted, plan.counts.ignored, this.duplicates, plan.counts.errors, this.batchId);
		addToRollup(
			this.db,
			this.workspaceId,
			[...this.sums.values()].map((t) => ({ month: t.month, platformId: this.platformId, stream: t.stream, currency: t.currency, gross: t.gross, fee: t.fee, tax: t.tax, net: t.net, rows: t.rows }))
		);
	}

	result(): CommitResult {
		return { batchId: this.batchId, batchNumber: this.batchNumber, earningsInserted: this.earningsInserted, payoutsInserted: this.payoutsInserted, duplicates: this.duplicates, alreadyImportedAs: null };
	}
}

/** The platform's currency when the import creates it: that of the first income row, else of the first payout. */
function platformCurrency(plan: ImportPlan): string {
	return plan.totals[0]?.currency ?? plan.payoutTotals[0]?.currency ?? 'USD';
}

/**
 * Write the plan's rows into the workspace in one transaction. Throws ImportRefused when the plan
 * is not importable (fatal problem or no rows); returns batchId null when everything in it is
 * already there (same file, or every row a duplicate).
 */
export function commitImport(db: DB, workspaceId: number, userId: number | null, plan: ImportPlan): CommitResult {
	const rows = plan.rows;
	if (!rows || plan.fatal || plan.counts.income + plan.counts.payouts === 0) {
		throw new ImportRefused('not_importable', plan.fatal?.message ?? 'Nothing in this file can be imported.');
	}
	const result: CommitResult = { batchId: null, batchNumber: null, earningsInserted: 0, payoutsInserted: 0, duplicates: 0, alreadyImportedAs: null };
	const client = db.$client;
	const sameFile = batchWithSameFile(db, workspaceId, plan.sha256);
	if (sameFile !== undefined) {
		result.alreadyImportedAs = sameFile.number;
		result.duplicates = rows.length;
		return result;
	}
	// Big statements: see BULK_CACHE.
	const cacheBefore = client.pragma('cache_size', { simple: true }) as number;
	if (rows.length > 50_000) client.pragma(`cache_size = ${BULK_CACHE}`);
	try {
		// One synchronous transaction; the writer uses the same connection inside it.
		return db.transaction(() => {
			const w = new BatchWriter(db, workspaceId, userId);
			w.begin(batchInfo(plan), platformCurrency(plan));
			w.write(rows);
			w.finish(plan);
			return w.result();
		});
	} catch (e) {
		if (e instanceof NothingNew) return { ...result, duplicates: rows.length };
		throw e;
	} finally {
		client.pragma(`cache_size = ${cacheBefore}`);
	}
}

/** A sink that writes rows as the file streams (see importStatement). */
class StreamingWriter implements RowSink {
	private writer: BatchWriter | undefined;
	private plan: ImportPlan | undefined;

	constructor(
		private readonly db: DB,
		private readonly workspaceId: number,
		private readonly userId: number | null
	) {}

	get current(): BatchWriter | undefined {
		return this.writer;
	}

	start(plan: ImportPlan): void {
		if (this.writer) {
			// A second reading of the file (another encoding): forget what the first one wrote.
			this.db.$client.exec('ROLLBACK');
			this.db.$client.exec('BEGIN IMMEDIATE');
			this.writer = undefined;
		}
		this.plan = plan;
	}

	rows(store: RowStore, last: boolean): boolean {
		if (!this.writer) {
			// The platform (if new) takes the currency of the file's first income row: wait for one.
			const first = store.firstIncome();
			const currency = first >= 0 ? store.currency(first) : undefined;
			if (currency === undefined && !last) return false;
			const w = new BatchWriter(this.db, this.workspaceId, this.userId);
			w.begin(batchInfo(this.plan!), currency ?? (store.length ? store.currency(0) : 'USD'));
			this.writer = w;
		}
		this.writer.write(store);
		return true;
	}
}

/**
 * Analyse and write a statement in one pass, chunk by chunk, inside ONE explicit transaction
 * (BEGIN IMMEDIATE … COMMIT, ROLLBACK on any failure or when nothing is to be written), so a
 * million-row file never sits in memory and a failure anywhere leaves nothing behind. Parsing and
 * normalising are the preview's own code (analyseStatement with a sink).
 *
 * The transaction stays open across the file's reads, so the connection must not be shared with
 * concurrent work: this is for the CLI. The web app keeps analyseStatement + commitImport (its
 * uploads are small and previewed first). Returns result null when the plan is not importable
 * (its `fatal` says why).
 */
export async function importStatement(
	db: DB,
	workspaceId: number,
	userId: number | null,
	source: StatementSource,
	options: Omit<AnalyseOptions, 'sink' | 'db' | 'workspaceId'> = {},
	/** Who parses: analyseStatement in this thread, or analyseInWorker (parallel.ts) for big files. */
	analyse: (source: StatementSource, options: AnalyseOptions) => Promise<ImportPlan> = analyseStatement
): Promise<{ plan: ImportPlan; result: CommitResult | null }> {
	const client = db.$client;
	if (client.inTransaction) throw new Error('importStatement needs the connection to itself, but a transaction is open.');
	const sink = new StreamingWriter(db, workspaceId, userId);
	const cacheBefore = client.pragma('cache_size', { simple: true }) as number;
	// (Not temp_store: changing it drops the connection's temporary tables and triggers.)
	client.pragma(`cache_size = ${BULK_CACHE}`);
	// Foreign keys are not checked row by row here: every row points at the workspace (checked below,
	// under the write lock), the batch and the platform this transaction itself made or found.
	const foreignKeys = client.pragma('foreign_keys', { simple: true }) as number;
	client.pragma('foreign_keys = OFF');
	client.exec('BEGIN IMMEDIATE');
	try {
		if (client.prepare('SELECT 1 FROM workspaces WHERE id = ?').pluck().get(workspaceId) === undefined) throw new Error(`No workspace ${workspaceId}.`);
		const plan = await analyse(source, { ...options, sink });
		const w = sink.current;
		const rows = plan.counts.income + plan.counts.payouts;
		if (!plan.ok || plan.fatal || !w) {
			client.exec('ROLLBACK');
			return { plan, result: null };
		}
		const prior = batchWithSameFile(db, workspaceId, plan.sha256);
		if (prior !== undefined) {
			client.exec('ROLLBACK');
			plan.alreadyImported = { batchNumber: prior.number, createdAt: prior.createdAt, fileName: prior.fileName };
			plan.counts.duplicates = rows;
			return { plan, result: { batchId: null, batchNumber: null, earningsInserted: 0, payoutsInserted: 0, duplicates: rows, alreadyImportedAs: prior.number } };
		}
		plan.counts.duplicates = w.duplicates;
		try {
			w.finish(plan);
		} catch (e) {
			if (!(e instanceof NothingNew)) throw e;
			client.exec('ROLLBACK');
			return { plan, result: { batchId: null, batchNumber: null, earningsInserted: 0, payoutsInserted: 0, duplicates: w.duplicates, alreadyImportedAs: null } };
		}
		client.exec('COMMIT');
		return { plan, result: w.result() };
	} catch (e) {
		if (client.inTransaction) client.exec('ROLLBACK');
		throw e;
	} finally {
		client.pragma(`cache_size = ${cacheBefore}`);
		client.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
	}
}

/** The id of the workspace's batch with this number (as the import page and the CLI show it), if there is one. */
export function batchIdOfNumber(db: DB, workspaceId: number, number: number): number | undefined {
	return db.$client.prepare('SELECT id FROM import_batches WHERE workspace_id = ? AND number = ?').pluck().get(workspaceId, number) as number | undefined;
}

/** Remove a batch and exactly its rows, atomically, and take its sums out of the roll-up. */
export function undoBatch(db: DB, workspaceId: number, batchId: number): { earnings: number; payouts: number } | null {
	return db.transaction(() => {
		const client = db.$client;
		const exists = client.prepare('SELECT 1 FROM import_batches WHERE id = ? AND workspace_id = ?').pluck().get(batchId, workspaceId);
		if (exists === undefined) return null;
		removeBatchFromRollup(db, workspaceId, batchId);
		const e = client.prepare('DELETE FROM earnings WHERE batch_id = ? AND workspace_id = ?').run(batchId, workspaceId).changes;
		const p = client.prepare('DELETE FROM payouts WHERE batch_id = ? AND workspace_id = ?').run(batchId, workspaceId).changes;
		client.prepare('DELETE FROM import_batches WHERE id = ? AND workspace_id = ?').run(batchId, workspaceId);
		return { earnings: e, payouts: p };
	});
}

export interface BatchSummary {
	id: number;
	/** The batch's number in the workspace: what the user sees and undoes it by. */
	number: number;
	fileName: string;
	fileSize: number;
	sha256: string;
	presetId: string;
	platform: string | null;
	encoding: string;
	periodFrom: string | null;
	periodTo: string | null;
	rowsRead: number;
	rowsIncome: number;
	rowsPayouts: number;
	rowsIgnored: number;
	rowsDuplicate: number;
	rowsError: number;
	createdBy: number | null;
	createdAt: string;
}

/** The workspace's import batches with their provenance, newest first. */
export function listBatches(db: DB, workspaceId: number): BatchSummary[] {
	return db
		.select({
			id: importBatches.id,
			number: sql<number>`COALESCE(${importBatches.number}, 0)`,
			fileName: importBatches.fileName,
			fileSize: importBatches.fileSize,
			sha256: importBatches.sha256,
			presetId: importBatches.presetId,
			platform: platforms.name,
			encoding: importBatches.encoding,
			periodFrom: importBatches.periodFrom,
			periodTo: importBatches.periodTo,
			rowsRead: importBatches.rowsRead,
			rowsIncome: importBatches.rowsIncome,
			rowsPayouts: importBatches.rowsPayouts,
			rowsIgnored: importBatches.rowsIgnored,
			rowsDuplicate: importBatches.rowsDuplicate,
			rowsError: importBatches.rowsError,
			createdBy: importBatches.createdBy,
			createdAt: importBatches.createdAt
		})
		.from(importBatches)
		.leftJoin(platforms, eq(platforms.id, importBatches.platformId))
		.where(eq(importBatches.workspaceId, workspaceId))
		.orderBy(desc(importBatches.createdAt), desc(importBatches.id))
		.all();
}
