/**
 * The narrator's year in Chromium (issue 5): set Ximalaya's "every other month" rule, add a commission
 * rule and works, see fees and gated commissions explained, then the expected payouts (in even months),
 * receivables and the forecast, in English and Chinese; download the workspace file and upload it into a
 * new workspace, which then expects the same payouts. The platform is created with JavaScript off, so the forms work without it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hydrated, startApp, type App } from './app';
import { OWNER, signUpOwner } from './session';
import { addCommissionRule, addWork } from './works';
import { commit, upload } from './import-steps';

describe("the narrator's year", () => {
	let app: App;
	before(async () => {
		app = await startApp({ REGISTRATION: 'open' });
	});
	after(async () => {
		await app.stop();
	});

	it('sets the rule, adds works, sees fees, gated commissions, payouts, receivables and the forecast', async () => {
		const noJs = await app.context({ js: false });
		const plain = await noJs.newPage();
		await signUpOwner(plain, OWNER, 'CNY');

		// Without JavaScript: add Ximalaya with the known "every other month" rule.
		await plain.goto('/platforms');
		await plain.fill('form[action="?/create"] input[name=name]', 'Ximalaya');
		await plain.fill('form[action="?/create"] input[name=currency]', 'CNY');
		await plain.selectOption('form[action="?/create"] select[name=choiceId]', 'ximalaya');
		await Promise.all([plain.waitForLoadState('load'), plain.click('form[action="?/create"] button')]);
		const card = plain.locator('[data-testid="platform-Ximalaya"]');
		assert.match(await card.innerText(), /only in even months/);
		assert.match(await card.innerText(), /Withdrawal window or minimum balance/);
		// The rule reads as sentences (a space after each full stop in English); the income kinds are words, not keys.
		assert.doesNotMatch(await card.locator('.versions').innerText(), /\.[A-Z]/);
		assert.ok((await card.locator('select[name=defaultStream] option').allTextContents()).includes('Narration fees'));
		const cookies = await noJs.cookies();
		await noJs.close();

		const ctx = await app.context();
		await ctx.addCookies(cookies);
		const page = await ctx.newPage();

		// The commission rule: 15% when plays ≥ 50,000 and completion ≥ 40% (domain.md §4).
		await page.goto('/works');
		await hydrated(page);
		await addCommissionRule(page, 'Add a commission rule', { ratePercent: '15', minPlays: '50000', minCompletionPercent: '40' });

		const works: [string, string, string][] = [
			['Salt Archive', '61000', '43'],
			['Night Ferry', '61000', '39'],
			['Tea Roads', '50000', '40']
		];
		for (const [title, plays, completion] of works)
			await addWork(page, { title, finishedHours: '8', ratePerFinishedHour: '85', completedOn: '2025-01-10', plays, completionPercent: completion, revenue: '12000' });
		const rows = await page.locator('[data-testid=work-row]').allInnerTexts();
		assert.equal(rows.length, 3);
		assert.equal((await page.innerText('[data-testid=works-count]')).trim(), 'Works 1–3 of 3');
		assert.equal(await page.locator('[data-testid=works-pager]').count(), 0);
		assert.match(await page.locator('form[action="?/importWorks"] label').innerText(), /Works CSV file/);
		for (const row of rows) assert.match(row, /680\.00/);
		const ferry = rows.find((r) => r.includes('Night Ferry'))!;
		assert.match(ferry, /completion 39% < 40% needed/);
		assert.match(rows.find((r) => r.includes('Tea Roads'))!, /1,800\.00/);
		assert.match(await page.locator('[data-testid=pass-rate]').innerText(), /2 of 3 past works passed both gates/);

		// Fees (3 × 680) paid in February (even); the commissions, counted at the end of June, in August.
		await page.goto('/payouts');
		const table = await page.locator('[data-testid=payouts-table]').innerText();
		assert.match(table, /2025-02-10\s+Ximalaya\s+CN¥2,040\.00/);
		assert.match(table, /2025-08-10\s+Ximalaya\s+CN¥3,200\.00/);
		// No Ximalaya payouts imported: the February payout is assumed received, not late, and the page says
		// once how to reconcile.
		assert.match(table, /2025-02-10\s+Ximalaya\s+CN¥2,040\.00\s+—\s+—\s+Assumed received/);
		assert.doesNotMatch(table, /Late/);
		assert.match(await page.locator('[data-testid=untracked-notice]').innerText(), /no payouts imported for Ximalaya/);
		// ...so the 2025 income is not owed either: every payout date has passed.
		assert.equal(await page.locator('[data-testid=receivables-table]').count(), 0);
		assert.equal(await page.getByText('Nothing outstanding.').count(), 1);
		assert.equal(await page.locator('[data-testid=forecast-table] tbody tr').count(), 6);

		// The workspace file: download it, start a new workspace, upload it there: the same payouts.
		await page.goto('/settings/workspace-file');
		const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=workspace-file-export]')]);
		const file = await download.path();
		assert.ok(file);
		await page.goto('/settings/members');
		await page.fill('form[action="?/create"] input[name=name]', 'Copy of my books');
		await page.fill('form[action="?/create"] input[name=currency]', 'CNY');
		await Promise.all([page.waitForURL(/created=/), page.click('form[action="?/create"] button')]);
		await page.goto('/payouts');
		assert.equal(await page.locator('[data-testid=payouts-table]').count(), 0);
		await page.goto('/settings/workspace-file');
		await hydrated(page);
		await page.setInputFiles('form[action="?/import"] input[type=file]', file!);
		await page.click('form[action="?/import"] button');
		await page.waitForSelector('text=Imported: 1 platform(s), 3 work(s), 1 commission rule(s), 0 deal(s).');
		await page.goto('/payouts');
		assert.equal(await page.locator('[data-testid=payouts-table]').innerText(), table);

		// Chinese
		await page.goto('/works');
		await page.evaluate(() => (document.cookie = 'PARAGLIDE_LOCALE=zh; path=/'));
		await page.reload();
		assert.match(await page.locator('[data-testid=work-row]').filter({ hasText: 'Night Ferry' }).innerText(), /完播率 39% < 要求的 40%/);
		// A works CSV with problems is explained in Chinese too.
		await hydrated(page);
		await page.setInputFiles('form[action="?/importWorks"] input[type=file]', { name: 'works.csv', mimeType: 'text/csv', buffer: Buffer.from('title,platform,colour\nX,Ximalaya,red\n') });
		await page.click('form[action="?/importWorks"] button');
		await page.waitForSelector('[data-testid=works-csv-errors]');
		assert.match(await page.innerText('[data-testid=works-csv-errors]'), /colour 不是可识别的列（可用的列：platform, title, kind, finishedHours/);
		// ... with the value that is wrong, not only the kind of problem.
		await page.setInputFiles('form[action="?/importWorks"] input[type=file]', {
			name: 'works.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from('title,platform,completedOn,finishedHours\nX,Nowhere,14/03/2025,-2\n')
		});
		await page.click('form[action="?/importWorks"] button');
		await page.waitForSelector('[data-testid=works-csv-errors] >> text=14/03/2025');
		const errors = await page.innerText('[data-testid=works-csv-errors]');
		assert.match(errors, /platform 所指平台 “Nowhere” 不在文件或工作区中/);
		assert.match(errors, /completedOn 值 “14\/03\/2025” 不是有效日期/);
		assert.match(errors, /finishedHours 不能为负数，实际为 “-2”/);
		await ctx.close();
	});

	it('the sample workspace: the same money in transit on both pages, nothing late, a forecast range around its estimate', async () => {
		const ctx = await app.context();
		const page = await ctx.newPage();
		await page.goto('/login');
		await page.fill('input[name=email]', OWNER.email);
		await page.fill('input[name=password]', OWNER.password);
		await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('form button[type=submit]')]);
		await page.goto('/settings/members');
		await page.fill('form[action="?/create"] input[name=name]', 'Sample books');
		await page.fill('form[action="?/create"] input[name=currency]', 'CNY');
		await Promise.all([page.waitForURL(/created=/), page.click('form[action="?/create"] button')]);
		await page.goto('/');
		await hydrated(page);
		await page.getByRole('button', { name: 'Load a sample workspace' }).click();
		const card = page.locator('[data-testid=in-transit]');
		await card.getByText(/¥[\d,]+\.\d\d/).first().waitFor();
		const onDashboard = (await card.locator('.value').first().innerText()).trim();

		await page.goto('/payouts');
		assert.equal(await page.locator('[data-testid=in-transit-CNY]').innerText(), `Money in transit: ${onDashboard}`);
		const table = await page.locator('[data-testid=payouts-table]').innerText();
		assert.doesNotMatch(table, /Late/);
		assert.match(table, /Assumed received/);
		assert.equal(await page.locator('[data-testid=untracked-notice]').count(), 1);
		const receivables = await page.locator('[data-testid=receivables-table] tr.total').innerText();
		// Nothing aged over 90 days: the history is assumed paid by the rules, as on the dashboard.
		assert.match(receivables, /CN¥0\.00\s*$/);
		const amount = (text: string) => Number(text.replace(/[^\d.-]/g, ''));
		for (const row of await page.locator('[data-testid=forecast-table] tbody tr').all()) {
			const cells = await row.locator('td').allInnerTexts();
			const [low, high] = cells[3].split('–').map(amount);
			const estimate = amount(cells[2]);
			assert.ok(low <= estimate && estimate <= high, `${cells.join(' | ')}: the range holds the estimate`);
			assert.equal(Math.round((amount(cells[0]) + amount(cells[1])) * 100), Math.round(estimate * 100));
		}
		await ctx.close();
	});
});

describe('a brand deal paid inside an imported payout, in 简体中文', () => {
	let app: App;
	before(async () => {
		app = await startApp({ REGISTRATION: 'open' });
	});
	after(async () => {
		await app.stop();
	});

	it('links the deal to the Stripe payout that held it: the payouts page lists that money once', async () => {
		const ctx = await app.context({ locale: 'zh-CN' });
		const page = await ctx.newPage();
		await signUpOwner(page, OWNER, 'CNY');
		await page.evaluate(() => (document.cookie = 'PARAGLIDE_LOCALE=zh; path=/'));
		// Stripe's payouts statement: 1,095.36 USD arrived 2025-06-11, among others.
		await upload(page, true, 'stripe_payouts.csv');
		await commit(page, true);

		// A deal with Crumb Studio, booked under Stripe, paid through it.
		await page.goto('/deals');
		await hydrated(page);
		const add = 'form[action="?/addDeal"]';
		await page.fill(`${add} input[name=counterparty]`, 'Crumb Studio');
		await page.selectOption(`${add} select[name=platformId]`, { label: 'Stripe' });
		await page.fill(`${add} input[name=amount]`, '1095.36');
		await page.fill(`${add} input[name=currency]`, 'USD');
		await page.fill(`${add} input[name=invoicedOn]`, '2025-05-12');
		await page.selectOption(`${add} select[name=status]`, 'paid');
		await page.fill(`${add} input[name=paidOn]`, '2025-06-11');
		await page.click(`${add} button`);
		await page.waitForSelector('[data-testid=deal]');

		const dateCells = async (status: string) =>
			(await page.locator(`[data-testid=payouts-table] tr.status-${status} td:first-child`).allInnerTexts()).filter((d) => d === '2025-06-11').length;
		await page.goto('/payouts');
		// Unlinked, the same money is there twice: the deal's own record and the bank payout.
		assert.deepEqual([await dateCells('matched'), await dateCells('unexpected')], [1, 1]);

		await page.goto('/deals');
		await hydrated(page);
		const select = page.locator('[data-testid=deal-payout]');
		const option = (await select.locator('option').allInnerTexts()).find((t) => t.startsWith('2025-06-11'));
		assert.ok(option, 'the payout of 2025-06-11 is offered');
		await select.selectOption({ label: option });
		await page.click('[data-testid=deal] form[action="?/status"] button');
		await page.waitForSelector('[data-testid=deal-paid-in]');
		assert.match(await page.innerText('[data-testid=deal-paid-in]'), /已包含在 2025-06-11 的导入到账中/);
		if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/deal-linked-zh.png`, fullPage: true });

		await page.goto('/payouts');
		assert.deepEqual([await dateCells('matched'), await dateCells('unexpected')], [1, 0]);
		if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/deal-paid-in-payout-zh.png`, fullPage: true });

		// An edit that would no longer fit in that payout is refused, and says so against the amount
		// (the edit form has no payout field); nothing is saved.
		await page.goto('/deals');
		await hydrated(page);
		const edit = page.locator('[data-testid=deal] details');
		await edit.locator('summary').click();
		await edit.locator('form[action="?/saveDeal"] input[name=amount]').fill('5000.00');
		await edit.locator('form[action="?/saveDeal"] button').click();
		await page.waitForSelector('[data-testid=deal] details [role=alert]');
		assert.match(await edit.locator('[role=alert]').innerText(), /^金额：按这个金额或分期，这笔合作的到手金额超出了它所在的那笔导入到账，未保存。/);
		await page.reload();
		assert.match(await page.innerText('[data-testid=deal]'), /1,095\.36/);
		assert.match(await page.innerText('[data-testid=deal-paid-in]'), /已包含在 2025-06-11 的导入到账中/);
		await ctx.close();
	});
});
