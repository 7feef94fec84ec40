/**
 * Dashboard and metrics CLI time on a large workspace (issue 6): 1,000,000 earnings rows over 60
 * months and 12 platforms, generated from a seed, inserted with one prepared statement in one
 * transaction, then the roll-up refreshed. Measures, in the same run:
 *   - computeDashboard (the server's work for one dashboard load, 60-month window), median of N;
 *   - the metrics CLI as a user runs it (a fresh `node --import tsx` process), median of a few;
 *   - DuckDB (@duckdb/node-api, in memory) computing the same month × platform totals from the
 *     same rows, median of N — the baseline the dashboard must not be slower than;
 *   - for context, SQLite grouping the raw earnings (what the roll-up saves every page load).
 * Usage: node --import tsx scripts/bench-metrics.ts [--rows N] [--runs N]
 * Target: dashboard median ≤ 50 ms and ≤ DuckDB's median.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { DuckDBInstance } from '@duckdb/node-api';
import { openDatabase } from '../src/lib/server/db/client';
import { createWorkspace } from '../src/lib/server/db/queries/workspaces';
import { ensurePlatform } from '../src/lib/server/db/queries/platforms';
import { refreshRollup } from '../src/lib/server/db/rollup';
import { clearDashboardCache, computeDashboard, loadRiskDashboard } from '../src/lib/server/metrics/index';
import { addMonths, clampedDay, monthsOf } from '../src/lib/domain/period';
import { seededRng } from '../src/lib/domain/random';

const { values } = parseArgs({ options: { rows: { type: 'string' }, runs: { type: 'string' } } });
const ROWS = Number(values.rows ?? 1_000_000);
const RUNS = Number(values.runs ?? 30);
const CLI_RUNS = 5;
const MONTHS = monthsOf({ start: '2021-01', end: '2026-01' }); // 60 months
const FROM = MONTHS[0];
const TO = MONTHS[MONTHS.length - 1];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-bench-metrics-'));
const dbFile = path.join(dir, 'bench.db');

/** A full GC between phases (the flag can be switched on at run time). */
function collectGarbage() {
	v8.setFlagsFromString('--expose-gc');
	(vm.runInNewContext('gc') as () => void)();
}

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x: number) => `${x.toFixed(2)} ms`;

interface Row {
	platform: number;
	stream: string;
	day: string;
	month: string;
	net: number;
	currency: string;
}

const PLATFORMS = Array.from({ length: 12 }, (_, i) => ({
	name: `Platform ${String(i + 1).padStart(2, '0')}`,
	currency: i < 2 ? 'USD' : 'CNY',
	streams: [['ads', 'tips'], ['narration_fee', 'commission'], ['brand_deal'], ['subscription', 'tips', 'sales']][i % 4]
}));

async function main() {
	console.log(`rows ${ROWS.toLocaleString('en')}, months ${MONTHS.length} (${FROM}..${TO}), platforms ${PLATFORMS.length}, runs ${RUNS}`);
	const db = openDatabase(dbFile);
	const ws = createWorkspace(db, 'Bench', 'CNY', null);
	const now = new Date().toISOString();

	// Generate once, keep in memory so SQLite and DuckDB get exactly the same rows.
	const rand = seededRng(20251121);
	const rows: Row[] = new Array(ROWS);
	for (let i = 0; i < ROWS; i++) {
		const p = Math.floor(rand() * PLATFORMS.length);
		const month = MONTHS[Math.floor(rand() * MONTHS.length)];
		const streams = PLATFORMS[p].streams;
		rows[i] = {
			platform: p,
			stream: streams[Math.floor(rand() * streams.length)],
			day: clampedDay(month, 1 + Math.floor(rand() * 31)),
			month,
			net: 100 + Math.floor(rand() * 50_000),
			currency: PLATFORMS[p].currency
		};
	}

	let t0 = performance.now();
	const platformIds: number[] = [];
	db.transaction((tx) => {
		const rule = db.$client.prepare(
			`INSERT INTO payout_rules (workspace_id, platform_id, effective_from, available_after_months, payout_day, payout_months, threshold_minor)
			 VALUES (?, ?, '2020-01-01', ?, ?, ?, ?)`
		);
		for (const [i, p] of PLATFORMS.entries()) {
			const id = ensurePlatform(tx, ws.id, { name: p.name, currency: p.currency, contract: i % 3 === 0 });
			platformIds.push(id);
			// a mix of rules: some with withdrawal months or a threshold, the rest plain next-month
			rule.run(ws.id, id, 1 + (i % 2), 1 + i, i % 4 === 1 ? 'even' : 'all', i % 4 === 3 ? 10_000 : 0);
		}
		const fx = db.$client.prepare(`INSERT INTO fx_rates (workspace_id, month, currency, rate) VALUES (?, ?, 'USD', ?)`);
		for (const [i, m] of MONTHS.entries()) fx.run(ws.id, m, `7.${String(1000 + i * 7).slice(-4)}`);
		const insert = db.$client.prepare(
			`INSERT INTO earnings (workspace_id, platform_id, stream, earned_on, month, gross_minor, fee_minor, tax_minor, net_minor,
			 currency, fingerprint, source, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, 'import', ?)`
		);
		for (let i = 0; i < ROWS; i++) {
			const r = rows[i];
			insert.run(ws.id, platformIds[r.platform], r.stream, r.day, r.month, r.net, r.net, r.currency, `b${i}`, now);
		}
		// Imported payouts for two platforms through 2024, so the cash basis mixes imports and rules.
		const pay = db.$client.prepare(
			`INSERT INTO payouts (workspace_id, platform_id, paid_on, month, amount_minor, currency, status, fingerprint, created_at)
			 VALUES (?, ?, ?, ?, ?, ?, 'received', ?, ?)`
		);
		for (const p of [2, 3]) {
			for (const m of MONTHS.slice(0, 48)) pay.run(ws.id, platformIds[p], `${addMonths(m, 1)}-15`, addMonths(m, 1), 1_000_000, 'CNY', `pay-${p}-${m}`, now);
		}
	});
	const insertMs = performance.now() - t0;
	t0 = performance.now();
	db.transaction((tx) => refreshRollup(tx, ws.id));
	const rollupMs = performance.now() - t0;
	const rollupRows = (db.$client.prepare('SELECT COUNT(*) AS n FROM monthly_rollup WHERE workspace_id = ?').get(ws.id) as { n: number }).n;
	console.log(`insert ${ROWS.toLocaleString('en')} rows in one transaction: ${(insertMs / 1000).toFixed(2)} s (${Math.round(ROWS / (insertMs / 1000)).toLocaleString('en')} rows/s)`);
	console.log(`refreshRollup (whole workspace): ${ms(rollupMs)} → ${rollupRows} roll-up rows`);

	// DuckDB gets the very same rows now; then the generated rows are dropped and garbage-collected,
	// so no timing below pays for collecting a million objects.
	const duck = await DuckDBInstance.create(':memory:');
	const conn = await duck.connect();
	await conn.run(`CREATE TABLE earnings (workspace_id INTEGER, platform_id INTEGER, stream VARCHAR, month VARCHAR, net_minor BIGINT, currency VARCHAR)`);
	t0 = performance.now();
	const app = await conn.createAppender('earnings');
	for (let i = 0; i < ROWS; i++) {
		const r = rows[i];
		app.appendInteger(ws.id);
		app.appendInteger(platformIds[r.platform]);
		app.appendVarchar(r.stream);
		app.appendVarchar(r.month);
		app.appendBigInt(BigInt(r.net));
		app.appendVarchar(r.currency);
		app.endRow();
	}
	app.flushSync();
	app.closeSync();
	const duckLoadMs = performance.now() - t0;
	rows.length = 0;
	collectGarbage();
	// Let DuckDB finish any background work on the appended data before SQLite is timed.
	await conn.runAndReadAll('CHECKPOINT');
	await new Promise((r) => setTimeout(r, 1000));

	// 1. The dashboard's server time.
	const opts = { from: FROM, to: TO } as const;
	// JIT warm-up, cold each time so the expected-payouts code is compiled too.
	for (let i = 0; i < 10; i++) {
		clearDashboardCache();
		computeDashboard(db, ws.id, { ...opts, basis: i % 2 ? 'cash' : 'accrual' });
	}
	// The kinds of load are interleaved round by round, so none is favoured by running first or last.
	// "cold": the expected-payouts memo is cleared first, as after any change to the books.
	const url = new URL(`http://localhost/?from=${FROM}&to=${TO}&stress=${encodeURIComponent(PLATFORMS[0].name)}&fall=30`);
	const times = { accrual: [] as number[], cash: [] as number[], warm: [] as number[], page: [] as number[] };
	const timed = (xs: number[], f: () => unknown) => {
		const s = performance.now();
		f();
		xs.push(performance.now() - s);
	};
	for (let i = 0; i < RUNS; i++) {
		clearDashboardCache();
		timed(times.accrual, () => computeDashboard(db, ws.id, { ...opts, basis: 'accrual' }));
		timed(times.warm, () => computeDashboard(db, ws.id, { ...opts, basis: 'accrual' }));
		clearDashboardCache();
		timed(times.cash, () => computeDashboard(db, ws.id, { ...opts, basis: 'cash' }));
		// The whole server side of a page load: URL params → computeDashboard → the view model.
		clearDashboardCache();
		timed(times.page, () => loadRiskDashboard(db, ws.id, url));
	}
	const dashAccrual = median(times.accrual);
	const dashCash = median(times.cash);
	const dashWarm = median(times.warm);
	const pageMs = median(times.page);
	const d = computeDashboard(db, ws.id, opts);

	// For context: SQLite grouping raw earnings (what every load would cost without the roll-up).
	const rawStmt = db.$client.prepare(
		`SELECT month, platform_id, currency, SUM(net_minor) AS s FROM earnings WHERE workspace_id = ? GROUP BY month, platform_id, currency`
	);
	const rawTimes: number[] = [];
	for (let i = 0; i < Math.min(RUNS, 5); i++) {
		const s = performance.now();
		rawStmt.all(ws.id);
		rawTimes.push(performance.now() - s);
	}
	db.$client.close();

	// 2. The metrics CLI, as a user runs it (process start + tsx + migrations check + query + JSON).
	const cliTimes: number[] = [];
	let cliOut = '';
	for (let i = 0; i < CLI_RUNS; i++) {
		const s = performance.now();
		const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/ledger.ts'), 'metrics', '--workspace', 'Bench', '--from', FROM, '--to', TO, '--json'], {
			cwd: root,
			env: { ...process.env, DATABASE_PATH: dbFile },
			encoding: 'utf8'
		});
		cliTimes.push(performance.now() - s);
		if (r.status !== 0) throw new Error(`metrics CLI failed: ${r.stderr}`);
		cliOut = r.stdout;
	}
	const cli = JSON.parse(cliOut) as { months: unknown[]; concentration: { hhi: number } };

	// 3. DuckDB: the same month × platform totals from the same rows.
	const duckQuery = `SELECT month, platform_id, currency, SUM(net_minor) AS s FROM earnings WHERE workspace_id = ${ws.id} GROUP BY month, platform_id, currency`;
	for (let i = 0; i < 3; i++) await conn.runAndReadAll(duckQuery);
	const duckTimes: number[] = [];
	let duckGroups = 0;
	for (let i = 0; i < RUNS; i++) {
		const s = performance.now();
		const r = await conn.runAndReadAll(duckQuery);
		duckTimes.push(performance.now() - s);
		duckGroups = r.currentRowCount;
	}
	conn.closeSync();
	duck.closeSync();
	fs.rmSync(dir, { recursive: true, force: true });

	const duckMs = median(duckTimes);
	const cliMs = median(cliTimes);
	console.log('');
	console.log(`computeDashboard, accrual, 60 months   median ${ms(dashAccrual)}  cold (${d.matrix.months.length} months, ${d.matrix.platforms.length} platforms, HHI ${d.concentration.hhi?.toFixed(6)})`);
	console.log(`computeDashboard, cash, 60 months       median ${ms(dashCash)}  cold`);
	console.log(`computeDashboard, accrual, reload       median ${ms(dashWarm)}  (unchanged books: expected payouts remembered)`);
	console.log(`page load (params → dashboard → view)  median ${ms(pageMs)}  cold`);
	console.log(`metrics CLI (new process, --json)        median ${ms(cliMs)}  over ${CLI_RUNS} runs (${cli.months.length} months, HHI ${cli.concentration.hhi.toFixed(6)})`);
	console.log(`DuckDB month × platform totals           median ${ms(duckMs)}  (${duckGroups} groups; load by appender ${(duckLoadMs / 1000).toFixed(2)} s)`);
	console.log(`SQLite GROUP BY on raw earnings          median ${ms(median(rawTimes))}  (context: the cost the roll-up avoids)`);
	console.log('');
	console.log(`ratio dashboard (accrual) / DuckDB: ${(dashAccrual / duckMs).toFixed(2)}×; cash / DuckDB: ${(dashCash / duckMs).toFixed(2)}×`);
	console.log(`ratio raw SQLite GROUP BY / dashboard: ${(median(rawTimes) / dashAccrual).toFixed(1)}×`);
	const worst = Math.max(dashAccrual, dashCash, pageMs);
	const ok = worst <= 50 && worst <= duckMs;
	console.log(`target (dashboard ≤ 50 ms and ≤ DuckDB): ${ok ? 'met' : 'NOT met'}`);
	process.exitCode = ok ? 0 : 1;
}

main().catch((e) => {
	console.error(e);
	fs.rmSync(dir, { recursive: true, force: true });
	process.exit(1);
});
