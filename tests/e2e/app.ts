/**
 * Test harness for end-to-end files: a fresh server (the production build) on a fresh temporary
 * SQLite file and a free port, and a headless system Chromium driven by playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export interface App {
	baseURL: string;
	dbPath: string;
	browser: Browser;
	/** A new isolated browser context (cookies etc.); `js: false` turns JavaScript off. */
	context(options?: { js?: boolean; locale?: string; width?: number; height?: number }): Promise<BrowserContext>;
	stop(): Promise<void>;
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

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
	const deadline = Date.now() + 20_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`server exited early:\n${log()}`);
		try {
			const r = await fetch(url, { redirect: 'manual' });
			if (r.status < 500) return;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 150));
	}
	throw new Error(`server did not start:\n${log()}`);
}

export async function startApp(env: Record<string, string> = {}): Promise<App> {
	const buildDir = process.env.E2E_BUILD_DIR ?? path.resolve('build');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-e2e-'));
	const dbPath = path.join(dir, 'ledger.db');
	const port = await freePort();
	const baseURL = `http://127.0.0.1:${port}`;
	let output = '';
	const child = spawn(process.execPath, [path.join(buildDir, 'index.js')], {
		env: { ...process.env, DATABASE_PATH: dbPath, PORT: String(port), HOST: '127.0.0.1', ORIGIN: baseURL, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	await waitForHealth(`${baseURL}/`, child, () => output);
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage'
		]
	});
	return {
		baseURL,
		dbPath,
		browser,
		context: (o = {}) =>
			browser.newContext({
				baseURL,
				javaScriptEnabled: o.js ?? true,
				locale: o.locale ?? 'en-US',
				viewport: { width: o.width ?? 1280, height: o.height ?? 900 }
			}),
		async stop() {
			await browser.close();
			child.kill('SIGTERM');
			await new Promise((r) => child.once('exit', r));
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** Waits for the page's client-side app to take over links and forms (only when JS is on). */
export async function hydrated(page: Page): Promise<void> {
	await page.waitForFunction(() => document.body.dataset.hydrated === 'true', null, { timeout: 10_000 });
}
