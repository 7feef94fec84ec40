/**
 * Exports with hostile values on real SQLite: every text cell of the ledger CSV that could start a
 * formula carries the apostrophe, amounts stay numbers (a refund stays -12.50), the JSON keeps the
 * text as it was, and the printable HTML escapes workspace, platform and file names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../src/lib/server/db/client';
import { buildReport, ledgerCsv, ledgerJson, monthlyCsv } from '../../src/lib/server/report/index';
import { reportDocument, cssString } from '../../src/lib/server/report/html';
import { streamName } from '../../src/lib/stream-labels';
import { isFormulaLike, parseCsv } from '../../src/lib/domain/csv';
import { HOSTILE, seedReportWorkspace } from '../factories/report-db';

let db: DB;
let workspaceId: number;
let otherId: number;

beforeAll(() => {
	db = openDatabase(':memory:');
	({ workspaceId } = seedReportWorkspace(db));
	({ workspaceId: otherId } = seedReportWorkspace(db, 'Other'));
});
afterAll(() => db.$client.close());

describe('ledger.csv', () => {
	it('neutralises every hostile text cell and keeps amounts as numbers', () => {
		const csv = ledgerCsv(db, workspaceId, '2025-03');
		expect(csv.startsWith('\uFEFFid,earned_on,month,platform,stream,work,counterparty,description,gross,fee,tax,net,currency,external_id,source,statement,plays,completion_rate,hours\r\n')).toBe(true);
		const rows = parseCsv(csv);
		const header = rows[0];
		const col = (name: string) => header.indexOf(name);
		const hostile = rows.slice(1).filter((r) => r[col('statement')] !== '');
		expect(hostile).toHaveLength(2);
		const [a, b] = hostile;
		expect(a[col('platform')]).toBe(`'${HOSTILE.platform}`);
		expect(a[col('work')]).toBe(`'${HOSTILE.work}`);
		expect(a[col('counterparty')]).toBe(`'${HOSTILE.counterparty}`);
		expect(a[col('description')]).toBe(`'${HOSTILE.description}`);
		expect(a[col('external_id')]).toBe(`'${HOSTILE.externalId}`);
		expect(a[col('statement')]).toBe(`'${HOSTILE.fileName}`);
		expect(b[col('description')]).toBe(`'${HOSTILE.description2}`);
		expect([a[col('gross')], a[col('fee')], a[col('net')]]).toEqual(['100.00', '8.00', '92.00']);
		expect([b[col('gross')], b[col('net')]]).toEqual(['-12.50', '-12.50']);
		// No cell anywhere in the file may start a formula, except amounts that are plain numbers.
		const amountCols = new Set(['gross', 'fee', 'tax', 'net'].map(col));
		for (const r of rows.slice(1)) {
			r.forEach((cell, i) => {
				if (amountCols.has(i)) expect(cell).toMatch(/^-?\d+\.\d{2}$/);
				else expect(isFormulaLike(cell), `column ${header[i]}: ${JSON.stringify(cell)}`).toBe(false);
			});
		}
	});

	it('covers exactly the period and only this workspace', () => {
		const rows = parseCsv(ledgerCsv(db, workspaceId, '2025-03')).slice(1);
		expect(new Set(rows.map((r) => r[2]))).toEqual(new Set(['2025-03']));
		const ids = new Set(rows.map((r) => Number(r[0])));
		const others = db.$client.prepare(`SELECT id FROM earnings WHERE workspace_id = ? AND month = '2025-03'`).all(otherId) as { id: number }[];
		expect(others.length).toBeGreaterThan(0);
		for (const o of others) expect(ids.has(o.id)).toBe(false);
	});
});

describe('ledger.json and monthly.csv', () => {
	it('JSON keeps the original text and money as decimal strings', () => {
		const j = ledgerJson(db, workspaceId, '2025-03');
		const row = j.rows.find((r) => r.externalId === HOSTILE.externalId)!;
		expect(row).toMatchObject({ description: HOSTILE.description, work: HOSTILE.work, gross: '100.00', net: '92.00', currency: 'USD', statement: HOSTILE.fileName });
		expect([j.period, j.from, j.to]).toEqual(['2025-03', '2025-03', '2025-03']);
	});

	it('monthly.csv has one row per month plus the total, matching the report', () => {
		const r = buildReport(db, workspaceId, '2025-Q1');
		const rows = parseCsv(monthlyCsv(r));
		expect(rows.map((x) => x[0])).toEqual(['month', '2025-01', '2025-02', '2025-03', 'total']);
		expect(rows[4][4]).toBe((r.totals.netMinor / 100).toFixed(2));
	});
});

describe('the printable HTML', () => {
	it('escapes every piece of user text', () => {
		const r = buildReport(db, workspaceId, '2025');
		for (const locale of ['en', 'zh'] as const) {
			const html = reportDocument(r, { locale, verifyUrl: '/reports/verify' });
			expect(html).not.toContain('<script>');
			expect(html).toContain('Demo &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;');
			expect(html).toContain('=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;).csv');
			expect(html).toContain(r.verificationCode);
			// The page header text lives in a CSS string: it must not close the string or the <style>.
			const style = html.slice(html.indexOf('<style>', html.indexOf('<body>')), html.indexOf('</style>', html.indexOf('<body>')));
			expect(style).not.toMatch(/<\/?script/i);
		}
		expect(cssString('a"b</style>')).toBe('"a\\22 b\\3c \\2f style\\3e "');
	});

	it('names income kinds with the names every page uses, in both languages', () => {
		const r = buildReport(db, workspaceId, '2025');
		expect(r.byStream.length).toBeGreaterThan(0);
		for (const locale of ['en', 'zh'] as const) {
			const html = reportDocument(r, { locale, verifyUrl: '/reports/verify' });
			const table = html.slice(html.indexOf('data-testid="report-streams"'), html.indexOf('</table>', html.indexOf('data-testid="report-streams"')));
			for (const row of r.byStream) expect(table).toContain(`<td>${streamName(row.key, locale)}</td>`);
		}
	});
});
