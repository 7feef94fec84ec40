/** Message lookups by key, typed, so components never build message names from strings. */
import { m } from '$lib/paraglide/messages.js';
import { streamName } from '$lib/stream-labels';
import type { RiskComponent, Verdict } from '$lib/domain/risk';

export const componentLabel: Record<RiskComponent, () => string> = {
	concentration: m.risk_comp_concentration,
	contingent: m.risk_comp_contingent,
	swing: m.risk_comp_swing,
	delay: m.risk_comp_delay,
	restriction: m.risk_comp_restriction,
	protectionGap: m.risk_comp_protectionGap
};

export const componentHelp: Record<RiskComponent, () => string> = {
	concentration: m.risk_comp_concentration_help,
	contingent: m.risk_comp_contingent_help,
	swing: m.risk_comp_swing_help,
	delay: m.risk_comp_delay_help,
	restriction: m.risk_comp_restriction_help,
	protectionGap: m.risk_comp_protectionGap_help
};

export const ruleLabel: Record<Verdict['rule'], () => string> = {
	effectivePlatforms: m.risk_rule_effectivePlatforms,
	top1Share: m.risk_rule_top1Share,
	cv: m.risk_rule_cv,
	swingShare: m.risk_rule_swingShare,
	score: m.risk_rule_score
};

export const bandLabel: Record<Verdict['band'], () => string> = {
	single: m.risk_band_single,
	twoPillars: m.risk_band_twoPillars,
	diversified: m.risk_band_diversified,
	highlyDiversified: m.risk_band_highlyDiversified,
	dominant: m.risk_band_dominant,
	balanced: m.risk_band_balanced,
	salaryLike: m.risk_band_salaryLike,
	moderate: m.risk_band_moderate,
	high: m.risk_band_high,
	veryHigh: m.risk_band_veryHigh,
	frequentSwings: m.risk_band_frequentSwings,
	fewSwings: m.risk_band_fewSwings,
	low: m.risk_band_low
};

/** The thresholds of a verdict's rule in words; `fmt` formats each number for the reader. */
export function thresholdText(v: Verdict, fmt: (x: number) => string): string {
	const [a, b, c] = v.thresholds.map(fmt);
	switch (v.rule) {
		case 'effectivePlatforms':
			return m.risk_thr_effectivePlatforms({ a, b, c });
		case 'top1Share':
			return m.risk_thr_top1Share({ a });
		case 'cv':
			return m.risk_thr_cv({ a, b, c });
		case 'swingShare':
			return m.risk_thr_swingShare({ a });
		case 'score':
			return m.risk_thr_score({ a, b });
	}
}

/** A stream's name for people (the shared names; `payout` is the cash basis's own row); an unknown stream shows as stored. */
export const streamLabel = (stream: string): string => (stream === 'payout' ? m.risk_stream_payout() : streamName(stream));
