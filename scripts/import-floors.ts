/**
 * The import benchmark's floors (run by bench-import.ts in a child process, once per run): what
 * each half of an import costs on its own on this machine, in the same run as the CLI figures.
 *
 * - parse floor: Papa Parse streaming the file with nothing done per row (the library alone);
 * - analyse: the preview's own parse, decode and normalise of the whole file in one thread
 *   (analyseStatement, rows kept in memory: the plan the write floor commits);
 * - analyseStreamed: the same analysis dropping its rows chunk by chunk, as the CLI's parse worker
 *   and the side-by-side analysis do (keeping every row, with its texts interned, makes the analysis a
 *   fifth or more slower, so `analyse` is not the CLI's half);
 * - write: the commit of those rows with the app's own writer (commitImport) into a fresh
 *   database with the app's migrations: every index, the duplicate checks, the roll-up and the
 *   COMMIT, with no parsing going on at the same time.
 *
 * - side by side: the same two halves at the same moment, the analysis in a second thread (rows
 *   dropped) while this thread commits the kept rows into another fresh database. Nothing passes
 *   between them, so this is the CLI's overlap with no hand-off cost: what the machine gives when
 *   both halves run at once (on a VM whose two vCPUs slow each other down, each half runs slower
 *   than alone).
 *
 * The CLI overlaps the two halves (parse worker and writer), so its wall time can never be below
 * the larger of `analyseStreamed` and `write`, nor in practice below `pair`; `write` alone, in rows/s, is
 * the most the current storage model can give. Prints one line of JSON.
 *
 *   node --import tsx scripts/import-floors.ts FILE.csv DB_FILE
 */
import fs from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import Papa from 'papaparse';
import { openDatabase } from '../src/lib/server/db/client';
import { createWorkspace } from '../src/lib/server/db/queries/workspaces';
import { commitImport } from '../src/lib/server/import/commit';
import { analyseStatement, fileSource } from '../src/lib/server/import/pipeline';

function seconds(t0: bigint): number {
	return Number(process.hrtime.bigint() - t0) / 1e9;
}

function papaAlone(file: string): Promise<{ seconds: number; rows: number }> {
	const t0 = process.hrtime.bigint();
	let rows = 0;
	return new Promise((resolve, reject) => {
		Papa.parse(fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }), {
			chunk: (r: Papa.ParseResult<unknown>) => {
				rows += r.data.length;
			},
			complete: () => resolve({ seconds: seconds(t0), rows }),
			error: reject
		});
	});
}

/** The analysis as the CLI's parse worker runs it: each chunk's rows handed to a sink (here dropped), none kept. */
function analyseStreamed(file: string) {
	return analyseStatement(fileSource(file), { sink: { start() {}, rows: () => true } });
}

/** The side-by-side analysis, in a worker thread: waits for "go", analyses the file dropping its rows, posts its time. */
function analysisThread(file: string): void {
	parentPort!.once('message', () => {
		const t0 = process.hrtime.bigint();
		analyseStreamed(file).then(
			(plan) => parentPort!.postMessage({ seconds: seconds(t0), rows: plan.counts.income, end: Date.now() }),
			(e: unknown) => parentPort!.postMessage({ error: String(e) })
		);
	});
	parentPort!.postMessage('ready');
}

/** Start the analysis thread (from the TypeScript sources, through tsx's loader) and wait until it has loaded. */
function startAnalysisThread(file: string): Promise<Worker> {
	const url = import.meta.url;
	const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); })`;
	const worker = new Worker(boot, { eval: true, workerData: { file } });
	return new Promise((resolve, reject) => {
		worker.once('message', () => resolve(worker));
		worker.once('error', reject);
	});
}

async function main(): Promise<void> {
	const [file, dbFile] = process.argv.slice(2);
	if (!file || !dbFile) throw new Error('usage: import-floors.ts FILE.csv DB_FILE');
	const papa = await papaAlone(file);

	for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) fs.rmSync(f, { force: true });
	const db = openDatabase(dbFile);
	const workspaceId = createWorkspace(db, 'Floors', 'USD', null).id;
	let t0 = process.hrtime.bigint();
	const plan = await analyseStatement(fileSource(file), {});
	const analyse = seconds(t0);
	if (!plan.ok || plan.fatal) throw new Error(`the file did not analyse: ${plan.fatal?.message ?? 'not ok'}`);
	// The same analysis as the side-by-side thread runs it, alone: the baseline its time is compared with.
	t0 = process.hrtime.bigint();
	const streamed = await analyseStreamed(file);
	const analyseStreamedSeconds = seconds(t0);
	if (streamed.counts.income !== plan.counts.income) throw new Error(`the streamed analysis read ${streamed.counts.income} rows, not ${plan.counts.income}`);
	// As the CLI writes: foreign keys are not checked row by row (see importStatement).
	db.$client.pragma('foreign_keys = OFF');
	t0 = process.hrtime.bigint();
	const result = commitImport(db, workspaceId, null, plan);
	db.$client.close();
	const write = seconds(t0);

	// Side by side: the analysis in a second thread while this one writes, started together.
	const pairFile = `${dbFile}-pair`;
	for (const f of [pairFile, `${pairFile}-wal`, `${pairFile}-shm`]) fs.rmSync(f, { force: true });
	const pairDb = openDatabase(pairFile);
	const pairWorkspace = createWorkspace(pairDb, 'Floors', 'USD', null).id;
	pairDb.$client.pragma('foreign_keys = OFF');
	const worker = await startAnalysisThread(file);
	const analysed = new Promise<{ seconds: number; rows: number; end: number; error?: string }>((resolve) => worker.once('message', resolve));
	const start = Date.now();
	worker.postMessage('go');
	t0 = process.hrtime.bigint();
	const pairResult = commitImport(pairDb, pairWorkspace, null, plan);
	pairDb.$client.close();
	const pairWrite = seconds(t0);
	const writeEnd = Date.now();
	const other = await analysed;
	await worker.terminate();
	if (other.error || other.rows !== plan.counts.income) throw new Error(`the side-by-side analysis failed: ${other.error ?? `${other.rows} rows`}`);
	if (pairResult.earningsInserted !== result.earningsInserted) throw new Error('the side-by-side commit wrote a different number of rows');
	for (const f of [pairFile, `${pairFile}-wal`, `${pairFile}-shm`]) fs.rmSync(f, { force: true });
	const pair = { analyse: other.seconds, write: pairWrite, wall: (Math.max(writeEnd, other.end) - start) / 1000 };
	console.log(JSON.stringify({ papa: papa.seconds, papaRows: papa.rows, analyse, analyseStreamed: analyseStreamedSeconds, write, written: result.earningsInserted + result.payoutsInserted, pair }));
}

if (isMainThread) {
	main().catch((e: unknown) => {
		console.error(e instanceof Error ? e.stack : String(e));
		process.exit(1);
	});
} else analysisThread((workerData as { file: string }).file);
