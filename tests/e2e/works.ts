/** The works page's forms as a user fills them, shared by the end-to-end files that set up works. */
import type { Page } from 'playwright-core';

/** Opens "Add a commission rule" (its summary text in the page's language), fills the rule and saves it. */
export async function addCommissionRule(page: Page, summary: string, rule: { ratePercent: string; minPlays: string; minCompletionPercent: string }): Promise<void> {
	const f = 'form[action="?/addRule"]';
	await page.click(`summary:has-text("${summary}")`);
	for (const [name, value] of Object.entries(rule)) await page.fill(`${f} input[name=${name}]`, value);
	const count = await page.locator('[data-testid=commission-rule]').count();
	await page.click(`${f} button`);
	await page.waitForFunction((n) => document.querySelectorAll('[data-testid=commission-rule]').length > n, count);
}

/** Fills "Add a work" (inputs by name) and waits for the new row in the list. */
export async function addWork(page: Page, fields: Record<string, string>): Promise<void> {
	const f = 'form[action="?/addWork"]';
	for (const [name, value] of Object.entries(fields)) await page.fill(`${f} input[name=${name}]`, value);
	const count = await page.locator('[data-testid=work-row]').count();
	await page.click(`${f} button`);
	await page.waitForFunction((n) => document.querySelectorAll('[data-testid=work-row]').length > n, count);
}
