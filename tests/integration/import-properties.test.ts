/**
 * Property tests: whatever bytes arrive (random text, random binary, a real statement cut at any
 * point), analysis never throws and the database ends up either untouched or with exactly one
 * complete batch whose rows, counts and roll-up agree.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DB } from '../../src/lib/server/db/client';
import { analyseStatement, bytesSource, type AnalyseOptions } from '../../src/lib/server/import/pipeline';
import { commitImport, ImportRefused } from '../../src/lib/server/import/commit';
import { count, fixture, freshWorkspace } from './import-support';

function batchIsWhole(db: DB, workspaceId: number): void {
	const batches = db.$client.prepare('SELECT id, rows_income AS income, rows_payouts AS payouts FROM import_batches WHERE workspace_id = ?').all(workspaceId) as { id: number; income: number; payouts: number }[];
	if (batches.length === 0) {
		expect(count(db, 'earnings', workspaceId) + count(db, 'payouts', workspaceId) + count(db, 'monthly_rollup', workspaceId)).toBe(0);
		return;
	}
	expect(batches).toHaveLength(1);
	const [b] = batches;
	expect(count(db, 'earnings', workspaceId)).toBe(b.income);
	expect(count(db, 'payouts', workspaceId)).toBe(b.payouts);
	expect(b.income + b.payouts).toBeGreaterThan(0);
	const mismatch = db.$client
		.prepare(
			`SELECT COUNT(*) AS n FROM (SELECT month, platform_id, stream, currency, SUM(net_minor) AS net, COUNT(*) AS c FROM earnings WHERE workspace_id = ? GROUP BY 1, 2, 3, 4) e
			 FULL OUTER JOIN (SELECT * FROM monthly_rollup WHERE workspace_id = ?) r USING (month, platform_id, stream, currency)
			 WHERE e.net IS NOT r.net_minor OR e.c IS NOT r.row_count`
		)
		.get(workspaceId, workspaceId) as { n: number };
	expect(mismatch.n).toBe(0);
}

async function importBytes(bytes: Uint8Array, options: AnalyseOptions = {}): Promise<void> {
	const { db, workspaceId } = freshWorkspace();
	const plan = await analyseStatement(bytesSource('random.csv', bytes), options);
	try {
		commitImport(db, workspaceId, null, plan);
	} catch (e) {
		expect(e).toBeInstanceOf(ImportRefused);
	}
	batchIsWhole(db, workspaceId);
	db.$client.close();
}

const statements = ['stripe_balance_history.csv', 'paypal_activity.csv', 'wechatpay_bill.csv', 'alipay_bill_app_gbk.csv', 'ximalaya_settlement.assumed.csv'].map((f) => fs.readFileSync(fixture(f)));

describe('no partial batch, ever', () => {
	it('a real statement truncated at any byte', async () => {
		await fc.assert(
			fc.asyncProperty(fc.integer({ min: 0, max: statements.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), async (which, cut) => {
				const bytes = statements[which];
				await importBytes(bytes.subarray(0, Math.floor(bytes.length * cut)));
			}),
			{ numRuns: 60 }
		);
	});

	it('random CSV-ish text', async () => {
		const cell = fc.oneof(
			fc.constantFrom('2025-01-02', '2025-13-40', '12.50', '-3.00', '1,234.56', 'abc', '', 'USD', '¥8', '"quoted, cell"', '"unterminated'),
			fc.string({ maxLength: 8 })
		);
		const row = fc.array(cell, { minLength: 0, maxLength: 11 }).map((cells) => cells.join(','));
		await fc.assert(
			fc.asyncProperty(fc.array(row, { maxLength: 30 }), fc.boolean(), async (rows, withHeader) => {
				const text = (withHeader ? 'date,description,counterparty,gross,fee,tax,net,currency,external_id\n' : '') + rows.join('\n');
				await importBytes(new TextEncoder().encode(text));
			}),
			{ numRuns: 80 }
		);
	});

	it('random bytes', async () => {
		await fc.assert(
			fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
				await importBytes(bytes, { period: '2025-01' });
			}),
			{ numRuns: 80 }
		);
	});
});
