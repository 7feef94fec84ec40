/**
 * Platform Dependency Risk Score (PDRS, domain.md §5): six components in [0, 1], each with a
 * weight the user can edit (defaults 25/20/15/15/10/15), PDRS = 100 × Σ wᵢ·cᵢ / Σ wᵢ — with the
 * default weights (summing to 100) exactly Σ weight × component. Plus the plain-language bands
 * (N_eff, CR1, CV, S30, PDRS) as rule → threshold → verdict, thresholds editable too.
 * Example: the narrator's HHI 0.839 alone contributes 25 × 0.839 = 21.0 points.
 */
import type { KeyedTotal } from './metrics';
import type { Month } from './period';
import { monthsBetween } from './period';

/** The streams of domain.md §1. */
export const STREAMS = [
	'ads',
	'narration_fee',
	'commission',
	'brand_deal',
	'subscription',
	'tips',
	'sales',
	'writing',
	'events',
	'other'
] as const;
export type Stream = (typeof STREAMS)[number];

/**
 * Contingent (the amount depends on platform-measured performance) or contracted (agreed in
 * advance), per domain.md §1. Subscriptions and sales depend on audience behaviour measured by the
 * platform, so they count as contingent; an unknown stream counts as contingent too — a risk score
 * should not assume safety it cannot see. A platform's `contingent` flag overrides all of this.
 */
const CONTINGENT_BY_STREAM: Record<Stream, boolean> = {
	ads: true,
	narration_fee: false,
	commission: true,
	brand_deal: false,
	subscription: true,
	tips: true,
	sales: true,
	writing: false,
	events: false,
	other: true
};

export function isContingentStream(stream: string): boolean {
	return (CONTINGENT_BY_STREAM as Record<string, boolean | undefined>)[stream] ?? true;
}

/** What the score needs to know about a platform (from the platforms table and its payout rule). */
export interface PlatformProfile {
	name: string;
	/** A written contract for this work. */
	contract: boolean;
	/** Social insurance through this work. */
	socialInsurance: boolean;
	/** null: decide per stream; true/false: the user's override for the whole platform. */
	contingent: boolean | null;
	/** The current payout rule has a withdrawal window (`payoutMonths` ≠ all) or a threshold > 0. */
	restricted: boolean;
}

export interface AmountByPlatformStream {
	platform: string;
	stream: string;
	amountMinor: number;
}

/** A share in [0, 1] with the amounts behind it; undefined when there is no positive income. */
export interface ShareOf {
	share: number | undefined;
	partMinor: number;
	totalMinor: number;
}

function shareOf(partMinor: number, totalMinor: number): ShareOf {
	if (totalMinor <= 0) return { share: undefined, partMinor, totalMinor };
	return { share: Math.min(1, Math.max(0, partMinor / totalMinor)), partMinor, totalMinor };
}

/** Contingent share = Σ contingent income / Σ income; a platform override beats the stream. */
export function contingentShare(
	cells: readonly AmountByPlatformStream[],
	profiles: ReadonlyMap<string, PlatformProfile>
): ShareOf {
	let part = 0;
	let total = 0;
	for (const c of cells) {
		total += c.amountMinor;
		const override = profiles.get(c.platform)?.contingent ?? null;
		if (override ?? isContingentStream(c.stream)) part += c.amountMinor;
	}
	return shareOf(part, total);
}

/** Restriction share = income of platforms with a withdrawal window or threshold / income. */
export function restrictionShare(platformTotals: readonly KeyedTotal[], profiles: ReadonlyMap<string, PlatformProfile>): ShareOf {
	let part = 0;
	let total = 0;
	for (const p of platformTotals) {
		total += p.totalMinor;
		if (profiles.get(p.key)?.restricted) part += p.totalMinor;
	}
	return shareOf(part, total);
}

export interface ProtectionGap {
	/** 1 − 0.5 × contractShare − 0.5 × (social insurance ? 1 : 0); undefined without income. */
	gap: number | undefined;
	contractShare: number | undefined;
	/** True when any platform that brought income in the window provides social insurance. */
	socialInsurance: boolean;
}

export function protectionGap(platformTotals: readonly KeyedTotal[], profiles: ReadonlyMap<string, PlatformProfile>): ProtectionGap {
	let part = 0;
	let total = 0;
	let insured = false;
	for (const p of platformTotals) {
		total += p.totalMinor;
		const prof = profiles.get(p.key);
		if (prof?.contract) part += p.totalMinor;
		if (prof?.socialInsurance && p.totalMinor > 0) insured = true;
	}
	const contract = shareOf(part, total).share;
	return {
		gap: contract === undefined ? undefined : 1 - 0.5 * contract - 0.5 * (insured ? 1 : 0),
		contractShare: contract,
		socialInsurance: insured
	};
}

/** Earned in one month, received (or expected) in another. */
export interface CashFlowLag {
	earnedMonth: Month;
	cashMonth: Month;
	amountMinor: number;
}

/**
 * Payout delay L = Σ amount × (cash month − earning month) / Σ amount, in months; the component is
 * min(1, L / 3): three months or more between earning and cash is the worst case.
 */
export function payoutDelay(flows: readonly CashFlowLag[]): { months: number | undefined; component: number | undefined } {
	let weighted = 0;
	let total = 0;
	for (const f of flows) {
		if (f.amountMinor <= 0) continue;
		weighted += f.amountMinor * Math.max(0, monthsBetween(f.earnedMonth, f.cashMonth));
		total += f.amountMinor;
	}
	if (total === 0) return { months: undefined, component: undefined };
	const L = weighted / total;
	return { months: L, component: Math.min(1, L / 3) };
}

export const RISK_COMPONENTS = ['concentration', 'contingent', 'swing', 'delay', 'restriction', 'protectionGap'] as const;
export type RiskComponent = (typeof RISK_COMPONENTS)[number];
export type RiskWeights = Record<RiskComponent, number>;

export const DEFAULT_RISK_WEIGHTS: RiskWeights = {
	concentration: 25,
	contingent: 20,
	swing: 15,
	delay: 15,
	restriction: 10,
	protectionGap: 15
};

export interface ComponentScore {
	key: RiskComponent;
	/** The component in [0, 1]; undefined when it cannot be measured (then it adds nothing). */
	value: number | undefined;
	weight: number;
	/** Its contribution to the 0–100 score. */
	points: number;
}

export interface RiskScore {
	/** 0–100; undefined when there is no income to judge. */
	score: number | undefined;
	components: ComponentScore[];
	weightSum: number;
}

/**
 * PDRS = 100 × Σ wᵢ·cᵢ / Σ wᵢ. Weights are normalised so a user who edits them need not keep
 * them summing to 100; a component that cannot be measured (no defined month-to-month change, no
 * cash data) contributes 0 and is shown as unavailable, rather than silently re-weighting others.
 */
export function riskScore(values: Record<RiskComponent, number | undefined>, weights: RiskWeights = DEFAULT_RISK_WEIGHTS): RiskScore {
	const ws = RISK_COMPONENTS.map((k) => Math.max(0, Number.isFinite(weights[k]) ? weights[k] : 0));
	const weightSum = ws.reduce((a, b) => a + b, 0);
	const components = RISK_COMPONENTS.map((key, i) => {
		const v = values[key];
		const value = v === undefined ? undefined : Math.min(1, Math.max(0, v));
		return { key, value, weight: ws[i], points: weightSum === 0 || value === undefined ? 0 : (100 * ws[i] * value) / weightSum };
	});
	const anyIncome = values.concentration !== undefined;
	return {
		score: anyIncome && weightSum > 0 ? components.reduce((s, c) => s + c.points, 0) : undefined,
		components,
		weightSum
	};
}

/** Editable thresholds of the bands (domain.md §5 for N_eff, CR1 and CV; ours for S30 and PDRS). */
export interface RiskThresholds {
	/** N_eff < a: single-platform dependent; < b: two pillars; < c: diversified; else highly diversified. */
	effectivePlatforms: [number, number, number];
	/** CR1 ≥ this is flagged. */
	top1Share: number;
	/** CV < a salary-like; < b moderate; < c high; else very high. */
	cv: [number, number, number];
	/** S30 > this is flagged (more than this share of months swing by > 30%). */
	swingShare: number;
	/** PDRS < a low; < b moderate; else high. */
	score: [number, number];
}

export const DEFAULT_RISK_THRESHOLDS: RiskThresholds = {
	effectivePlatforms: [1.5, 2.5, 4],
	top1Share: 0.5,
	cv: [0.15, 0.35, 0.55],
	swingShare: 0.25,
	score: [35, 60]
};

export type Verdict =
	| { rule: 'effectivePlatforms'; value: number; band: 'single' | 'twoPillars' | 'diversified' | 'highlyDiversified'; level: Level; thresholds: number[] }
	| { rule: 'top1Share'; value: number; band: 'dominant' | 'balanced'; level: Level; thresholds: number[] }
	| { rule: 'cv'; value: number; band: 'salaryLike' | 'moderate' | 'high' | 'veryHigh'; level: Level; thresholds: number[] }
	| { rule: 'swingShare'; value: number; band: 'frequentSwings' | 'fewSwings'; level: Level; thresholds: number[] }
	| { rule: 'score'; value: number; band: 'low' | 'moderate' | 'high'; level: Level; thresholds: number[] };

/** good / watch / bad: for colour and icon; the band names carry the meaning. */
export type Level = 'good' | 'watch' | 'bad';

export interface VerdictInput {
	effectivePlatforms: number | undefined;
	top1Share: number | undefined;
	cv: number | undefined;
	swingShare: number | undefined;
	score: number | undefined;
}

/** The plain-language bands for the values that exist; each names its rule and thresholds. */
export function verdicts(v: VerdictInput, t: RiskThresholds = DEFAULT_RISK_THRESHOLDS): Verdict[] {
	const out: Verdict[] = [];
	if (v.effectivePlatforms !== undefined) {
		const [a, b, c] = t.effectivePlatforms;
		const x = v.effectivePlatforms;
		const band = x < a ? 'single' : x < b ? 'twoPillars' : x < c ? 'diversified' : 'highlyDiversified';
		const level: Level = x < a ? 'bad' : x < b ? 'watch' : 'good';
		out.push({ rule: 'effectivePlatforms', value: x, band, level, thresholds: [a, b, c] });
	}
	if (v.top1Share !== undefined) {
		const dominant = v.top1Share >= t.top1Share;
		out.push({ rule: 'top1Share', value: v.top1Share, band: dominant ? 'dominant' : 'balanced', level: dominant ? 'bad' : 'good', thresholds: [t.top1Share] });
	}
	if (v.cv !== undefined) {
		const [a, b, c] = t.cv;
		const x = v.cv;
		const band = x < a ? 'salaryLike' : x < b ? 'moderate' : x < c ? 'high' : 'veryHigh';
		const level: Level = x < b ? 'good' : x < c ? 'watch' : 'bad';
		out.push({ rule: 'cv', value: x, band, level, thresholds: [a, b, c] });
	}
	if (v.swingShare !== undefined) {
		const frequent = v.swingShare > t.swingShare;
		out.push({ rule: 'swingShare', value: v.swingShare, band: frequent ? 'frequentSwings' : 'fewSwings', level: frequent ? 'watch' : 'good', thresholds: [t.swingShare] });
	}
	if (v.score !== undefined) {
		const [a, b] = t.score;
		const x = v.score;
		const band = x < a ? 'low' : x < b ? 'moderate' : 'high';
		out.push({ rule: 'score', value: x, band, level: x < a ? 'good' : x < b ? 'watch' : 'bad', thresholds: [a, b] });
	}
	return out;
}

/**
 * The workspace's risk settings as kept in `workspaces.settings_json` under `risk`:
 * `{ "risk": { "weights": {...}, "thresholds": {...}, "savingsBuffer": "50000.00",
 * "monthlyExpenses": "8000.00" } }` — money as decimal strings in the base currency.
 */
export interface RiskSettings {
	weights: RiskWeights;
	thresholds: RiskThresholds;
	/** Decimal strings in major units of the base currency, or null when not entered. */
	savingsBuffer: string | null;
	monthlyExpenses: string | null;
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;
const isTuple = (x: unknown, n: number): x is number[] =>
	Array.isArray(x) && x.length === n && x.every(isNum) && x.every((v, i) => i === 0 || v >= (x[i - 1] as number));
const isDecimal = (x: unknown): x is string => typeof x === 'string' && /^\d+(\.\d+)?$/.test(x.trim());

/** Read the `risk` part of a parsed settings object; anything missing or malformed takes the default. */
export function readRiskSettings(settings: unknown): RiskSettings {
	const r = (settings && typeof settings === 'object' ? (settings as Record<string, unknown>).risk : undefined) as
		| Record<string, unknown>
		| undefined;
	const w = (r?.weights ?? {}) as Record<string, unknown>;
	const t = (r?.thresholds ?? {}) as Record<string, unknown>;
	const weights = Object.fromEntries(
		RISK_COMPONENTS.map((k) => [k, isNum(w[k]) ? w[k] : DEFAULT_RISK_WEIGHTS[k]])
	) as RiskWeights;
	const d = DEFAULT_RISK_THRESHOLDS;
	return {
		weights,
		thresholds: {
			effectivePlatforms: isTuple(t.effectivePlatforms, 3) ? (t.effectivePlatforms as RiskThresholds['effectivePlatforms']) : d.effectivePlatforms,
			top1Share: isNum(t.top1Share) ? t.top1Share : d.top1Share,
			cv: isTuple(t.cv, 3) ? (t.cv as RiskThresholds['cv']) : d.cv,
			swingShare: isNum(t.swingShare) ? t.swingShare : d.swingShare,
			score: isTuple(t.score, 2) ? (t.score as RiskThresholds['score']) : d.score
		},
		savingsBuffer: isDecimal(r?.savingsBuffer) ? r.savingsBuffer.trim() : null,
		monthlyExpenses: isDecimal(r?.monthlyExpenses) ? r.monthlyExpenses.trim() : null
	};
}

/** Write risk settings back into a settings object, keeping everything else in it. */
export function withRiskSettings(settings: unknown, risk: RiskSettings): Record<string, unknown> {
	const base = settings && typeof settings === 'object' ? { ...(settings as Record<string, unknown>) } : {};
	base.risk = risk;
	return base;
}
