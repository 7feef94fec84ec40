/**
 * The risk dashboard in Chromium on the sample workspace, JavaScript on and off, English and Chinese:
 * headline figures and every chart's table match the metrics CLI on the same database; switching basis
 * and window changes them; the stress test answers; FX rates entered on the settings page bring
 * foreign-currency months in. The dashboard's path is RISK_DASHBOARD_PATH (default "/").
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { hydrated, startApp, type App } from './app';
import { OWNER, signUpOwner, signIn } from './session';

const DASH = process.env.RISK_DASHBOARD_PATH ?? '/';
const SHOTS = process.env.E2E_SCREENSHOTS; // a folder: save phone and laptop screenshots there

interface MetricsJson {
	basis: string;
	currency: string;
	from: string;
	to: string;
	months: { month: string; total: string }[];
	concentration: { hhi: number | null; effectivePlatforms: number | null };
	volatility: { mean: string | null; cv: number | null; swingCount: number; swingTransitions: number };
	risk: { score: number | null };
}

const digits = (s: string | null | undefined) => (s ?? '').replace(/[^\d]/g, '');

function cli(app: App, ...args: string[]): MetricsJson {
	const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/ledger.ts', 'metrics', '--workspace', OWNER.workspace, '--json', ...args], {
		env: { ...process.env, DATABASE_PATH: app.dbPath },
		encoding: 'utf8'
	});
	assert.equal(r.status, 0, r.stderr);
	return JSON.parse(r.stdout) as MetricsJson;
}

async function expectMatches(page: Page, j: MetricsJson) {
	assert.equal(await page.getAttribute('[data-testid=risk-dashboard]', 'data-basis'), j.basis);
	const total = j.months.reduce((s, m) => s + Math.round(Number(m.total) * 100), 0);
	assert.equal(digits(await page.textContent('[data-testid=total]')), String(total), 'total');
	assert.equal(digits(await page.textContent('[data-testid=mean]')), digits(j.volatility.mean), 'mean');
	assert.equal((await page.textContent('[data-testid=cv]'))?.trim(), j.volatility.cv === null ? '—' : j.volatility.cv.toFixed(3), 'CV');
	const monthCells = await page.locator('[data-testid=income-table] td[data-month]').allTextContents();
	assert.deepEqual(monthCells.map(digits), j.months.map((m) => digits(m.total)), 'monthly totals');
	if (j.risk.score !== null) assert.match((await page.textContent('[data-testid=pdrs-score]')) ?? '', new RegExp(`^${j.risk.score.toFixed(1)} / 100`));
	const swing = (await page.textContent('[data-testid=swing-sentence]')) ?? '';
	assert.ok(swing.includes(String(j.volatility.swingCount)) && swing.includes(String(j.volatility.swingTransitions)), swing);
}

describe('risk dashboard', () => {
	let app: App;
	before(async () => {
		app = await startApp();
		const ctx = await app.context();
		const page = await ctx.newPage();
		await signUpOwner(page);
		await page.goto('/');
		await hydrated(page);
		await page.getByRole('button', { name: 'Load a sample workspace' }).click();
		await page.waitForLoadState('networkidle');
		// Rates for every foreign-currency month, through the FX page's paste form.
		await page.goto('/settings/fx');
		const needed = await page.locator('[data-testid=fx-needed] li').allTextContents();
		if (needed.length) {
			await hydrated(page);
			const lines = needed.map((t) => t.split('·').map((x) => x.trim())).map(([month, currency]) => `${month}, ${currency}, 0.14`);
			await page.fill('textarea[name=lines]', lines.join('\n'));
			await page.click('form[action="?/bulk"] button');
			await page.waitForSelector('text=rates saved');
		}
		await ctx.close();
	});
	after(async () => {
		await app?.stop();
	});

	for (const js of [true, false]) {
		for (const locale of ['en-US', 'zh-CN']) {
			it(`matches the metrics CLI, switches basis and window, answers the stress test (JS ${js ? 'on' : 'off'}, ${locale})`, async () => {
				const ctx = await app.context({ js, locale });
				const page = await ctx.newPage();
				await signIn(page, OWNER.email, OWNER.password);
				await page.goto(DASH);
				await page.waitForSelector('[data-testid=risk-dashboard]');
				if (js) {
					await hydrated(page);
					const sizes = await page.locator('canvas').evaluateAll((cs) => cs.map((c) => (c as HTMLCanvasElement).width));
					assert.ok(sizes.length >= 4 && sizes.every((w) => w > 0), `charts drawn: ${sizes}`);
				}
				const accrual = cli(app);
				await expectMatches(page, accrual);
				if (SHOTS && js) {
					fs.mkdirSync(SHOTS, { recursive: true });
					await page.screenshot({ path: path.join(SHOTS, `dashboard-${locale}-1280.png`), fullPage: true });
					await page.setViewportSize({ width: 390, height: 844 });
					await page.screenshot({ path: path.join(SHOTS, `dashboard-${locale}-390.png`), fullPage: true });
					// Nothing of the dashboard reaches past a phone's width (wide tables scroll inside their box).
					const right = await page.evaluate(() => {
						const wraps = [...document.querySelectorAll('[data-testid=risk-dashboard] .table-wrap')];
						return Math.max(
							...[...document.querySelectorAll('[data-testid=risk-dashboard] *')]
								.filter((el) => !wraps.some((w) => w !== el && w.contains(el)))
								.map((el) => el.getBoundingClientRect().right)
						);
					});
					assert.ok(right <= 392, `the dashboard fits a phone (reaches ${right}px)`);
					await page.setViewportSize({ width: 1280, height: 900 });
				}

				// Cash basis: the form is a GET, so the choice lands in the URL.
				await page.check('input[name=basis][value=cash]');
				await Promise.all([page.waitForURL(/basis=cash/), page.click('[data-testid=window-form] button')]);
				await page.waitForSelector('[data-testid=risk-dashboard][data-basis=cash]');
				await expectMatches(page, cli(app, '--basis', 'cash'));

				// A shorter window.
				const from = accrual.months[6].month;
				await page.goto(`${DASH}?basis=accrual&from=${from}&to=${accrual.to}`);
				const short = cli(app, '--from', from, '--to', accrual.to);
				assert.equal(short.months.length, 6);
				await expectMatches(page, short);

				// Stress test: the biggest platform falls by 30%.
				await page.fill('[data-testid=stress-form] input[name=fall]', '30');
				await Promise.all([page.waitForURL(/stress=/), page.click('[data-testid=stress-form] button')]);
				const result = (await page.textContent('[data-testid=stress-result]')) ?? '';
				assert.match(result, /30/);
				assert.ok((await page.locator('[data-testid=stress-table] tbody tr').count()) >= 2);

				// Months with no income at all: a note and the way back, not empty axes, verdicts or a stress test.
				await page.goto(`${DASH}?from=2090-01&to=2090-03`);
				await page.waitForSelector('[data-testid=empty-window]');
				assert.equal(await page.locator('[data-testid=risk-dashboard] canvas').count(), 0);
				assert.equal(await page.locator('[data-testid=stress-form]').count(), 0);
				await Promise.all([page.waitForURL((u) => u.search === ''), page.click('[data-testid=empty-window] a')]);
				await page.waitForSelector('[data-testid=stress-form]');
				await ctx.close();
			});
		}
	}
});
