/** Shared set-up for the import integration tests: a migrated in-memory database and helpers. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type DB } from '../../src/lib/server/db/client';
import { createWorkspace } from '../../src/lib/server/db/queries/workspaces';
import { analyseStatement, fileSource, type AnalyseOptions } from '../../src/lib/server/import/pipeline';
import { formatMinorAsDecimal } from '../../src/lib/domain/money';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/statements');

export function fixture(name: string): string {
	return path.join(FIXTURES, name);
}

export function freshWorkspace(): { db: DB; workspaceId: number } {
	const db = openDatabase(':memory:');
	const ws = createWorkspace(db, 'Test', 'USD', null);
	return { db, workspaceId: ws.id };
}

export function analyseFile(name: string, options: AnalyseOptions = {}) {
	return analyseStatement(fileSource(fixture(name)), options);
}

/** Everything the database holds for a workspace, in decimal strings per currency. */
export function ledgerTotals(db: DB, workspaceId: number, batchId?: number) {
	const where = batchId === undefined ? 'workspace_id = ?' : 'workspace_id = ? AND batch_id = ?';
	const args = batchId === undefined ? [workspaceId] : [workspaceId, batchId];
	const earnings = db.$client
		.prepare(`SELECT currency, COUNT(*) AS n, SUM(gross_minor) AS g, SUM(fee_minor) AS f, SUM(tax_minor) AS t, SUM(net_minor) AS net FROM earnings WHERE ${where} GROUP BY currency ORDER BY currency`)
		.all(...args) as { currency: string; n: number; g: number; f: number; t: number; net: number }[];
	const payouts = db.$client
		.prepare(`SELECT currency, COUNT(*) AS n, SUM(amount_minor) AS a, SUM(CASE WHEN status = 'received' THEN amount_minor ELSE 0 END) AS r FROM payouts WHERE ${where} GROUP BY currency ORDER BY currency`)
		.all(...args) as { currency: string; n: number; a: number; r: number }[];
	const f = (m: number, c: string) => formatMinorAsDecimal(m, c);
	return {
		earnings: Object.fromEntries(earnings.map((e) => [e.currency, { rows: e.n, gross: f(e.g, e.currency), fee: f(e.f, e.currency), tax: f(e.t, e.currency), net: f(e.net, e.currency) }])),
		payouts: Object.fromEntries(payouts.map((p) => [p.currency, { rows: p.n, amount: f(p.a, p.currency), received: f(p.r, p.currency) }]))
	};
}

export function rollupTotals(db: DB, workspaceId: number) {
	return db.$client
		.prepare('SELECT currency, SUM(gross_minor) AS g, SUM(net_minor) AS n, SUM(row_count) AS rows FROM monthly_rollup WHERE workspace_id = ? GROUP BY currency ORDER BY currency')
		.all(workspaceId) as { currency: string; g: number; n: number; rows: number }[];
}

export function count(db: DB, table: 'earnings' | 'payouts' | 'import_batches' | 'monthly_rollup' | 'platforms', workspaceId: number): number {
	return (db.$client.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE workspace_id = ?`).get(workspaceId) as { n: number }).n;
}
