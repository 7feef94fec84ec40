/** Platforms money comes from, with their payout rule versions and commission rules. */
import { integer, sqliteTable, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { workspaces } from './workspaces';

export const platforms = sqliteTable(
	'platforms',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		workspaceId: integer('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		currency: text('currency').notNull(),
		defaultStream: text('default_stream').notNull().default('other'),
		/** Is there a written contract for this work? */
		contract: integer('contract', { mode: 'boolean' }).notNull().default(false),
		/** Does the creator have social insurance through this work? */
		socialInsurance: integer('social_insurance', { mode: 'boolean' }).notNull().default(false),
		/** null: derive from each row's stream (domain.md §1); true/false: the user's override. */
		contingent: integer('contingent', { mode: 'boolean' }),
		/** The import preset that created it, if any. */
		presetId: text('preset_id'),
		createdAt: text('created_at').notNull()
	},
	(t) => [uniqueIndex('platforms_ws_name_uq').on(t.workspaceId, t.name)]
);

/** One version of a platform's payout rule (domain.md §3); the newest version on or before a date applies. */
export const payoutRules = sqliteTable(
	'payout_rules',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		workspaceId: integer('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		platformId: integer('platform_id')
			.notNull()
			.references(() => platforms.id, { onDelete: 'cascade' }),
		effectiveFrom: text('effective_from').notNull(),
		netDays: integer('net_days'),
		availableAfterMonths: integer('available_after_months').notNull().default(1),
		payoutDay: integer('payout_day').notNull().default(1),
		/** A second payout day in the month, for half-monthly settlement (WeChat 流量主); null otherwise. */
		secondPayoutDay: integer('second_payout_day'),
		payoutMonths: text('payout_months', { enum: ['all', 'even', 'odd'] }).notNull().default('all'),
		thresholdMinor: integer('threshold_minor').notNull().default(0)
	},
	(t) => [index('payout_rules_platform_idx').on(t.workspaceId, t.platformId, t.effectiveFrom)]
);

/** Per-work commission (domain.md §4): rate × revenue when both gates pass, inclusive. */
export const commissionRules = sqliteTable(
	'commission_rules',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		workspaceId: integer('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		platformId: integer('platform_id')
			.notNull()
			.references(() => platforms.id, { onDelete: 'cascade' }),
		rateBps: integer('rate_bps').notNull(),
		minPlays: integer('min_plays').notNull().default(0),
		/** Completion rate in basis points (0.35 → 3500). */
		minCompletionBps: integer('min_completion_bps').notNull().default(0),
		effectiveFrom: text('effective_from').notNull().default('1970-01-01')
	},
	(t) => [index('commission_rules_platform_idx').on(t.workspaceId, t.platformId)]
);

/** Hours worked per platform and month (for effective hourly rates). */
export const hoursLogs = sqliteTable(
	'hours_logs',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		workspaceId: integer('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		platformId: integer('platform_id')
			.notNull()
			.references(() => platforms.id, { onDelete: 'cascade' }),
		month: text('month').notNull(),
		/** Hours × 100 (7.5 h → 750). */
		hoursCenti: integer('hours_centi').notNull()
	},
	(t) => [uniqueIndex('hours_ws_platform_month_uq').on(t.workspaceId, t.platformId, t.month)]
);
