/**
 * Plays, completion rate and hours: what a statement line says of the work besides money. When a
 * column is mapped to one of them (the wizard, --map, a preset), every import path stores it on
 * the row, the preview shows it, a cell that is not one is a row error, and the ledger exports it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db/client';
import { commitImport, importStatement } from '../../src/lib/server/import/commit';
import { analyseInWorker } from '../../src/lib/server/import/parallel';
import { analyseStatement, fileSource, READ_CHUNK_BYTES, type AnalyseOptions } from '../../src/lib/server/import/pipeline';
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
	{ description: '山中来信', gross: 8800, plays: null, completionBps: null, hoursCenti: null },
	// "很多" is not a count: the line's money and its other measures still count.
	{ description: '坏行', gross: 1000, plays: null, completionBps: 4000, hoursCenti: 750 }
];

describe('mapped plays, completion rate and hours', () => {
	it('the preview shows them; a cell that is not one is left out with a warning (line, column, value), the row still imports', async () => {
		const plan = await analyseFile(NARRATOR, NARRATOR_OPTIONS);
		expect(plan.counts).toMatchObject({ income: 4, errors: 0 });
		expect(plan.errors).toEqual([]);
		expect(plan.warnings).toEqual([expect.objectContaining({ code: 'bad_measure', line: 5, column: '播放量', value: '很多', params: { column: '播放量', count: 1, line: 5, value: '很多' } })]);
		const incomes = plan.preview.filter((r) => r.kind === 'income');
		expect(incomes.map((r) => [r.plays, r.completionRate, r.hours])).toEqual([
			['180000', '42.00%', '7.50'],
			['12000', '39.00%', '8.00'],
			[undefined, undefined, undefined],
			[undefined, '40.00%', '7.50']
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

	it('a big file whose measures start in a later chunk: every path stores them all, and the same rows again are duplicates', async () => {
		const rows = 40_000;
		const half = rows / 2;
		const lines = ['date,description,gross,plays,completion'];
		let plays = 0;
		for (let i = 0; i < rows; i++) {
			const p = i >= half ? 1000 + (i % 977) : null;
			if (p !== null) plays += p;
			lines.push(`2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},Item ${i} of the long catalogue of this shop,${(i % 500) + 1}.25,${p ?? ''},${p === null ? '' : `${i % 100}%`}`);
		}
		// The premise: the first measured row comes after the first read (the first chunk has none).
		expect(lines.slice(0, half + 1).join('\n').length).toBeGreaterThan(READ_CHUNK_BYTES);
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-measures-'));
		const file = path.join(dir, 'big.csv');
		fs.writeFileSync(file, lines.join('\n') + '\n');
		const again = path.join(dir, 'big-again.csv');
		fs.writeFileSync(again, lines.join('\n') + '\n\n');
		const options: AnalyseOptions = { map: { date: 'date', description: 'description', gross: 'gross', plays: 'plays', completionRate: 'completion' }, dateFormat: 'YYYY-MM-DD', currency: 'USD', platform: 'Shop' };
		const summary = (db: DB, workspaceId: number) =>
			db.$client
				.prepare('SELECT COUNT(*) AS n, COUNT(plays) AS measured, SUM(plays) AS plays, SUM(completion_bps) AS bps, COUNT(stream) AS streams FROM earnings WHERE workspace_id = ?')
				.get(workspaceId);
		const expected = { n: rows, measured: half, plays, bps: Array.from({ length: half }, (_, k) => ((half + k) % 100) * 100).reduce((a, b) => a + b, 0), streams: rows };

		const web = freshWorkspace();
		commitImport(web.db, web.workspaceId, null, await analyseStatement(fileSource(file), options));
		expect(summary(web.db, web.workspaceId)).toEqual(expected);
		const stream = freshWorkspace();
		const first = await importStatement(stream.db, stream.workspaceId, null, fileSource(file), options);
		expect(first.plan.warnings).toEqual([]);
		expect(summary(stream.db, stream.workspaceId)).toEqual(expected);
		// Another file with the same rows: every row is found again through the duplicate check (the settle path).
		const second = await importStatement(stream.db, stream.workspaceId, null, fileSource(again), options);
		expect(second.result).toMatchObject({ batchId: null, duplicates: rows });
		const parallel = freshWorkspace();
		await importStatement(parallel.db, parallel.workspaceId, null, fileSource(file), options, analyseInWorker);
		expect(summary(parallel.db, parallel.workspaceId)).toEqual(expected);
		fs.rmSync(dir, { recursive: true, force: true });
	}, 60_000);

	it('a column headed "(%)" holds percentages without the sign', async () => {
		const plan = await analyseFile('youtube_studio_table_data.csv', {
			period: '2024-12',
			map: { externalId: 'Content', work: 'Video title', gross: 'Estimated revenue (USD)', plays: 'Views', completionRate: 'Average percentage viewed (%)' },
			currency: 'USD'
		});
		const pizza = plan.preview.find((r) => r.kind === 'income' && r.work === 'Pizza night, 3 doughs compared');
		expect(pizza).toMatchObject({ plays: '47528', completionRate: '18.64%' });
	});

	it('a file without such columns stores none', async () => {
		const { db, workspaceId } = freshWorkspace();
		commitImport(db, workspaceId, null, await analyseFile('gumroad_sales.csv'));
		const n = db.$client.prepare('SELECT COUNT(*) FROM earnings WHERE workspace_id = ? AND (plays IS NOT NULL OR completion_bps IS NOT NULL OR hours_centi IS NOT NULL)').pluck().get(workspaceId);
		expect(n).toBe(0);
	});
});
