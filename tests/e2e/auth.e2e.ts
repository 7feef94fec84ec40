/**
 * Accounts in a real browser, with JavaScript on (use:enhance) and off (plain form posts):
 * first-run sign-up, sign-out, the wrong-password and back-off messages, sign-in, creating and
 * switching workspaces; then the same journey's words in Chinese.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { hydrated, startApp, type App } from './app';
import { OWNER, signUpOwner } from './session';

async function submitLogin(page: Page, js: boolean, email: string, password: string): Promise<void> {
	if (js) await hydrated(page);
	await page.fill('input[name=email]', email);
	await page.fill('input[name=password]', password);
	await Promise.all([
		js ? page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login') : page.waitForNavigation(),
		page.click('form button[type=submit]')
	]);
}

/** The sign-in error once it reads as expected (with JS on, the form updates after the response). */
async function expectLoginError(page: Page, expected: string | RegExp): Promise<void> {
	const matches = (t: string) => (typeof expected === 'string' ? t === expected : expected.test(t));
	const deadline = Date.now() + 5000;
	let text = '';
	while (Date.now() < deadline) {
		text = ((await page.locator('[data-testid=login-error]').textContent({ timeout: 1000 }).catch(() => '')) ?? '').trim();
		if (matches(text)) break;
		await page.waitForTimeout(50);
	}
	assert.ok(matches(text), `sign-in error: expected ${expected}, got "${text}"`);
}

async function signOut(page: Page, label: string): Promise<void> {
	await Promise.all([page.waitForURL((u) => u.pathname === '/login'), page.getByRole('button', { name: label, exact: true }).click()]);
}

for (const js of [true, false]) {
	describe(`accounts with JavaScript ${js ? 'on' : 'off'}`, () => {
		let app: App;
		before(async () => {
			app = await startApp();
		});
		after(async () => {
			await app.stop();
		});

		it('first run: sign-up, sign-out, wrong password, back-off, sign-in, workspace switch', async () => {
			const ctx = await app.context({ js });
			const page = await ctx.newPage();

			// A fresh instance asks for the owner account.
			await page.goto('/');
			assert.equal(new URL(page.url()).pathname, '/signup');
			assert.equal((await page.textContent('h1'))?.trim(), 'Set up Creator Ledger');
			assert.equal(await page.inputValue('input[name=currency]'), 'USD');
			if (js) await hydrated(page);
			await signUpOwner(page);
			assert.equal(new URL(page.url()).pathname, '/');
			assert.match((await page.textContent('footer')) ?? '', /Signed in as narrator@example\.com/);

			// Sign-out ends the session.
			if (js) await hydrated(page);
			await signOut(page, 'Sign out');
			assert.match((await page.textContent('main')) ?? '', /You are signed out\./);

			// Registration is now closed.
			await page.goto('/signup');
			assert.equal((await page.textContent('h1'))?.trim(), 'Registration is closed');
			await page.goto('/platforms');
			assert.equal(new URL(page.url()).pathname, '/login');

			// A wrong password says so, keeps the email, clears the password.
			await submitLogin(page, js, OWNER.email, 'not my password');
			await expectLoginError(page, 'Wrong email or password.');
			await page.waitForFunction(() => (document.querySelector('input[name=password]') as HTMLInputElement).value === '');
			assert.equal(await page.inputValue('input[name=email]'), OWNER.email);

			// Four more failures start the back-off, and the message says how long to wait.
			for (let i = 2; i <= 4; i++) await submitLogin(page, js, OWNER.email, `not my password ${i}`);
			await submitLogin(page, js, OWNER.email, 'not my password 5');
			await expectLoginError(page, 'Wrong email or password. Too many failed attempts: wait 1 seconds before trying again.');
			// Each further failure doubles the wait (2 s, then 4 s: enough margin for a slow machine).
			await page.waitForTimeout(1100);
			await submitLogin(page, js, OWNER.email, 'not my password 6');
			await expectLoginError(page, 'Wrong email or password. Too many failed attempts: wait 2 seconds before trying again.');
			await page.waitForTimeout(2100);
			await submitLogin(page, js, OWNER.email, 'not my password 7');
			await expectLoginError(page, 'Wrong email or password. Too many failed attempts: wait 4 seconds before trying again.');
			// While locked even the right password is refused, and the page says how long to wait.
			await submitLogin(page, js, OWNER.email, OWNER.password);
			await expectLoginError(page, /^Too many failed sign-ins\. Wait [1-4] seconds, then try again\.$/);

			// Once the wait is over the right password works (and `next` brings us back).
			await page.waitForTimeout(4100);
			await Promise.all([page.waitForURL((u) => u.pathname === '/platforms'), submitLogin(page, js, OWNER.email, OWNER.password)]);

			// An agency creates a second workspace; it opens, and the header switches between them.
			await page.goto('/settings/members');
			if (js) await hydrated(page);
			await page.fill('form[action="?/create"] input[name=name]', 'Second creator');
			await page.fill('form[action="?/create"] input[name=currency]', 'cny');
			await Promise.all([
				page.waitForURL((u) => u.searchParams.has('created')),
				page.click('form[action="?/create"] button[type=submit]')
			]);
			assert.match((await page.textContent('[role=status]')) ?? '', /Workspace “Second creator” created and opened\./);
			const switcher = page.locator('select[name=workspaceId]');
			assert.equal(await switcher.locator('option:checked').textContent(), 'Second creator');
			await switcher.selectOption({ label: OWNER.workspace });
			await Promise.all([
				page.waitForURL((u) => u.pathname === '/settings'),
				page.getByRole('button', { name: 'Switch', exact: true }).click()
			]);
			assert.equal(await page.locator('select[name=workspaceId] option:checked').textContent(), OWNER.workspace);
			assert.match((await page.textContent('footer')) ?? '', new RegExp(`${OWNER.workspace} \\(owner\\)`));
			await ctx.close();
		});
	});
}

describe('accounts in Chinese', () => {
	let app: App;
	before(async () => {
		app = await startApp();
	});
	after(async () => {
		await app.stop();
	});

	it('first-run sign-up defaults to CNY, and sign-out and the wrong-password message are in Chinese', async () => {
		const ctx = await app.context({ js: true, locale: 'zh-CN' });
		const page = await ctx.newPage();
		await page.goto('/');
		assert.equal(new URL(page.url()).pathname, '/signup');
		assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
		assert.equal((await page.textContent('h1'))?.trim(), '设置创作者账本');
		assert.equal(await page.inputValue('input[name=currency]'), 'CNY');
		assert.equal(await page.inputValue('input[name=workspace]'), '我的收入');
		await hydrated(page);
		// The form explains a weak password in Chinese.
		await page.fill('input[name=email]', 'zhang@example.com');
		await page.fill('input[name=password]', 'password123');
		await page.click('form button[type=submit]');
		assert.equal((await page.locator('[data-testid=signup-error]').textContent())?.trim(), '这个密码太常见了，请换一个。');
		await page.fill('input[name=password]', '正确的马电池订书钉子');
		await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.click('form button[type=submit]')]);
		await hydrated(page);
		await signOut(page, '退出登录');
		assert.match((await page.textContent('main')) ?? '', /你已退出登录。/);
		assert.equal((await page.textContent('h1'))?.trim(), '登录');
		await submitLogin(page, true, 'zhang@example.com', '错误的密码错误的密码');
		await expectLoginError(page, '邮箱或密码错误。');
		await Promise.all([page.waitForURL((u) => u.pathname === '/'), submitLogin(page, true, 'zhang@example.com', '正确的马电池订书钉子')]);
		await ctx.close();
	});

	it('switches the sign-in page to English and back without a session', async () => {
		const ctx = await app.context({ js: false, locale: 'zh-CN' });
		const page = await ctx.newPage();
		await page.goto('/login');
		assert.equal((await page.textContent('h1'))?.trim(), '登录');
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'English' }).click()]);
		assert.equal(new URL(page.url()).pathname, '/login');
		assert.equal((await page.textContent('h1'))?.trim(), 'Sign in');
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '简体中文' }).click()]);
		assert.equal((await page.textContent('h1'))?.trim(), '登录');
		await ctx.close();
	});
});
