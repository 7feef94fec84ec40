#!/usr/bin/env node
/**
 * `npm run ledger -- <command> …`: runs the command-line tool (src/cli) from a compiled bundle,
 * built with esbuild into node_modules/.cache/creator-ledger/ the first time and again whenever
 * a source is newer than the bundle. Starting from one compiled file takes about a fifth of the
 * time that compiling the TypeScript sources on every start takes (tsx): it matters for a tool
 * run from scripts, and the import benchmark times the whole process.
 *
 * The bundle keeps node_modules' native packages (better-sqlite3, argon2) external and holds
 * everything else; each command file is its own entry (the CLI discovers commands by file), and
 * so is the parse worker of parallel imports. `LEDGER_FROM_SOURCE=1` runs the sources with tsx
 * instead (what the tests do).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { newestMtime } from './newest-mtime.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'creator-ledger');
/** What the bundle is made of: a change in any of these makes a new one. */
const sources = ['src/cli', 'src/lib', 'package-lock.json', 'scripts/ledger.js'];
const WORKER = 'lib/server/import/parse-worker';

/** Mark a bundle as in use (its folder's time), so that cleaning up never removes one still running. */
function used(dir) {
	const now = new Date();
	try {
		fs.utimesSync(dir, now, now);
	} catch {
		// A read-only cache still runs.
	}
	return dir;
}

/** The bundle for the current sources: its folder is named after their newest change and this checkout. */
async function bundle() {
	const stamp = `${root}\n${newestMtime(root, sources, (name) => name.endsWith('.spec.ts') || name.endsWith('.svelte'))}`;
	const dir = path.join(cacheDir, `cli-${crypto.createHash('sha256').update(stamp).digest('hex').slice(0, 16)}`);
	if (fs.existsSync(path.join(dir, 'cli', 'ledger.js'))) return used(dir);
	const { build } = await import('esbuild');
	const commands = fs
		.readdirSync(path.join(root, 'src/cli/commands'))
		.filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !f.endsWith('.d.ts'))
		.map((f) => path.join(root, 'src/cli/commands', f));
	// Built beside its final place and renamed into it, so that two commands started at once never
	// see half a bundle.
	const tmp = `${dir}.tmp-${process.pid}`;
	await build({
		absWorkingDir: root,
		entryPoints: [path.join(root, 'src/cli/ledger.ts'), ...commands, path.join(root, `src/${WORKER}.ts`)],
		outdir: tmp,
		outbase: path.join(root, 'src'),
		bundle: true,
		splitting: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		external: ['better-sqlite3', '@node-rs/argon2'],
		// Bundled CommonJS packages (papaparse, iconv-lite) call require for Node's own modules.
		banner: { js: "import { createRequire as __clCreateRequire } from 'node:module'; const require = __clCreateRequire(import.meta.url);" },
		define: { __CL_PARSE_WORKER__: JSON.stringify(path.join(dir, `${WORKER}.js`)) },
		// The compiler options that change emitted code, as SvelteKit's generated tsconfig sets them;
		// given here so that a fresh checkout (before `svelte-kit sync` made that file) builds the same.
		tsconfigRaw: { compilerOptions: { target: 'esnext', useDefineForClassFields: true, verbatimModuleSyntax: true } },
		logLevel: 'warning'
	});
	try {
		fs.renameSync(tmp, dir);
	} catch (e) {
		// Another start built the same bundle first: use theirs.
		fs.rmSync(tmp, { recursive: true, force: true });
		if (!fs.existsSync(path.join(dir, 'cli', 'ledger.js'))) throw e;
	}
	// Bundles of earlier sources unused for a day (a run marks its bundle as used when it starts),
	// and half-built ones a crashed build left. Another start may be removing or building the same
	// folders at this moment: whatever cannot be looked at is left alone.
	const dayAgo = Date.now() - 86_400_000;
	for (const old of fs.readdirSync(cacheDir)) {
		const p = path.join(cacheDir, old);
		try {
			if (old.startsWith('cli-') && p !== dir && fs.statSync(p).mtimeMs < dayAgo) fs.rmSync(p, { recursive: true, force: true });
		} catch {
			// Gone already, or not ours to remove.
		}
	}
	return used(dir);
}

try {
	// The migrations are found from the working folder or this variable; the bundle lives elsewhere.
	process.env.MIGRATIONS_DIR ??= path.join(root, 'drizzle');
	const entry = process.env.LEDGER_FROM_SOURCE === '1' ? null : path.join(await bundle(), 'cli', 'ledger.js');
	if (entry === null) {
		const { register } = await import('tsx/esm/api');
		register();
	}
	const { main, processIO } = await import(entry ? pathToFileURL(entry).href : pathToFileURL(path.join(root, 'src/cli/ledger.ts')).href);
	process.exit(await main(process.argv.slice(2), processIO));
} catch (e) {
	process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
	process.exit(1);
}
