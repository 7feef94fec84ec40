/**
 * The production build, served for real over HTTP on a temporary SQLite file: integration tests
 * that must go through hooks, routing, form actions and SvelteKit's CSRF check use this instead of
 * calling route modules by hand. The build is made once per source state (a folder named by the
 * newest source mtime, built under the shared build lock) and reused by every test file;
 * E2E_SKIP_BUILD=1 reuses E2E_BUILD_DIR (or ./build) as the e2e runner does.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_SOURCES, newestMtime, skipGenerated } from '../../../scripts/newest-mtime.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Environment for child processes without Vitest's markers (vite.config.ts changes under VITEST). */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('VITEST') && k !== 'TEST') env[k] = v;
	env.NODE_ENV = 'production';
	return { ...env, ...extra };
}

export function ensureBuild(): string {
	if (process.env.E2E_SKIP_BUILD) return path.resolve(root, process.env.E2E_BUILD_DIR ?? 'build');
	const stamp = Math.floor(newestMtime(root, BUILD_SOURCES, skipGenerated));
	// Inside the project, so the server resolves its dependencies from ./node_modules.
	const cache = path.join(root, 'node_modules', '.cache');
	const dir = path.join(cache, `cl-test-build-${stamp}`);
	if (fs.existsSync(path.join(dir, '.complete'))) return dir;
	// Builds of older sources that nobody has used for an hour are dropped.
	for (const old of fs.existsSync(cache) ? fs.readdirSync(cache) : []) {
		const p = path.join(cache, old);
		if (old.startsWith('cl-test-build-') && Date.now() - fs.statSync(p).mtimeMs > 3_600_000) fs.rmSync(p, { recursive: true, force: true });
	}
	const script = `test -f '${dir}/.complete' || (npx vite build --logLevel warn && touch '${dir}/.complete')`;
	const r = spawnSync('flock', ['/tmp/cl-build.lock', 'sh', '-c', script], {
		cwd: root,
		env: childEnv({ BUILD_DIR: dir }),
		encoding: 'utf8'
	});
	if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
	return dir;
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.listen(0, '127.0.0.1', () => {
			const port = (srv.address() as net.AddressInfo).port;
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

export interface Server {
	baseURL: string;
	dbPath: string;
	/** fetch against the server, never following redirects, with a same-origin Origin header. */
	request(pathname: string, init?: RequestInit & { cookie?: string; form?: Record<string, string> }): Promise<Response>;
	stop(): Promise<void>;
}

/** Starts the build on a fresh database; `prepare(dbPath)` may seed it before the server opens it. */
export async function startServer(env: Record<string, string> = {}): Promise<Server> {
	const buildDir = ensureBuild();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-int-'));
	const dbPath = path.join(dir, 'ledger.db');
	const port = await freePort();
	const baseURL = `http://127.0.0.1:${port}`;
	let output = '';
	const child: ChildProcess = spawn(process.execPath, [path.join(buildDir, 'index.js')], {
		env: childEnv({ DATABASE_PATH: dbPath, PORT: String(port), HOST: '127.0.0.1', ORIGIN: baseURL, ...env }),
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const deadline = Date.now() + 20_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
		try {
			if ((await fetch(`${baseURL}/health`)).ok) break;
		} catch {
			/* not up yet */
		}
		if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		baseURL,
		dbPath,
		request(pathname, init = {}) {
			const headers = new Headers(init.headers);
			if (init.cookie) headers.set('cookie', init.cookie);
			if (!headers.has('origin')) headers.set('origin', baseURL);
			if (!headers.has('accept')) headers.set('accept', 'text/html,application/json;q=0.9,*/*;q=0.8');
			let body = init.body;
			if (init.form) {
				body = new URLSearchParams(init.form);
				headers.set('content-type', 'application/x-www-form-urlencoded');
			}
			return fetch(baseURL + pathname, { ...init, headers, body, redirect: 'manual' });
		},
		async stop() {
			child.kill('SIGTERM');
			if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}
