import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import { createWorkspace } from '../../src/lib/server/db/queries/workspaces';
import { loadSampleWorkspace, SampleRefused } from '../../src/lib/server/sample';

describe('loading the sample workspace into SQLite', () => {
	const db = openDatabase(':memory:');
	const ws = createWorkspace(db, 'Demo', 'CNY', null);
	const result = loadSampleWorkspace(db, ws.id, { today: '2026-11-21' });
	const q = <T>(sql: string, ...args: unknown[]) => db.$client.prepare(sql).all(...args) as T[];

	it('writes every generated income row, and the roll-up agrees with a full re-aggregation', () => {
		const [{ n }] = q<{ n: number }>('SELECT COUNT(*) AS n FROM earnings WHERE workspace_id = ?', ws.id);
		expect(n).toBe(result.earnings);
		const raw = q<{ k: string; g: number }>(
			`SELECT month || platform_id || stream || currency AS k, SUM(gross_minor) AS g FROM earnings
			 WHERE workspace_id = ? GROUP BY month, platform_id, stream, currency ORDER BY k`, ws.id);
		const rolled = q<{ k: string; g: number }>(
			`SELECT month || platform_id || stream || currency AS k, gross_minor AS g FROM monthly_rollup
			 WHERE workspace_id = ? ORDER BY k`, ws.id);
		expect(rolled).toEqual(raw);
		expect(raw.length).toBeGreaterThan(24 * 3);
	});

	it('gives each platform exactly one payout rule version, Ximalaya withdrawing in even months', () => {
		const rules = q<{ name: string; versions: number; months: string }>(
			`SELECT p.name, COUNT(r.id) AS versions, MAX(r.payout_months) AS months FROM platforms p
			 LEFT JOIN payout_rules r ON r.platform_id = p.id WHERE p.workspace_id = ? GROUP BY p.id ORDER BY p.name`, ws.id);
		expect(rules.map((r) => r.versions)).toEqual([1, 1, 1, 1]);
		expect(rules.find((r) => r.name === 'Ximalaya')?.months).toBe('even');
	});

	it('links fees and commissions to works, and deal income to deals', () => {
		const [{ orphans }] = q<{ orphans: number }>(
			`SELECT COUNT(*) AS orphans FROM earnings WHERE workspace_id = ?
			 AND ((stream IN ('narration_fee', 'commission') AND work_id IS NULL) OR (stream = 'brand_deal' AND deal_id IS NULL))`, ws.id);
		expect(orphans).toBe(0);
	});

	it('gives an empty USD workspace the narrator\'s base currency, CNY', () => {
		const usd = createWorkspace(db, 'US books', 'USD', null);
		loadSampleWorkspace(db, usd.id, { today: '2026-11-21' });
		expect(q<{ c: string }>('SELECT base_currency AS c FROM workspaces WHERE id = ?', usd.id)[0].c).toBe('CNY');
	});

	it('refuses a workspace that already has income, writing nothing', () => {
		const before = q<{ n: number }>('SELECT COUNT(*) AS n FROM earnings')[0].n;
		expect(() => loadSampleWorkspace(db, ws.id, { today: '2026-11-21' })).toThrow(SampleRefused);
		expect(q<{ n: number }>('SELECT COUNT(*) AS n FROM earnings')[0].n).toBe(before);
	});
});
