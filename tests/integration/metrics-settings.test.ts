/**
 * FX table and risk settings on real SQLite, and how they change the dashboard: a rate brings a
 * flagged month back in; weights, thresholds, savings and expenses flow into the score and stress test.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import {
	checkFxRate,
	computeDashboard,
	dashboardView,
	deleteFxRate,
	getRiskSettings,
	listFxRates,
	loadRiskDashboard,
	neededFxRates,
	parseDashboardQuery,
	parseFxLines,
	riskSettingsFromForm,
	saveFxRates,
	saveRiskSettings
} from '../../src/lib/server/metrics/index';
import { DEFAULT_RISK_THRESHOLDS, DEFAULT_RISK_WEIGHTS } from '../../src/lib/domain/risk';
import { fractionToPercentText, percentFieldsToFractions } from '../../src/lib/domain/risk-form';
import { seedNarrator } from '../factories/narrator-db';

const setup = () => {
	const db = openDatabase(':memory:');
	const { workspaceId } = seedNarrator(db, 'Narrator', [{ platform: 'YouTube', currency: 'USD', month: '2025-05', stream: 'ads', amountMinor: 20_000 }]);
	return { db, workspaceId };
};
const form = (fields: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.set(k, v);
	return f;
};

describe('FX rates', () => {
	it.each([
		[{ month: '2025-05', currency: 'usd', rate: ' 7.1 ' }, { ok: true, value: { month: '2025-05', currency: 'USD', rate: '7.1' } }],
		[{ month: '2025-5', currency: 'USD', rate: '7.1' }, { ok: false, problem: 'month' }],
		[{ month: '2025-05', currency: 'US', rate: '7.1' }, { ok: false, problem: 'currency' }],
		[{ month: '2025-05', currency: 'CNY', rate: '1' }, { ok: false, problem: 'base' }],
		[{ month: '2025-05', currency: 'USD', rate: '0' }, { ok: false, problem: 'rate' }],
		[{ month: '2025-05', currency: 'USD', rate: '7,1' }, { ok: false, problem: 'rate' }],
		[{ month: '2025-05', currency: 'USD', rate: '-7' }, { ok: false, problem: 'rate' }]
	])('checkFxRate(%j)', (input, expected) => {
		expect(checkFxRate(input, 'CNY')).toEqual(expected);
	});

	it('pasted lines: each problem with its line number', () => {
		const r = parseFxLines('2025-03, USD, 7.1\n\n2025-04\tUSD\t7.2\n2025-13 USD 7\n2025-06; JPY; 0.048', 'CNY');
		expect(r.rows.map((x) => `${x.month} ${x.currency} ${x.rate}`)).toEqual(['2025-03 USD 7.1', '2025-04 USD 7.2', '2025-06 JPY 0.048']);
		expect(r.problems).toEqual([{ line: 4, problem: 'month' }]);
	});

	it('a saved rate brings the flagged month back in; deleting it flags it again', () => {
		const { db, workspaceId } = setup();
		expect(neededFxRates(db, workspaceId, 'CNY')).toEqual([{ month: '2025-05', currency: 'USD' }]);
		const before = computeDashboard(db, workspaceId, { from: '2025-01', to: '2025-12' });
		expect(before.matrix.missingRates).toHaveLength(1);
		saveFxRates(db, workspaceId, [{ month: '2025-05', currency: 'USD', rate: '7.2' }]);
		saveFxRates(db, workspaceId, [{ month: '2025-05', currency: 'USD', rate: '7.25' }]); // upsert
		expect(listFxRates(db, workspaceId)).toEqual([{ month: '2025-05', currency: 'USD', rate: '7.25' }]);
		expect(neededFxRates(db, workspaceId, 'CNY')).toEqual([]);
		const after = computeDashboard(db, workspaceId, { from: '2025-01', to: '2025-12' });
		expect(after.matrix.missingRates).toEqual([]);
		expect(after.matrix.byMonth[4].byPlatform.YouTube).toBe(145_000); // 200 USD × 7.25
		expect(deleteFxRate(db, workspaceId, '2025-05', 'USD')).toBe(true);
		expect(computeDashboard(db, workspaceId, { from: '2025-01', to: '2025-12' }).matrix.missingRates).toHaveLength(1);
	});
});

describe('risk settings', () => {
	it('a form is checked field by field; thresholds must rise', () => {
		const ok = riskSettingsFromForm(form({ w_swing: '30', buffer: '30000', expenses: '6000.50', cv_a: '0.2', cv_b: '0.4', cv_c: '0.6' }), 'CNY');
		expect(ok).toMatchObject({
			ok: true,
			value: { weights: { ...DEFAULT_RISK_WEIGHTS, swing: 30 }, savingsBuffer: '30000', monthlyExpenses: '6000.50', thresholds: { cv: [0.2, 0.4, 0.6] } }
		});
		const bad = riskSettingsFromForm(form({ w_delay: '-1', score_a: '70', score_b: '10', buffer: 'lots' }), 'CNY');
		expect(bad).toEqual({
			ok: false,
			problems: [
				{ field: 'w_delay', problem: 'number' },
				{ field: 'score', problem: 'order' },
				{ field: 'buffer', problem: 'money' }
			]
		});
	});

	it('saved settings change the score, verdicts, stress runway and salary; other settings keys survive', () => {
		const { db, workspaceId } = setup();
		db.$client.prepare(`UPDATE workspaces SET settings_json = '{"theme":"dark"}' WHERE id = ?`).run(workspaceId);
		const base = computeDashboard(db, workspaceId, { from: '2025-01', to: '2025-12' });
		expect(base.salary).toBeUndefined();
		expect(base.stress[0].runwayMonths).toBeUndefined();
		saveRiskSettings(db, workspaceId, {
			weights: { ...DEFAULT_RISK_WEIGHTS, concentration: 100, contingent: 0, swing: 0, delay: 0, restriction: 0, protectionGap: 0 },
			thresholds: { ...DEFAULT_RISK_THRESHOLDS, top1Share: 0.95 },
			savingsBuffer: '30000',
			monthlyExpenses: '6000'
		});
		expect(JSON.parse((db.$client.prepare('SELECT settings_json AS s FROM workspaces WHERE id = ?').get(workspaceId) as { s: string }).s).theme).toBe('dark');
		expect(getRiskSettings(db, workspaceId).savingsBuffer).toBe('30000');
		const d = computeDashboard(db, workspaceId, { from: '2025-01', to: '2025-12', stress: { platform: 'Ximalaya', fallBps: 10_000 } });
		expect(d.risk.score.score).toBeCloseTo(100 * 0.839152, 4); // only concentration weighs
		expect(d.risk.verdicts.find((v) => v.rule === 'top1Share')?.band).toBe('balanced'); // 0.9135 < 0.95
		expect(d.stress[0].runwayMonths).toBe(5);
		expect(d.stressCustom?.lostMinor).toBe(9_032_500);
		expect(['mean', 'buffer']).toContain(d.salary?.limitedBy);
		expect(d.salary!.salaryMinor).toBeGreaterThan(0);
	});
});

describe('dashboard URL params and view', () => {
	it.each([
		['basis=cash&from=2025-01&to=2025-06', { basis: 'cash', from: '2025-01', to: '2025-06' }, []],
		['basis=weekly&from=2025-13', {}, ['basis', 'from']],
		['from=2025-06&to=2025-01', {}, ['from', 'to']],
		['stress=Douyin&fall=30', { stress: { platform: 'Douyin', fallBps: 3000 } }, []],
		['stress=Douyin', { stress: { platform: 'Douyin', fallBps: 10_000 } }, []],
		['stress=Douyin&fall=150', {}, ['fall']]
	])('%s', (qs, options, ignored) => {
		expect(parseDashboardQuery(new URLSearchParams(qs))).toEqual({ options, ignored });
	});

	it('the page view matches the metrics: months, shares, coverage; switching basis changes it', () => {
		const { db, workspaceId } = setup();
		const v = loadRiskDashboard(db, workspaceId, new URL('http://x/?from=2025-01&to=2025-12'));
		expect(v.basis).toBe('accrual');
		expect(v.months.map((x) => x.totalMinor).slice(0, 3)).toEqual([777_000, 731_000, 600_000]);
		expect(v.concentration.effectiveNumber).toBeCloseTo(1.19168, 5);
		expect(v.coverage.find((c) => c.platform === 'YouTube')?.coveredCount).toBe(1);
		const cash = loadRiskDashboard(db, workspaceId, new URL('http://x/?from=2025-01&to=2025-12&basis=cash'));
		expect(cash.basis).toBe('cash');
		expect(cash.months[0].totalMinor).toBe(0); // nothing earned in Dec 2024 to be paid in Jan
		expect(cash.months[1].totalMinor).toBe(777_000); // January's earnings, paid on Feb 1 by the default rule
		// The view crosses to the browser as JSON: nothing in it may be lost on the way.
		const view = dashboardView(computeDashboard(db, workspaceId, { from: '2025-01', to: '2025-12' }));
		expect(JSON.parse(JSON.stringify(view))).toEqual(view);
	});
});

describe('the risk settings form in percentages', () => {
	it('round-trips the stored defaults through the percentage fields unchanged', () => {
		const f = new FormData();
		f.set('top1', fractionToPercentText(DEFAULT_RISK_THRESHOLDS.top1Share));
		f.set('swing', `${fractionToPercentText(DEFAULT_RISK_THRESHOLDS.swingShare)} %`);
		expect(percentFieldsToFractions(f)).toEqual([]);
		const r = riskSettingsFromForm(f, 'CNY');
		expect(r.ok && r.value.thresholds).toEqual(DEFAULT_RISK_THRESHOLDS);
	});
});
