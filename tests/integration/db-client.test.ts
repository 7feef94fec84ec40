/**
 * openDatabase: a new database file gets the app's page size (PAGE_SIZE), WAL and in-memory temporary storage; an existing one
 * keeps the page size it was created with and is migrated all the same.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, PAGE_SIZE } from '../../src/lib/server/db/client';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-db-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const tables = (db: Database.Database) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];

describe('openDatabase', () => {
	it('creates a new file with the app page size, in WAL mode, migrated', () => {
		const file = path.join(dir, 'new', 'ledger.db');
		const db = openDatabase(file);
		expect(PAGE_SIZE).toBe(16384);
		expect(db.$client.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
		expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
		// Statement journals in memory (2 = MEMORY): a big import's multi-row INSERTs wrote hundreds of MB of them to temporary files.
		expect(db.$client.pragma('temp_store', { simple: true })).toBe(2);
		expect(tables(db.$client)).toContain('earnings');
		db.$client.close();
	});

	it('keeps the page size of a database made before, and migrates it', () => {
		const file = path.join(dir, 'old.db');
		const old = new Database(file);
		old.pragma('page_size = 4096');
		old.exec('CREATE TABLE keep_me (a)');
		old.close();
		const db = openDatabase(file);
		expect(db.$client.pragma('page_size', { simple: true })).toBe(4096);
		expect(tables(db.$client)).toEqual(expect.arrayContaining(['earnings', 'keep_me']));
		db.$client.close();
	});
});
