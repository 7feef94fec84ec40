/** People, their sessions and the sign-in throttle. Users own nothing directly: data hangs off workspaces. */
import { integer, sqliteTable, text, index } from 'drizzle-orm/sqlite-core';

export const users = sqliteTable('users', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	/** Stored lower-cased and trimmed; unique. */
	email: text('email').notNull().unique(),
	passwordHash: text('password_hash').notNull(),
	createdAt: text('created_at').notNull()
});

export const sessions = sqliteTable(
	'sessions',
	{
		/** SHA-256 (hex) of the session token; the token itself is never stored. */
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** Unix milliseconds. Sliding: pushed forward on use. */
		expiresAt: integer('expires_at').notNull(),
		createdAt: text('created_at').notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

/** Failed sign-ins and password checks per key (`pair:…` for an email from one address, `email:…`, `ip:…`, `password:…`; see auth/throttle.ts), for back-off. */
export const loginThrottle = sqliteTable('login_throttle', {
	key: text('key').primaryKey(),
	failures: integer('failures').notNull().default(0),
	/** Unix milliseconds before which another attempt is refused. */
	lockedUntil: integer('locked_until').notNull().default(0),
	updatedAt: integer('updated_at').notNull()
});
