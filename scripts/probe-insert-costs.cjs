#!/usr/bin/env node
/**
 * Where SQLite's share of an import goes: inserts 1,000,000 earnings-shaped rows (50 per INSERT,
 * one transaction, WAL file like the app) into the earnings layout, once per variant, and prints
 * insert / COMMIT / close seconds. Rows are made before the clock starts. Not a target benchmark
 * (see bench-import.ts); it backs the cost figures in src/lib/server/import/README.md.
 *
 *   node scripts/probe-insert-costs.cjs [variant ...]
 *
 * Variants: bound (12 values bound per row, as the importer does: spread as arguments), bound-array
 * (the same values passed as one array), literal (the row's values
 * written into the SQL: SQLite's own work only), each with all three indexes, and literal
 * without the batch index, without the month index, and with no index at all.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Database = require('better-sqlite3');

const N = 1_000_000;
const GROUP = 50;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-probe-'));
let runs = 0;

function run(name, { bound, array = false, batchIndex = true, monthIndex = true, fpIndex = true }) {
	const file = path.join(dir, `${name}-${++runs}.db`);
	const db = new Database(file);
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.pragma('cache_size = -16384');
	db.exec(`CREATE TABLE earnings (id integer PRIMARY KEY AUTOINCREMENT NOT NULL, workspace_id integer NOT NULL, batch_id integer,
		platform_id integer NOT NULL, stream text NOT NULL, earned_on text, month text NOT NULL, work_id integer, deal_id integer,
		counterparty text, description text, gross_minor integer NOT NULL, fee_minor integer DEFAULT 0 NOT NULL,
		tax_minor integer DEFAULT 0 NOT NULL, net_minor integer NOT NULL, currency text NOT NULL, external_id text,
		fingerprint integer NOT NULL, source text DEFAULT 'import' NOT NULL, created_at text NOT NULL)`);
	if (fpIndex) db.exec('CREATE UNIQUE INDEX earnings_ws_fp_uq ON earnings (workspace_id, fingerprint)');
	if (monthIndex) db.exec('CREATE INDEX earnings_ws_month_idx ON earnings (workspace_id, month, platform_id)');
	if (batchIndex) db.exec('CREATE INDEX earnings_batch_idx ON earnings (batch_id)');
	const now = new Date().toISOString();
	const one = bound
		? `(1, 1, 1, 'import', '${now}', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		: `(1, 1, 1, 'import', '${now}', 'other', '2024-05-01', '2024-05', 'Sven Larsen', 'Tip #12', 300651, 9019, 0, 291632, 'USD', 'txn_00000001', ?)`;
	const stmt = db.prepare(`INSERT INTO earnings (workspace_id, batch_id, platform_id, source, created_at, stream, earned_on, month,
		counterparty, description, gross_minor, fee_minor, tax_minor, net_minor, currency, external_id, fingerprint)
		VALUES ${Array(GROUP).fill(one).join(', ')}${fpIndex ? ' ON CONFLICT (workspace_id, fingerprint) DO NOTHING' : ''}`);
	let seed = 1;
	const rnd = () => ((seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0));
	const days = Array.from({ length: 731 }, (_, i) => new Date(Date.UTC(2023, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));
	const groups = [];
	for (let i = 0; i < N; i += GROUP) {
		const p = [];
		for (let k = 0; k < GROUP; k++) {
			const r = i + k;
			const d = Math.floor((r / N) * 730);
			const fp = (d + 19_000) * 2 ** 37 + (rnd() & 31) * 2 ** 32 + rnd();
			if (bound) p.push('other', days[d], days[d].slice(0, 7), 'Sven Larsen', `Tip #${r % 977}`, 300651, 9019, 0, 291632, 'USD', `txn_${r.toString(36)}`, fp);
			else p.push(fp);
		}
		groups.push(p);
	}
	const t0 = process.hrtime.bigint();
	db.exec('BEGIN IMMEDIATE');
	// The importer spreads the values (better-sqlite3 reads arguments directly, an array one lookup at a time).
	if (array) for (const p of groups) stmt.run(p);
	else for (const p of groups) stmt.run(...p);
	const t1 = process.hrtime.bigint();
	db.exec('COMMIT');
	const t2 = process.hrtime.bigint();
	db.close();
	const t3 = process.hrtime.bigint();
	const s = (a, b) => (Number(b - a) / 1e9).toFixed(2);
	console.log(`${name.padEnd(22)} insert ${s(t0, t1)} s  commit ${s(t1, t2)} s  close ${s(t2, t3)} s  total ${s(t0, t3)} s`);
}

const VARIANTS = {
	bound: { bound: true },
	'bound-array': { bound: true, array: true },
	literal: { bound: false },
	'literal-no-batch-idx': { bound: false, batchIndex: false },
	'literal-no-month-idx': { bound: false, monthIndex: false },
	'literal-no-index': { bound: false, batchIndex: false, monthIndex: false, fpIndex: false }
};
try {
	const names = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(VARIANTS);
	const unknown = names.filter((n) => !(n in VARIANTS));
	if (unknown.length > 0) {
		console.error(`unknown variant ${unknown.join(', ')}; the variants are ${Object.keys(VARIANTS).join(', ')}`);
		process.exitCode = 2;
	} else for (const name of names) run(name, VARIANTS[name]);
} finally {
	fs.rmSync(dir, { recursive: true, force: true });
}
