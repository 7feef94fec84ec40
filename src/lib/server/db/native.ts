/**
 * The cl_rows SQLite extension (native/cl_rows.c): when it is built, a connection loads it and
 * the importer writes a chunk of rows with one statement that binds one buffer per column,
 * instead of twelve values per row. Built at install time (`npm run native`, run by `prepare`)
 * into node_modules/.cache/creator-ledger/native/, next to the CLI's compiled bundle; without a
 * C compiler it is simply absent and the importer binds values as before, with the same result.
 *
 * `CL_ROWS_EXTENSION=off` keeps it unloaded (the benchmark's comparison, the equivalence tests);
 * `CL_ROWS_EXTENSION=/path/to/cl_rows.so` loads that file instead (and fails loudly if it cannot).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';

/** Where `npm run native` puts the extension, relative to the project's root. */
export const ROWS_EXTENSION_PATH = path.join('node_modules', '.cache', 'creator-ledger', 'native', 'cl_rows.so');

const loaded = new WeakSet<Database>();

/** The built extension: looked for above this module (sources, server build, CLI bundle) and in the working folder. */
function findExtension(): string | null {
	const starts = [path.dirname(fileURLToPath(import.meta.url)), process.cwd()];
	for (const start of starts) {
		let dir = start;
		for (let up = 0; up < 8; up++) {
			const file = path.join(dir, ROWS_EXTENSION_PATH);
			if (fs.existsSync(file)) return file;
			const parent = path.dirname(dir);
			if (parent === dir) break;
			dir = parent;
		}
	}
	return null;
}

let found: string | null | undefined;
let warned = false;

/**
 * Load cl_rows into the connection if it is built (and not turned off). Returns whether the
 * connection now has it. A built file that does not load is reported once, not thrown: the
 * importer still works without it.
 */
export function loadRowsExtension(client: Database, setting = process.env.CL_ROWS_EXTENSION): boolean {
	if (loaded.has(client)) return true;
	if (setting === 'off') return false;
	const explicit = setting !== undefined && setting !== '';
	const file = explicit ? setting : (found ??= findExtension());
	if (!file) return false;
	try {
		client.loadExtension(file);
	} catch (e) {
		if (explicit) throw e;
		if (!warned) console.warn(`cl_rows: ${file} did not load (${e instanceof Error ? e.message : String(e)}); importing without it.`);
		warned = true;
		found = null;
		return false;
	}
	loaded.add(client);
	return true;
}

/** Whether the connection has cl_rows (see loadRowsExtension). */
export function hasRowsExtension(client: Database): boolean {
	return loaded.has(client);
}
