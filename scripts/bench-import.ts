/**
 * Import benchmark: generates (seeded) a 1,000,000-row statement in Creator Ledger's plain layout
 * into a temporary folder, imports it with the CLI in a child process as `npm run ledger` runs it
 * (wall time → rows/s, peak RSS from /usr/bin/time -v; the CLI's parse worker thread counts
 * in both), and imports the same file with `sqlite3 :memory: .import` as the
 * baseline, taking turns --runs times (default 3). Prints the medians and the ratio of the
 * medians; exits non-zero when a target is missed. After each turn it also times each half of the import
 * alone (scripts/import-floors.ts: the analysis, and the commit of analysed rows), which bounds the CLI,
 * and the two side by side in two threads with nothing passed between them (what overlap this machine gives).
 *
 *   npx tsx scripts/bench-import.ts [--rows N] [--runs N] [--keep] [--csv FILE]
 *
 * --csv reuses a statement generated before (with --keep) instead of generating one. The machine's
 * load average at the start is printed: wall times on a busy machine are not the code's; the CPU
 * seconds of each child (user + system) are printed beside them for that reason.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/lib/server/db/client';
import { createWorkspace } from '../src/lib/server/db/queries/workspaces';
import { seededRng } from '../src/lib/domain/random';

const TARGET_ROWS_PER_S = 200_000;
const TARGET_RSS_MB = 300;
const TARGET_RATIO = 3;

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(name);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

/** A whole-number option of at least 1, or its default; anything else stops the benchmark with a clear message. */
function countArg(name: string, fallback: number): number {
	const v = arg(name);
	if (v === undefined) return fallback;
	const n = Number(v);
	if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1, got "${v}"`);
	return n;
}

function generateStatement(file: string, rows: number, seed = 42): void {
	const rand = seededRng(seed);
	const fd = fs.openSync(file, 'w');
	const items = ['Workshop ticket', 'Coaching call', 'Digital download', 'Membership', 'Sponsorship', 'Course', 'Tip', 'Commission'];
	const people = ['Mina Hart', 'Theo Park', 'Acme Flour Co', 'Ruth Okonkwo', 'Sven Larsen', 'Jana Mala', 'Brightloaf Mills'];
	const currencies = ['USD', 'USD', 'USD', 'EUR', 'CNY'];
	let buf = 'date,description,counterparty,gross,fee,tax,net,currency,external_id\n';
	const start = Date.UTC(2023, 0, 1);
	for (let i = 0; i < rows; i++) {
		// Rows in date order, about 1,400 a day over two years.
		const day = new Date(start + Math.floor((i / rows) * 730) * 86_400_000).toISOString().slice(0, 10);
		const gross = 100 + Math.floor(rand() * 500_000);
		const fee = Math.floor(gross * 0.03);
		const tax = rand() < 0.1 ? Math.floor(gross * 0.05) : 0;
		const net = gross - fee - tax;
		const f = (m: number) => `${Math.floor(m / 100)}.${String(m % 100).padStart(2, '0')}`;
		buf += `${day},${items[Math.floor(rand() * items.length)]} #${i % 977},${people[Math.floor(rand() * people.length)]},${f(gross)},${f(fee)},${f(tax)},${f(net)},${currencies[Math.floor(rand() * currencies.length)]},txn_${i.toString(36).padStart(8, '0')}\n`;
		if (buf.length > 1 << 20) {
			fs.writeSync(fd, buf);
			buf = '';
		}
	}
	fs.writeSync(fd, buf);
	fs.closeSync(fd);
}

interface Timed {
	seconds: number;
	cpuSeconds: number;
	rssMb: number;
	status: number;
	stdout: string;
	stderr: string;
}

function timeChild(cmd: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Timed {
	const t0 = process.hrtime.bigint();
	const r = spawnSync('/usr/bin/time', ['-v', cmd, ...args], { env, input, encoding: 'utf8', maxBuffer: 64 << 20 });
	const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
	const err = r.stderr ?? '';
	const num = (re: RegExp) => Number(re.exec(err)?.[1] ?? NaN);
	return {
		seconds,
		cpuSeconds: num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/),
		rssMb: num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024,
		status: r.status ?? -1,
		stdout: r.stdout ?? '',
		stderr: err
	};
}

interface Floors {
	papa: number;
	analyse: number;
	/** The same analysis dropping its rows chunk by chunk, as the CLI's parse worker and the side-by-side thread do. */
	analyseStreamed: number;
	write: number;
	written: number;
	/** The two halves at the same moment (analysis in a second thread, nothing passed between them). */
	pair: { analyse: number; write: number; wall: number };
}

function importFloors(root: string, csv: string, dbFile: string, env: NodeJS.ProcessEnv): Floors {
	const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'import-floors.ts'), csv, dbFile], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
	if (r.status !== 0) throw new Error(`import-floors failed (exit ${r.status}): ${r.stderr}`);
	return JSON.parse(r.stdout) as Floors;
}

function table(rows: string[][]): string {
	const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
	return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

async function main(): Promise<number> {
	const given = arg('--csv');
	let rows = countArg('--rows', 1_000_000);
	const runs = countArg('--runs', 3);
	const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-bench-'));
	const csv = given ? path.resolve(given) : path.join(dir, 'statement.csv');
	const dbFile = path.join(dir, 'bench.db');
	const load = os.loadavg();
	try {
		const t = Date.now();
		if (given) {
			const text = fs.readFileSync(csv, 'latin1');
			rows = -1;
			for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) rows++;
		} else generateStatement(csv, rows);
		const size = fs.statSync(csv).size;
		console.log(`${given ? 'reused' : 'generated'} ${rows.toLocaleString('en')} rows (${(size / 1024 / 1024).toFixed(1)} MB) in ${((Date.now() - t) / 1000).toFixed(1)} s → ${csv}`);

		// The CLI exactly as `npm run ledger` runs it (scripts/ledger.js: compiled bundle, migrations,
		// parse worker, commit), in its own process, into a fresh database each time; the baseline is
		// sqlite3's own CSV import of the same file into a plain table. They take turns, `--runs` times
		// (default 3): on a shared machine one run can be slowed by its neighbours, so the figures are
		// medians and the ratio is that of the medians. A first run compiles the bundle: not timed.
		const ledger = path.join(root, 'scripts', 'ledger.js');
		const env = { ...process.env, DATABASE_PATH: dbFile, MAX_UPLOAD_MB: '1024' };
		spawnSync(process.execPath, [ledger, '--help'], { env, encoding: 'utf8' });
		const clis: Timed[] = [];
		const bases: Timed[] = [];
		const floors: Floors[] = [];
		for (let r = 0; r < runs; r++) {
			for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) fs.rmSync(f, { force: true });
			const db = openDatabase(dbFile);
			createWorkspace(db, 'Bench', 'USD', null);
			db.$client.close();
			const cli = timeChild(process.execPath, [ledger, 'import', csv, '--workspace', 'Bench', '--json'], env);
			if (cli.status !== 0) {
				console.error(cli.stdout, cli.stderr);
				throw new Error(`the import failed (exit ${cli.status})`);
			}
			const out = JSON.parse(cli.stdout) as { rows: { income: number; errors: number } };
			if (out.rows.income !== rows) throw new Error(`imported ${out.rows.income} rows, expected ${rows}`);
			clis.push(cli);
			const base = timeChild('sqlite3', [':memory:'], process.env, `.mode csv\n.import ${csv} t\nSELECT COUNT(*) FROM t;\n`);
			if (base.status !== 0) throw new Error(`sqlite3 failed: ${base.stderr}`);
			bases.push(base);
			const floor = importFloors(root, csv, path.join(dir, 'floors.db'), env);
			if (floor.written !== rows) throw new Error(`the floors' commit wrote ${floor.written} rows, expected ${rows}`);
			floors.push(floor);
			console.log(
				`run ${r + 1}/${runs}: CLI ${cli.seconds.toFixed(2)} s (${cli.cpuSeconds.toFixed(2)} CPU s, ${cli.rssMb.toFixed(0)} MB) · sqlite3 ${base.seconds.toFixed(2)} s` +
					` · alone: Papa Parse ${floor.papa.toFixed(2)} s, analyse ${floor.analyse.toFixed(2)} s (rows dropped ${floor.analyseStreamed.toFixed(2)} s), write ${floor.write.toFixed(2)} s` +
					` · side by side: ${floor.pair.wall.toFixed(2)} s (analyse ${floor.pair.analyse.toFixed(2)} s, write ${floor.pair.write.toFixed(2)} s)`
			);
		}
		const median = (xs: number[]) => {
			const a = [...xs].sort((x, y) => x - y);
			return a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
		};
		const cli = { seconds: median(clis.map((c) => c.seconds)), cpuSeconds: median(clis.map((c) => c.cpuSeconds)), rssMb: Math.max(...clis.map((c) => c.rssMb)) };
		const base = { seconds: median(bases.map((c) => c.seconds)), cpuSeconds: median(bases.map((c) => c.cpuSeconds)), rssMb: Math.max(...bases.map((c) => c.rssMb)) };
		const floor = {
			papa: median(floors.map((f) => f.papa)),
			analyse: median(floors.map((f) => f.analyse)),
			analyseStreamed: median(floors.map((f) => f.analyseStreamed)),
			write: median(floors.map((f) => f.write)),
			pair: {
				analyse: median(floors.map((f) => f.pair.analyse)),
				write: median(floors.map((f) => f.pair.write)),
				wall: median(floors.map((f) => f.pair.wall))
			}
		};
		const rowsPerS = rows / cli.seconds;
		const ratio = cli.seconds / base.seconds;

		const endLoad = os.loadavg();
		const n = (x: number) => Math.round(x).toLocaleString('en');
		console.log('');
		console.log(`load average at start ${load.map((l) => l.toFixed(2)).join(' ')} · at end ${endLoad.map((l) => l.toFixed(2)).join(' ')} · ${os.cpus().length} cores`);
		console.log(`medians of ${runs} run(s); peak RSS is the largest seen`);
		console.log(
			table([
				['', 'rows', 'wall s', 'rows/s', 'CPU s', 'rows/CPU s', 'peak RSS MB'],
				['CLI import', n(rows), cli.seconds.toFixed(2), n(rowsPerS), cli.cpuSeconds.toFixed(2), n(rows / cli.cpuSeconds), cli.rssMb.toFixed(0)],
				['sqlite3 .import', n(rows), base.seconds.toFixed(2), n(rows / base.seconds), base.cpuSeconds.toFixed(2), n(rows / base.cpuSeconds), base.rssMb.toFixed(0)]
			])
		);
		console.log(`ratio: ${ratio.toFixed(2)}× the sqlite3 baseline by wall time (${(cli.cpuSeconds / base.cpuSeconds).toFixed(2)}× by CPU time)`);
		console.log('');
		// Each half of the import on its own (scripts/import-floors.ts): the CLI runs them side by
		// side, so it can be no faster than the slower of the two. Its parse worker keeps no rows, so
		// its half is the analysis with rows dropped (keeping them all, texts interned, is slower).
		const bound = Math.max(floor.analyseStreamed, floor.write);
		console.log('each half alone, in one thread (medians):');
		console.log(
			table([
				['', 'wall s', 'rows/s', '× sqlite3'],
				['Papa Parse, nothing done per row', floor.papa.toFixed(2), n(rows / floor.papa), (floor.papa / base.seconds).toFixed(2)],
				['analyse (parse, decode, normalise), rows kept', floor.analyse.toFixed(2), n(rows / floor.analyse), (floor.analyse / base.seconds).toFixed(2)],
				['analyse, rows dropped chunk by chunk', floor.analyseStreamed.toFixed(2), n(rows / floor.analyseStreamed), (floor.analyseStreamed / base.seconds).toFixed(2)],
				['write (commit of analysed rows)', floor.write.toFixed(2), n(rows / floor.write), (floor.write / base.seconds).toFixed(2)]
			])
		);
		console.log(`the CLI overlaps the two halves: at best the slower one, ${bound.toFixed(2)} s = ${n(rows / bound)} rows/s; the CLI took ${(cli.seconds / bound).toFixed(2)}× that`);
		// The same two halves started together in two threads, with nothing passed between them: the
		// overlap this machine gives before any hand-off cost (each half slows the other down here).
		const pair = floor.pair;
		console.log(
			`side by side (analysis in a second thread while the write runs, medians): both done in ${pair.wall.toFixed(2)} s = ${n(rows / pair.wall)} rows/s` +
				` (analyse ${pair.analyse.toFixed(2)} s = ${(pair.analyse / floor.analyseStreamed).toFixed(2)}× alone, write ${pair.write.toFixed(2)} s = ${(pair.write / floor.write).toFixed(2)}× alone);` +
				` the CLI took ${(cli.seconds / pair.wall).toFixed(2)}× that`
		);
		console.log('');
		const checks = [
			[`throughput ≥ ${n(TARGET_ROWS_PER_S)} rows/s`, `${n(rowsPerS)} rows/s`, rowsPerS >= TARGET_ROWS_PER_S],
			[`peak RSS < ${TARGET_RSS_MB} MB`, `${cli.rssMb.toFixed(0)} MB`, cli.rssMb < TARGET_RSS_MB],
			[`at most ${TARGET_RATIO}× sqlite3`, `${ratio.toFixed(2)}×`, ratio <= TARGET_RATIO]
		] as const;
		console.log(table([['target', 'measured', 'met'], ...checks.map(([what, got, ok]) => [what, got, ok ? 'yes' : 'NO'])]));
		return checks.every(([, , ok]) => ok) ? 0 : 1;
	} finally {
		if (!process.argv.includes('--keep')) fs.rmSync(dir, { recursive: true, force: true });
	}
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main().then(
	(code) => process.exit(code),
	(e) => {
		console.error(`bench failed: ${(e as Error).message}`);
		process.exit(2);
	}
);
