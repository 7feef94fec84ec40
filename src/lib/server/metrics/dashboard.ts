/**
 * The risk dashboard's data: read the roll-up (and payouts, rules, FX) for one workspace, then hand
 * everything to the pure domain functions. Both bases are built every time — the dashboard compares
 * them — and the chosen `basis` decides which one the concentration, volatility and stress figures use.
 * The PDRS always uses accrual for concentration and swing (domain.md §5).
 *
 * Cash basis: per platform, received payouts as imported up to that platform's last imported payout
 * month (both as of `today`: a payout dated later has not arrived yet, as on the payouts page); after it, the payouts the payout rule expects from the roll-up's earnings (payout-rules.ts)
 * that are still to come (dated `today` or later). Such a platform is tracked (payout-tracking.ts): an
 * expected payout whose date passed with nothing received is late on the payouts page — owed, not cash.
 * A platform with no imported payouts is not tracked: every payout its rule expects counts, past ones
 * as assumed received. Brand-deal instalments are tracked by the deal's status, whatever the platform:
 * a deal marked paid is cash on its paid date (unless its platform has imported payouts through that
 * month: they already hold the deal's payment); an unpaid one counts only where its instalment is due
 * today or later (one due before today is overdue, as on the payouts and deals pages). Earnings up to
 * 24 months before the window are fed to the rule so a payout early in the window includes its
 * rolled-over balance.
 */
import type { DB } from '../db/client';
import type { CashSource } from '../../domain/dashboard-types';
import {
	dealEarningLines,
	dealsByCounterparty,
	fxRatesOf,
	lastPayoutMonths,
	paidDeals,
	platformInfos,
	receivedPayouts,
	rollupLines,
	workspaceInfo,
	type PlatformInfo
} from './queries';
import { parseSettingsJson } from '../db/queries/workspaces';
import { buildIncomeMatrix, statementCoverage, type FxRate, type IncomeMatrix, type IncomeRow } from '../../domain/income-matrix';
import { concentration, volatility, type Concentration, type Volatility } from '../../domain/metrics';
import {
	contingentShare,
	payoutDelay,
	protectionGap,
	readRiskSettings,
	restrictionShare,
	riskScore,
	verdicts,
	type CashFlowLag,
	type PlatformProfile,
	type ProtectionGap,
	type RiskScore,
	type RiskSettings,
	type ShareOf,
	type Verdict
} from '../../domain/risk';
import { stressTest, suggestedSalary, type SalaryExplanation, type StressResult } from '../../domain/stress';
import {
	expectedPayouts,
	isRestrictedRule,
	ruleVersionAt,
	type PayoutEarning,
	type PayoutRule
} from '../../domain/payout-rules';
import { DEFAULT_PAYOUT_RULE, schedulingRule, type SchedulingRule } from '../../domain/payout-defaults';
import { convertMinor, parseDecimalToMinor } from '../../domain/money';
import { addMonths, compareMonths, isMonth, lastCompleteMonths, lastDay, monthOf, spanContains, spanFromRange, type IsoDate, type Month, type MonthSpan } from '../../domain/period';
import { todayIso } from '../clock';

export type Basis = 'accrual' | 'cash';
export type { CashSource };

export interface DashboardOptions {
	/** First month (inclusive); default: 12 complete months before `today`'s month. */
	from?: Month;
	/** Last month (inclusive). */
	to?: Month;
	basis?: Basis;
	/**
	 * For the default window and the cash basis (a tracked platform's expected payout, or an unpaid
	 * deal's instalment, dated before it is late, not cash); defaults to the current UTC date.
	 */
	today?: IsoDate;
	/** An extra "what if" on top of the per-platform "stops" scenarios. */
	stress?: { platform: string; fallBps: number };
}


export interface Dashboard {
	workspaceId: number;
	workspaceName: string;
	baseCurrency: string;
	basis: Basis;
	from: Month;
	to: Month;
	window: MonthSpan;
	/** The chosen basis. */
	matrix: IncomeMatrix;
	accrual: IncomeMatrix;
	cash: IncomeMatrix;
	cashSources: CashSource[];
	concentration: Concentration;
	streams: Concentration;
	counterparties: Concentration;
	volatility: Volatility;
	risk: {
		score: RiskScore;
		contingent: ShareOf;
		delay: { months: number | undefined; component: number | undefined };
		restriction: ShareOf;
		protection: ProtectionGap;
		verdicts: Verdict[];
	};
	settings: RiskSettings;
	bufferMinor: number | null;
	monthlyExpensesMinor: number | null;
	/** "If it stopped", per platform of the chosen basis, largest first. */
	stress: StressResult[];
	/** The extra scenario from options.stress, when asked. */
	stressCustom: StressResult | undefined;
	/** From the cash history: what lands, not what is earned. */
	salary: SalaryExplanation | undefined;
}

const LOOKBACK_MONTHS = 24;
export const UNASSIGNED_PLATFORM = '(unassigned)';

export class DashboardInputError extends Error {}

/** Resolve from/to (inclusive months) into a window, defaulting to the last 12 complete months. */
export function resolveWindow(options: Pick<DashboardOptions, 'from' | 'to' | 'today'>): { from: Month; to: Month; window: MonthSpan } {
	const today = options.today ?? todayIso();
	for (const [name, v] of [['from', options.from], ['to', options.to]] as const) {
		if (v !== undefined && !isMonth(v)) throw new DashboardInputError(`--${name} must be a month (YYYY-MM), got "${v}"`);
	}
	const def = lastCompleteMonths(today, 12);
	const to = options.to ?? (options.from ? addMonths(options.from, 11) : addMonths(def.end, -1));
	const from = options.from ?? addMonths(to, -11);
	if (compareMonths(from, to) > 0) throw new DashboardInputError(`the window starts after it ends: ${from}..${to}`);
	return { from, to, window: spanFromRange(from, to) };
}

export function computeDashboard(db: Pick<DB, '$client'>, workspaceId: number, options: DashboardOptions = {}): Dashboard {
	const ws = workspaceInfo(db, workspaceId);
	if (!ws) throw new DashboardInputError(`no workspace ${workspaceId}`);
	const basis: Basis = options.basis ?? 'accrual';
	const today = options.today ?? todayIso();
	const { from, to, window } = resolveWindow({ ...options, today });
	const base = ws.baseCurrency;

	const platforms = platformInfos(db, workspaceId);
	const byId = new Map(platforms.map((p) => [p.id, p]));
	const nameOf = (id: number | null) => (id === null ? UNASSIGNED_PLATFORM : (byId.get(id)?.name ?? `#${id}`));
	const lookbackStart = addMonths(window.start, -LOOKBACK_MONTHS);
	const lines = rollupLines(db, workspaceId, lookbackStart, window.end);
	const rates = fxRatesOf(db, workspaceId, window.start, window.end);
	const knownPlatforms = platforms.map((p) => p.name);

	// Accrual: the roll-up inside the window.
	const accrualRows: IncomeRow[] = [];
	for (const [month, platformId, stream, currency, netMinor] of lines) {
		if (!spanContains(window, month)) continue;
		accrualRows.push({ month, platform: nameOf(platformId), stream, currency, amountMinor: netMinor });
	}
	const accrual = buildIncomeMatrix({ rows: accrualRows, rates, baseCurrency: base, window, knownPlatforms });

	// Cash: imported payouts, then what the rules expect.
	const cashBuild = cashRows(db, workspaceId, window, lookbackStart, platforms, lines, nameOf, rates, base, today);
	const cash = buildIncomeMatrix({ rows: cashBuild.rows, rates, baseCurrency: base, window, knownPlatforms });
	// Coverage is about statements (earnings) on either basis, and only for platforms that send them
	// (brand deals are invoiced, so a month without one is no missing upload).
	accrual.coverage = statementCoverage(accrual.coverage, accrualRows);
	cash.coverage = accrual.coverage;

	const matrix = basis === 'cash' ? cash : accrual;
	const conc = concentration(matrix.platformTotals);
	const vol = volatility(matrix.byMonth);

	const deals = dealsByCounterparty(db, workspaceId, window.start, window.end);
	const counterpartyTotals = new Map<string, number>();
	for (const d of deals) {
		const amount = toBase(d.amountMinor, d.currency, d.month, rates, base);
		if (amount === undefined) continue;
		counterpartyTotals.set(d.counterparty, (counterpartyTotals.get(d.counterparty) ?? 0) + amount);
	}

	// PDRS on accrual.
	const ruleDate = lastDay(to);
	const profiles = new Map<string, PlatformProfile>(
		platforms.map((p) => [
			p.name,
			{
				name: p.name,
				contract: p.contract,
				socialInsurance: p.socialInsurance,
				contingent: p.contingent,
				restricted: p.rules.length > 0 && isRestrictedRule(ruleVersionAt(p.rules, ruleDate))
			}
		])
	);
	const accConc = concentration(accrual.platformTotals);
	const accVol = basis === 'accrual' ? vol : volatility(accrual.byMonth);
	const contingent = contingentShare(accrual.cells, profiles);
	const restriction = restrictionShare(accrual.platformTotals, profiles);
	const protection = protectionGap(accrual.platformTotals, profiles);
	const delay = payoutDelay(cashBuild.delayFlows);
	const settings = readRiskSettings(parseSettingsJson(ws.settingsJson));
	const score = riskScore(
		{
			concentration: accConc.hhi,
			contingent: contingent.share,
			swing: accVol.swingShare,
			delay: delay.component,
			restriction: restriction.share,
			protectionGap: protection.gap
		},
		settings.weights
	);
	const verdictList = verdicts(
		{ effectivePlatforms: conc.effectiveNumber, top1Share: conc.top1Share, cv: vol.cv, swingShare: vol.swingShare, score: score.score },
		settings.thresholds
	);

	const bufferMinor = decimalOrNull(settings.savingsBuffer, base);
	const monthlyExpensesMinor = decimalOrNull(settings.monthlyExpenses, base);
	const stressFor = (platform: string, fallBps: number) =>
		stressTest({ platformTotals: matrix.platformTotals, months: matrix.months.length, platform, fallBps, bufferMinor, monthlyExpensesMinor });

	return {
		workspaceId,
		workspaceName: ws.name,
		baseCurrency: base,
		basis,
		from,
		to,
		window,
		matrix,
		accrual,
		cash,
		cashSources: cashBuild.sources,
		concentration: conc,
		streams: concentration(accrual.streamTotals),
		counterparties: concentration(counterpartyTotals),
		volatility: vol,
		risk: { score, contingent, delay, restriction, protection, verdicts: verdictList },
		settings,
		bufferMinor,
		monthlyExpensesMinor,
		stress: conc.shares.map((s) => stressFor(s.key, 10_000)),
		stressCustom: options.stress ? stressFor(options.stress.platform, options.stress.fallBps) : undefined,
		salary: bufferMinor === null ? undefined : suggestedSalary(cash.byMonth, bufferMinor)
	};
}

function cashRows(
	db: Pick<DB, '$client'>,
	workspaceId: number,
	window: MonthSpan,
	lookbackStart: Month,
	platforms: PlatformInfo[],
	lines: ReturnType<typeof rollupLines>,
	nameOf: (id: number | null) => string,
	rates: readonly FxRate[],
	base: string,
	today: IsoDate
): { rows: IncomeRow[]; sources: CashSource[]; delayFlows: CashFlowLag[] } {
	const rows: IncomeRow[] = [];
	const delayFlows: CashFlowLag[] = [];
	const importedThrough = lastPayoutMonths(db, workspaceId, today);
	for (const p of receivedPayouts(db, workspaceId, window.start, window.end, today)) {
		rows.push({ month: p.month, platform: nameOf(p.platformId), stream: 'payout', currency: p.currency, amountMinor: p.amountMinor });
	}
	// The platform's rule sees one earning per platform × month × currency (streams merged), less
	// what of it is linked to deals: those earnings follow the deal's net days, as on the payouts page.
	const merged = new Map<string, PayoutEarning & { platformId: number }>();
	for (const [month, platformId, , currency, netMinor] of lines) {
		const k = platformId + '|' + month + '|' + currency;
		const same = merged.get(k);
		if (same) same.amountMinor += netMinor;
		else merged.set(k, { platformId, month, amountMinor: netMinor, currency });
	}
	const rulesOf = new Map(platforms.map((p) => [p.id, p.rules]));
	// `paid`: earnings of deals marked paid, scheduled only for the delay component; their cash is the
	// deal's payment on its paid date (below).
	const groups = new Map<number, Map<string, { by: SchedulingRule['by']; paid: boolean; rules: readonly PayoutRule[]; earnings: PayoutEarning[] }>>();
	const add = (platformId: number, rule: SchedulingRule, e: PayoutEarning, paid = false) => {
		let byKey = groups.get(platformId);
		if (!byKey) groups.set(platformId, (byKey = new Map()));
		const key = paid ? `paid|${rule.key}` : rule.key;
		const g = byKey.get(key);
		if (g) g.earnings.push(e);
		else byKey.set(key, { by: rule.by, paid, rules: rule.rules, earnings: [e] });
	};
	const lessDeals = new Set<string>();
	for (const d of dealEarningLines(db, workspaceId, lookbackStart, window.end)) {
		const k = d.platformId + '|' + d.month + '|' + d.currency;
		const rest = merged.get(k);
		if (rest) {
			rest.amountMinor -= d.netMinor;
			lessDeals.add(k);
		}
		const e: PayoutEarning = d.earnedOn ? { date: d.earnedOn, month: d.month, amountMinor: d.netMinor, currency: d.currency } : { month: d.month, amountMinor: d.netMinor, currency: d.currency };
		// Paid as of today only: a deal marked paid on a later day is still unpaid then (as on the payouts page).
		add(d.platformId, schedulingRule(rulesOf.get(d.platformId) ?? [], d.netDays, null)!, e, d.paidOn !== null && d.paidOn <= today);
	}
	// A deal marked paid is cash on the day it was paid, as the payouts page receives it — unless its
	// platform has imported payouts through that month: those are the platform's cash up to then (as for
	// its rule payouts), the deal's payment among them, so adding the deal again would count it twice.
	for (const d of paidDeals(db, workspaceId, window.start, window.end)) {
		if (d.paidOn > today) continue; // not paid yet as of today: its instalments count as unpaid (above)
		const through = importedThrough.get(d.platformId) ?? null;
		if (through !== null && compareMonths(monthOf(d.paidOn), through) <= 0) continue;
		rows.push({ month: monthOf(d.paidOn), platform: nameOf(d.platformId), stream: 'payout', currency: d.currency, amountMinor: d.amountMinor });
	}
	for (const [k, { platformId, ...e }] of merged) {
		if (e.amountMinor === 0 && lessDeals.has(k)) continue; // all of it was deal income
		// A platform without a rule: the payouts page lists it as "no rule yet" and expects nothing; the
		// dashboard must still place its income in some cash month, so the default rule stands in.
		add(platformId, schedulingRule(rulesOf.get(platformId) ?? [], null, DEFAULT_PAYOUT_RULE)!, e);
	}
	const sources: CashSource[] = [];
	for (const p of platforms) {
		const through = importedThrough.get(p.id) ?? null;
		sources.push({ platform: p.name, importedThrough: through, hasRule: p.rules.length > 0 });
		for (const { by, paid, rules, earnings } of groups.get(p.id)?.values() ?? []) {
			earnings.sort((a, b) => compareMonths(a.month!, b.month!) || (a.date ?? '').localeCompare(b.date ?? ''));
			const expected = expectedPayoutsMemo(earnings, rules);
			for (const ev of expected.payouts) {
				const cashMonth = monthOf(ev.date);
				for (const i of ev.earningIndexes) {
					const e = earnings[i];
					if (!spanContains(window, e.month!)) continue;
					const amount = toBase(e.amountMinor, e.currency, e.month!, rates, base);
					if (amount !== undefined) delayFlows.push({ earnedMonth: e.month!, cashMonth, amountMinor: amount });
				}
				if (!spanContains(window, cashMonth)) continue;
				// Deal instalments are tracked by the deal's status (payout-tracking.ts): a paid deal's cash is
				// its payment (above); an unpaid instalment due before today is overdue — owed, not cash.
				// A tracked platform's imported payouts are its cash up to the last one; after it only payouts
				// still to come count — one whose date passed without a receipt is late (reconciliation.ts).
				// An untracked platform's expected payouts all count (past ones assumed received).
				const counts = by === 'deal' ? !paid && ev.date >= today : through === null || (compareMonths(cashMonth, through) > 0 && ev.date >= today);
				if (!counts) continue;
				rows.push({ month: cashMonth, platform: p.name, stream: 'payout', currency: ev.currency, amountMinor: ev.amountMinor });
			}
		}
	}
	return { rows, sources, delayFlows };
}

/**
 * Expected payouts are a pure function of (earnings, rule versions) and the costliest step of a load,
 * so results are remembered by value: a page reloaded on unchanged books reuses them, and any change
 * to an amount, month or rule makes a different key. Bounded, oldest entry out first.
 */
const expectedCache = new Map<string, ReturnType<typeof expectedPayouts>>();
const EXPECTED_CACHE_SIZE = 512;

function expectedPayoutsMemo(earnings: PayoutEarning[], rules: readonly PayoutRule[]): ReturnType<typeof expectedPayouts> {
	let key = JSON.stringify(rules);
	for (const e of earnings) key += `|${e.date ?? ''}:${e.month}:${e.currency}:${e.amountMinor}`;
	const hit = expectedCache.get(key);
	if (hit) return hit;
	const result = expectedPayouts(earnings, rules);
	if (expectedCache.size >= EXPECTED_CACHE_SIZE) expectedCache.delete(expectedCache.keys().next().value!);
	expectedCache.set(key, result);
	return result;
}

/** For benchmarks and tests that want a cold start. */
export function clearDashboardCache(): void {
	expectedCache.clear();
}

const rateIndex = new WeakMap<readonly FxRate[], Map<string, string>>();

function toBase(amountMinor: number, currency: string, month: Month, rates: readonly FxRate[], base: string): number | undefined {
	if (currency === base) return amountMinor;
	let index = rateIndex.get(rates);
	if (!index) {
		index = new Map(rates.map((r) => [r.month + '|' + r.currency, r.rate]));
		rateIndex.set(rates, index);
	}
	const rate = index.get(month + '|' + currency);
	return rate === undefined ? undefined : convertMinor(amountMinor, currency, base, rate);
}

function decimalOrNull(text: string | null, currency: string): number | null {
	if (text === null) return null;
	const r = parseDecimalToMinor(text, currency);
	return r.ok ? r.value : null;
}

