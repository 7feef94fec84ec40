/** Steps several e2e files share: first-run sign-up and sign-in through the real forms. */
import type { Page } from 'playwright-core';

export const OWNER = { email: 'narrator@example.com', password: 'correct horse battery', workspace: 'My books' };

/** Sign-up through the real form; `currency` is the first workspace's (else the form's default for the browser's language). */
export async function signUpOwner(page: Page, who = OWNER, currency?: string): Promise<void> {
	await page.goto('/signup');
	await page.fill('input[name=email]', who.email);
	await page.fill('input[name=password]', who.password);
	await page.fill('input[name=workspace]', who.workspace);
	if (currency) await page.fill('input[name=currency]', currency);
	await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/signup')), page.click('form button[type=submit]')]);
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
	await page.goto('/login');
	await page.fill('input[name=email]', email);
	await page.fill('input[name=password]', password);
	await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('form button[type=submit]')]);
}
