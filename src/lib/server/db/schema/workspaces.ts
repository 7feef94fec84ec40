/** A workspace is one creator's books; every business row belongs to exactly one. */
import { integer, sqliteTable, text, primaryKey, index } from 'drizzle-orm/sqlite-core';
import { users } from './users';

export const workspaces = sqliteTable('workspaces', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	name: text('name').notNull(),
	baseCurrency: text('base_currency').notNull().default('CNY'),
	/** JSON: risk weights and thresholds, savings buffer, monthly expenses... (see domain settings types). */
	settingsJson: text('settings_json').notNull().default('{}'),
	/** How many import batches the workspace has numbered: the next batch is number this + 1 (never reused after an undo). */
	batchesNumbered: integer('batches_numbered').notNull().default(0),
	createdAt: text('created_at').notNull()
});

export const workspaceMembers = sqliteTable(
	'workspace_members',
	{
		workspaceId: integer('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** 'owner' | 'editor' | 'viewer' */
		role: text('role', { enum: ['owner', 'editor', 'viewer'] }).notNull(),
		createdAt: text('created_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index('members_user_idx').on(t.userId)]
);

/** Monthly exchange rates into the workspace's base currency: 1 unit of `currency` = rate base units. */
export const fxRates = sqliteTable(
	'fx_rates',
	{
		workspaceId: integer('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		month: text('month').notNull(),
		currency: text('currency').notNull(),
		/** The rate as a decimal string ("7.1234"), converted with exact arithmetic, never floats. */
		rate: text('rate').notNull()
	},
	(t) => [primaryKey({ columns: [t.workspaceId, t.month, t.currency] })]
);
