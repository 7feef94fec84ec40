/**
 * Reading and writing the risk settings kept in `workspaces.settings_json` under `risk`
 * (weights, thresholds, savings buffer, monthly expenses), and checking a submitted form.
 */
import type { DB } from '../db/client';
import { workspaceSettings } from '../db/queries/workspaces';
import { parseDecimalToMinor } from '../../domain/money';
import {
	DEFAULT_RISK_THRESHOLDS,
	DEFAULT_RISK_WEIGHTS,
	RISK_COMPONENTS,
	readRiskSettings,
	withRiskSettings,
	type RiskSettings,
	type RiskThresholds
} from '../../domain/risk';

type Conn = Pick<DB, '$client'>;


export function getRiskSettings(db: Conn, workspaceId: number): RiskSettings {
	return readRiskSettings(workspaceSettings(db, workspaceId));
}

export function saveRiskSettings(db: Conn, workspaceId: number, risk: RiskSettings): void {
	const next = withRiskSettings(workspaceSettings(db, workspaceId), risk);
	db.$client.prepare(`UPDATE workspaces SET settings_json = ? WHERE id = ?`).run(JSON.stringify(next), workspaceId);
}

export type RiskFormProblem = { field: string; problem: 'number' | 'order' | 'money' };

/** The threshold fields of the form, in order per rule: name → [rule, index]. */
export const THRESHOLD_FIELDS: { name: string; rule: keyof RiskThresholds; index: number }[] = [
	{ name: 'neff_a', rule: 'effectivePlatforms', index: 0 },
	{ name: 'neff_b', rule: 'effectivePlatforms', index: 1 },
	{ name: 'neff_c', rule: 'effectivePlatforms', index: 2 },
	{ name: 'top1', rule: 'top1Share', index: 0 },
	{ name: 'cv_a', rule: 'cv', index: 0 },
	{ name: 'cv_b', rule: 'cv', index: 1 },
	{ name: 'cv_c', rule: 'cv', index: 2 },
	{ name: 'swing', rule: 'swingShare', index: 0 },
	{ name: 'score_a', rule: 'score', index: 0 },
	{ name: 'score_b', rule: 'score', index: 1 }
];

/** Check a submitted form (field names: w_<component>, the THRESHOLD_FIELDS, buffer, expenses). */
export function riskSettingsFromForm(form: FormData, baseCurrency: string): { ok: true; value: RiskSettings } | { ok: false; problems: RiskFormProblem[] } {
	const problems: RiskFormProblem[] = [];
	const numberOf = (name: string, fallback: number): number => {
		const raw = String(form.get(name) ?? '').trim();
		if (raw === '') return fallback;
		const n = Number(raw);
		if (!Number.isFinite(n) || n < 0 || !/^\d*\.?\d+$/.test(raw)) {
			problems.push({ field: name, problem: 'number' });
			return fallback;
		}
		return n;
	};
	const weights = Object.fromEntries(RISK_COMPONENTS.map((k) => [k, numberOf(`w_${k}`, DEFAULT_RISK_WEIGHTS[k])])) as RiskSettings['weights'];
	const t: RiskThresholds = structuredClone(DEFAULT_RISK_THRESHOLDS);
	for (const f of THRESHOLD_FIELDS) {
		const current: number | number[] = t[f.rule];
		if (Array.isArray(current)) current[f.index] = numberOf(f.name, current[f.index]);
		else (t as unknown as Record<string, number>)[f.rule] = numberOf(f.name, current);
	}
	for (const rule of ['effectivePlatforms', 'cv', 'score'] as const) {
		const xs = t[rule] as number[];
		if (xs.some((x, i) => i > 0 && x < xs[i - 1])) problems.push({ field: rule, problem: 'order' });
	}
	const money = (name: string): string | null => {
		const raw = String(form.get(name) ?? '').trim();
		if (raw === '') return null;
		const r = parseDecimalToMinor(raw, baseCurrency);
		if (!r.ok || r.value < 0) {
			problems.push({ field: name, problem: 'money' });
			return null;
		}
		return raw;
	};
	const savingsBuffer = money('buffer');
	const monthlyExpenses = money('expenses');
	if (problems.length) return { ok: false, problems };
	return { ok: true, value: { weights, thresholds: t, savingsBuffer, monthlyExpenses } };
}
