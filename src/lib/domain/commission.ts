/**
 * The narrator's case (domain.md §4). A narration fee is contracted: finished hours × rate per finished
 * hour (8 h × 85 = 680). A commission is contingent: rate × revenue only when plays ≥ minPlays AND
 * completion ≥ minCompletion (both inclusive), else 0 — and a zero says which gate failed and by how much.
 * Hours are stored ×100 (7.5 h → 750), rates and completion in basis points (15% → 1500, 0.42 → 4200).
 */
import { applyBps, mulDivRound, type MinorUnits } from './money';
import { addDays, lastDay, makeMonth, type IsoDate } from './period';

export interface CommissionRule {
	rateBps: number;
	minPlays: number;
	minCompletionBps: number;
	effectiveFrom?: IsoDate;
}

/** A work's measured numbers for the evaluation window; null while not yet known. */
export interface WorkMeasures {
	plays: number | null;
	completionBps: number | null;
	revenueMinor: MinorUnits | null;
}

export type GateFailure =
	| { gate: 'completion'; actualBps: number; requiredBps: number; shortByBps: number }
	| { gate: 'plays'; actual: number; required: number; shortBy: number };

export interface CommissionOutcome {
	/** 'earned': both gates passed; 'gated': a gate failed (amount 0); 'pending': numbers still missing. */
	status: 'earned' | 'gated' | 'pending';
	amountMinor: MinorUnits;
	failures: GateFailure[];
	missing: ('plays' | 'completion' | 'revenue')[];
}

/** Narration fee = finished hours × rate per finished hour, exactly (hours are ×100). */
export function narrationFeeMinor(finishedHoursCenti: number, ratePerHourMinor: MinorUnits): MinorUnits {
	return mulDivRound(finishedHoursCenti, ratePerHourMinor, 100);
}

/** The evaluation window: plays and completion are judged on the days from completion to this many after. */
export const COMMISSION_WINDOW_DAYS = 90;

/**
 * When a commission counts as earned: the evaluation window is 90 days after completion and commissions
 * settle at the end of that quarter (so they arrive in lumps, like the narrator's April, July, October).
 * 2025-03-14 → +90 days 2025-06-12 → 2025-06-30.
 */
export function commissionEarnedOn(completedOn: IsoDate): IsoDate {
	const evaluated = addDays(completedOn, COMMISSION_WINDOW_DAYS);
	const quarterLastMonth = Math.ceil(Number(evaluated.slice(5, 7)) / 3) * 3;
	return lastDay(makeMonth(Number(evaluated.slice(0, 4)), quarterLastMonth));
}

/** Both gates are inclusive: plays exactly at minPlays and completion exactly at the minimum pass. */
export function evaluateCommission(work: WorkMeasures, rule: CommissionRule): CommissionOutcome {
	const missing: CommissionOutcome['missing'] = [];
	if (work.plays === null) missing.push('plays');
	if (work.completionBps === null) missing.push('completion');
	if (work.revenueMinor === null) missing.push('revenue');
	const failures: GateFailure[] = [];
	if (work.completionBps !== null && work.completionBps < rule.minCompletionBps) {
		failures.push({
			gate: 'completion',
			actualBps: work.completionBps,
			requiredBps: rule.minCompletionBps,
			shortByBps: rule.minCompletionBps - work.completionBps
		});
	}
	if (work.plays !== null && work.plays < rule.minPlays) {
		failures.push({ gate: 'plays', actual: work.plays, required: rule.minPlays, shortBy: rule.minPlays - work.plays });
	}
	if (failures.length > 0) return { status: 'gated', amountMinor: 0, failures, missing };
	if (missing.length > 0) return { status: 'pending', amountMinor: 0, failures, missing };
	return { status: 'earned', amountMinor: applyBps(work.revenueMinor as number, rule.rateBps), failures, missing };
}

/** The commission rule in effect on a date: newest effectiveFrom ≤ date; undefined before the first. */
export function commissionRuleAt<T extends CommissionRule>(rules: readonly T[], date: IsoDate | null): T | undefined {
	const sorted = [...rules].sort((a, b) => ((a.effectiveFrom ?? '') < (b.effectiveFrom ?? '') ? -1 : 1));
	if (date === null) return sorted[sorted.length - 1];
	let found: T | undefined;
	for (const r of sorted) if ((r.effectiveFrom ?? '0000-01-01') <= date) found = r;
	return found;
}

/** Passes a work's numbers to both gates, ignoring revenue (for the pass rate of past works). */
export function passesGates(work: Pick<WorkMeasures, 'plays' | 'completionBps'>, rule: CommissionRule): boolean {
	return (work.plays ?? -1) >= rule.minPlays && (work.completionBps ?? -1) >= rule.minCompletionBps;
}

/**
 * The share of past works (with plays and completion known) that passed both gates: the estimate of
 * the chance a new work earns its commission (domain.md §4, "expected value").
 */
export function gatePassRate(
	history: readonly Pick<WorkMeasures, 'plays' | 'completionBps'>[],
	rule: CommissionRule
): { passed: number; evaluated: number; shareBps: number | null } {
	const evaluated = history.filter((w) => w.plays !== null && w.completionBps !== null);
	const passed = evaluated.filter((w) => passesGates(w, rule)).length;
	return {
		passed,
		evaluated: evaluated.length,
		shareBps: evaluated.length === 0 ? null : mulDivRound(passed, 10_000, evaluated.length)
	};
}

/** Expected commission of a new work: pass rate × rate × expected revenue. */
export function expectedCommissionMinor(passShareBps: number, rule: CommissionRule, expectedRevenueMinor: MinorUnits): MinorUnits {
	return mulDivRound(expectedRevenueMinor, BigInt(passShareBps) * BigInt(rule.rateBps), 100_000_000n);
}

/**
 * A zero commission explained as message parts ("completion 31% < 35% needed; 24,000 plays short").
 * Values are plain numbers (percent with up to two decimals) so the UI formats them for its locale.
 */
export function explainCommission(outcome: CommissionOutcome): { key: string; params: Record<string, number> }[] {
	const parts: { key: string; params: Record<string, number> }[] = [];
	for (const f of outcome.failures) {
		if (f.gate === 'completion')
			parts.push({ key: 'payouts_gate_completion_failed', params: { actual: f.actualBps / 100, required: f.requiredBps / 100 } });
		else parts.push({ key: 'payouts_gate_plays_short', params: { short: f.shortBy, required: f.required } });
	}
	for (const m of outcome.missing) parts.push({ key: `payouts_gate_missing_${m}`, params: {} });
	return parts;
}
