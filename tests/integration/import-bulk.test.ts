/**
 * The cl_rows extension (native/cl_rows.c) is a faster way to write the same rows: every path
 * that writes statement rows (the web commit, the streaming CLI import, the parse worker) must
 * store exactly what the bound-values writer stores, ids and duplicates included. Two databases
 * per case, one with the extension and one without (CL_ROWS_EXTENSION=off), compared column by
 * column. The extension must be built (`npm run native`, run by `npm install`): these tests fail
 * when it is not, rather than pass without it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../src/lib/server/db/client';
import { hasRowsExtension } from '../../src/lib/server/db/native';
import { createWorkspace } from '../../src/lib/server/db/queries/workspaces';
import { commitImport, importStatement, undoBatch } from '../../src/lib/server/import/commit';
import { analyseInWorker } from '../../src/lib/server/import/parallel';
import { analyseStatement, bytesSource, fileSource, type AnalyseOptions, type StatementSource } from '../../src/lib/server/import/pipeline';
import { packTexts } from '../../src/lib/server/import/text-pack';
import { fixture } from './import-support';

function workspace(withExtension: boolean): { db: DB; workspaceId: number } {
	const before = process.env.CL_ROWS_EXTENSION;
	if (withExtension) delete process.env.CL_ROWS_EXTENSION;
	else process.env.CL_ROWS_EXTENSION = 'off';
	try {
		const db = openDatabase(':memory:');
		expect(hasRowsExtension(db.$client)).toBe(withExtension);
		return { db, workspaceId: createWorkspace(db, 'Test', 'USD', null).id };
	} finally {
		if (before === undefined) delete process.env.CL_ROWS_EXTENSION;
		else process.env.CL_ROWS_EXTENSION = before;
	}
}

/** Everything a write leaves in the ledger, but the creation times. */
function stored(db: DB) {
	const q = (sql: string) => db.$client.prepare(sql).all();
	return {
		earnings: q(`SELECT id, workspace_id, batch_id, platform_id, stream, earned_on, month, work_id, deal_id, counterparty, description,
			gross_minor, fee_minor, tax_minor, net_minor, currency, external_id, fingerprint, source, plays, completion_bps, hours_centi,
			typeof(gross_minor) AS tg, typeof(fingerprint) AS tf, typeof(plays) AS tp FROM earnings ORDER BY id`),
		payouts: q('SELECT id, batch_id, platform_id, paid_on, month, amount_minor, currency, status, counterparty, description, external_id, fingerprint FROM payouts ORDER BY id'),
		batches: q('SELECT id, platform_id, rows_read, rows_income, rows_payouts, rows_ignored, rows_duplicate, rows_error, sha256, period_from, period_to FROM import_batches ORDER BY id'),
		rollup: q('SELECT * FROM monthly_rollup ORDER BY month, platform_id, stream, currency')
	};
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-bulk-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function file(name: string, text: string): string {
	const p = path.join(tmp, name);
	fs.writeFileSync(p, text);
	return p;
}

const HEADER = 'date,description,counterparty,gross,fee,tax,net,currency,external_id';

/**
 * A generic statement with what the packed path must carry unchanged: CJK, emoji (surrogate
 * pairs), accents, quotes and commas, empty cells (NULL), a row repeated (occurrences), two
 * currencies, and rows with no day.
 */
function edgeCsv(rows: number): string {
	const texts = ['Tip', '打赏 · 《盐的档案》', 'Café “crème”', 'Fan 🎧🎙️ club', '', 'He said "hi", twice', 'Ｆｕｌｌｗｉｄｔｈ'];
	const lines = [HEADER];
	for (let i = 0; i < rows; i++) {
		const day = String(1 + (i % 28)).padStart(2, '0');
		const month = String(1 + Math.floor((i / rows) * 12)).padStart(2, '0');
		const t = texts[i % texts.length];
		const q = (s: string) => (/[",]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
		const external = i % 5 === 0 ? '' : `t${i % 40_000}`;
		lines.push(`2024-${month}-${day},${q(t)},${q(i % 3 ? `Buyer ${i % 13} 北京` : '')},${(i % 500) + 1}.25,0.25,0.00,${(i % 500) + 1}.00,${i % 4 ? 'USD' : 'EUR'},${external}`);
		if (i % 1000 === 0) lines.push(lines[lines.length - 1]);
	}
	return lines.join('\n') + '\n';
}

type Writer = (db: DB, workspaceId: number, source: StatementSource, options: Omit<AnalyseOptions, 'sink' | 'db' | 'workspaceId'>) => Promise<unknown>;

const WRITERS: [string, Writer][] = [
	['the web commit', async (db, ws, source, options) => commitImport(db, ws, null, await analyseStatement(source, options))],
	['the streaming import', async (db, ws, source, options) => imported(await importStatement(db, ws, null, source, options))],
	['the parse worker', async (db, ws, source, options) => imported(await importStatement(db, ws, null, source, options, analyseInWorker))]
];

/** A streaming import's result, which must not be a refusal (commitImport throws one). */
function imported<T extends { plan: { fatal?: { message: string } | null }; result: unknown }>(r: T): T['result'] {
	if (r.result === null) throw new Error(`not imported: ${r.plan.fatal?.message ?? 'no rows'}`);
	return r.result;
}

describe('cl_rows is built and loaded', () => {
	it('a database opened by the app has it (npm run native builds it)', () => {
		const db = openDatabase(':memory:');
		expect(hasRowsExtension(db.$client), 'cl_rows did not load: run `npm run native` (needs a C compiler)').toBe(true);
	});
});

describe('cl_rows writes what the bound-values writer writes', () => {
	const FILES: [string, AnalyseOptions][] = [
		['patreon_earnings.csv', {}],
		['adsense_transactions.csv', {}],
		['stripe_balance_history.csv', {}],
		['paypal_activity.csv', {}],
		['alipay_bill_app_gbk.csv', {}],
		['bilibili_growup_up_income.csv', {}],
		['youtube_studio_table_data.csv', { period: '2024-12' }],
		['acx_sales_detail.csv', { period: '2024-11' }],
		[
			'handmade/narrator_measures.csv',
			{ map: { date: '结算日期', work: '作品', plays: '播放量', completionRate: '完播率', hours: '录制时长', gross: '收入(元)' }, dateFormat: 'YYYY-MM-DD', currency: 'CNY', platform: 'Ximalaya', stream: 'commission' }
		],
		['handmade/adsense_legacy_payments_utf16.tsv', {}]
	];

	it.each(WRITERS)('%s: every fixture, then each again (all duplicates), the same rows and ids', async (_name, write) => {
		const dbs = [workspace(true), workspace(false)];
		for (const { db, workspaceId } of dbs) {
			for (const [name, options] of FILES) {
				const source = fileSource(fixture(name));
				await write(db, workspaceId, source, options);
				// The same rows in another file (one line break more): every row a duplicate.
				const bytes = fs.readFileSync(fixture(name));
				const copy = new Uint8Array([...bytes, ...(bytes[0] === 0xff && bytes[1] === 0xfe ? [10, 0] : [10])]);
				await write(db, workspaceId, bytesSource(`copy-${path.basename(name)}`, copy), options);
			}
		}
		const [a, b] = dbs.map((w) => stored(w.db));
		expect(a.earnings.length).toBeGreaterThan(50);
		expect(a.earnings.some((r) => (r as { plays: number | null }).plays !== null)).toBe(true);
		expect(a).toEqual(b);
	});

	it.each(WRITERS)('%s: 30,000 rows of texts, repeats and empty cells, then an overlapping statement', async (_name, write) => {
		const whole = edgeCsv(30_000);
		const lines = whole.trimEnd().split('\n');
		// The second statement repeats the last third of the first and adds rows of its own.
		const overlap = [HEADER, ...lines.slice(20_000), ...edgeCsv(5_000).trimEnd().split('\n').slice(1).map((l) => l.replace(/^2024/, '2025'))].join('\n') + '\n';
		const first = file('first.csv', whole);
		const second = file('second.csv', overlap);
		const dbs = [workspace(true), workspace(false)];
		const results = [];
		for (const { db, workspaceId } of dbs) {
			results.push(await write(db, workspaceId, fileSource(first), {}));
			results.push(await write(db, workspaceId, fileSource(second), {}));
		}
		expect(results[0]).toEqual(results[2]);
		expect(results[1]).toEqual(results[3]);
		const [a, b] = dbs.map((w) => stored(w.db));
		expect(a.earnings.length).toBe(30_000 + 30 + 5_000 + 5);
		expect(a.earnings.map((r) => (r as { description: string | null }).description)).toContain('Fan 🎧🎙️ club');
		expect(a.earnings.map((r) => (r as { counterparty: string | null }).counterparty)).toContain(null);
		expect(a).toEqual(b);
		// Undo takes exactly the second batch out of both.
		for (const { db, workspaceId } of dbs) undoBatch(db, workspaceId, 2);
		expect(stored(dbs[0].db)).toEqual(stored(dbs[1].db));
		expect(stored(dbs[0].db).earnings.length).toBe(30_030);
	});
});

describe('texts that are not well-formed UTF-16', () => {
	it.each(WRITERS)('%s: a lone surrogate (UTF-16 file) is stored as U+FFFD by both writers, and the same rows again are duplicates', async (_name, write) => {
		const text = `${HEADER}\n2024-05-01,Tip \uD800 one,Fan,1.00,0.00,0.00,1.00,USD,a1\n2024-05-02,Tip two \uDC00,Fan \uD83C,2.00,0.00,0.00,2.00,USD,a2\n`;
		const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
		const again = new Uint8Array([...bytes, 10, 0]);
		const dbs = [workspace(true), workspace(false)];
		for (const { db, workspaceId } of dbs) {
			await write(db, workspaceId, bytesSource('lone.csv', bytes), {});
			await expect(write(db, workspaceId, bytesSource('lone-again.csv', again), {})).resolves.toMatchObject({ batchId: null, duplicates: 2 });
		}
		const [a, b] = dbs.map((w) => stored(w.db));
		expect(a.earnings.map((r) => [(r as { description: string }).description, (r as { counterparty: string }).counterparty])).toEqual([
			['Tip \uFFFD one', 'Fan'],
			['Tip two \uFFFD', 'Fan \uFFFD']
		]);
		expect(a).toEqual(b);
	});
});

describe('cl_rows refuses what does not add up, and writes nothing', () => {
	const SQL = 'SELECT * FROM cl_rows(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
	const texts = (values: (string | null)[]) => packTexts(values);
	/** Two good rows; each case below breaks one argument. */
	const good = (): unknown[] => [
		new Int32Array([1, 0]),
		texts(['2024-05']),
		texts(['other', 'USD']),
		new Uint16Array([0, 0]),
		new Int32Array([3, 0]),
		new Uint16Array([0, 0]),
		new Uint16Array([1, 1]),
		new Float64Array([100, 200, 1, 2, 0, 0, 99, 198, 5, 2 ** 52 + 3]),
		new Float64Array([NaN, 7, NaN, NaN, NaN, 12.5]),
		texts(['a', 'b']),
		texts([null, 'd · e 中文 \uD800x']),
		texts(['x', 'y'])
	];

	it('reads rows in the order given, NULL for NaN and empty texts kept apart from NULL', () => {
		const { db } = workspace(true);
		const rows = db.$client.prepare(SQL).all(...good());
		expect(rows).toEqual([
			{ stream: 'other', earned_on: null, month: '2024-05', counterparty: 'b', description: 'd · e 中文 \uFFFDx', gross: 200, fee: 2, tax: 0, net: 198, currency: 'USD', external_id: 'y', fingerprint: 2 ** 52 + 3, plays: 7, completion_bps: null, hours_centi: 12.5 },
			{ stream: 'other', earned_on: '2024-05-03', month: '2024-05', counterparty: 'a', description: null, gross: 100, fee: 1, tax: 0, net: 99, currency: 'USD', external_id: 'x', fingerprint: 5, plays: null, completion_bps: null, hours_centi: null }
		]);
	});

	const BROKEN: [string, number, unknown, RegExp][] = [
		['a row index past the rows', 0, new Int32Array([2]), /row index out of range/],
		['a negative row index', 0, new Int32Array([-1]), /row index out of range/],
		['a month code past its vocabulary', 3, new Uint16Array([0, 1]), /code out of its vocabulary/],
		['a currency code past its vocabulary', 6, new Uint16Array([1, 2]), /code out of its vocabulary/],
		['a day of 32', 4, new Int32Array([32, 0]), /day of month/],
		['a column one row short', 4, new Int32Array([3]), /one element per row/],
		['amounts for one row only', 7, new Float64Array(5), /one element per row/],
		['a text column one text short', 9, texts(['a']), /one text per row/],
		['a text pack cut short', 10, texts([null, 'abc']).subarray(0, 14), /malformed text pack/],
		['a text pack with a bad length', 11, new Uint8Array(new Int32Array([2, -5, 0]).buffer), /malformed text pack/],
		['a month that is not YYYY-MM', 1, texts(['2024-5']), /not YYYY-MM/],
		['a number where a buffer goes', 5, 7, /one element per row/],
		['NULL for the rows', 0, null, /one element per row/]
	];

	it.each(BROKEN)('%s: an error, and an INSERT through it adds no row', (_name, at, value, message) => {
		const { db } = workspace(true);
		const args = good();
		args[at] = value;
		expect(() => db.$client.prepare(SQL).all(...args)).toThrow(message);
		db.$client.exec('CREATE TABLE t (stream text, month text)');
		expect(() => db.$client.prepare(`INSERT INTO t SELECT stream, month FROM ${SQL.slice(14)}`).run(...args)).toThrow(message);
		expect(db.$client.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
	});

	it('reads ASCII four units at a time and everything else one by one, wherever the change comes', () => {
		const { db } = workspace(true);
		// A character that is not ASCII (one, two or three UTF-8 bytes, a surrogate pair) after 0–9 ASCII characters, then ASCII again.
		const odd = ['\u0080', 'é', '\u00ff', 'Ā', '中', '🎧', '\u007f'];
		const values = odd.flatMap((c) => Array.from({ length: 10 }, (_, k) => `${'abcdefghij'.slice(0, k)}${c}xyz0123`));
		const n = values.length;
		const args = good();
		args[0] = Int32Array.from(values, (_, i) => i);
		args[3] = new Uint16Array(n);
		args[4] = new Int32Array(n);
		args[5] = new Uint16Array(n);
		args[6] = new Uint16Array(n).fill(1);
		args[7] = new Float64Array(5 * n);
		args[8] = new Float64Array(0);
		args[9] = texts(values);
		args[10] = texts(values.map(() => null));
		args[11] = texts(values.map((v) => v.toUpperCase()));
		const rows = db.$client.prepare(`SELECT counterparty, external_id FROM ${SQL.slice(14)}`).all(...args);
		expect(rows).toEqual(values.map((v) => ({ counterparty: v, external_id: v.toUpperCase() })));
	});

	it('its texts outlive the cursor that made them (a max() over a join keeps one across filters)', () => {
		const { db } = workspace(true);
		const row = db.$client.prepare(`SELECT max(description) AS d, min(stream) AS s FROM (SELECT 1 UNION ALL SELECT 2) CROSS JOIN ${SQL.slice(14)}`).get(...good());
		expect(row).toEqual({ d: 'd · e 中文 \uFFFDx', s: 'other' });
	});

	it('every argument is required', () => {
		const { db } = workspace(true);
		expect(() => db.$client.prepare('SELECT * FROM cl_rows(?, ?)').all(new Int32Array(0), new Uint8Array(4))).toThrow();
	});
});

