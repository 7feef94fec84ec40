#!/usr/bin/env node
/**
 * `npm run native` (also run by `prepare`, so by `npm install` and `npm ci`): compiles the cl_rows
 * SQLite extension (native/cl_rows.c) against the SQLite headers better-sqlite3 ships, into
 * node_modules/.cache/creator-ledger/native/cl_rows.so. The importer loads it when it is there
 * (src/lib/server/db/native.ts) and binds values one by one when it is not, so a machine without
 * a C compiler still installs and runs; this script then says so and exits 0. `--strict` exits 1
 * instead (CI, where the extension is expected).
 *
 * The compiler is $CC, else `cc`: the same toolchain node-gyp uses to build better-sqlite3 where
 * no prebuilt binary can be downloaded. Rebuilt only when the source or the headers are newer.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const strict = process.argv.includes('--strict');
const source = path.join(root, 'native', 'cl_rows.c');
const outDir = path.join(root, 'node_modules', '.cache', 'creator-ledger', 'native');
const out = path.join(outDir, 'cl_rows.so');

function give(message) {
	console.warn(`native: ${message}; imports bind values one by one instead (same result, slower).`);
	process.exit(strict ? 1 : 0);
}

if (process.platform === 'win32') give('building cl_rows on Windows is not set up');
let headers;
try {
	const require = createRequire(import.meta.url);
	headers = path.join(path.dirname(require.resolve('better-sqlite3/package.json')), 'deps', 'sqlite3');
} catch {
	give('better-sqlite3 is not installed yet');
}
if (!fs.existsSync(path.join(headers, 'sqlite3ext.h'))) give(`no sqlite3ext.h in ${headers}`);

const mtime = (f) => fs.statSync(f).mtimeMs;
if (fs.existsSync(out) && mtime(out) >= Math.max(mtime(source), mtime(path.join(headers, 'sqlite3ext.h')))) {
	console.log(`native: ${path.relative(root, out)} is up to date`);
	process.exit(0);
}
fs.mkdirSync(outDir, { recursive: true });
const cc = process.env.CC || 'cc';
const flags = process.platform === 'darwin' ? ['-bundle', '-undefined', 'dynamic_lookup'] : ['-shared'];
const tmp = `${out}.${process.pid}.tmp`;
const r = spawnSync(cc, ['-O2', '-fPIC', ...flags, '-I', headers, source, '-o', tmp, '-lm'], { stdio: ['ignore', 'inherit', 'inherit'] });
if (r.error || r.status !== 0) {
	fs.rmSync(tmp, { force: true });
	give(`${cc} could not compile native/cl_rows.c${r.error ? ` (${r.error.message})` : ''}`);
}
// Into place in one step: a running import never loads a half-written file.
fs.renameSync(tmp, out);
console.log(`native: built ${path.relative(root, out)}`);
