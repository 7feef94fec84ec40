/**
 * A quoted cell that is never closed (a download cut short inside a quoted description, a stray
 * quote): Papa Parse reads the whole rest of the file into that one cell. The import must say so
 * and write nothing, on every path, even when earlier chunks were already written inside the
 * transaction; a quoted cell that spans lines legitimately still imports.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commitImport, importStatement } from '../../src/lib/server/import/commit';
import { analyseInWorker } from '../../src/lib/server/import/parallel';
import { analyseStatement, bytesSource, fileSource } from '../../src/lib/server/import/pipeline';
import { count, freshWorkspace } from './import-support';

const HEADER = 'date,description,counterparty,gross,fee,tax,net,currency,external_id\n';
const line = (i: number) => `2024-03-${String(1 + (i % 28)).padStart(2, '0')},Tip #${i},Fan ${i % 7},2.50,0.10,0,2.40,USD,t${i}\n`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-quotes-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A generic statement of `rows` lines whose line `at` (1-based, counting the header) opens a quote it never closes. */
function unclosedAt(rows: number, at: number): string {
	let text = HEADER;
	for (let i = 2; i <= rows + 1; i++) text += i === at ? `2024-03-02,"Sponsor note, cut short,Brand,100.00,0,0,100.00,USD,b${i}\n` : line(i);
	const file = path.join(dir, `unclosed-${rows}-${at}.csv`);
	fs.writeFileSync(file, text);
	return file;
}

describe('a quoted cell that is never closed', () => {
	it('stops the preview at its line, with no rows to commit', async () => {
		const plan = await analyseStatement(fileSource(unclosedAt(2000, 5)), {});
		expect(plan.ok).toBe(false);
		expect(plan.fatal).toMatchObject({ code: 'unterminated_quote', line: 5, params: { line: 5 } });
		expect(plan.fatal?.message).toMatch(/^Line 5: a quoted cell/);
		expect(plan.rows).toBeNull();
		const { db, workspaceId } = freshWorkspace();
		expect(() => commitImport(db, workspaceId, null, plan)).toThrow(/quoted cell/);
		expect(count(db, 'earnings', workspaceId)).toBe(0);
	});

	// 60,000 lines (~4 MB): the parser hands over several chunks before it meets the quote, so the
	// streaming writers have already written rows inside the transaction when the problem shows.
	it.each([
		['in this thread', undefined],
		['in the parse worker', analyseInWorker]
	] as const)('writes nothing when the CLI imports it (%s), though earlier chunks were written', async (_name, analyse) => {
		const file = unclosedAt(60_000, 50_000);
		const { db, workspaceId } = freshWorkspace();
		const { plan, result } = await importStatement(db, workspaceId, null, fileSource(file), {}, analyse);
		expect(result).toBeNull();
		expect(plan.fatal).toMatchObject({ code: 'unterminated_quote', line: 50_000 });
		expect(count(db, 'earnings', workspaceId)).toBe(0);
		expect(count(db, 'import_batches', workspaceId)).toBe(0);
		expect(count(db, 'platforms', workspaceId)).toBe(0);
		expect(count(db, 'monthly_rollup', workspaceId)).toBe(0);
		expect(db.$client.inTransaction).toBe(false);
	});

	it('is not confused with a quoted cell that spans lines', async () => {
		const text = `${HEADER}${line(2)}2024-03-02,"Sponsor note,\nsecond line ""quoted""",Brand,100.00,0,0,100.00,USD,b3\n${line(4)}`;
		const plan = await analyseStatement(bytesSource('multiline.csv', new TextEncoder().encode(text)), {});
		expect(plan.fatal).toBeUndefined();
		expect(plan.counts).toMatchObject({ read: 3, income: 3, errors: 0 });
		expect(plan.preview.map((r) => r.description)).toContain('Sponsor note,\nsecond line "quoted"');
	});
});

describe('line numbers after a quoted cell that spans lines', () => {
	// Line 3 holds a note over three lines (3–5, typed on Windows), so the bad date below it is on
	// line 7 of the file, though it is the 5th record.
	const text = `${HEADER}${line(2)}2024-03-02,"Sponsor note,\r\nsecond line\r\nthird line",Brand,100.00,0,0,100.00,USD,b3\n${line(6)}2024-13-45,Tip,Fan,1.00,0,0,1.00,USD,t7\n${line(8)}`;

	it('reports errors on the line of the file, not the record number', async () => {
		const plan = await analyseStatement(bytesSource('notes.csv', new TextEncoder().encode(text)), {});
		expect(plan.counts).toMatchObject({ read: 5, income: 4, errors: 1 });
		expect(plan.errors[0]).toMatchObject({ line: 7, value: '2024-13-45' });
		expect(plan.preview.map((r) => r.line)).toEqual([2, 3, 6, 7, 8]);
	});

	it('points at the opening line of a quote that is never closed', async () => {
		const cut = `${text}2024-03-09,"Note cut short,Brand,5.00,0,0,5.00,USD,b9\n${line(10)}`;
		const plan = await analyseStatement(bytesSource('cut.csv', new TextEncoder().encode(cut)), {});
		expect(plan.fatal).toMatchObject({ code: 'unterminated_quote', line: 9 });
	});
});
