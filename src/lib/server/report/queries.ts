/**
 * Reads the report, the comparison and the exports need beyond the dashboard's: the roll-up with all
 * four amounts (gross, fee, tax, net), the statements behind a period, earned and received amounts by
 * day for receivables, hours and works, and raw ledger rows for exports. All scoped by workspace id.
 */
import type { DB } from '../db/client';

type Conn = Pick<DB, '$client'>;

export interface BreakdownLine {
	month: string;
	platform: string;
	stream: string;
	currency: string;
	grossMinor: number;
	feeMinor: number;
	taxMinor: number;
	netMinor: number;
}

/** Roll-up lines with all four amounts, month in [start, end), with the platform's name. */
export function rollupBreakdown(db: Conn, workspaceId: number, start: string, end: string): BreakdownLine[] {
	return db.$client
		.prepare(
			`SELECT r.month, p.name AS platform, r.stream, r.currency, r.gross_minor AS grossMinor, r.fee_minor AS feeMinor,
			  r.tax_minor AS taxMinor, r.net_minor AS netMinor
			 FROM monthly_rollup r JOIN platforms p ON p.id = r.platform_id
			 WHERE r.workspace_id = ? AND r.month >= ? AND r.month < ?
			 ORDER BY r.month, p.name, r.stream, r.currency`
		)
		.all(workspaceId, start, end) as BreakdownLine[];
}

export interface ProvenanceRow {
	fileName: string;
	sha256: string;
	importedAt: string;
	platform: string | null;
	rows: number;
}

/** Every imported statement with at least one earning or payout in [start, end). */
export function statementsOf(db: Conn, workspaceId: number, start: string, end: string): ProvenanceRow[] {
	return db.$client
		.prepare(
			`SELECT b.file_name AS fileName, b.sha256, b.created_at AS importedAt, p.name AS platform, COUNT(*) AS rows
			 FROM import_batches b
			 LEFT JOIN platforms p ON p.id = b.platform_id
			 JOIN (SELECT batch_id FROM earnings WHERE workspace_id = ? AND month >= ? AND month < ? AND batch_id IS NOT NULL
			       UNION ALL
			       SELECT batch_id FROM payouts WHERE workspace_id = ? AND month >= ? AND month < ? AND batch_id IS NOT NULL) x
			   ON x.batch_id = b.id
			 WHERE b.workspace_id = ?
			 GROUP BY b.id ORDER BY b.created_at, b.id`
		)
		.all(workspaceId, start, end, workspaceId, start, end, workspaceId) as ProvenanceRow[];
}

/** Earnings in [start, end) that did not come from a statement, counted by source. */
export function otherSources(db: Conn, workspaceId: number, start: string, end: string): { source: string; rows: number }[] {
	return db.$client
		.prepare(
			`SELECT source, COUNT(*) AS rows FROM earnings
			 WHERE workspace_id = ? AND month >= ? AND month < ? AND batch_id IS NULL
			 GROUP BY source ORDER BY source`
		)
		.all(workspaceId, start, end) as { source: string; rows: number }[];
}

export interface DatedAmount {
	platformId: number;
	/** The net days of the deal the earning is linked to (its payment terms), null when none. */
	dealNetDays: number | null;
	date: string;
	currency: string;
	amountMinor: number;
}

/**
 * Net earned per platform, deal payment terms, day and currency up to `through` (month-only rows on
 * the month's last day). The deal is looked up by its key within the same workspace.
 */
export function earnedByDay(db: Conn, workspaceId: number, through: string): DatedAmount[] {
	return db.$client
		.prepare(
			`SELECT e.platform_id AS platformId, d.net_days AS dealNetDays,
			  COALESCE(e.earned_on, date(e.month || '-01', '+1 month', '-1 day')) AS date,
			  e.currency, SUM(e.net_minor) AS amountMinor
			 FROM earnings e LEFT JOIN deals d ON d.id = e.deal_id AND d.workspace_id = e.workspace_id
			 WHERE e.workspace_id = ?
			 GROUP BY 1, 2, 3, 4 HAVING date <= ? ORDER BY date`
		)
		.all(workspaceId, through) as DatedAmount[];
}

/** Logged hours × 100 per platform in [start, end). */
export function loggedHours(db: Conn, workspaceId: number, start: string, end: string): Map<number, number> {
	const rows = db.$client
		.prepare(
			`SELECT platform_id AS platformId, SUM(hours_centi) AS hoursCenti FROM hours_logs
			 WHERE workspace_id = ? AND month >= ? AND month < ? GROUP BY platform_id`
		)
		.all(workspaceId, start, end) as { platformId: number; hoursCenti: number }[];
	return new Map(rows.map((r) => [r.platformId, r.hoursCenti]));
}

export interface WorkIncome {
	workId: number;
	platformId: number;
	finishedHoursCenti: number | null;
	completedOn: string | null;
	plays: number | null;
	currency: string;
	month: string;
	netMinor: number;
}

/** Net income attributed to works in [start, end), per work, month and currency. */
export function workIncome(db: Conn, workspaceId: number, start: string, end: string): WorkIncome[] {
	return db.$client
		.prepare(
			`SELECT w.id AS workId, w.platform_id AS platformId, w.finished_hours_centi AS finishedHoursCenti,
			  w.completed_on AS completedOn, w.plays, e.currency, e.month, SUM(e.net_minor) AS netMinor
			 FROM earnings e JOIN works w ON w.id = e.work_id
			 WHERE e.workspace_id = ? AND e.month >= ? AND e.month < ?
			 GROUP BY w.id, e.month, e.currency`
		)
		.all(workspaceId, start, end) as WorkIncome[];
}

/** Finished hours × 100 of works completed in [start, end), per platform (narration). */
export function finishedHours(db: Conn, workspaceId: number, start: string, end: string): Map<number, number> {
	const rows = db.$client
		.prepare(
			`SELECT platform_id AS platformId, SUM(finished_hours_centi) AS hoursCenti FROM works
			 WHERE workspace_id = ? AND finished_hours_centi IS NOT NULL AND completed_on IS NOT NULL
			  AND substr(completed_on, 1, 7) >= ? AND substr(completed_on, 1, 7) < ?
			 GROUP BY platform_id`
		)
		.all(workspaceId, start, end) as { platformId: number; hoursCenti: number }[];
	return new Map(rows.map((r) => [r.platformId, r.hoursCenti]));
}

export interface LedgerRow {
	id: number;
	earnedOn: string | null;
	month: string;
	platform: string;
	stream: string;
	work: string | null;
	counterparty: string | null;
	description: string | null;
	grossMinor: number;
	feeMinor: number;
	taxMinor: number;
	netMinor: number;
	currency: string;
	externalId: string | null;
	plays: number | null;
	completionBps: number | null;
	hoursCenti: number | null;
	source: string;
	statement: string | null;
}

/** Raw earnings (the ledger) in [start, end), oldest first. */
export function ledgerRows(db: Conn, workspaceId: number, start: string, end: string): LedgerRow[] {
	return db.$client
		.prepare(
			`SELECT e.id, e.earned_on AS earnedOn, e.month, p.name AS platform, e.stream, w.title AS work, e.counterparty,
			  e.description, e.gross_minor AS grossMinor, e.fee_minor AS feeMinor, e.tax_minor AS taxMinor,
			  e.net_minor AS netMinor, e.currency, e.external_id AS externalId,
			  e.plays, e.completion_bps AS completionBps, e.hours_centi AS hoursCenti, e.source, b.file_name AS statement
			 FROM earnings e
			 JOIN platforms p ON p.id = e.platform_id
			 LEFT JOIN works w ON w.id = e.work_id
			 LEFT JOIN import_batches b ON b.id = e.batch_id
			 WHERE e.workspace_id = ? AND e.month >= ? AND e.month < ?
			 ORDER BY e.month, COALESCE(e.earned_on, e.month), p.name, e.id`
		)
		.all(workspaceId, start, end) as LedgerRow[];
}
