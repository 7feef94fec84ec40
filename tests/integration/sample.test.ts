import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import { createWorkspace, parseSettingsJson, workspaceSettings } from '../../src/lib/server/db/queries/workspaces';
import { getRiskSettings, saveRiskSettings } from '../../src/lib/server/metrics/risk-settings';
import { ensurePlatform } from '../../src/lib/server/db/queries/platforms';
import { holdsSample, loadSampleWorkspace, removeSampleData, SampleRefused } from '../../src/lib/server/sample';
import { commitImport } from '../../src/lib/server/import/commit';
import { analyseStatement, fileSource } from '../../src/lib/server/import/pipeline';
import { fixture, ledgerTotals } from './import-support';

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

describe('removing the sample from a workspace', () => {
	const q = <T>(db: ReturnType<typeof openDatabase>, sql: string, ...args: unknown[]) => db.$client.prepare(sql).all(...args) as T[];
	const n = (db: ReturnType<typeof openDatabase>, table: string, id: number) => q<{ n: number }>(db, `SELECT COUNT(*) AS n FROM ${table} WHERE workspace_id = ?`, id)[0].n;

	it('leaves an empty workspace as it was before: no rows, platforms, works, deals or rules, its own base currency', () => {
		const db = openDatabase(':memory:');
		const ws = createWorkspace(db, 'US books', 'USD', null);
		expect(holdsSample(db, ws.id)).toBe(false);
		const loaded = loadSampleWorkspace(db, ws.id, { today: '2026-11-21' });
		expect(holdsSample(db, ws.id)).toBe(true);
		expect(removeSampleData(db, ws.id)).toBe(loaded.earnings);
		for (const table of ['earnings', 'platforms', 'works', 'deals', 'payout_rules', 'commission_rules', 'monthly_rollup']) expect(n(db, table, ws.id), table).toBe(0);
		expect(q<{ c: string }>(db, 'SELECT base_currency AS c FROM workspaces WHERE id = ?', ws.id)[0].c).toBe('USD');
		expect(holdsSample(db, ws.id)).toBe(false);
		// And the sample can go in again.
		expect(loadSampleWorkspace(db, ws.id, { today: '2026-11-21' }).earnings).toBe(loaded.earnings);
	});

	it('takes out a sample loaded in Chinese, its brand-deal platform (品牌合作) too', () => {
		const db = openDatabase(':memory:');
		const ws = createWorkspace(db, '示例', 'CNY', null);
		const loaded = loadSampleWorkspace(db, ws.id, { today: '2026-11-21', language: 'zh' });
		expect(q<{ name: string }>(db, 'SELECT name FROM platforms WHERE workspace_id = ? ORDER BY name', ws.id).map((p) => p.name)).toEqual(['Bilibili', 'Douyin', 'Ximalaya', '品牌合作']);
		expect(removeSampleData(db, ws.id)).toBe(loaded.earnings);
		for (const table of ['earnings', 'platforms', 'works', 'deals', 'payout_rules', 'commission_rules', 'monthly_rollup']) expect(n(db, table, ws.id), table).toBe(0);
	});

	it("keeps a platform of the user's own that bears the other language's name for brand deals", () => {
		const db = openDatabase(':memory:');
		const ws = createWorkspace(db, 'Mine', 'CNY', null);
		loadSampleWorkspace(db, ws.id, { today: '2026-11-21' });
		// Made by the user while the (English) sample was in; nothing on it yet.
		ensurePlatform(db, ws.id, { name: '品牌合作', currency: 'CNY' });
		removeSampleData(db, ws.id);
		expect(q<{ name: string }>(db, 'SELECT name FROM platforms WHERE workspace_id = ?', ws.id).map((p) => p.name)).toEqual(['品牌合作']);
	});

	it('keeps what the user imported beside it, and the platform those rows are on', async () => {
		const db = openDatabase(':memory:');
		const ws = createWorkspace(db, 'Mixed', 'USD', null);
		loadSampleWorkspace(db, ws.id, { today: '2026-11-21' });
		const plan = await analyseStatement(fileSource(fixture('ximalaya_settlement.assumed.csv')), { platform: 'Ximalaya' });
		const batch = commitImport(db, ws.id, null, plan);
		const mine = ledgerTotals(db, ws.id, batch.batchId!);
		removeSampleData(db, ws.id);
		expect(ledgerTotals(db, ws.id)).toEqual(mine);
		expect(q<{ name: string }>(db, 'SELECT name FROM platforms WHERE workspace_id = ?', ws.id).map((p) => p.name)).toEqual(['Ximalaya']);
		expect(n(db, 'works', ws.id) + n(db, 'deals', ws.id)).toBe(0);
		// The roll-up is the imported rows' alone, and the base currency stays: the user's numbers are in it now.
		const raw = q<{ g: number }>(db, 'SELECT SUM(gross_minor) AS g FROM earnings WHERE workspace_id = ?', ws.id)[0].g;
		expect(q<{ g: number }>(db, 'SELECT SUM(gross_minor) AS g FROM monthly_rollup WHERE workspace_id = ?', ws.id)[0].g).toBe(raw);
		expect(q<{ c: string }>(db, 'SELECT base_currency AS c FROM workspaces WHERE id = ?', ws.id)[0].c).toBe('CNY');
		expect(holdsSample(db, ws.id)).toBe(false);
	});
});

describe('workspace settings as the sample and the risk settings share them', () => {
	it('keep each other’s keys, and read a damaged settings text as empty', () => {
		const db = openDatabase(':memory:');
		const ws = createWorkspace(db, 'Shared', 'USD', null);
		loadSampleWorkspace(db, ws.id, { today: '2026-11-21' });
		const risk = getRiskSettings(db, ws.id);
		saveRiskSettings(db, ws.id, { ...risk, monthlyExpenses: '5000.00' });
		expect(holdsSample(db, ws.id)).toBe(true);
		removeSampleData(db, ws.id);
		expect(getRiskSettings(db, ws.id).monthlyExpenses).toBe('5000.00');
		expect(Object.keys(workspaceSettings(db, ws.id))).toEqual(['risk']);
		for (const bad of ['not json', '[1,2]', 'null', '"text"', undefined, null]) expect(parseSettingsJson(bad)).toEqual({});
	});
});
