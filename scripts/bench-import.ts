/**
 * Import benchmark: generates (seeded) a 1,000,000-row statement in Creator Ledger's plain layout
 * into a temporary folder, imports it with the CLI in a child process (wall time → rows/s, peak
 * RSS from /usr/bin/time -v), and imports the same file with `sqlite3 :memory: .import` as the
 * baseline. Prints the figures and the ratio; exits non-zero when a target is missed.
 *
 *   npx tsx scripts/bench-import.ts [--rows N] [--keep]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/lib/server/db/client';
import { createWorkspace } from '../src/lib/server/db/queries/workspaces';

const TARGET_ROWS_PER_S = 200_000;
const TARGET_RSS_MB = 300;
const TARGET_RATIO = 3;

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(name);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

/** mulberry32: a small seeded generator, so every run imports the same file. */
function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function generateStatement(file: string, rows: number, seed = 42): void {
	const rand = rng(seed);
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

function timeChild(cmd: string, args: string[], env: NodeJS.ProcessEnv, input?: string): { seconds: number; rssMb: number; status: number; stdout: string; stderr: string } {
	const t0 = process.hrtime.bigint();
	const r = spawnSync('/usr/bin/time', ['-v', cmd, ...args], { env, input, encoding: 'utf8', maxBuffer: 64 << 20 });
	const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
	const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
	return { seconds, rssMb: m ? Number(m[1]) / 1024 : NaN, status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

async function main(): Promise<number> {
	const rows = Number(arg('--rows') ?? 1_000_000);
	const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-bench-'));
	const csv = path.join(dir, 'statement.csv');
	const dbFile = path.join(dir, 'bench.db');
	try {
		let t = Date.now();
		generateStatement(csv, rows);
		const size = fs.statSync(csv).size;
		console.log(`generated ${rows.toLocaleString('en')} rows (${(size / 1024 / 1024).toFixed(1)} MB) in ${((Date.now() - t) / 1000).toFixed(1)} s → ${csv}`);

		const db = openDatabase(dbFile);
		createWorkspace(db, 'Bench', 'USD', null);
		db.$client.close();

		// The CLI exactly as a user runs it (tsx, migrations, parse, commit), in its own process.
		const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
		const env = { ...process.env, DATABASE_PATH: dbFile, MAX_UPLOAD_MB: '1024' };
		const cli = timeChild(tsx, [path.join(root, 'src/cli/ledger.ts'), 'import', csv, '--workspace', 'Bench', '--json'], env);
		if (cli.status !== 0) {
			console.error(cli.stdout, cli.stderr);
			throw new Error(`the import failed (exit ${cli.status})`);
		}
		const out = JSON.parse(cli.stdout) as { rows: { income: number; errors: number } };
		if (out.rows.income !== rows) throw new Error(`imported ${out.rows.income} rows, expected ${rows}`);
		const rowsPerS = rows / cli.seconds;

		// Baseline: sqlite3's own CSV import of the same file into a plain table.
		const base = timeChild('sqlite3', [':memory:'], process.env, `.mode csv\n.import ${csv} t\nSELECT COUNT(*) FROM t;\n`);
		if (base.status !== 0) throw new Error(`sqlite3 failed: ${base.stderr}`);
		const ratio = cli.seconds / base.seconds;

		t = Date.now();
		console.log('');
		console.log(`CLI import        ${cli.seconds.toFixed(2)} s   ${Math.round(rowsPerS).toLocaleString('en')} rows/s   peak RSS ${cli.rssMb.toFixed(0)} MB`);
		console.log(`sqlite3 .import   ${base.seconds.toFixed(2)} s   ${Math.round(rows / base.seconds).toLocaleString('en')} rows/s   peak RSS ${base.rssMb.toFixed(0)} MB`);
		console.log(`ratio             ${ratio.toFixed(2)}× the sqlite3 baseline`);
		const checks = [
			[`throughput ≥ ${TARGET_ROWS_PER_S.toLocaleString('en')} rows/s`, rowsPerS >= TARGET_ROWS_PER_S],
			[`peak RSS < ${TARGET_RSS_MB} MB`, cli.rssMb < TARGET_RSS_MB],
			[`at most ${TARGET_RATIO}× sqlite3`, ratio <= TARGET_RATIO]
		] as const;
		for (const [what, ok] of checks) console.log(`${ok ? 'PASS' : 'MISS'}  ${what}`);
		return checks.every(([, ok]) => ok) ? 0 : 1;
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
