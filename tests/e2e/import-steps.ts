/** The import page's steps as a user takes them, shared by the end-to-end files that import statements. */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { hydrated } from './app';

const FIXTURES = path.resolve('tests/fixtures/statements');

/** Submits a form of the import page: with JavaScript, waits for the action's answer; without, for the new page. */
export async function submit(page: Page, js: boolean, selector: string): Promise<void> {
	if (js) {
		await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/import'), page.click(selector)]);
		await page.waitForTimeout(150);
	} else {
		await Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), page.click(selector)]);
	}
}

/** Opens the import page, chooses `files` (under tests/fixtures/statements) and previews them. */
export async function upload(page: Page, js: boolean, ...files: string[]): Promise<void> {
	await page.goto('/import');
	if (js) await hydrated(page);
	await page.setInputFiles('[data-testid=import-files]', files.map((f) => path.join(FIXTURES, f)));
	await submit(page, js, 'form[action="?/preview"] button:not([formaction])');
	await page.waitForSelector('[data-testid=import-preview]');
}

/** Commits the previewed files and waits for the result. */
export async function commit(page: Page, js: boolean): Promise<void> {
	await submit(page, js, '[data-testid=import-commit] button');
	await page.waitForSelector('[data-testid=import-committed]');
}
