/**
 * Build the income report for a workspace and a period from the same server function the metrics CLI
 * uses (computeDashboard, accrual basis, the period as its window), plus the roll-up's gross, fees and
 * tax, receivables at the period's last day, and the statements behind the figures. The verification
 * code is SHA-256 over report.ts's canonical serialisation, so `verifyReport` can recompute it later.
 */
import { createHash } from 'node:crypto';
import type { DB } from '../db/client';
import { computeDashboard, type Dashboard } from '../metrics/index';
import { fxRatesOf } from '../metrics/queries';
import { otherSources, rollupBreakdown, statementsOf } from './queries';
import { workspaceReceivables } from '../payouts/cash';
import { loadDeals } from '../payouts/load';
import { dealOverdue } from '../../domain/deals';
import { buildIncomeMatrix, type IncomeMatrix } from '../../domain/income-matrix';
import { addDays, addMonths, lastDay, monthsOf, parsePeriod, type Month, type MonthSpan } from '../../domain/period';
import {
	periodLabel,
	reportHashInput,
	summariseLines,
	verificationCodeFromHash,
	normaliseVerificationCode,
	type BaseLine,
	type Report,
	type ReportFigures
} from '../../domain/report';

export class ReportInputError extends Error {}

type Conn = Pick<DB, 'select' | '$client'>;

export interface ResolvedPeriod {
	/** The canonical period text ("2025-Q2"), usable in a URL. */
	period: string;
	span: MonthSpan;
	from: Month;
	to: Month;
}

/** Longest period a report covers: ten years of months keeps the page and the queries bounded. */
const MAX_MONTHS = 120;

export function resolvePeriod(text: string): ResolvedPeriod {
	const p = parsePeriod(text);
	if (!p.ok) throw new ReportInputError(p.error);
	const from = p.span.start;
	const to = addMonths(p.span.end, -1);
	if (monthsOf(p.span).length > MAX_MONTHS) throw new ReportInputError(`a report covers at most ${MAX_MONTHS} months`);
	return { period: periodLabel(from, to), span: p.span, from, to };
}

/** Roll-up lines → base-currency lines, converting each line exactly as the dashboard's income matrix does. */
function baseLines(db: Conn, workspaceId: number, span: MonthSpan, baseCurrency: string): { lines: BaseLine[]; net: IncomeMatrix } {
	const raw = rollupBreakdown(db, workspaceId, span.start, span.end);
	const rates = fxRatesOf(db, workspaceId, span.start, span.end);
	const measure = (pick: (l: (typeof raw)[number]) => number) =>
		buildIncomeMatrix({
			rows: raw.map((l) => ({ month: l.month, platform: l.platform, stream: l.stream, currency: l.currency, amountMinor: pick(l) })),
			rates,
			baseCurrency,
			window: span
		});
	const gross = measure((l) => l.grossMinor);
	const fee = measure((l) => l.feeMinor);
	const tax = measure((l) => l.taxMinor);
	const net = measure((l) => l.netMinor);
	const key = (c: { month: string; platform: string; stream: string }) => `${c.month}\u0000${c.platform}\u0000${c.stream}`;
	const lines = new Map<string, BaseLine>();
	const get = (c: { month: string; platform: string; stream: string }) => {
		let l = lines.get(key(c));
		if (!l) lines.set(key(c), (l = { month: c.month, platform: c.platform, stream: c.stream, grossMinor: 0, feeMinor: 0, taxMinor: 0, netMinor: 0 }));
		return l;
	};
	for (const c of gross.cells) get(c).grossMinor += c.amountMinor;
	for (const c of fee.cells) get(c).feeMinor += c.amountMinor;
	for (const c of tax.cells) get(c).taxMinor += c.amountMinor;
	for (const c of net.cells) get(c).netMinor += c.amountMinor;
	return { lines: [...lines.values()], net };
}

export interface BuiltReport {
	figures: ReportFigures;
	dashboard: Dashboard;
	period: ResolvedPeriod;
}

export function buildReportFigures(db: Conn, workspaceId: number, periodText: string): BuiltReport {
	const period = resolvePeriod(periodText);
	const asOf = lastDay(period.to);
	// "Received" is taken as of the end of the period's last day, like the receivables, so the code does
	// not change from day to day. The cash basis counts an unpaid item dated `today` or later as still to
	// come; at the end of the period nothing is still to come inside it, so its `today` is the day after:
	// a deal instalment (or a tracked platform's payout) due on the last day with nothing received is
	// owed (a receivable), not received — never both.
	const d = computeDashboard(db, workspaceId, { from: period.from, to: period.to, basis: 'accrual', today: addDays(asOf, 1) });
	const { lines } = baseLines(db, workspaceId, period.span, d.baseCurrency);
	const cashByMonth = new Map(d.cash.byMonth.map((m) => [m.month, m.totalMinor]));
	const summary = summariseLines(lines, d.accrual.months, cashByMonth);
	const figures: ReportFigures = {
		workspaceName: d.workspaceName,
		baseCurrency: d.baseCurrency,
		from: period.from,
		to: period.to,
		...summary,
		receivables: receivablesAt(db, workspaceId, asOf, new Set(summary.byPlatform.map((p) => p.key))),
		risk: {
			score: d.risk.score.score,
			hhi: d.concentration.hhi,
			effectivePlatforms: d.concentration.effectiveNumber,
			top1Share: d.concentration.top1Share,
			top1Platform: d.concentration.top1Key,
			cv: d.volatility.cv,
			swingShare: d.volatility.swingShare,
			maxDrawdown: d.volatility.drawdown.maxDrawdown
		},
		provenance: statementsOf(db, workspaceId, period.span.start, period.span.end),
		otherSources: otherSources(db, workspaceId, period.span.start, period.span.end),
		missingRates: d.accrual.missingRates
	};
	return { figures, dashboard: d, period };
}

/**
 * The payouts area's receivables (payouts/cash.ts) on the period's last day. A platform whose income
 * under its payout rule has no received payout on record has unknown receivables, not "everything ever
 * earned": it is named as untracked when it brought income in the period, instead of printing a
 * meaningless amount. A platform with only brand deals is tracked by the deals' status: an unpaid deal
 * (overdue or not) is a receivable like any other.
 */
function receivablesAt(db: Conn, workspaceId: number, asOf: string, earningInPeriod: ReadonlySet<string>): ReportFigures['receivables'] {
	const all = workspaceReceivables(db, workspaceId, asOf).rows;
	// Per platform, only what tracked payers owe is known: its deals (tracked by their status) and, with
	// payouts on record, its rule income. A platform with deals beside untracked rule income prints the
	// deals' part (and is named untracked below for the rest).
	const owed = all.filter((r) => r.trackedOutstandingMinor > 0);
	const owedBy = new Map(owed.map((r) => [r.platformId, r.platform]));
	const overdue = new Set<string>();
	for (const d of loadDeals(db, workspaceId)) {
		const name = d.platformId === null ? undefined : owedBy.get(d.platformId);
		if (name !== undefined && dealOverdue(d, asOf).overdue) overdue.add(name);
	}
	return {
		asOf,
		rows: owed.map((r) => ({ platform: r.platform, currency: r.currency, outstandingMinor: r.trackedOutstandingMinor, buckets: r.trackedBuckets })),
		untracked: [...new Set(all.filter((r) => !r.tracked && earningInPeriod.has(r.platform)).map((r) => r.platform))].sort(),
		// Only when there is one: the codes of reports without overdue deals stay as they were.
		...(overdue.size > 0 ? { dealsOverdue: [...overdue].sort() } : {})
	};
}

export function verificationCodeOf(figures: ReportFigures): string {
	return verificationCodeFromHash(createHash('sha256').update(reportHashInput(figures), 'utf8').digest('hex'));
}

export function buildReport(db: Conn, workspaceId: number, periodText: string, options: { now?: Date } = {}): Report & { built: BuiltReport } {
	const built = buildReportFigures(db, workspaceId, periodText);
	return {
		...built.figures,
		period: built.period.period,
		generatedAt: (options.now ?? new Date()).toISOString(),
		verificationCode: verificationCodeOf(built.figures),
		built
	};
}

export type VerifyResult =
	| { status: 'match'; period: string; code: string; from: Month; to: Month }
	| { status: 'mismatch'; period: string; code: string }
	| { status: 'bad_code' }
	| { status: 'bad_period'; error: string };

/** Recompute the report for `periodText` from the current books and compare its code with `typedCode`. */
export function verifyReport(db: Conn, workspaceId: number, periodText: string, typedCode: string): VerifyResult {
	const code = normaliseVerificationCode(typedCode);
	if (!code) return { status: 'bad_code' };
	let built: BuiltReport;
	try {
		built = buildReportFigures(db, workspaceId, periodText);
	} catch (e) {
		if (e instanceof ReportInputError) return { status: 'bad_period', error: e.message };
		throw e;
	}
	const actual = verificationCodeOf(built.figures);
	return actual === code
		? { status: 'match', period: built.period.period, code, from: built.period.from, to: built.period.to }
		: { status: 'mismatch', period: built.period.period, code };
}
