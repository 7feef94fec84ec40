/**
 * The import benchmark's floors (run by bench-import.ts in a child process, once per run): what
 * each half of an import costs on its own on this machine, in the same run as the CLI figures.
 *
 * - parse floor: Papa Parse streaming the file with nothing done per row (the library alone);
 * - analyse: the preview's own parse, decode and normalise of the whole file in one thread
 *   (analyseStatement, rows kept in memory);
 * - write: the commit of those rows with the app's own writer (commitImport) into a fresh
 *   database with the app's migrations: every index, the duplicate checks, the roll-up and the
 *   COMMIT, with no parsing going on at the same time.
 *
 * The CLI overlaps the two halves (parse worker and writer), so its wall time can never be below
 * the larger of `analyse` and `write`; `write` alone, in rows/s, is the most the current storage
 * model can give. Prints one line of JSON.
 *
 *   node --import tsx scripts/import-floors.ts FILE.csv DB_FILE
 */
import fs from 'node:fs';
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
	// As the CLI writes: foreign keys are not checked row by row (see importStatement).
	db.$client.pragma('foreign_keys = OFF');
	t0 = process.hrtime.bigint();
	const result = commitImport(db, workspaceId, null, plan);
	db.$client.close();
	const write = seconds(t0);
	console.log(JSON.stringify({ papa: papa.seconds, papaRows: papa.rows, analyse, write, written: result.earningsInserted + result.payoutsInserted }));
}

main().catch((e: unknown) => {
	console.error(e instanceof Error ? e.stack : String(e));
	process.exit(1);
});
