/**
 * The income report end to end: load the sample, open a report from the chooser, print it to an A4 PDF
 * with Chromium, read the PDF's text with pdftotext and find the totals — in English and Chinese. A
 * viewer can open and print it; another user never sees it (their own books, 404 on switching in).
 * PDFs and page images are kept in $REPORT_E2E_OUT (default /tmp/cl-report-e2e) for a human look.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { hydrated, startApp, type App } from './app';
import { OWNER, signIn, signUpOwner } from './session';

const OUT = process.env.REPORT_E2E_OUT ?? '/tmp/cl-report-e2e';
const STATEMENT = '/work/shared/fixtures/statements/bilibili_growup_up_income.csv';
const VIEWER = { email: 'viewer@example.com', password: 'another long passphrase', workspace: 'Viewer books' };
const OUTSIDER = { email: 'outsider@example.com', password: 'yet another passphrase', workspace: 'Outsider books' };

async function printToPdf(page: Page, name: string): Promise<string> {
	fs.mkdirSync(OUT, { recursive: true });
	const file = path.join(OUT, `${name}.pdf`);
	await page.emulateMedia({ media: 'print' });
	await page.pdf({ path: file, format: 'A4', preferCSSPageSize: true, printBackground: true });
	await page.emulateMedia({ media: 'screen' });
	execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(OUT, name)]);
	return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

interface ReportJsonLike {
	workspace: string;
	period: string;
	verificationCode: string;
	totals: { gross: string; net: string };
	platforms: { name: string; net: string }[];
}

/** "114846.06" → "114,846.06": the grouping both en and zh-CN use. */
const grouped = (decimal: string) => {
	const [i, f] = decimal.split('.');
	return `${i.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${f}`;
};

describe('income report', () => {
	let app: App;
	let period = '';
	let figures: ReportJsonLike;

	before(async () => {
		app = await startApp({ REGISTRATION: 'open' });
	});
	after(async () => {
		await app.stop();
	});

	it('the owner loads the sample, picks last year and prints the report (English)', async () => {
		const ctx = await app.context();
		const page = await ctx.newPage();
		await signUpOwner(page, OWNER, 'CNY');
		await page.goto('/');
		await hydrated(page);
		await page.getByRole('button', { name: 'Load a sample workspace' }).click();
		await page.waitForSelector('[data-testid=risk-dashboard]');

		// One real statement, imported with the CLI into the running app's database: the report's provenance.
		execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/ledger.ts', 'import', STATEMENT, '--workspace', OWNER.workspace], {
			env: { ...process.env, DATABASE_PATH: app.dbPath },
			stdio: 'pipe'
		});

		await page.goto('/reports');
		const pick = page.locator('a[data-period]').filter({ hasText: 'Last year' });
		period = (await pick.getAttribute('data-period'))!;
		assert.match(period, /^\d{4}$/);
		await pick.click();
		await page.waitForURL(`**/reports/${period}`);
		await page.waitForSelector('[data-testid=report]');

		const res = await page.request.get(`/exports/report.json?period=${period}`);
		assert.equal(res.status(), 200);
		figures = (await res.json()) as ReportJsonLike;
		assert.equal(figures.workspace, OWNER.workspace);
		assert.ok(Number(figures.totals.net) > 50_000, `a year of income: ${figures.totals.net}`);
		assert.equal((await page.textContent('[data-testid=verification-code]'))?.trim(), figures.verificationCode);

		// The toolbar's button is the browser's print; the printed page has no navigation.
		assert.equal(await page.getByRole('button', { name: 'Download PDF' }).count(), 1);
		const text = await printToPdf(page, 'report-en');
		assert.ok(text.includes('Income report'), 'title');
		assert.ok(text.includes(OWNER.workspace), 'workspace name');
		assert.ok(text.includes(grouped(figures.totals.net)), `net total ${grouped(figures.totals.net)} in the PDF`);
		assert.ok(text.includes(grouped(figures.totals.gross)), 'gross total in the PDF');
		for (const p of figures.platforms) assert.ok(text.includes(grouped(p.net)), `${p.name} ${p.net} in the PDF`);
		assert.ok(text.includes(figures.verificationCode), 'verification code in the PDF');
		assert.ok(!text.includes('Dashboard') && !text.includes('Sign out'), 'no navigation in print');
		// Provenance: the statement's name and SHA-256 (the hash may wrap inside its cell).
		const sha = createHash('sha256').update(fs.readFileSync(STATEMENT)).digest('hex');
		assert.ok(text.includes(path.basename(STATEMENT)), 'statement file name in the PDF');
		assert.ok(text.replace(/\s+/g, '').includes(sha), 'statement SHA-256 in the PDF');
		const pages = Number(execFileSync('sh', ['-c', `pdfinfo '${path.join(OUT, 'report-en.pdf')}' | awk '/^Pages/ {print $2}'`], { encoding: 'utf8' }).trim());
		assert.ok(pages >= 2, `pages: ${pages}`);
		assert.match(text, new RegExp(`\\b1\\s*/\\s*${pages}\\b`), 'page number on the first page');
		assert.match(text, new RegExp(`\\b${pages}\\s*/\\s*${pages}\\b`), 'page number on the last page');
		await ctx.close();
	});

	it('prints in Chinese with CJK text and the same totals', async () => {
		const ctx = await app.context({ locale: 'zh-CN' });
		const page = await ctx.newPage();
		await signIn(page, OWNER.email, OWNER.password);
		await page.goto(`/reports/${period}`);
		assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
		const text = await printToPdf(page, 'report-zh');
		for (const s of ['收入证明', '净收入', '按平台', '逐月明细', '数据来源', '校验码']) assert.ok(text.includes(s), `${s} in the PDF`);
		assert.ok(text.includes(grouped(figures.totals.net)), 'net total in the Chinese PDF');
		assert.ok(text.includes(figures.verificationCode));
		await ctx.close();
	});

	it('the verify page accepts the printed code and refuses another', async () => {
		const ctx = await app.context({ js: false });
		const page = await ctx.newPage();
		await signIn(page, OWNER.email, OWNER.password);
		await page.goto('/reports/verify');
		await page.fill('input[name=period]', period);
		await page.fill('input[name=code]', figures.verificationCode.toLowerCase());
		await page.click('main form[method=GET] button');
		assert.equal(await page.getAttribute('[data-testid=verify-result]', 'data-status'), 'match');
		await page.goto(`/reports/verify?period=${period}&code=0000-0000-0000-0000-0000`);
		assert.equal(await page.getAttribute('[data-testid=verify-result]', 'data-status'), 'mismatch');
		await ctx.close();
	});

	it('a viewer can see and print the report and download the exports', async () => {
		const vctx = await app.context();
		const vpage = await vctx.newPage();
		await signUpOwner(vpage, VIEWER, 'CNY');
		await vctx.close();

		const octx = await app.context({ js: false });
		const opage = await octx.newPage();
		await signIn(opage, OWNER.email, OWNER.password);
		await opage.goto('/settings/members');
		await opage.fill('form[action="?/add"] input[name=email]', VIEWER.email);
		await opage.selectOption('form[action="?/add"] select[name=role]', 'viewer');
		await opage.locator('form[action="?/add"] button').click();
		await octx.close();

		const ctx = await app.context();
		const page = await ctx.newPage();
		await signIn(page, VIEWER.email, VIEWER.password);
		await page.goto('/reports');
		await page.selectOption('select[name=workspaceId]', { label: OWNER.workspace });
		await Promise.all([page.waitForURL('**/reports'), page.locator('form.ws-switch button').click()]);
		await page.goto(`/reports/${period}`);
		assert.equal((await page.textContent('[data-testid=verification-code]'))?.trim(), figures.verificationCode);
		const text = await printToPdf(page, 'report-viewer');
		assert.ok(text.includes(grouped(figures.totals.net)));
		const csv = await page.request.get(`/exports/ledger.csv?period=${period}`);
		assert.equal(csv.status(), 200);
		assert.match(csv.headers()['content-type'], /text\/csv/);
		assert.match(await csv.text(), /^\uFEFFid,earned_on,month,platform/);
		await ctx.close();
	});

	it('another user sees only their own (empty) books, and switching into the owner’s answers 404', async () => {
		const ctx = await app.context();
		const page = await ctx.newPage();
		await signUpOwner(page, OUTSIDER, 'CNY');
		await page.goto(`/reports/${period}`);
		const html = await page.content();
		assert.ok(!html.includes(figures.verificationCode), 'not the owner’s report');
		assert.ok(!html.includes(grouped(figures.totals.net)), 'not the owner’s totals');
		assert.equal((await page.textContent('[data-testid=report-workspace]'))?.trim(), OUTSIDER.workspace);
		const db = new Database(app.dbPath, { readonly: true });
		const { id } = db.prepare(`SELECT id FROM workspaces WHERE name = ?`).get(OWNER.workspace) as { id: number };
		db.close();
		const res = await page.request.post('/workspace/switch', { form: { workspaceId: String(id), next: '/reports' }, headers: { origin: app.baseURL }, maxRedirects: 0 });
		assert.equal(res.status(), 404);
		const after = await page.request.get(`/exports/report.json?period=${period}`);
		assert.equal(((await after.json()) as ReportJsonLike).workspace, OUTSIDER.workspace);
		await ctx.close();
	});

	it('compare: table, side by side and the what-if work without JavaScript', async () => {
		const ctx = await app.context({ js: false });
		const page = await ctx.newPage();
		await signIn(page, OWNER.email, OWNER.password);
		await page.goto('/compare?sort=hourlyMinor&dir=desc');
		const names = (await page.locator('[data-testid=compare-table] tbody th').allTextContents()).map((s) => s.trim());
		assert.ok(names.includes('Ximalaya'), names.join(','));
		assert.equal(await page.getAttribute('th[aria-sort=descending] a', 'data-sort'), 'hourlyMinor');
		// The key columns fit at 1280px; the rest are one link away, with the platform kept in view.
		const fits = () => page.$eval('[data-testid=compare-table]', (t) => t.parentElement!.scrollWidth <= t.parentElement!.clientWidth);
		assert.ok(await fits(), 'the key columns fit without scrolling');
		assert.equal(await page.locator('[data-testid=compare-table] thead th').count(), 10);
		await page.click('[data-testid=compare-columns]');
		assert.equal(await page.locator('[data-testid=compare-table] thead th').count(), 18);
		assert.equal(await page.getAttribute('th[aria-sort=descending] a', 'data-sort'), 'hourlyMinor');
		// Douyin has no hours yet: the what-if says so; after logging 20 h it answers with money.
		await page.goto('/compare?wf=Ximalaya&wt=Douyin&pct=10');
		assert.match((await page.textContent('[data-testid=whatif-result]')) ?? '', /Douyin has no hours/);
		await page.selectOption('[data-testid=hours-form] select[name=platform]', 'Douyin');
		await page.fill('[data-testid=hours-form] input[name=hours]', '20');
		await page.click('[data-testid=hours-form] button');
		await page.waitForSelector('text=Hours saved.');
		await page.goto('/compare?wf=Ximalaya&wt=Douyin&pct=10');
		const result = (await page.textContent('[data-testid=whatif-result]'))?.trim() ?? '';
		assert.match(result, /^Moving [\d.]+ h: Ximalaya loses .+, Douyin gains .+\. Change in net income: .+\.$/, result);
		await ctx.close();
	});

	it('screens for a human look: reports, compare (charts drawn) and the report on a phone, both languages', async () => {
		for (const locale of ['en-US', 'zh-CN']) {
			for (const width of [1280, 390]) {
				const ctx = await app.context({ locale, width, height: 900 });
				const page = await ctx.newPage();
				await signIn(page, OWNER.email, OWNER.password);
				const tag = `${locale}-${width}`;
				await page.goto('/reports');
				await page.screenshot({ path: path.join(OUT, `screen-reports-${tag}.png`), fullPage: true });
				await page.goto('/compare?p=Ximalaya&p=Douyin&p=Bilibili');
				await hydrated(page);
				await page.waitForFunction(() => [...document.querySelectorAll('canvas')].every((c) => c.width > 0));
				await page.screenshot({ path: path.join(OUT, `screen-compare-${tag}.png`), fullPage: true });
				await page.goto(`/reports/${period}`);
				await page.screenshot({ path: path.join(OUT, `screen-report-${tag}.png`), fullPage: false });
				await ctx.close();
			}
		}
		assert.ok(fs.existsSync(path.join(OUT, 'screen-compare-zh-CN-390.png')));
	});
});
