/**
 * Plays, completion rate and hours: what a statement line says of the work besides money. When a
 * column is mapped to one of them (the wizard, --map, a preset), every import path stores it on
 * the row, the preview shows it, a cell that is not one is a row error, and the ledger exports it.
 */
import fs from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db/client';
import { commitImport, importStatement } from '../../src/lib/server/import/commit';
import { analyseInWorker } from '../../src/lib/server/import/parallel';
import { fileSource, type AnalyseOptions } from '../../src/lib/server/import/pipeline';
import { ledgerCsv, ledgerJson } from '../../src/lib/server/report/exports';
import { parseCsv } from '../../src/lib/domain/csv';
import { analyseFile, fixture, freshWorkspace } from './import-support';

const NARRATOR = 'handmade/narrator_measures.csv';
const NARRATOR_OPTIONS: AnalyseOptions = {
	map: { date: '结算日期', work: '作品', plays: '播放量', completionRate: '完播率', hours: '录制时长', gross: '收入(元)' },
	dateFormat: 'YYYY-MM-DD',
	currency: 'CNY',
	platform: 'Ximalaya',
	stream: 'commission'
};

function stored(db: DB, workspaceId: number) {
	return db.$client
		.prepare('SELECT description, gross_minor AS gross, plays, completion_bps AS completionBps, hours_centi AS hoursCenti FROM earnings WHERE workspace_id = ? ORDER BY gross_minor DESC')
		.all(workspaceId);
}

const EXPECTED = [
	{ description: '盐的档案', gross: 123450, plays: 180000, completionBps: 4200, hoursCenti: 750 },
	{ description: '夜航船', gross: 56000, plays: 12000, completionBps: 3900, hoursCenti: 800 },
	{ description: '山中来信', gross: 8800, plays: null, completionBps: null, hoursCenti: null }
];

describe('mapped plays, completion rate and hours', () => {
	it('the preview shows them and a cell that is not one is an error with line, column and value', async () => {
		const plan = await analyseFile(NARRATOR, NARRATOR_OPTIONS);
		expect(plan.counts).toMatchObject({ income: 3, errors: 1 });
		expect(plan.errors).toEqual([expect.objectContaining({ code: 'bad_count', line: 5, column: '播放量', value: '很多' })]);
		const incomes = plan.preview.filter((r) => r.kind === 'income');
		expect(incomes.map((r) => [r.plays, r.completionRate, r.hours])).toEqual([
			['180000', '42.00%', '7.50'],
			['12000', '39.00%', '8.00'],
			[undefined, undefined, undefined]
		]);
	});

	it('the web commit, the streaming import and the parse worker store the same values', async () => {
		const web = freshWorkspace();
		commitImport(web.db, web.workspaceId, null, await analyseFile(NARRATOR, NARRATOR_OPTIONS));
		expect(stored(web.db, web.workspaceId)).toEqual(EXPECTED);

		const stream = freshWorkspace();
		await importStatement(stream.db, stream.workspaceId, null, fileSource(fixture(NARRATOR)), NARRATOR_OPTIONS);
		expect(stored(stream.db, stream.workspaceId)).toEqual(EXPECTED);

		const parallel = freshWorkspace();
		await importStatement(parallel.db, parallel.workspaceId, null, fileSource(fixture(NARRATOR)), NARRATOR_OPTIONS, analyseInWorker);
		expect(stored(parallel.db, parallel.workspaceId)).toEqual(EXPECTED);
	});

	it('the ledger exports carry them (CSV and JSON)', async () => {
		const { db, workspaceId } = freshWorkspace();
		commitImport(db, workspaceId, null, await analyseFile(NARRATOR, NARRATOR_OPTIONS));
		const rows = parseCsv(ledgerCsv(db, workspaceId, '2025-03'));
		const col = (name: string) => rows[0].indexOf(name);
		const salt = rows.find((r) => r[col('description')] === '盐的档案')!;
		expect([salt[col('plays')], salt[col('completion_rate')], salt[col('hours')]]).toEqual(['180000', '0.4200', '7.50']);
		const json = ledgerJson(db, workspaceId, '2025-03');
		const letters = json.rows.find((r) => r.description === '山中来信')!;
		expect([letters.plays, letters.completionRate, letters.hours]).toEqual([null, null, null]);
		expect(json.rows.find((r) => r.description === '夜航船')).toMatchObject({ plays: 12000, completionRate: '0.3900', hours: '8.00' });
	});

	it('YouTube Studio rows keep their views as plays (the preset maps Views)', async () => {
		const { db, workspaceId } = freshWorkspace();
		const plan = await analyseFile('youtube_studio_table_data.csv', { period: '2024-12' });
		commitImport(db, workspaceId, null, plan);
		// What the file says, read on its own: views of the rows that have revenue (the Total row and rows without revenue are not income).
		const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(fixture('youtube_studio_table_data.csv'), 'utf8'), { header: true, skipEmptyLines: true });
		const earning = parsed.data.filter((r) => r.Content !== 'Total' && (r['Estimated revenue (USD)'] ?? '').trim() !== '');
		const views = earning.map((r) => Number(r.Views)).sort((a, b) => a - b);
		const plays = (db.$client.prepare('SELECT plays FROM earnings WHERE workspace_id = ? ORDER BY plays').pluck().all(workspaceId) as number[]);
		expect(plays).toEqual(views);
		expect(plays.length).toBe(plan.counts.income);
	});

	it('a column headed "(%)" holds percentages without the sign', async () => {
		const plan = await analyseFile('youtube_studio_table_data.csv', {
			period: '2024-12',
			map: { externalId: 'Content', work: 'Video title', gross: 'Estimated revenue (USD)', plays: 'Views', completionRate: 'Average percentage viewed (%)' },
			currency: 'USD'
		});
		const pizza = plan.preview.find((r) => r.kind === 'income' && r.work === 'Pizza night, 3 doughs compared');
		expect(pizza).toMatchObject({ plays: '47528', completionRate: '18.64%' });
	});

	it('a file without such columns stores none (and binds none)', async () => {
		const { db, workspaceId } = freshWorkspace();
		commitImport(db, workspaceId, null, await analyseFile('gumroad_sales.csv'));
		const n = db.$client.prepare('SELECT COUNT(*) FROM earnings WHERE workspace_id = ? AND (plays IS NOT NULL OR completion_bps IS NOT NULL OR hours_centi IS NOT NULL)').pluck().get(workspaceId);
		expect(n).toBe(0);
	});
});
