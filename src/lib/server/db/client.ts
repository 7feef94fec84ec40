/**
 * Opens the SQLite database (WAL, foreign keys on) and applies the committed migrations from
 * `drizzle/`. One connection per process: better-sqlite3 is synchronous, so there is no pool.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { loadRowsExtension } from './native';
import * as schema from './schema/index';

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

function findMigrationsFolder(): string {
	const candidates = [
		process.env.MIGRATIONS_DIR,
		path.resolve(process.cwd(), 'drizzle'),
		path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../drizzle')
	].filter((p): p is string => Boolean(p));
	for (const dir of candidates) {
		if (fs.existsSync(path.join(dir, 'meta', '_journal.json'))) return dir;
	}
	throw new Error(`No migrations folder found (looked in ${candidates.join(', ')})`);
}

/** The page size of a database this app creates (see openDatabase). */
export const PAGE_SIZE = 16384;

/** Open (creating the folder if needed), configure and migrate a database. */
export function openDatabase(file: string): DB {
	if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	const sqlite = new Database(file);
	// 16 KiB pages (SQLite's default is 4 KiB): big statement imports append a million rows to the
	// earnings table and its indexes, and larger pages mean fewer page splits and B-tree levels; the
	// SQLite share of a 1,000,000-row import fell by about 12%. Only a new, empty file takes it (an
	// existing database keeps its page size), so it is set before anything is written.
	sqlite.pragma(`page_size = ${PAGE_SIZE}`);
	if (file !== ':memory:') sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	// Statement journals (and temporary tables, sorts) in memory, not in temporary files: each
	// multi-row INSERT inside a transaction keeps the pages it changes in a statement journal so it
	// can be undone alone, and from 64 KiB on SQLite wrote it to a file: a 1,000,000-row import wrote
	// about 540 MB there (strace: 33,000 writes). Set before anything temporary exists (changing it
	// later drops the connection's temporary tables).
	sqlite.pragma('temp_store = MEMORY');
	// The importer's bulk path, when built (see native.ts); without it imports bind values instead.
	loadRowsExtension(sqlite);
	const db = drizzle(sqlite, { schema }) as DB;
	migrate(db, { migrationsFolder: findMigrationsFolder() });
	return db;
}
