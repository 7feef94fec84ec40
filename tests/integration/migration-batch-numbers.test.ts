/**
 * Migration 0007: import batches get a number per workspace. Batches made before it are numbered in
 * the order they were made, each workspace from 1, and the next import carries on after them.
 */
import { describe, expect, it } from 'vitest';
import { commitImport, listBatches } from '../../src/lib/server/import/commit';
import { analyseFile } from './import-support';
import { databaseAt, migrateToLatest } from './helpers/migrations';

describe('migration 0007: batch numbers per workspace', () => {
	it('numbers the batches each workspace already has, oldest first, and the next import follows on', async () => {
		const db = databaseAt('0006_deal_paid_payout_index');
		const c = db.$client;
		const workspace = c.prepare(`INSERT INTO workspaces (name, base_currency, created_at) VALUES (?, 'USD', '2025-01-01') RETURNING id`).pluck();
		const [a, b, empty] = ['A', 'B', 'Empty'].map((name) => workspace.get(name) as number);
		const batch = c.prepare(
			`INSERT INTO import_batches (workspace_id, file_name, file_size, sha256, preset_id, encoding, created_at) VALUES (?, ?, 1, ?, 'generic', 'utf-8', '2025-01-01') RETURNING id`
		).pluck();
		// Interleaved, as two accounts importing on one instance leave them; one of A's was undone (id 3).
		const ids = [[a, 'a1'], [b, 'b1'], [a, 'gone'], [a, 'a2'], [b, 'b2'], [a, 'a3']].map(([ws, name]) => batch.get(ws, name, String(name).padEnd(64, '0')) as number);
		c.prepare('DELETE FROM import_batches WHERE id = ?').run(ids[2]);

		migrateToLatest(db);

		const numbered = c.prepare('SELECT workspace_id AS ws, file_name AS file, number FROM import_batches ORDER BY id').all();
		expect(numbered).toEqual([
			{ ws: a, file: 'a1', number: 1 },
			{ ws: b, file: 'b1', number: 1 },
			{ ws: a, file: 'a2', number: 2 },
			{ ws: b, file: 'b2', number: 2 },
			{ ws: a, file: 'a3', number: 3 }
		]);
		expect(c.prepare('SELECT id, batches_numbered AS n FROM workspaces ORDER BY id').all()).toEqual([
			{ id: a, n: 3 },
			{ id: b, n: 2 },
			{ id: empty, n: 0 }
		]);
		expect((await Promise.all([a, empty].map(async (ws) => commitImport(db, ws, null, await analyseFile('patreon_earnings.csv')).batchNumber)))).toEqual([4, 1]);
		expect(listBatches(db, a).map((x) => x.number)).toEqual([4, 3, 2, 1]);
		// Two batches of one workspace can never share a number.
		expect(() => batch.get(a, 'twin', 'f'.repeat(64)) && c.prepare('UPDATE import_batches SET number = 1 WHERE file_name = ?').run('twin')).toThrow(/UNIQUE/);
	});
});
