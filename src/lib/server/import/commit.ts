/**
 * Writing a plan, undoing a batch, listing batches. The commit is one synchronous SQLite
 * transaction (batch row, platform, earnings, payouts, roll-up): all or nothing. Rows whose
 * fingerprint is already in the workspace are skipped and counted as duplicates; when nothing
 * new remains, nothing is written and no batch is created.
 */
import { desc, eq } from 'drizzle-orm';
import type { DB } from '../db/client';
import { refreshRollup } from '../db/rollup';
import { ensurePlatform } from '../db/queries/platforms';
import { importBatches, platforms } from '../db/schema/index';
import { KIND_INCOME } from './normalise';
import type { ImportPlan } from './pipeline';

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
	earningsInserted: number;
	payoutsInserted: number;
	duplicates: number;
	/** Set when the same file (SHA-256) was imported before; nothing is written then. */
	alreadyImportedAs: number | null;
}

class NothingNew extends Error {}

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
	const result: CommitResult = { batchId: null, earningsInserted: 0, payoutsInserted: 0, duplicates: 0, alreadyImportedAs: null };
	const client = db.$client;
	const sameFile = client
		.prepare('SELECT id FROM import_batches WHERE workspace_id = ? AND sha256 = ? ORDER BY id LIMIT 1')
		.pluck()
		.get(workspaceId, plan.sha256) as number | undefined;
	if (sameFile !== undefined) {
		result.alreadyImportedAs = sameFile;
		result.duplicates = rows.length;
		return result;
	}
	const now = new Date().toISOString();
	// Big statements: a larger page cache keeps the index pages being filled in memory.
	const cacheBefore = client.pragma('cache_size', { simple: true }) as number;
	if (rows.length > 50_000) client.pragma('cache_size = -16384');
	try {
		db.transaction((tx) => {
			const currency = plan.totals[0]?.currency ?? plan.payoutTotals[0]?.currency ?? 'USD';
			const platformId = ensurePlatform(tx, workspaceId, {
				name: plan.platform ?? 'Other',
				currency,
				defaultStream: plan.stream ?? 'other',
				presetId: plan.preset?.id ?? null
			});
			const batch = tx
				.insert(importBatches)
				.values({
					workspaceId,
					fileName: plan.fileName,
					fileSize: plan.fileSize,
					sha256: plan.sha256,
					presetId: plan.preset?.id ?? 'custom',
					platformId,
					encoding: plan.encoding,
					periodFrom: plan.period?.from ?? null,
					periodTo: plan.period?.to ?? null,
					createdBy: userId,
					createdAt: now
				})
				.returning({ id: importBatches.id })
				.get();
			const batchId = batch.id;
			// The per-batch constants are written into the statement text (all integers and our own ISO
			// timestamp), so each row binds only its own values: fewer bindings per row on big files.
			if (![workspaceId, batchId, platformId].every(Number.isSafeInteger) || !/^[0-9T:.Z-]+$/.test(now)) throw new Error('bad batch constants');
			const insertEarning = client.prepare(
				`INSERT INTO earnings (workspace_id, batch_id, platform_id, source, created_at, stream, earned_on, month, counterparty,
					description, gross_minor, fee_minor, tax_minor, net_minor, currency, external_id, fingerprint)
				 VALUES (${workspaceId}, ${batchId}, ${platformId}, 'import', '${now}', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				 ON CONFLICT (workspace_id, fingerprint) DO NOTHING`
			);
			const insertPayout = client.prepare(
				`INSERT INTO payouts (workspace_id, batch_id, platform_id, source, created_at, paid_on, month, amount_minor, currency, status,
					counterparty, description, external_id, fingerprint)
				 VALUES (${workspaceId}, ${batchId}, ${platformId}, 'import', '${now}', ?, ?, ?, ?, ?, ?, ?, ?, ?)
				 ON CONFLICT (workspace_id, fingerprint) DO NOTHING`
			);
			const months = new Set<string>();
			let lastMonth = '';
			for (let i = 0; i < rows.length; i++) {
				const fp = rows.fingerprint(i);
				const month = rows.month(i);
				if (rows.kind[i] === KIND_INCOME) {
					const r = insertEarning.run(
						rows.stream(i), rows.earnedOn(i), month, rows.counterparty[i], describe(rows.work[i], rows.description[i]),
						rows.gross[i], rows.fee[i], rows.tax[i], rows.net[i], rows.currency(i), rows.externalId[i], fp
					);
					if (r.changes === 0) result.duplicates++;
					else {
						result.earningsInserted++;
						if (month !== lastMonth) {
							months.add(month);
							lastMonth = month;
						}
					}
				} else {
					const r = insertPayout.run(
						rows.earnedOn(i) ?? `${month}-01`, month, rows.net[i], rows.currency(i), rows.status(i) ?? 'received',
						rows.counterparty[i], rows.description[i], rows.externalId[i], fp
					);
					if (r.changes === 0) result.duplicates++;
					else result.payoutsInserted++;
				}
			}
			if (result.earningsInserted + result.payoutsInserted === 0) throw new NothingNew();
			client
				.prepare(
					`UPDATE import_batches SET rows_read = ?, rows_income = ?, rows_payouts = ?, rows_ignored = ?, rows_duplicate = ?, rows_error = ? WHERE id = ?`
				)
				.run(plan.counts.read, result.earningsInserted, result.payoutsInserted, plan.counts.ignored, result.duplicates, plan.counts.errors, batchId);
			refreshRollup(tx, workspaceId, months);
			result.batchId = batchId;
		});
	} catch (e) {
		client.pragma(`cache_size = ${cacheBefore}`);
		if (e instanceof NothingNew) {
			return { ...result, batchId: null, earningsInserted: 0, payoutsInserted: 0 };
		}
		throw e;
	}
	client.pragma(`cache_size = ${cacheBefore}`);
	return result;
}

/** Remove a batch and exactly its rows, atomically, and refresh the roll-up of its months. */
export function undoBatch(db: DB, workspaceId: number, batchId: number): { earnings: number; payouts: number } | null {
	return db.transaction((tx) => {
		const client = db.$client;
		const exists = client.prepare('SELECT 1 FROM import_batches WHERE id = ? AND workspace_id = ?').pluck().get(batchId, workspaceId);
		if (exists === undefined) return null;
		const months = client.prepare('SELECT DISTINCT month FROM earnings WHERE batch_id = ? AND workspace_id = ?').pluck().all(batchId, workspaceId) as string[];
		const e = client.prepare('DELETE FROM earnings WHERE batch_id = ? AND workspace_id = ?').run(batchId, workspaceId).changes;
		const p = client.prepare('DELETE FROM payouts WHERE batch_id = ? AND workspace_id = ?').run(batchId, workspaceId).changes;
		client.prepare('DELETE FROM import_batches WHERE id = ? AND workspace_id = ?').run(batchId, workspaceId);
		refreshRollup(tx, workspaceId, months);
		return { earnings: e, payouts: p };
	});
}

export interface BatchSummary {
	id: number;
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

/** One batch of the workspace (undefined when it is not this workspace's). */
export function getBatch(db: DB, workspaceId: number, batchId: number): BatchSummary | undefined {
	return listBatches(db, workspaceId).find((b) => b.id === batchId);
}

/** The work's title and the row's description in one text ("The Salt Archive · Credit Redemption"). */
function describe(work: string | null, description: string | null): string | null {
	if (work && description) return `${work} · ${description}`;
	return work ?? description;
}
