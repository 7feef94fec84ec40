/**
 * The ledger: import batches (provenance), earnings (accrual), payouts (cash), works and deals,
 * and the monthly roll-up the dashboard reads instead of scanning raw earnings.
 */
import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, index, uniqueIndex, primaryKey, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { users } from './users';
import { workspaces } from './workspaces';
import { platforms } from './platforms';

export const importBatches = sqliteTable(
	'import_batches',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		workspaceId: integer('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		/**
		 * The batch's number in its workspace (1, 2, 3… as the import page, its messages and the CLI show
		 * it). The id is global, so showing it would hint at other accounts' imports. Set by every import
		 * (BatchWriter.begin); nullable only because SQLite adds a column to existing rows that way.
		 */
		number: integer('number'),
		fileName: text('file_name').notNull(),
		fileSize: integer('file_size').notNull(),
		sha256: text('sha256').notNull(),
		presetId: text('preset_id').notNull(),
		platformId: integer('platform_id').references(() => platforms.id, { onDelete: 'set null' }),
		encoding: text('encoding').notNull(),
		periodFrom: text('period_from'),
		periodTo: text('period_to'),
		rowsRead: integer('rows_read').notNull().default(0),
		rowsIncome: integer('rows_income').notNull().default(0),
		rowsPayouts: integer('rows_payouts').notNull().default(0),
		rowsIgnored: integer('rows_ignored').notNull().default(0),
		rowsDuplicate: integer('rows_duplicate').notNull().default(0),
		rowsError: integer('rows_error').notNull().default(0),
		createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: text('created_at').notNull()
	},
	(t) => [
		index('batches_ws_idx').on(t.workspaceId, t.createdAt),
		index('batches_sha_idx').on(t.workspaceId, t.sha256),
		uniqueIndex('batches_ws_number_idx').on(t.workspaceId, t.number)
	]
);

/** A workspace's own saved column mappings from the import wizard. */
export const importPresets = sqliteTable(
	'import_presets',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		workspaceId: integer('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		definitionJson: text('definition_json').notNull(),
		createdAt: text('created_at').notNull()
	},
	(t) => [uniqueIndex('import_presets_ws_name_uq').on(t.workspaceId, t.name)]
);

export const works = sqliteTable(
	'works',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		workspaceId: integer('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		platformId: integer('platform_id')
			.notNull()
			.references(() => platforms.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		kind: text('kind').notNull().default('audiobook'),
		/** Finished hours × 100 (7.5 h → 750). */
		finishedHoursCenti: integer('finished_hours_centi'),
		/** Rate per finished hour, minor units of `currency`. */
		rateMinor: integer('rate_minor'),
		currency: text('currency').notNull(),
		completedOn: text('completed_on'),
		plays: integer('plays'),
		/** Completion rate in basis points (0.42 → 4200). */
		completionBps: integer('completion_bps'),
		/** The commission base (revenue of the work in the evaluation window), minor units. */
		revenueMinor: integer('revenue_minor'),
		createdAt: text('created_at').notNull()
	},
	(t) => [index('works_ws_idx').on(t.workspaceId, t.platformId)]
);

export const deals = sqliteTable(
	'deals',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		workspaceId: integer('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		platformId: integer('platform_id').references(() => platforms.id, { onDelete: 'set null' }),
		counterparty: text('counterparty').notNull(),
		title: text('title'),
		amountMinor: integer('amount_minor').notNull(),
		currency: text('currency').notNull(),
		agreedOn: text('agreed_on'),
		invoicedOn: text('invoiced_on'),
		netDays: integer('net_days').notNull().default(30),
		status: text('status', { enum: ['agreed', 'delivered', 'invoiced', 'paid'] })
			.notNull()
			.default('agreed'),
		paidOn: text('paid_on'),
		/**
		 * The imported payout (of the deal's platform) that holds the deal's payment, when the user said so:
		 * the payouts page then counts that money once, as the deal's (payouts/cash.ts). Cleared when the
		 * payout's batch is undone.
		 */
		paidPayoutId: integer('paid_payout_id').references((): AnySQLiteColumn => payouts.id, { onDelete: 'set null' }),
		createdAt: text('created_at').notNull()
	},
	(t) => [
		index('deals_ws_idx').on(t.workspaceId, t.status),
		// Undoing a batch deletes its payouts; ON DELETE SET NULL then finds the deals that named each one
		// through this index instead of reading every deal once per payout.
		index('deals_paid_payout_idx').on(t.paidPayoutId).where(sql`${t.paidPayoutId} IS NOT NULL`)
	]
);

export const dealMilestones = sqliteTable('deal_milestones', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	workspaceId: integer('workspace_id')
		.notNull()
		.references(() => workspaces.id, { onDelete: 'cascade' }),
	dealId: integer('deal_id')
		.notNull()
		.references(() => deals.id, { onDelete: 'cascade' }),
	description: text('description'),
	/** Share of the deal amount in basis points. */
	shareBps: integer('share_bps').notNull(),
	dueOn: text('due_on').notNull()
});

export const earnings = sqliteTable(
	'earnings',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		workspaceId: integer('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		batchId: integer('batch_id').references(() => importBatches.id, { onDelete: 'cascade' }),
		platformId: integer('platform_id')
			.notNull()
			.references(() => platforms.id, { onDelete: 'cascade' }),
		stream: text('stream').notNull(),
		/** The day it was earned, when known; otherwise null and `month` carries the period. */
		earnedOn: text('earned_on'),
		month: text('month').notNull(),
		workId: integer('work_id').references(() => works.id, { onDelete: 'set null' }),
		dealId: integer('deal_id').references(() => deals.id, { onDelete: 'set null' }),
		counterparty: text('counterparty'),
		description: text('description'),
		grossMinor: integer('gross_minor').notNull(),
		feeMinor: integer('fee_minor').notNull().default(0),
		taxMinor: integer('tax_minor').notNull().default(0),
		netMinor: integer('net_minor').notNull(),
		currency: text('currency').notNull(),
		externalId: text('external_id'),
		/** What the statement line says of the work besides money, when a column was mapped to it (imports). */
		plays: integer('plays'),
		/** Completion rate in basis points (42% → 4200). */
		completionBps: integer('completion_bps'),
		/** Hours × 100 (7.5 h → 750). */
		hoursCenti: integer('hours_centi'),
		/**
		 * The row's identity, unique per workspace so re-imports add nothing: imported rows carry
		 * day × 2^37 + a row hash (≥ 0, see import/dedupe.ts), rows with a key of their own (computed,
		 * sample) a negative hash of that key (see db/fingerprints.ts). Sample rows written before
		 * migration 0001 keep their old text form (0001 converts imported rows only); nothing reads it.
		 */
		fingerprint: integer('fingerprint').notNull(),
		/** 'import' | 'computed' (fees/commissions from works, deals) | 'manual' | 'sample' */
		source: text('source').notNull().default('import'),
		createdAt: text('created_at').notNull()
	},
	(t) => [
		uniqueIndex('earnings_ws_fp_uq').on(t.workspaceId, t.fingerprint),
		index('earnings_ws_month_idx').on(t.workspaceId, t.month, t.platformId),
		index('earnings_batch_idx').on(t.batchId),
		// The few rows linked to a deal (the dashboard schedules them on the deal's net days): a partial
		// index, so statement imports (deal_id null) do not pay for it.
		index('earnings_ws_deal_idx').on(t.workspaceId, t.dealId).where(sql`${t.dealId} IS NOT NULL`),
		// The few lines that say a work's plays or completion (the works page reads them): partial, so a
		// statement without those columns pays nothing for it. The works page's query repeats this WHERE.
		index('earnings_ws_measured_idx')
			.on(t.workspaceId, t.platformId, t.month)
			.where(sql`${t.plays} IS NOT NULL OR ${t.completionBps} IS NOT NULL`)
	]
);

export const payouts = sqliteTable(
	'payouts',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		workspaceId: integer('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		batchId: integer('batch_id').references(() => importBatches.id, { onDelete: 'cascade' }),
		platformId: integer('platform_id').references(() => platforms.id, { onDelete: 'cascade' }),
		paidOn: text('paid_on').notNull(),
		month: text('month').notNull(),
		amountMinor: integer('amount_minor').notNull(),
		currency: text('currency').notNull(),
		/** 'received' | 'in_transit' | 'failed' */
		status: text('status').notNull().default('received'),
		counterparty: text('counterparty'),
		description: text('description'),
		externalId: text('external_id'),
		/** As for earnings. */
		fingerprint: integer('fingerprint').notNull(),
		source: text('source').notNull().default('import'),
		createdAt: text('created_at').notNull()
	},
	(t) => [
		uniqueIndex('payouts_ws_fp_uq').on(t.workspaceId, t.fingerprint),
		index('payouts_ws_month_idx').on(t.workspaceId, t.month, t.platformId),
		index('payouts_batch_idx').on(t.batchId)
	]
);

/**
 * Earnings summed by workspace × month × platform × stream × currency. Kept in step with
 * `earnings` inside the same transaction as every import, undo or computed-earnings refresh.
 */
export const monthlyRollup = sqliteTable(
	'monthly_rollup',
	{
		workspaceId: integer('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		month: text('month').notNull(),
		platformId: integer('platform_id')
			.notNull()
			.references(() => platforms.id, { onDelete: 'cascade' }),
		stream: text('stream').notNull(),
		currency: text('currency').notNull(),
		grossMinor: integer('gross_minor').notNull().default(0),
		feeMinor: integer('fee_minor').notNull().default(0),
		taxMinor: integer('tax_minor').notNull().default(0),
		netMinor: integer('net_minor').notNull().default(0),
		rowCount: integer('row_count').notNull().default(0)
	},
	(t) => [primaryKey({ columns: [t.workspaceId, t.month, t.platformId, t.stream, t.currency] })]
);
