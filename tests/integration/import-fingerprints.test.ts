/**
 * Fingerprints: integers (day × 2^37 + row hash); a hash collision never costs a row, and a
 * database written before migration 0001 (text fingerprints) still recognises its rows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db/client';
import { commitImport, importStatement } from '../../src/lib/server/import/commit';
import { ensurePlatform } from '../../src/lib/server/db/queries/platforms';
import { dayNumber, LedgerRows, MAX_PROBES, OTHER, rowFingerprint } from '../../src/lib/server/import/dedupe';
import { KIND_INCOME } from '../../src/lib/server/import/normalise';
import { analyseStatement, bytesSource, countExisting } from '../../src/lib/server/import/pipeline';
import { analyseFile, count, fixture, freshWorkspace, ledgerTotals } from './import-support';
import { databaseAt, MIGRATIONS, ROOT } from './helpers/migrations';

const databaseAt0000 = () => databaseAt('0000_init');

/** The same statement with other bytes (a trailing blank line): the file check passes, the rows are the same. */
async function sameRowsOtherBytes(file: string) {
	const bytes = Buffer.concat([fs.readFileSync(fixture(file)), Buffer.from('\n')]);
	return bytesSource(path.basename(file), bytes);
}

const LEGACY_FILES = ['paypal_activity.csv', 'stripe_balance_history.csv', 'wechatpay_bill.csv', 'patreon_earnings.csv', '../legacy/identical-rows.csv'];

describe('migration 0001: text fingerprints become integers', () => {
	it('keeps every row and turns imported fingerprints into the form new imports compute', async () => {
		const db = databaseAt0000();
		db.$client.exec(fs.readFileSync(path.join(ROOT, 'tests/fixtures/legacy/ledger-0000.sql'), 'utf8'));
		const before = ledgerTotals(db, 1);
		expect(count(db, 'earnings', 1)).toBe(77);
		migrate(db, { migrationsFolder: MIGRATIONS });
		expect(ledgerTotals(db, 1)).toEqual(before);
		const types = db.$client.prepare("SELECT typeof(fingerprint) AS t, COUNT(*) AS n FROM (SELECT fingerprint FROM earnings UNION ALL SELECT fingerprint FROM payouts) GROUP BY t").all();
		expect(types).toEqual([{ t: 'integer', n: 80 }]);
		// Each statement again (other bytes, same rows): every row is recognised, nothing is added.
		for (const file of LEGACY_FILES) {
			const { plan, result } = await importStatement(db, 1, null, await sameRowsOtherBytes(file));
			expect(plan.counts.income + plan.counts.payouts).toBeGreaterThan(0);
			expect(result).toMatchObject({ batchId: null, earningsInserted: 0, payoutsInserted: 0, duplicates: plan.counts.income + plan.counts.payouts });
		}
		expect(ledgerTotals(db, 1)).toEqual(before);
	});

	it('a "#1" row without its base (the old 32-bit counter\'s false repeat) is still recognised', async () => {
		const db = databaseAt0000();
		db.$client.exec(fs.readFileSync(path.join(ROOT, 'tests/fixtures/legacy/ledger-0000.sql'), 'utf8'));
		// What the old counter did to a unique row whose 32-bit key an earlier row of its file shared.
		const changed = db.$client
			.prepare("UPDATE earnings SET fingerprint = fingerprint || '#1' WHERE id IN (SELECT id FROM earnings WHERE batch_id = 4 AND fingerprint NOT LIKE '%#%' ORDER BY id LIMIT 2)")
			.run().changes;
		expect(changed).toBe(2);
		migrate(db, { migrationsFolder: MIGRATIONS });
		const { result } = await importStatement(db, 1, null, await sameRowsOtherBytes('patreon_earnings.csv'));
		expect(result).toMatchObject({ batchId: null, earningsInserted: 0, duplicates: 18 });
		// The identical rows' own "#1" and "#2" (their base is there) keep their numbers.
		const again = await importStatement(db, 1, null, await sameRowsOtherBytes('../legacy/identical-rows.csv'));
		expect(again.result).toMatchObject({ batchId: null, earningsInserted: 0, duplicates: 4 });
	});

	it('mends dangling references instead of failing, and keeps the id counters', () => {
		const db = databaseAt0000();
		db.$client.exec(fs.readFileSync(path.join(ROOT, 'tests/fixtures/legacy/ledger-0000.sql'), 'utf8'));
		db.$client.pragma('foreign_keys = OFF');
		db.$client.exec("UPDATE earnings SET batch_id = 999, work_id = 998 WHERE id = 1; UPDATE payouts SET batch_id = 997 WHERE id = (SELECT min(id) FROM payouts)");
		db.$client.exec("INSERT INTO earnings (workspace_id, platform_id, stream, month, gross_minor, net_minor, currency, fingerprint, created_at) VALUES (77, 1, 'ads', '2025-01', 1, 1, 'USD', 'orphan', 'now')");
		db.$client.exec('DELETE FROM earnings WHERE id = (SELECT max(id) FROM earnings WHERE workspace_id = 1)');
		db.$client.pragma('foreign_keys = ON');
		const seq = () => db.$client.prepare("SELECT name, seq FROM sqlite_sequence WHERE name IN ('earnings', 'payouts') ORDER BY name").all();
		const before = seq();
		migrate(db, { migrationsFolder: MIGRATIONS });
		expect(seq()).toEqual(before);
		expect(db.$client.prepare('SELECT batch_id, work_id FROM earnings WHERE id = 1').get()).toEqual({ batch_id: null, work_id: null });
		expect(db.$client.prepare('SELECT COUNT(*) FROM earnings WHERE workspace_id = 77').pluck().get()).toBe(0);
		expect(db.$client.prepare('SELECT COUNT(*) FROM earnings').pluck().get()).toBe(76);
		expect(db.$client.pragma('foreign_key_check')).toEqual([]);
	});

	it('the SQL arithmetic is rowFingerprint for any day, hash lanes and occurrence', () => {
		const db = databaseAt0000();
		const update = fs
			.readFileSync(path.join(MIGRATIONS, '0001_integer_fingerprints.sql'), 'utf8')
			.split('--> statement-breakpoint')
			.find((s) => s.includes('UPDATE OR IGNORE `earnings`'))!
			.replace('`earnings`', 'legacy');
		db.$client.exec('CREATE TABLE legacy (id INTEGER PRIMARY KEY, fingerprint INTEGER, source TEXT); CREATE TEMP TABLE legacy_shift_earnings (id INTEGER)');
		const hex = (n: number) => n.toString(16).padStart(8, '0');
		fc.assert(
			fc.property(
				fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2149, 11, 31) }),
				fc.boolean(),
				fc.integer({ min: 0, max: 0xffffffff }),
				fc.integer({ min: 0, max: 0xffffffff }),
				fc.integer({ min: 0, max: 5000 }),
				(ms, monthOnly, h0, h1, occurrence) => {
					const date = new Date(ms).toISOString().slice(0, monthOnly ? 7 : 10);
					const text = `${date}|${hex(h0)}${hex(h1)}0123456789abcdef${occurrence ? `#${occurrence}` : ''}`;
					db.$client.exec('DELETE FROM legacy');
					db.$client.prepare("INSERT INTO legacy (fingerprint, source) VALUES (?, 'import')").run(text);
					db.$client.exec(update);
					const got = db.$client.prepare('SELECT fingerprint FROM legacy').pluck().get();
					expect(got).toBe(rowFingerprint(dayNumber(date), h0, h1, occurrence));
					expect(Number.isSafeInteger(got)).toBe(true);
				}
			),
			{ numRuns: 300 }
		);
	});
});

describe('a row\'s fingerprint is its own', () => {
	// The normaliser keeps what a run of rows with the same kind and date share (day, month code,
	// the start of the hash): nothing of the row before may leak into a row's fingerprint.
	it.each(['stripe_balance_history.csv', 'paypal_activity.csv', 'handmade/gumroad_payouts.csv'])('%s with its lines in reverse order: every row a duplicate', async (file) => {
		const { db, workspaceId } = freshWorkspace();
		const first = commitImport(db, workspaceId, null, await analyseFile(file));
		const lines = fs.readFileSync(fixture(file), 'utf8').trimEnd().split('\n');
		const reversed = [lines[0], ...lines.slice(1).reverse()].join('\n') + '\n';
		const plan = await analyseStatement(bytesSource(`reversed-${path.basename(file)}`, new TextEncoder().encode(reversed)));
		expect(plan.fatal).toBeUndefined();
		expect(plan.counts.income + plan.counts.payouts).toBe(first.earningsInserted + first.payoutsInserted);
		const again = commitImport(db, workspaceId, null, plan);
		expect(again).toMatchObject({ batchId: null, earningsInserted: 0, payoutsInserted: 0 });
	});
});

describe('hash collisions cost a lookup, never a row', () => {
	it('two different rows with one fingerprint are both kept; importing them again adds nothing', async () => {
		const { db, workspaceId } = freshWorkspace();
		const plan = await analyseFile('patreon_earnings.csv');
		const rows = plan.rows!;
		// Every row takes the first row's fingerprint: each must move on to a free one.
		for (let i = 1; i < rows.length; i++) rows.fp[i] = rows.fp[0];
		const first = commitImport(db, workspaceId, null, plan);
		expect(first.earningsInserted).toBe(plan.counts.income);
		expect(first.duplicates).toBe(0);
		const again = await analyseStatement(bytesSource('again.csv', Buffer.concat([fs.readFileSync(fixture('patreon_earnings.csv')), Buffer.from('\n')])));
		for (let i = 1; i < again.rows!.length; i++) again.rows!.fp[i] = again.rows!.fp[0];
		expect(again.counts.income).toBe(plan.counts.income);
		const second = commitImport(db, workspaceId, null, again);
		expect(second).toMatchObject({ batchId: null, earningsInserted: 0, duplicates: plan.counts.income });
		expect(count(db, 'earnings', workspaceId)).toBe(plan.counts.income);
	});

	it('a row colliding with a row of another platform is kept, and the preview does not count it as a duplicate', async () => {
		const { db, workspaceId } = freshWorkspace();
		commitImport(db, workspaceId, null, await analyseFile('patreon_earnings.csv'));
		// PayPal exists (an earlier statement), so the preview really looks its rows up.
		const paypal = ensurePlatform(db, workspaceId, { name: 'PayPal', currency: 'USD' });
		const b = await analyseFile('paypal_activity.csv');
		// PayPal's rows take fingerprints the Patreon rows hold.
		const taken = db.$client.prepare('SELECT fingerprint FROM earnings WHERE workspace_id = ? ORDER BY id').pluck().all(workspaceId) as number[];
		for (let i = 0; i < b.rows!.length; i++) b.rows!.fp[i] = taken[i % taken.length];
		const stored = new LedgerRows(db, workspaceId, paypal);
		for (let i = 0; i < b.rows!.length; i++) expect(stored.earningAt(b.rows!, i, b.rows!.fp[i])).toBe(OTHER);
		expect(countExisting(db, workspaceId, 'PayPal', b.rows!)).toBe(0);
		const r = commitImport(db, workspaceId, null, b);
		expect(r.earningsInserted + r.payoutsInserted).toBe(b.counts.income + b.counts.payouts);
		expect(r.duplicates).toBe(0);
		// Once in, the same rows are found by the preview, past the Patreon rows that hold their fingerprints.
		expect(countExisting(db, workspaceId, 'PayPal', b.rows!)).toBe(b.rows!.length);
	});

	it('more than one INSERT group of colliding rows (the settle path), then again: every row once', async () => {
		const lines = ['date,description,counterparty,gross,fee,tax,net,currency,external_id'];
		for (let i = 0; i < 130; i++) lines.push(`2025-05-${String(1 + (i % 28)).padStart(2, '0')},Item ${i},Buyer ${i % 7},${i + 1}.00,0.10,0.00,${i}.90,USD,c${i}`);
		const bytes = Buffer.from(lines.join('\n') + '\n');
		const collide = async (name: string, data: Buffer) => {
			const plan = await analyseStatement(bytesSource(name, data));
			// The rows share four fingerprints (about 33 rows each): groups of 50 meet taken ones.
			for (let i = 0; i < plan.rows!.length; i++) plan.rows!.fp[i] = plan.rows!.fp[i % 4];
			return plan;
		};
		const { db, workspaceId } = freshWorkspace();
		const first = commitImport(db, workspaceId, null, await collide('a.csv', bytes));
		expect(first).toMatchObject({ earningsInserted: 130, duplicates: 0 });
		expect(db.$client.prepare('SELECT COUNT(DISTINCT external_id) FROM earnings').pluck().get()).toBe(130);
		const r = db.$client.prepare('SELECT SUM(row_count) AS n, SUM(net_minor) AS net FROM monthly_rollup').get();
		expect(r).toEqual(db.$client.prepare('SELECT COUNT(*) AS n, SUM(net_minor) AS net FROM earnings').get());
		const again = commitImport(db, workspaceId, null, await collide('b.csv', Buffer.concat([bytes, Buffer.from('\n')])));
		expect(again).toMatchObject({ batchId: null, earningsInserted: 0, duplicates: 130 });
	});

	it('payouts that collide are kept and recognised again too', async () => {
		const { db, workspaceId } = freshWorkspace();
		const plan = await analyseFile('stripe_payouts.csv');
		const payoutRows = [...plan.rows!.kind.keys()].filter((i) => plan.rows!.kind[i] !== KIND_INCOME);
		expect(payoutRows.length).toBeGreaterThan(1);
		for (const i of payoutRows) plan.rows!.fp[i] = plan.rows!.fp[payoutRows[0]];
		const first = commitImport(db, workspaceId, null, plan);
		expect(first.payoutsInserted).toBe(plan.counts.payouts);
		const again = await analyseStatement(bytesSource('again.csv', Buffer.concat([fs.readFileSync(fixture('stripe_payouts.csv')), Buffer.from('\n')])));
		for (const i of payoutRows) again.rows!.fp[i] = again.rows!.fp[payoutRows[0]];
		expect(commitImport(db, workspaceId, null, again)).toMatchObject({ batchId: null, payoutsInserted: 0, duplicates: plan.counts.income + plan.counts.payouts });
	});

	it('a row with no free fingerprint near its own is an error, and nothing is written', async () => {
		const { db, workspaceId } = freshWorkspace();
		const lines = ['date,description,counterparty,gross,fee,tax,net,currency,external_id'];
		for (let i = 0; i < MAX_PROBES + 2; i++) lines.push(`2025-05-01,Item ${i},Buyer,${i + 1}.00,0.00,0.00,${i + 1}.00,USD,x${i}`);
		const plan = await analyseStatement(bytesSource('crowded.csv', Buffer.from(lines.join('\n') + '\n')));
		for (let i = 0; i < plan.rows!.length; i++) plan.rows!.fp[i] = plan.rows!.fp[0];
		expect(() => commitImport(db, workspaceId, null, plan)).toThrow(/No free fingerprint/);
		expect(count(db, 'earnings', workspaceId) + count(db, 'import_batches', workspaceId)).toBe(0);
	});
});
