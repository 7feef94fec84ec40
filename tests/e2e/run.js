#!/usr/bin/env node
// End-to-end tests: build once, then run every tests/e2e/*.e2e.ts file with Node's test runner.
// Each file starts its own server on a fresh temporary database (see app.ts), so files never
// share state. Chromium comes from CHROMIUM_PATH or /usr/bin/chromium; nothing is downloaded.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
	console.error(
		`Chromium not found at ${chromium}: install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH.`
	);
	process.exit(1);
}
// The report tests turn the printed PDF into text and pictures with poppler's tools.
const missing = ['pdftotext', 'pdftoppm'].filter(
	(tool) => spawnSync(tool, ['-v'], { stdio: 'ignore' }).error !== undefined
);
if (missing.length > 0) {
	console.error(
		`${missing.join(' and ')} not found: install them (Debian/Ubuntu: sudo apt-get install -y poppler-utils).`
	);
	process.exit(1);
}

const buildDir = process.env.E2E_BUILD_DIR || path.join(root, 'build');
if (!process.env.E2E_SKIP_BUILD) {
	console.log(`e2e: building into ${path.relative(root, buildDir) || buildDir}…`);
	const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, BUILD_DIR: buildDir }
	});
	if (build.status !== 0) {
		console.error('e2e: the build failed.');
		process.exit(build.status ?? 1);
	}
}

const only = process.argv.slice(2);
const files = (only.length ? only : fs.readdirSync(here).filter((f) => f.endsWith('.e2e.ts')).sort()).map((f) =>
	path.isAbsolute(f) ? f : path.join(here, path.basename(f))
);
if (files.length === 0) {
	console.error('e2e: no test files found (tests/e2e/*.e2e.ts).');
	process.exit(1);
}
const result = spawnSync(
	process.execPath,
	['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
	{ cwd: root, stdio: 'inherit', env: { ...process.env, CHROMIUM_PATH: chromium, E2E_BUILD_DIR: buildDir, E2E_SKIP_BUILD: '1' } }
);
process.exit(result.status ?? 1);
