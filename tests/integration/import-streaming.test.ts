/**
 * The streaming import (CLI) writes what the kept-plan commit (web) writes, all or nothing; the
 * roll-up kept by deltas always equals a full re-aggregation of `earnings`.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db/client';
import { commitImport, importStatement, undoBatch } from '../../src/lib/server/import/commit';
import { analyseInWorker } from '../../src/lib/server/import/parallel';
import { analyseStatement, bytesSource, existingRowsCounter, fileSource, type StatementSource } from '../../src/lib/server/import/pipeline';
import { analyseFile, count, fixture, freshWorkspace, ledgerTotals } from './import-support';

/** The roll-up as stored, and as a full GROUP BY over earnings would make it. */
function rollups(db: DB, workspaceId: number) {
	const stored = db.$client
		.prepare(
			`SELECT month, platform_id, stream, currency, gross_minor, fee_minor, tax_minor, net_minor, row_count FROM monthly_rollup
			 WHERE workspace_id = ? ORDER BY month, platform_id, stream, currency`
		)
		.all(workspaceId);
	const full = db.$client
		.prepare(
			`SELECT month, platform_id, stream, currency, SUM(gross_minor) AS gross_minor, SUM(fee_minor) AS fee_minor, SUM(tax_minor) AS tax_minor,
				SUM(net_minor) AS net_minor, COUNT(*) AS row_count FROM earnings WHERE workspace_id = ?
			 GROUP BY month, platform_id, stream, currency ORDER BY month, platform_id, stream, currency`
		)
		.all(workspaceId);
	return { stored, full };
}

function nothingIn(db: DB, workspaceId: number): number {
	return (['import_batches', 'earnings', 'payouts', 'monthly_rollup', 'platforms'] as const).reduce((n, t) => n + count(db, t, workspaceId), 0);
}

const HEADER = 'date,description,counterparty,gross,fee,tax,net,currency,external_id';

/** A generic statement of `rows` rows (about 60 bytes each), several 1 MB chunks when large. */
function bigCsv(rows: number, mark?: number): Uint8Array {
	const lines = [HEADER];
	for (let i = 0; i < rows; i++) {
		const day = String(1 + (i % 28)).padStart(2, '0');
		const month = String(1 + Math.floor((i / rows) * 12)).padStart(2, '0');
		lines.push(`2024-${month}-${day},Item ${i % 97},Buyer ${i % 13},${(i % 500) + 1}.25,0.25,0.00,${i % 500}.00,${i % 3 ? 'USD' : 'EUR'},${i === mark ? 'boom' : `t${i}`}`);
	}
	return new TextEncoder().encode(lines.join('\n') + '\n');
}

const FILES: [string, { period?: string }][] = [
	['patreon_earnings.csv', {}],
	['adsense_transactions.csv', {}],
	['stripe_balance_history.csv', {}],
	['stripe_payouts.csv', {}],
	['paypal_activity.csv', {}],
	['alipay_bill_app_gbk.csv', {}],
	['wechatpay_bill.csv', {}],
	['youtube_studio_table_data.csv', { period: '2024-12' }],
	['kdp_total_earnings.csv', {}],
	['handmade/gumroad_payouts.csv', {}],
	['handmade/adsense_legacy_payments_utf16.tsv', {}]
];

describe('streaming import = analyse + commit', () => {
	it.each(FILES)('%s writes the same rows, batch and roll-up', async (file, options) => {
		const kept = freshWorkspace();
		const r1 = commitImport(kept.db, kept.workspaceId, null, await analyseFile(file, options));
		const streamed = freshWorkspace();
		const { plan, result: r2 } = await importStatement(streamed.db, streamed.workspaceId, null, fileSource(fixture(file)), options);
		expect(plan.rows).toBeNull();
		expect(r2).toEqual(r1);
		expect(ledgerTotals(streamed.db, streamed.workspaceId)).toEqual(ledgerTotals(kept.db, kept.workspaceId));
		const batch = (db: DB) =>
			db.$client.prepare('SELECT file_name, file_size, sha256, preset_id, encoding, period_from, period_to, rows_read, rows_income, rows_payouts, rows_ignored, rows_duplicate, rows_error FROM import_batches').all();
		expect(batch(streamed.db)).toEqual(batch(kept.db));
		const platform = (db: DB) => db.$client.prepare('SELECT name, currency, default_stream, preset_id FROM platforms').all();
		expect(platform(streamed.db)).toEqual(platform(kept.db));
		expect(rollups(streamed.db, streamed.workspaceId).stored).toEqual(rollups(kept.db, kept.workspaceId).stored);
		expect(streamed.db.$client.inTransaction).toBe(false);
	});

	it('a big file in many chunks: same result, and re-importing it adds nothing', async () => {
		const bytes = bigCsv(60_000);
		const kept = freshWorkspace();
		const r1 = commitImport(kept.db, kept.workspaceId, null, await analyseStatement(bytesSource('big.csv', bytes)));
		const { db, workspaceId } = freshWorkspace();
		const { result } = await importStatement(db, workspaceId, null, bytesSource('big.csv', bytes));
		expect(result).toEqual(r1);
		expect(result?.earningsInserted).toBe(60_000);
		expect(ledgerTotals(db, workspaceId)).toEqual(ledgerTotals(kept.db, kept.workspaceId));
		const again = await importStatement(db, workspaceId, null, bytesSource('big.csv', bytes));
		expect(result?.batchNumber).toBe(1);
		expect(again.result).toMatchObject({ batchId: null, batchNumber: null, alreadyImportedAs: 1, duplicates: 60_000 });
		// Another file with the same rows: every row a duplicate, no batch.
		const copy = new Uint8Array([...bytes, 10]);
		const dup = await importStatement(db, workspaceId, null, bytesSource('copy.csv', copy));
		expect(dup.result).toMatchObject({ batchId: null, batchNumber: null, alreadyImportedAs: null, duplicates: 60_000, earningsInserted: 0 });
		expect(count(db, 'import_batches', workspaceId)).toBe(1);
		// Neither took a number: the next batch is 2.
		expect((await importStatement(db, workspaceId, null, bytesSource('other.csv', bigCsv(3)))).result).toMatchObject({ batchNumber: 2 });
		// The streaming preview counts them too.
		const preview = await analyseStatement(bytesSource('copy.csv', copy), { db, workspaceId, sink: existingRowsCounter(db, workspaceId) });
		expect(preview.counts).toMatchObject({ income: 60_000, duplicates: 60_000 });
		expect(preview.rows).toBeNull();
	});
});

describe('streaming import is all or nothing', () => {
	it('a read failure after several chunks were written leaves nothing', async () => {
		const { db, workspaceId } = freshWorkspace();
		const bytes = bigCsv(60_000);
		let chunks = 0;
		const failing: StatementSource = {
			name: 'broken.csv',
			size: bytes.length,
			async *open() {
				for (let i = 0; i < bytes.length; i += 1 << 20) {
					if (++chunks > 4) throw new Error('disk went away');
					yield bytes.subarray(i, i + (1 << 20));
				}
			}
		};
		const { plan, result } = await importStatement(db, workspaceId, null, failing);
		expect(chunks).toBeGreaterThan(4);
		expect(result).toBeNull();
		expect(plan.fatal?.code).toBe('parse_error');
		expect(nothingIn(db, workspaceId)).toBe(0);
		expect(db.$client.inTransaction).toBe(false);
	});

	it('a database failure on a row late in the file leaves nothing and is thrown', async () => {
		const { db, workspaceId } = freshWorkspace();
		db.$client.exec(`CREATE TEMP TRIGGER boom BEFORE INSERT ON earnings WHEN NEW.external_id = 'boom' BEGIN SELECT RAISE(ABORT, 'boom row'); END`);
		await expect(importStatement(db, workspaceId, null, bytesSource('late.csv', bigCsv(60_000, 55_000)))).rejects.toThrow('boom row');
		expect(nothingIn(db, workspaceId)).toBe(0);
		expect(db.$client.inTransaction).toBe(false);
		// The connection is usable afterwards and the same workspace imports normally.
		db.$client.exec('DROP TRIGGER boom');
		const ok = await importStatement(db, workspaceId, null, bytesSource('late.csv', bigCsv(1_000)));
		expect(ok.result?.earningsInserted).toBe(1_000);
	});

	it('refuses to start inside an open transaction (the connection must be its own)', async () => {
		const { db, workspaceId } = freshWorkspace();
		db.$client.exec('BEGIN');
		await expect(importStatement(db, workspaceId, null, fileSource(fixture('patreon_earnings.csv')))).rejects.toThrow(/transaction/);
		db.$client.exec('ROLLBACK');
		expect(nothingIn(db, workspaceId)).toBe(0);
	});

	it('a file that cannot be imported writes nothing', async () => {
		const { db, workspaceId } = freshWorkspace();
		for (const file of ['bad/all_bad.csv', 'bad/header_only.csv', 'bad/unknown_layout.csv']) {
			const { plan, result } = await importStatement(db, workspaceId, null, fileSource(fixture(file)));
			expect(plan.ok).toBe(false);
			expect(result).toBeNull();
		}
		expect(nothingIn(db, workspaceId)).toBe(0);
	});
});

describe('roll-up by deltas equals a full re-aggregation', () => {
	it('after imports (both paths, overlapping files, several platforms) and after each undo', async () => {
		const { db, workspaceId } = freshWorkspace();
		const batches: number[] = [];
		for (const [file, options] of FILES) {
			const { result } = await importStatement(db, workspaceId, null, fileSource(fixture(file)), options);
			if (result?.batchId) batches.push(result.batchId);
		}
		const jan = await analyseStatement(bytesSource('a.csv', bigCsv(3_000)));
		batches.push(commitImport(db, workspaceId, null, jan).batchId!);
		// Overlapping: half the rows are already there, the rest are new in the same months.
		const b = bigCsv(6_000);
		const { result } = await importStatement(db, workspaceId, null, bytesSource('b.csv', b));
		const inA = new Set(new TextDecoder().decode(bigCsv(3_000)).split('\n').slice(1));
		const shared = new TextDecoder().decode(b).split('\n').slice(1).filter((line) => line !== '' && inA.has(line)).length;
		expect(shared).toBeGreaterThan(0);
		expect(result?.duplicates).toBe(shared);
		batches.push(result!.batchId!);
		let r = rollups(db, workspaceId);
		expect(r.stored.length).toBeGreaterThan(20);
		expect(r.stored).toEqual(r.full);
		for (const id of [batches[3], batches.at(-2)!, batches[0], batches.at(-1)!]) {
			expect(undoBatch(db, workspaceId, id)).not.toBeNull();
			r = rollups(db, workspaceId);
			expect(r.stored).toEqual(r.full);
		}
		for (const id of batches) undoBatch(db, workspaceId, id);
		expect(count(db, 'monthly_rollup', workspaceId) + count(db, 'earnings', workspaceId)).toBe(0);
	});
});

describe('parallel import (parse worker thread) = streaming import', () => {
	/** A statement written to a temporary file: the worker reads files, not bytes in memory. */
	function tempFile(name: string, bytes: Uint8Array): string {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-par-'));
		const file = path.join(dir, name);
		fs.writeFileSync(file, bytes);
		return file;
	}

	it.each(FILES)('%s writes the same rows, batch and roll-up', async (file, options) => {
		const inline = freshWorkspace();
		const r1 = await importStatement(inline.db, inline.workspaceId, null, fileSource(fixture(file)), options);
		const parallel = freshWorkspace();
		const r2 = await importStatement(parallel.db, parallel.workspaceId, null, fileSource(fixture(file)), options, analyseInWorker);
		expect(r2.result).toEqual(r1.result);
		expect(r2.plan.counts).toEqual(r1.plan.counts);
		expect(r2.plan.totals).toEqual(r1.plan.totals);
		expect(r2.plan.sha256).toBe(r1.plan.sha256);
		expect(ledgerTotals(parallel.db, parallel.workspaceId)).toEqual(ledgerTotals(inline.db, inline.workspaceId));
		expect(rollups(parallel.db, parallel.workspaceId).stored).toEqual(rollups(inline.db, inline.workspaceId).stored);
	});

	it('a big file in many chunks (the worker waits for the writer), then again: nothing added', async () => {
		const file = tempFile('big.csv', bigCsv(120_000));
		const { db, workspaceId } = freshWorkspace();
		const { result } = await importStatement(db, workspaceId, null, fileSource(file), {}, analyseInWorker);
		expect(result?.earningsInserted).toBe(120_000);
		const r = rollups(db, workspaceId);
		expect(r.stored).toEqual(r.full);
		const kept = freshWorkspace();
		commitImport(kept.db, kept.workspaceId, null, await analyseStatement(fileSource(file)));
		expect(ledgerTotals(db, workspaceId)).toEqual(ledgerTotals(kept.db, kept.workspaceId));
		const copy = tempFile('copy.csv', new Uint8Array([...fs.readFileSync(file), 10]));
		const dup = await importStatement(db, workspaceId, null, fileSource(copy), {}, analyseInWorker);
		expect(dup.result).toMatchObject({ batchId: null, batchNumber: null, duplicates: 120_000, earningsInserted: 0 });
		// The very same file: known by its SHA-256, which this thread takes while the worker parses.
		const same = await importStatement(db, workspaceId, null, fileSource(file), {}, analyseInWorker);
		expect(same.plan.sha256).toBe(createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
		expect(same.result).toMatchObject({ batchId: null, batchNumber: null, earningsInserted: 0, alreadyImportedAs: 1 });
		// Neither took a number: the next batch (through the worker too) is 2.
		const next = tempFile('next.csv', bigCsv(3));
		expect((await importStatement(db, workspaceId, null, fileSource(next), {}, analyseInWorker)).result).toMatchObject({ batchNumber: 2 });
	});

	it('a GB18030 file that reads as UTF-8 at first is read again from the start (the writer forgets the first reading)', async () => {
		const head = 'date,description,counterparty,gross,fee,tax,net,currency,external_id\n';
		const ascii = Array.from({ length: 30_000 }, (_, i) => `2024-03-${String(1 + (i % 28)).padStart(2, '0')},Item ${i},Buyer,1.00,0.00,0.00,1.00,CNY,a${i}`).join('\n');
		const chinese = iconv.encode('\n2024-03-29,稿费,出版社,10.00,0.00,0.00,10.00,CNY,z1\n', 'gb18030');
		const file = tempFile('gbk.csv', Buffer.concat([Buffer.from(head + ascii), chinese]));
		const { db, workspaceId } = freshWorkspace();
		const { plan, result } = await importStatement(db, workspaceId, null, fileSource(file), {}, analyseInWorker);
		expect(plan.encoding).toBe('gb18030');
		expect(result?.earningsInserted).toBe(30_001);
		expect(count(db, 'earnings', workspaceId)).toBe(30_001);
		expect(db.$client.prepare("SELECT description FROM earnings WHERE external_id = 'z1'").pluck().get()).toBe('稿费');
	});

	it('after a GB18030 re-read the codes of currencies and streams still mean what they meant in the worker', async () => {
		// "元" in GB18030 reads as valid UTF-8 ("Ԫ") at first, so the first reading rejects that row and
		// knows USD only; the second maps it to CNY, first. The writer must not mix the two vocabularies.
		const lines = ['id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description'];
		lines.push('txn_cny,charge,ch_cny,100.00,1.00,99.00,元,2025-09-01 10:00,2025-09-01 10:00,CNY row');
		for (let i = 0; i < 30_000; i++) lines.push(`txn_${i},charge,ch_${i},10.00,0.50,9.50,usd,2025-09-02 10:00,2025-09-02 10:00,Item ${i}`);
		lines.push('txn_gb,charge,ch_gb,10.00,0.50,9.50,usd,2025-09-03 10:00,2025-09-03 10:00,电子书');
		const file = tempFile('stripe-gbk.csv', iconv.encode(lines.join('\n') + '\n', 'gb18030'));
		const inline = freshWorkspace();
		const a = await importStatement(inline.db, inline.workspaceId, null, fileSource(file));
		const parallel = freshWorkspace();
		const b = await importStatement(parallel.db, parallel.workspaceId, null, fileSource(file), {}, analyseInWorker);
		expect(b.plan.encoding).toBe('gb18030');
		expect(b.result).toEqual(a.result);
		expect(ledgerTotals(parallel.db, parallel.workspaceId)).toEqual(ledgerTotals(inline.db, inline.workspaceId));
		expect(Object.keys(ledgerTotals(parallel.db, parallel.workspaceId).earnings)).toEqual(['CNY', 'USD']);
		const r = rollups(parallel.db, parallel.workspaceId);
		expect(r.stored).toEqual(r.full);
	});

	it('a database failure late in the file stops the worker, leaves nothing and is thrown', async () => {
		const { db, workspaceId } = freshWorkspace();
		db.$client.exec(`CREATE TEMP TRIGGER boom BEFORE INSERT ON earnings WHEN NEW.external_id = 'boom' BEGIN SELECT RAISE(ABORT, 'boom row'); END`);
		const file = tempFile('late.csv', bigCsv(120_000, 100_000));
		await expect(importStatement(db, workspaceId, null, fileSource(file), {}, analyseInWorker)).rejects.toThrow('boom row');
		expect(nothingIn(db, workspaceId)).toBe(0);
		expect(db.$client.inTransaction).toBe(false);
	});

	it('files that cannot be imported write nothing', async () => {
		const { db, workspaceId } = freshWorkspace();
		for (const file of ['bad/all_bad.csv', 'bad/header_only.csv', 'bad/unknown_layout.csv', 'bad/picture.png', 'bad/empty.csv']) {
			const { plan, result } = await importStatement(db, workspaceId, null, fileSource(fixture(file)), {}, analyseInWorker);
			expect(plan.ok).toBe(false);
			expect(result).toBeNull();
		}
		expect(nothingIn(db, workspaceId)).toBe(0);
	});
});
