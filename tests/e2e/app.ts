/**
 * Test harness for end-to-end files: a fresh server (the production build) on a fresh temporary
 * SQLite file and a free port, and a headless system Chromium driven by playwright-core.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer } from '../integration/helpers/built-server';

export interface App {
	baseURL: string;
	dbPath: string;
	browser: Browser;
	/** A new isolated browser context (cookies etc.); `js: false` turns JavaScript off. */
	context(options?: { js?: boolean; locale?: string; width?: number; height?: number }): Promise<BrowserContext>;
	stop(): Promise<void>;
}

export async function startApp(env: Record<string, string> = {}): Promise<App> {
	// The same server start as the integration tests (the build run.js made, a fresh database, a free port).
	const server = await startServer(env);
	const { baseURL, dbPath } = server;
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
			await server.stop();
		}
	};
}

/** Waits for the page's client-side app to take over links and forms (only when JS is on). */
export async function hydrated(page: Page): Promise<void> {
	await page.waitForFunction(() => document.body.dataset.hydrated === 'true', null, { timeout: 10_000 });
}
