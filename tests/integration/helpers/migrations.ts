/** Databases as an older release left them: migrated only up to a given migration, in memory. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { DB } from '../../../src/lib/server/db/client';
import * as schema from '../../../src/lib/server/db/schema/index';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const MIGRATIONS = path.join(ROOT, 'drizzle');

/** A database migrated up to and including `lastTag` (e.g. '0000_init'): a migrations folder holding just those. */
export function databaseAt(lastTag: string): DB {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-mig-'));
	fs.mkdirSync(path.join(dir, 'meta'));
	const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
	const last = journal.entries.findIndex((e) => e.tag === lastTag);
	if (last < 0) throw new Error(`no migration ${lastTag}`);
	journal.entries = journal.entries.slice(0, last + 1);
	fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
	for (const e of journal.entries) fs.copyFileSync(path.join(MIGRATIONS, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
	const sqlite = new Database(':memory:');
	sqlite.pragma('foreign_keys = ON');
	const db = drizzle(sqlite, { schema }) as DB;
	migrate(db, { migrationsFolder: dir });
	fs.rmSync(dir, { recursive: true });
	return db;
}

/** Every migration the app has, applied to `db` (as the app does at start-up). */
export function migrateToLatest(db: DB): void {
	migrate(db, { migrationsFolder: MIGRATIONS });
}
