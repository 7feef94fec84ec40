/**
 * `npm run bench`: runs every scripts/bench-*.ts in turn (import throughput against sqlite3's
 * .import, dashboard/metrics time against DuckDB). Each prints its own figures and the ratio
 * against a baseline measured in the same run. `npm run bench -- import` runs only matching ones;
 * `npm run bench -- import --runs 5` passes the options on.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
// Words choose benchmarks; options (`--runs 5`, `--rows 200000`) are passed on to each of them.
const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('--'));
const filter = firstOption < 0 ? args : args.slice(0, firstOption);
const passOn = firstOption < 0 ? [] : args.slice(firstOption);
const benches = fs
	.readdirSync(dir)
	.filter((f) => /^bench-.+\.ts$/.test(f))
	.filter((f) => filter.length === 0 || filter.some((w) => f.includes(w)))
	.sort();
if (benches.length === 0) {
	console.error('no benchmark matched');
	process.exit(1);
}
let failed = 0;
for (const file of benches) {
	console.log(`\n=== ${file} ===`);
	const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, file), ...passOn], { stdio: 'inherit' });
	if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
