/**
 * Statement import in Chromium (issue 4), with JavaScript on (upload with progress, enhanced forms)
 * and off (plain form posts): upload, preview with counts and row errors, the mapping wizard for an
 * unknown layout, commit, the batch in the list, undo; then the page's words in Chinese.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import { after, before, describe, it } from 'node:test';
import { hydrated, startApp, type App } from './app';
import { signUpOwner } from './session';
import { commit, submit, upload } from './import-steps';
import { addCommissionRule, addWork } from './works';

for (const js of [true, false]) {
	describe(`import with JavaScript ${js ? 'on' : 'off'}`, () => {
		let app: App;
		before(async () => {
			app = await startApp();
		});
		after(async () => {
			await app.stop();
		});

		it('previews, commits, lists and undoes a batch; maps an unknown layout; shows row errors', async () => {
			const ctx = await app.context({ js });
			const page = await ctx.newPage();
			await signUpOwner(page);
			// Someone else's workspace on this instance has imported a statement before: batch ids are
			// global, so hers is id 1 and ours will be id 2, yet ours is "batch 1" of our workspace.
			const raw = new Database(app.dbPath);
			const other = raw.prepare(`INSERT INTO workspaces (name, base_currency, created_at) VALUES ('Someone else', 'USD', '2025-01-01') RETURNING id`).pluck().get();
			raw.prepare(`INSERT INTO import_batches (workspace_id, number, file_name, file_size, sha256, preset_id, encoding, created_at) VALUES (?, 1, 'hers.csv', 1, ?, 'generic', 'utf-8', '2025-01-01')`).run(other, '0'.repeat(64));
			raw.prepare('UPDATE workspaces SET batches_numbered = 1 WHERE id = ?').run(other);
			raw.close();

			// A known layout: preview (nothing written yet), then commit.
			await upload(page, js, 'patreon_earnings.csv');
			assert.equal((await page.textContent('[data-testid=count-income]'))?.trim(), '18');
			assert.match(await page.innerText('[data-testid=import-preview]'), /28733\.52/);
			assert.equal(await page.locator('[data-testid=import-batches]').count(), 0);
			await commit(page, js);
			assert.match(await page.innerText('[data-testid=import-committed]'), /patreon_earnings\.csv: batch 1: 18 income rows/);
			assert.match(await page.innerText('[data-testid=import-batches]'), /patreon_earnings\.csv/);
			assert.equal((await page.textContent('[data-testid=import-batches] tbody tr:has-text("patreon_earnings.csv") td >> nth=0'))?.trim(), '1');

			// The same file again: the preview says so, and nothing new would be added.
			await upload(page, js, 'patreon_earnings.csv');
			const again = await page.innerText('[data-testid=import-preview]');
			assert.equal(again.match(/already imported/g)?.length, 1, `said once: ${again}`);
			assert.match(again, /already imported \(batch 1,/);
			assert.equal(await page.locator('[data-testid=import-commit]').count(), 0);
			assert.equal(await page.locator('[data-testid=import-nothing-new]').count(), 1);

			// A file without dates asks for its period right there, and previews again with it.
			await upload(page, js, 'youtube_studio_table_data.csv');
			await page.fill('[data-testid=import-period] input:not([type=hidden])[name^=period_]', '2025-10');
			await submit(page, js, '[data-testid=import-period] button');
			await page.waitForSelector('[data-testid=import-commit]');
			assert.ok(Number(await page.textContent('[data-testid=count-income]')) > 0);
			assert.equal(await page.locator('[data-testid=import-period]').count(), 0);

			// Two such files in one upload: a period typed for one is that file's only; the other still asks.
			await upload(page, js, 'youtube_studio_table_data.csv', 'acx_sales_detail.csv');
			assert.equal(await page.locator('[data-testid=import-period]').count(), 2);
			await page.fill('[data-testid=import-period] >> nth=0 >> input:not([type=hidden])[name^=period_]', '2025-09');
			await submit(page, js, '[data-testid=import-period] >> nth=0 >> button');
			await page.waitForFunction(() => document.querySelectorAll('[data-testid=import-period]').length === 1);
			await page.fill('[data-testid=import-period] input:not([type=hidden])[name^=period_]', '2025-08');
			await submit(page, js, '[data-testid=import-period] button');
			await page.waitForSelector('[data-testid=import-commit]');
			assert.equal(await page.locator('[data-testid=import-period]').count(), 0);
			const both = (await page.locator('[data-testid=import-preview]').allInnerTexts()).join('\n');
			assert.match(both, /2025-09/);
			assert.match(both, /2025-08/);
			// Committed, each batch is booked in its own file's period.
			await commit(page, js);
			const periodOf = (file: string) => page.textContent(`[data-testid=import-batches] tbody tr:has-text("${file}") td >> nth=3`);
			assert.equal((await periodOf('youtube_studio_table_data.csv'))?.trim(), '2025-09');
			assert.equal((await periodOf('acx_sales_detail.csv'))?.trim(), '2025-08');

			// Row errors with their line, column and value.
			await upload(page, js, 'bad/bad_values.csv');
			const errors = await page.innerText('[data-testid=import-errors]');
			assert.match(errors, /2025-02-30/);
			assert.match(errors, /abc/);

			// An unknown layout: the wizard maps its columns, then the preview shows income.
			await upload(page, js, 'bad/unknown_layout.csv');
			await page.waitForSelector('[data-testid=import-mapping]');
			const wizard = '[data-testid=import-mapping]';
			await page.selectOption(`${wizard} select[name=map_gross]`, 'baz');
			await page.selectOption(`${wizard} select[name=map_description]`, 'foo');
			await page.fill(`${wizard} input[name=currency]`, 'EUR');
			await page.fill(`${wizard} input[name=period]`, '2025-06');
			await page.fill(`${wizard} input[name=platform]`, 'Bookshop');
			await submit(page, js, `${wizard} button:not([formaction])`);
			await page.waitForSelector('[data-testid=import-commit]');
			assert.equal((await page.textContent('[data-testid=count-income]'))?.trim(), '1');
			assert.equal((await page.textContent('[data-testid=count-errors]'))?.trim(), '1');
			await commit(page, js);
			assert.equal(await page.locator('[data-testid=import-batches] tbody tr').count(), 4);
			assert.deepEqual((await page.locator('[data-testid=import-batches] tbody tr td:first-child').allTextContents()).map((t) => t.trim()), ['4', '3', '2', '1']);

			// Undo the Patreon batch (number 1 here; id 1 is the other workspace's): exactly that batch goes.
			await submit(page, js, '[data-testid=import-batches] tbody tr:has-text("patreon_earnings.csv") button');
			await page.waitForFunction(() => document.querySelectorAll('[data-testid=import-batches] tbody tr').length === 3);
			assert.doesNotMatch(await page.innerText('[data-testid=import-batches]'), /patreon_earnings/);
			assert.match(await page.innerText('main'), /Batch 1 undone: 18 income rows/);
			const left = new Database(app.dbPath, { readonly: true });
			assert.equal(left.prepare(`SELECT COUNT(*) FROM import_batches WHERE file_name = 'hers.csv'`).pluck().get(), 1);
			left.close();
			await ctx.close();
		});
	});
}

describe('import in Chinese', () => {
	let app: App;
	before(async () => {
		app = await startApp();
	});
	after(async () => {
		await app.stop();
	});

	it('shows the page, the preview and the problems in 简体中文', async () => {
		const ctx = await app.context({ locale: 'zh-CN' });
		const page = await ctx.newPage();
		await signUpOwner(page);
		await page.evaluate(() => (document.cookie = 'PARAGLIDE_LOCALE=zh; path=/'));
		await upload(page, true, 'youtube_studio_table_data.csv');
		assert.equal((await page.textContent('h1'))?.trim(), '导入账单');
		assert.match(await page.innerText('[data-testid=import-preview]'), /没有注明所属月份/);
		// Our own plain layout is named in the page's language; platforms' layouts keep their names.
		assert.equal((await page.textContent('option[value=generic]'))?.trim(), 'Creator Ledger 通用 CSV');

		// A narrator's statement in an unknown layout: plays, completion rate and hours mapped in the wizard
		// show in the preview; a play count that is not one is left out with a warning, in Chinese.
		await upload(page, true, 'handmade/narrator_measures.csv');
		const wizard = '[data-testid=import-mapping]';
		await page.waitForSelector(wizard);
		for (const [field, column] of [['date', '结算日期'], ['work', '作品'], ['plays', '播放量'], ['completionRate', '完播率'], ['hours', '录制时长'], ['gross', '收入(元)']]) {
			await page.selectOption(`${wizard} select[name=map_${field}]`, column);
		}
		await page.selectOption(`${wizard} select[name=dateFormat]`, 'YYYY-MM-DD');
		await page.fill(`${wizard} input[name=currency]`, 'CNY');
		await page.fill(`${wizard} input[name=platform]`, '喜马拉雅');
		// Saved as a preset of the workspace on the way: saving previews with it.
		await page.fill(`${wizard} input[name=presetName]`, '喜马拉雅结算');
		await submit(page, true, `${wizard} button[formaction="?/savePreset"]`);
		await page.waitForSelector('[data-testid=import-commit]');
		assert.equal((await page.textContent('[data-testid=count-income]'))?.trim(), '4');
		assert.match(await page.innerText('[data-testid=import-preview]'), /自定义映射/);
		assert.equal((await page.textContent('[data-testid=count-errors]'))?.trim(), '0');
		assert.match(await page.innerText('[data-testid=import-preview]'), /“播放量”列有 1 个单元格无法读取（第一个在第 5 行：“很多”）；这些行照常导入/);
		await page.click('[data-testid=import-preview] details summary');
		const rows = await page.innerText('[data-testid=import-preview] details');
		assert.match(rows, /播放量 · 完播率 · 时长/);
		assert.match(rows, /180000 · 42\.00% · 7\.50/);
		assert.match(rows, /12000 · 39\.00% · 8\.00/);
		assert.match(rows, /– · 40\.00% · 7\.50/);
		if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, 'import-measures-zh.png'), fullPage: true });

		// Committed, the statement's plays and completion reach the works page: a work of that title
		// shows them, and one click makes them the work's figures, so the commission rule can judge it.
		await commit(page, true);
		await page.goto('/works');
		await hydrated(page);
		await addCommissionRule(page, '添加分成规则', { ratePercent: '15', minPlays: '50000', minCompletionPercent: '40' });
		await addWork(page, { title: '《盐的档案》', finishedHours: '7.5', ratePerFinishedHour: '85', completedOn: '2025-03-14', revenue: '12000' });
		await page.waitForSelector('[data-testid=work-statements]');
		assert.match(await page.innerText('[data-testid=work-statements]'), /账单：播放量 180,000 · 完播率 42%（1 行，2025-03-14 至 2025-06-12）；与作品当前数字不同/);
		await page.click('form[action="?/useStatements"] button');
		await page.waitForSelector('text=播放量和完播率已按导入的账单更新。');
		const row = await page.innerText('[data-testid=work-row]');
		assert.match(row, /180,000/);
		assert.match(row, /¥1,800\.00/);
		assert.doesNotMatch(row, /与作品当前数字不同/);
		assert.equal(await page.locator('form[action="?/useStatements"]').count(), 0);
		if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, 'works-statements-zh.png'), fullPage: true });
		await page.goto('/import');
		await hydrated(page);

		// The saved preset is listed and offered; deleting it removes it from both.
		assert.match(await page.innerText('[data-testid=saved-presets]'), /喜马拉雅结算/);
		assert.equal(await page.locator('select[name=preset] option', { hasText: '喜马拉雅结算' }).count(), 1);
		await submit(page, true, '[data-testid=saved-presets] button[aria-label="删除预设“喜马拉雅结算”"]');
		await page.waitForSelector('[data-testid=saved-presets] [role=status]');
		assert.match(await page.innerText('[data-testid=saved-presets]'), /已删除预设“喜马拉雅结算”/);
		assert.equal(await page.locator('[data-testid=saved-presets] li').count(), 0);
		assert.equal(await page.locator('select[name=preset] option', { hasText: '喜马拉雅结算' }).count(), 0);

		// Two months pasted into one file: the second header is ignored with its reason, and a line whose
		// net is not gross − fee − tax is imported with a warning naming it.
		await upload(page, true, 'handmade/joined_months.csv');
		await page.waitForSelector('[data-testid=import-commit]');
		const joined = await page.innerText('[data-testid=import-preview]');
		assert.equal((await page.textContent('[data-testid=count-income]'))?.trim(), '4');
		assert.equal((await page.textContent('[data-testid=count-errors]'))?.trim(), '0');
		assert.match(joined, /重复的表头行 \(1\)/);
		assert.match(joined, /有 1 行收入的实收金额不等于 税前金额 − 平台费用 − 代扣税（第一个在第 5 行：10\.00 − 0\.50 − 0\.00 ≠ 9\.00 USD）/);
		if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, 'import-joined-zh.png'), fullPage: true });

		// A download cut short inside a quoted cell: the file stops at that line, nothing to commit.
		await upload(page, true, 'bad/cut_short.csv');
		await page.waitForSelector('[data-testid=import-preview] [role=alert]');
		assert.match(await page.innerText('[data-testid=import-preview] [role=alert]'), /第 3 行：从这里开始的带引号单元格没有结束/);
		assert.equal(await page.locator('[data-testid=import-commit]').count(), 0);
		if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, 'import-cut-short-zh.png'), fullPage: true });

		// An empty file (0 bytes) is said to be empty, not "choose a file".
		await upload(page, true, 'bad/empty.csv');
		await page.waitForSelector('[data-testid=import-preview] [role=alert]');
		assert.match(await page.innerText('[data-testid=import-preview] [role=alert]'), /文件是空的/);

		// The wizard's mapping without a date or month column: the period is asked for, the mapping named in Chinese.
		await upload(page, true, 'bad/unknown_layout.csv');
		await page.waitForSelector(wizard);
		await page.selectOption(`${wizard} select[name=map_gross]`, 'baz');
		await page.fill(`${wizard} input[name=currency]`, 'CNY');
		await submit(page, true, `${wizard} button:not([formaction])`);
		await page.waitForSelector('[data-testid=import-period]');
		assert.match(await page.innerText('[data-testid=import-preview] [role=alert]'), /^自定义映射 文件没有注明所属月份/);
		await ctx.close();
	});
});
