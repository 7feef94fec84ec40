/**
 * Batches over their life: re-importing adds nothing, an overlapping statement adds only its new
 * rows, undo removes exactly one batch (and its roll-up), bad input writes nothing.
 */
import { describe, expect, it } from 'vitest';
import { bytesSource, analyseStatement, presetFromMapping, wouldAddRows } from '../../src/lib/server/import/pipeline';
import { deleteSavedPreset, listSavedPresets, resolvePresetChoice, savedPresetId, savePreset } from '../../src/lib/server/import/saved-presets';
import { batchIdOfNumber, commitImport, ImportRefused, listBatches, undoBatch } from '../../src/lib/server/import/commit';
import { BATCH_SUMS } from '../../src/lib/server/db/rollup';
import { analyseFile, count, fixture, freshWorkspace, ledgerTotals, rollupTotals } from './import-support';
import fs from 'node:fs';
import { batchLayoutName, issueText } from '../../src/routes/(app)/import/text';
import { PRESETS } from '../../src/lib/server/import/presets/index';
import { createWorkspace } from '../../src/lib/server/db/queries/workspaces';

const HEADER = 'date,description,counterparty,gross,fee,tax,net,currency,external_id';
const csv = (...rows: string[]) => new TextEncoder().encode([HEADER, ...rows].join('\n') + '\n');

describe('re-import and overlap', () => {
	it('importing the same file again adds nothing and makes no batch', async () => {
		const { db, workspaceId } = freshWorkspace();
		// Another workspace's import first, so the batch's global id and its number here differ.
		commitImport(db, createWorkspace(db, 'Other', 'USD', null).id, null, await analyseFile('patreon_earnings.csv'));
		const first = commitImport(db, workspaceId, null, await analyseFile('stripe_balance_history.csv'));
		expect(first).toMatchObject({ batchId: 2, batchNumber: 1 });
		const before = ledgerTotals(db, workspaceId);
		const again = await analyseFile('stripe_balance_history.csv', { db, workspaceId });
		expect(again.alreadyImported?.batchNumber).toBe(1);
		const warning = again.warnings.find((w) => w.code === 'already_imported')!;
		expect(warning.params).toEqual({ batch: 1 });
		expect(issueText(warning)).toBe('This file was already imported (batch 1).');
		// The import page offers no import button for it.
		expect(wouldAddRows(again)).toBe(false);
		expect(again.counts.duplicates).toBe(26);
		const second = commitImport(db, workspaceId, null, again);
		expect(second).toMatchObject({ batchId: null, batchNumber: null, alreadyImportedAs: 1, earningsInserted: 0 });
		expect(ledgerTotals(db, workspaceId)).toEqual(before);
		expect(count(db, 'import_batches', workspaceId)).toBe(1);
	});

	it('an overlapping statement (a different file) adds only the rows that are new', async () => {
		const { db, workspaceId } = freshWorkspace();
		const jan = csv('2025-01-02,Tip,Mina,5.00,0.00,0.00,5.00,USD,t1', '2025-01-03,Tip,Theo,7.00,0.00,0.00,7.00,USD,t2');
		const janFeb = csv(
			'2025-01-02,Tip,Mina,5.00,0.00,0.00,5.00,USD,t1',
			'2025-01-03,Tip,Theo,7.00,0.00,0.00,7.00,USD,t2',
			'2025-02-01,Tip,Ruth,3.00,0.00,0.00,3.00,USD,t3'
		);
		const a = commitImport(db, workspaceId, null, await analyseStatement(bytesSource('jan.csv', jan)));
		const plan = await analyseStatement(bytesSource('jan-feb.csv', janFeb), { db, workspaceId });
		expect(plan.counts).toMatchObject({ income: 3, duplicates: 2 });
		expect(wouldAddRows(plan)).toBe(true);
		// Another file holding only rows already there adds nothing either.
		expect(wouldAddRows(await analyseStatement(bytesSource('jan-again.csv', csv('2025-01-03,Tip,Theo,7.00,0.00,0.00,7.00,USD,t2')), { db, workspaceId }))).toBe(false);
		const b = commitImport(db, workspaceId, null, plan);
		expect(b).toMatchObject({ earningsInserted: 1, duplicates: 2 });
		expect(a.batchId).not.toBe(b.batchId);
		expect(ledgerTotals(db, workspaceId).earnings.USD).toMatchObject({ rows: 3, gross: '15.00' });
	});

	it('identical rows inside one file are all kept (and still deduplicated on re-import)', async () => {
		const { db, workspaceId } = freshWorkspace();
		const twice = csv('2025-01-02,Tip,Mina,5.00,0.00,0.00,5.00,USD,', '2025-01-02,Tip,Mina,5.00,0.00,0.00,5.00,USD,');
		commitImport(db, workspaceId, null, await analyseStatement(bytesSource('a.csv', twice)));
		const copy = new Uint8Array([...twice, ...new TextEncoder().encode('\n')]); // another file, same rows
		const r = commitImport(db, workspaceId, null, await analyseStatement(bytesSource('b.csv', copy)));
		expect(r.batchId).toBeNull();
		expect(ledgerTotals(db, workspaceId).earnings.USD.rows).toBe(2);
	});

	it('rows are scoped per workspace: the same file imports into another workspace', async () => {
		const { db, workspaceId } = freshWorkspace();
		const other = createWorkspace(db, 'Other', 'CNY', null).id;
		commitImport(db, workspaceId, null, await analyseFile('bilibili_growup_up_income.csv'));
		const r = commitImport(db, other, null, await analyseFile('bilibili_growup_up_income.csv'));
		expect(r.earningsInserted).toBe(31);
		expect(listBatches(db, other)).toHaveLength(1);
	});
});

describe('undo', () => {
	it('removes exactly that batch, its rows, payouts and roll-up, and nothing else', async () => {
		const { db, workspaceId } = freshWorkspace();
		const keep = commitImport(db, workspaceId, null, await analyseFile('patreon_earnings.csv'));
		const before = { ledger: ledgerTotals(db, workspaceId), rollup: rollupTotals(db, workspaceId) };
		const drop = commitImport(db, workspaceId, null, await analyseFile('adsense_transactions.csv'));
		expect(listBatches(db, workspaceId).map((b) => b.id)).toEqual([drop.batchId, keep.batchId]);
		expect(undoBatch(db, workspaceId, drop.batchId!)).toEqual({ earnings: 10, payouts: 6 });
		expect(ledgerTotals(db, workspaceId)).toEqual(before.ledger);
		expect(rollupTotals(db, workspaceId)).toEqual(before.rollup);
		expect(listBatches(db, workspaceId).map((b) => b.id)).toEqual([keep.batchId]);
		// Undone, the file can be imported again.
		const again = commitImport(db, workspaceId, null, await analyseFile('adsense_transactions.csv'));
		expect(again.earningsInserted).toBe(10);
	});

	it('numbers batches per workspace, and never gives an undone batch\'s number to the next one', async () => {
		const { db, workspaceId } = freshWorkspace();
		const other = createWorkspace(db, 'Other', 'USD', null).id;
		const a1 = commitImport(db, workspaceId, null, await analyseFile('patreon_earnings.csv'));
		const b1 = commitImport(db, other, null, await analyseFile('patreon_earnings.csv'));
		const a2 = commitImport(db, workspaceId, null, await analyseFile('adsense_transactions.csv'));
		expect([a1.batchNumber, b1.batchNumber, a2.batchNumber]).toEqual([1, 1, 2]);
		expect(listBatches(db, workspaceId).map((b) => [b.number, b.id])).toEqual([[2, a2.batchId], [1, a1.batchId]]);
		// Number 1 names each workspace's own batch: another workspace's number finds nothing of it.
		expect(batchIdOfNumber(db, workspaceId, 1)).toBe(a1.batchId);
		expect(batchIdOfNumber(db, other, 1)).toBe(b1.batchId);
		expect(batchIdOfNumber(db, other, 2)).toBeUndefined();
		undoBatch(db, workspaceId, a2.batchId!);
		// A file whose rows are all there already makes no batch and takes no number.
		expect(commitImport(db, workspaceId, null, await analyseStatement(bytesSource('again.csv', Buffer.concat([fs.readFileSync(fixture('patreon_earnings.csv')), Buffer.from('\n')])))).batchNumber).toBeNull();
		const a3 = commitImport(db, workspaceId, null, await analyseFile('adsense_transactions.csv'));
		expect(a3.batchNumber).toBe(3);
		expect(listBatches(db, workspaceId).map((b) => b.number)).toEqual([3, 1]);
	});

	it('reads only the batch\'s own rows (the batch index), not every row of the workspace', async () => {
		const { db, workspaceId } = freshWorkspace();
		const plan = (sql: string) => (db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(1, workspaceId) as { detail: string }[]).map((r) => r.detail).join(' | ');
		expect(plan(BATCH_SUMS)).toContain('USING INDEX earnings_batch_idx');
		expect(plan('DELETE FROM earnings WHERE batch_id = ? AND workspace_id = ?')).toContain('USING INDEX earnings_batch_idx');
	});

	it("refuses another workspace's batch", async () => {
		const { db, workspaceId } = freshWorkspace();
		const other = createWorkspace(db, 'Other', 'USD', null).id;
		const r = commitImport(db, workspaceId, null, await analyseFile('patreon_earnings.csv'));
		expect(undoBatch(db, other, r.batchId!)).toBeNull();
		expect(count(db, 'earnings', workspaceId)).toBe(18);
	});

	it('lists batches with their provenance', async () => {
		const { db, workspaceId } = freshWorkspace();
		commitImport(db, workspaceId, null, await analyseFile('kdp_total_earnings.csv'));
		const [b] = listBatches(db, workspaceId);
		expect(b).toMatchObject({
			fileName: 'kdp_total_earnings.csv',
			presetId: 'kdp_total_earnings',
			platform: 'Amazon KDP',
			encoding: 'utf-8',
			periodFrom: '2025-10',
			periodTo: '2025-10',
			rowsRead: 25,
			rowsIncome: 25,
			rowsPayouts: 0,
			rowsIgnored: 0,
			rowsDuplicate: 0,
			rowsError: 0
		});
		expect(b.sha256).toMatch(/^[0-9a-f]{64}$/);
	});
});

describe('bad input never hurts', () => {
	it.each([
		['bad/empty.csv', {}, 'empty_file'],
		['bad/header_only.csv', {}, 'header_only'],
		['bad/picture.png', {}, 'binary_file'],
		['bad/unknown_layout.csv', {}, 'unknown_layout'],
		['alipay_bill_app_gbk.csv', { encoding: 'utf-8' }, 'bad_encoding'],
		['patreon_earnings.csv', { maxBytes: 100 }, 'too_large'],
		['youtube_studio_table_data.csv', { period: 'last month' }, 'bad_period'],
		['patreon_earnings.csv', { preset: 'no_such_preset' }, 'unknown_preset'],
		['patreon_earnings.csv', { map: { month: 'Month - successful transactions', gross: 'No such column' } }, 'bad_mapping'],
		['patreon_earnings.csv', { dateFormat: 'DD-MM' }, 'bad_option']
	] as const)('%s %j → %s, nothing written', async (file, options, code) => {
		const { db, workspaceId } = freshWorkspace();
		const plan = await analyseFile(file, options);
		expect(plan.ok).toBe(false);
		expect(plan.fatal?.code).toBe(code);
		expect(plan.fatal?.message.length).toBeGreaterThan(10);
		expect(() => commitImport(db, workspaceId, null, plan)).toThrow(ImportRefused);
		expect(count(db, 'import_batches', workspaceId) + count(db, 'earnings', workspaceId) + count(db, 'platforms', workspaceId)).toBe(0);
	});

	it('ragged rows: trailing empty cells are tolerated, extra values are errors with their line', async () => {
		const plan = await analyseFile('bad/ragged.csv');
		expect(plan.counts).toMatchObject({ income: 2, errors: 1 });
		expect(plan.errors[0]).toMatchObject({ code: 'too_many_columns', line: 3 });
	});

	it('bad dates and amounts are reported with line, column and value; the good rows remain', async () => {
		const { db, workspaceId } = freshWorkspace();
		const plan = await analyseFile('bad/bad_values.csv');
		expect(plan.counts).toMatchObject({ read: 4, income: 1, errors: 3 });
		expect(plan.errors.map((e) => [e.line, e.code, e.column, e.value])).toEqual([
			[3, 'bad_date', 'date', '2025-02-30'],
			[4, 'bad_amount', 'gross', 'abc'],
			[5, 'too_many_columns', undefined, 'USD']
		]);
		const r = commitImport(db, workspaceId, null, plan);
		expect(ledgerTotals(db, workspaceId, r.batchId!).earnings.USD).toMatchObject({ rows: 1, gross: '5.00' });
		expect(listBatches(db, workspaceId)[0].rowsError).toBe(3);
	});

	it('a file where no row can be read is not importable', async () => {
		const { db, workspaceId } = freshWorkspace();
		const plan = await analyseFile('bad/all_bad.csv');
		expect(plan.ok).toBe(false);
		expect(plan.counts.errors).toBe(2);
		expect(() => commitImport(db, workspaceId, null, plan)).toThrow(ImportRefused);
		expect(count(db, 'import_batches', workspaceId)).toBe(0);
	});

	it('a failure inside the commit leaves nothing behind (all or nothing)', async () => {
		const { db, workspaceId } = freshWorkspace();
		const plan = await analyseFile('bilibili_growup_up_income.csv');
		// Sabotage one row so that SQLite rejects it half-way (NOT NULL on currency).
		plan.rows!.vocab.values[plan.rows!.currencyCode[20]] = null as unknown as string;
		expect(() => commitImport(db, workspaceId, null, plan)).toThrow();
		expect(count(db, 'import_batches', workspaceId) + count(db, 'earnings', workspaceId) + count(db, 'monthly_rollup', workspaceId) + count(db, 'platforms', workspaceId)).toBe(0);
	});
});

describe("a workspace's saved presets", () => {
	it('can be deleted, only by their own workspace; batches imported with one keep their rows and provenance', async () => {
		const { db, workspaceId } = freshWorkspace();
		const other = createWorkspace(db, 'Other', 'USD', null).id;
		const mapping = presetFromMapping({ date: 'date', gross: 'gross', description: 'description' }, { currency: 'EUR', platform: 'Shop', dateFormat: 'YYYY-MM-DD', decimal: '.' });
		const mine = savePreset(db, workspaceId, 'Shop export', mapping);
		const theirs = savePreset(db, other, 'Shop export', mapping);
		const plan = await analyseStatement(bytesSource('shop.csv', csv('2025-05-02,Mug,Ann,12.00,0,0,12.00,EUR,m1')), { preset: resolvePresetChoice(db, workspaceId, `ws:${mine}`) });
		const { batchId } = commitImport(db, workspaceId, null, plan);

		expect(deleteSavedPreset(db, workspaceId, theirs)).toBeNull();
		expect(listSavedPresets(db, other).map((p) => p.id)).toEqual([theirs]);
		expect(deleteSavedPreset(db, workspaceId, mine)).toBe('Shop export');
		expect(listSavedPresets(db, workspaceId)).toEqual([]);
		expect(deleteSavedPreset(db, workspaceId, mine)).toBeNull();
		expect(resolvePresetChoice(db, workspaceId, `ws:${mine}`)).toBeUndefined();
		expect(listBatches(db, workspaceId).map((b) => [b.id, b.presetId, b.rowsIncome])).toEqual([[batchId, `ws:${mine}`, 1]]);
		expect(count(db, 'earnings', workspaceId)).toBe(1);
		// The batch list names its layout as gone, not by the saved preset's id.
		const known = [...PRESETS.map((p) => ({ id: p.id, label: p.label })), ...listSavedPresets(db, workspaceId).map((p) => ({ id: `ws:${p.id}`, label: p.name }))];
		expect(batchLayoutName(`ws:${mine}`, known)).toBe('a deleted preset');
		expect(batchLayoutName(`ws:${theirs}`, [{ id: `ws:${theirs}`, label: 'Shop export' }])).toBe('Shop export');
		expect(batchLayoutName('generic', known)).toBe('Creator Ledger plain CSV');
		expect(batchLayoutName('patreon_earnings', known)).toBe(PRESETS.find((p) => p.id === 'patreon_earnings')!.label);
	});

	it.each([
		['ws:12', 12],
		['12', 12],
		['ws:0', null],
		['ws:', null],
		['ws:12x', null],
		['youtube_studio_table', null],
		['ws:-3', null]
	])('savedPresetId(%j) is %j', (choice, id) => {
		expect(savedPresetId(choice)).toBe(id);
	});
});
