/**
 * What the dashboard page needs from a computed Dashboard, and how its URL search params map to
 * options: `?basis=cash&from=2025-01&to=2025-12&stress=Ximalaya&fall=30`. Bad params fall back to
 * defaults and are reported, so a hand-edited URL never breaks the page.
 */
import { isMonth, compareMonths } from '../../domain/period';
import type { ConcentrationView, DashboardView, StressView } from '../../domain/dashboard-view';
import type { Dashboard, DashboardOptions } from './dashboard';

export type { DashboardView } from '../../domain/dashboard-view';

export interface DashboardQuery {
	options: DashboardOptions;
	/** Names of the params that were ignored because they were malformed. */
	ignored: string[];
}

export function parseDashboardQuery(params: URLSearchParams): DashboardQuery {
	const ignored: string[] = [];
	const options: DashboardOptions = {};
	const basis = params.get('basis');
	if (basis === 'accrual' || basis === 'cash') options.basis = basis;
	else if (basis) ignored.push('basis');
	const from = params.get('from');
	const to = params.get('to');
	if (from && isMonth(from)) options.from = from;
	else if (from) ignored.push('from');
	if (to && isMonth(to)) options.to = to;
	else if (to) ignored.push('to');
	if (options.from && options.to && compareMonths(options.from, options.to) > 0) {
		ignored.push('from', 'to');
		delete options.from;
		delete options.to;
	}
	const stress = params.get('stress');
	const fall = params.get('fall');
	if (stress) {
		const pct = fall === null || fall === '' ? 100 : Number(fall);
		if (Number.isFinite(pct) && pct >= 0 && pct <= 100) options.stress = { platform: stress, fallBps: Math.round(pct * 100) };
		else ignored.push('fall');
	}
	return { options, ignored };
}

const concentrationView = (c: Dashboard['concentration']): ConcentrationView => ({
	shares: c.shares,
	hhi: c.hhi ?? null,
	hhiPoints: c.hhiPoints ?? null,
	effectiveNumber: c.effectiveNumber ?? null,
	top1Share: c.top1Share ?? null,
	top1Key: c.top1Key ?? null,
	top3Share: c.top3Share ?? null
});

/** A plain, serialisable subset for the page (no per-stream cells). */
export function dashboardView(d: Dashboard, ignored: string[] = []): DashboardView {
	const cashByMonth = new Map(d.cash.byMonth.map((m) => [m.month, m.totalMinor]));
	return {
		currency: d.baseCurrency,
		basis: d.basis,
		from: d.from,
		to: d.to,
		ignoredParams: ignored,
		platforms: d.matrix.platforms,
		months: d.matrix.byMonth.map((m) => ({ month: m.month, totalMinor: m.totalMinor, byPlatform: m.byPlatform })),
		totalMinor: d.matrix.totalMinor,
		accrualVsCash: d.accrual.byMonth.map((m) => ({ month: m.month, accrualMinor: m.totalMinor, cashMinor: cashByMonth.get(m.month) ?? 0 })),
		cashSources: d.cashSources,
		concentration: concentrationView(d.concentration),
		streams: concentrationView(d.streams),
		counterparties: concentrationView(d.counterparties),
		volatility: {
			meanMinor: d.volatility.meanMinorRounded ?? null,
			cv: d.volatility.cv ?? null,
			swingShare: d.volatility.swingShare ?? null,
			swingCount: d.volatility.swingCount,
			swingTransitions: d.volatility.swingTransitions,
			changes: d.volatility.changes.map((c) => ({ month: c.month, change: c.change ?? null, isSwing: c.isSwing })),
			maxDrawdown: d.volatility.drawdown.maxDrawdown,
			peakMonth: d.volatility.drawdown.peakMonth ?? null,
			troughMonth: d.volatility.drawdown.troughMonth ?? null,
			spikeMonths: d.volatility.spikeMonths,
			dipMonths: d.volatility.dipMonths
		},
		risk: {
			score: d.risk.score.score ?? null,
			components: d.risk.score.components.map((c) => ({ key: c.key, value: c.value ?? null, weight: c.weight, points: c.points })),
			weightSum: d.risk.score.weightSum,
			contingentShare: d.risk.contingent.share ?? null,
			delayMonths: d.risk.delay.months ?? null,
			restrictionShare: d.risk.restriction.share ?? null,
			contractShare: d.risk.protection.contractShare ?? null,
			socialInsurance: d.risk.protection.socialInsurance,
			verdicts: d.risk.verdicts
		},
		thresholds: d.settings.thresholds,
		bufferMinor: d.bufferMinor,
		monthlyExpensesMinor: d.monthlyExpensesMinor,
		stress: d.stress.map(stressView),
		stressCustom: d.stressCustom ? stressView(d.stressCustom) : null,
		salary: d.salary
			? {
					limitedBy: d.salary.limitedBy,
					salaryMinor: d.salary.salaryMinor,
					months: d.salary.months,
					bindingMonth: d.salary.bindingMonth ?? null,
					meanMinor: d.salary.meanMinor === undefined ? null : Math.round(d.salary.meanMinor)
				}
			: null,
		missingRates: d.matrix.missingRates,
		coverage: d.accrual.coverage.map((c) => ({ platform: c.platform, covered: c.months.map((m) => m.covered), coveredCount: c.coveredCount }))
	};
}

function stressView(s: Dashboard['stress'][number]): StressView {
	return {
		platform: s.platform,
		fallBps: s.fallBps,
		lostMinor: s.lostMinor,
		shareBefore: s.shareBefore ?? null,
		totalAfterMinor: s.totalAfterMinor,
		meanBeforeMinor: s.meanBeforeMinor ?? null,
		meanAfterMinor: s.meanAfterMinor ?? null,
		effectiveAfter: s.after.effectiveNumber ?? null,
		top1After: s.after.top1Key ?? null,
		top1ShareAfter: s.after.top1Share ?? null,
		runwayMonths: s.runwayMonths ?? null,
		runwayWithIncomeMonths: s.runwayWithIncomeMonths ?? null,
		incomeCoversExpenses: s.runwayWithIncomeMonths === null
	};
}
