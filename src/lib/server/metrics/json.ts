/**
 * The machine-readable shape of the metrics (CLI `metrics --json`, and any JSON endpoint): money as
 * decimal strings in major units of the base currency, ratios as numbers, null where a measure is
 * undefined (no income, no defined month-to-month change).
 */
import { formatMinorAsDecimal } from '../../domain/money';
import type { Dashboard } from './dashboard';

export interface MetricsJson {
	basis: 'accrual' | 'cash';
	currency: string;
	from: string;
	to: string;
	months: { month: string; total: string; byPlatform: Record<string, string> }[];
	platforms: { name: string; total: string; share: number }[];
	concentration: {
		hhi: number | null;
		hhiPoints: number | null;
		effectivePlatforms: number | null;
		top1Share: number | null;
		top3Share: number | null;
	};
	volatility: {
		mean: string | null;
		cv: number | null;
		swingShare: number | null;
		swingCount: number;
		swingTransitions: number;
		maxDrawdown: number;
		peakMonth: string | null;
		troughMonth: string | null;
	};
	risk: {
		score: number | null;
		components: {
			concentration: number | null;
			contingent: number | null;
			swing: number | null;
			delay: number | null;
			restriction: number | null;
			protectionGap: number | null;
		};
	};
}

const n = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

export function metricsJson(d: Dashboard): MetricsJson {
	const cur = d.baseCurrency;
	const money = (minor: number) => formatMinorAsDecimal(minor, cur);
	const share = new Map(d.concentration.shares.map((s) => [s.key, s.share]));
	const comp = Object.fromEntries(d.risk.score.components.map((c) => [c.key, n(c.value)])) as MetricsJson['risk']['components'];
	return {
		basis: d.basis,
		currency: cur,
		from: d.from,
		to: d.to,
		months: d.matrix.byMonth.map((m) => ({
			month: m.month,
			total: money(m.totalMinor),
			byPlatform: Object.fromEntries(Object.entries(m.byPlatform).map(([k, v]) => [k, money(v)]))
		})),
		platforms: d.matrix.platformTotals.map((p) => ({ name: p.key, total: money(p.totalMinor), share: share.get(p.key) ?? 0 })),
		concentration: {
			hhi: n(d.concentration.hhi),
			hhiPoints: n(d.concentration.hhiPoints),
			effectivePlatforms: n(d.concentration.effectiveNumber),
			top1Share: n(d.concentration.top1Share),
			top3Share: n(d.concentration.top3Share)
		},
		volatility: {
			mean: d.volatility.meanMinorRounded === undefined ? null : money(d.volatility.meanMinorRounded),
			cv: n(d.volatility.cv),
			swingShare: n(d.volatility.swingShare),
			swingCount: d.volatility.swingCount,
			swingTransitions: d.volatility.swingTransitions,
			maxDrawdown: d.volatility.drawdown.maxDrawdown,
			peakMonth: n(d.volatility.drawdown.peakMonth),
			troughMonth: n(d.volatility.drawdown.troughMonth)
		},
		risk: {
			score: n(d.risk.score.score),
			components: {
				concentration: comp.concentration,
				contingent: comp.contingent,
				swing: comp.swing,
				delay: comp.delay,
				restriction: comp.restriction,
				protectionGap: comp.protectionGap
			}
		}
	};
}
