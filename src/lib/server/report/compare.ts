/**
 * The compare page's data: per platform, the window's gross/fees/tax/net (roll-up, base currency),
 * its own monthly net series (the dashboard's accrual matrix), contingent share (risk.ts's rule),
 * restriction (its current payout rule), days from earning to cash (its payout rule's schedule),
 * hours (logged per month, else finished hours of works completed in the window) and works/plays.
 * The numbers come from compare.ts; this file only gathers them.
 */
import type { DB } from '../db/client';
import { computeDashboard, resolveWindow, type Dashboard } from '../metrics/index';
import { fxRatesOf, platformInfos } from '../metrics/queries';
import { finishedHours, loggedHours, rollupBreakdown, workIncome } from './queries';
import { expectedCashFlows } from './cash-flows';
import { comparePlatforms, type ComparePlatformInput, type ComparePlatformRow } from '../../domain/compare';
import { buildIncomeMatrix } from '../../domain/income-matrix';
import { isContingentStream } from '../../domain/risk';
import { isRestrictedRule, ruleVersionAt } from '../../domain/payout-rules';
import { convertMinor } from '../../domain/money';
import { lastDay, monthOf, spanContains, type Month } from '../../domain/period';

type Conn = Pick<DB, '$client'>;

export interface CompareData {
	workspaceName: string;
	baseCurrency: string;
	from: Month;
	to: Month;
	months: Month[];
	rows: ComparePlatformRow[];
	/** Net per month per platform (for the side-by-side chart). */
	series: Record<string, number[]>;
	/** Amounts left out for want of an FX rate. */
	missingRates: Dashboard['accrual']['missingRates'];
}

export function computeCompare(db: Conn, workspaceId: number, options: { from?: Month; to?: Month; today?: string } = {}): CompareData {
	const { from, to, window } = resolveWindow(options);
	const d = computeDashboard(db, workspaceId, { from, to, basis: 'accrual' });
	const base = d.baseCurrency;
	const raw = rollupBreakdown(db, workspaceId, window.start, window.end);
	const rates = fxRatesOf(db, workspaceId, window.start, window.end);
	const matrixOf = (pick: (l: (typeof raw)[number]) => number) =>
		buildIncomeMatrix({
			rows: raw.map((l) => ({ month: l.month, platform: l.platform, stream: l.stream, currency: l.currency, amountMinor: pick(l) })),
			rates,
			baseCurrency: base,
			window
		});
	const totalBy = (m: ReturnType<typeof matrixOf>) => new Map(m.platformTotals.map((p) => [p.key, p.totalMinor]));
	const gross = totalBy(matrixOf((l) => l.grossMinor));
	const fee = totalBy(matrixOf((l) => l.feeMinor));
	const tax = totalBy(matrixOf((l) => l.taxMinor));

	const platforms = platformInfos(db, workspaceId);
	const ruleDate = lastDay(to);
	const logged = loggedHours(db, workspaceId, window.start, window.end);
	const finished = finishedHours(db, workspaceId, window.start, window.end);
	const rateOf = (month: string, currency: string) => rates.find((r) => r.month === month && r.currency === currency)?.rate;
	const toBase = (amount: number, currency: string, month: string) => {
		if (currency === base) return amount;
		const r = rateOf(month, currency);
		return r === undefined ? undefined : convertMinor(amount, currency, base, r);
	};

	const works = workIncome(db, workspaceId, window.start, window.end);
	const flows = expectedCashFlows(db, workspaceId, lastDay(to)).filter((f) => spanContains(window, monthOf(f.earnedOn)));

	const inputs: ComparePlatformInput[] = [];
	for (const p of platforms) {
		const net = d.accrual.platformTotals.find((t) => t.key === p.name)?.totalMinor ?? 0;
		const profile = {
			name: p.name,
			contract: p.contract,
			socialInsurance: p.socialInsurance,
			contingent: p.contingent,
			restricted: p.rules.length > 0 && isRestrictedRule(ruleVersionAt(p.rules, ruleDate))
		};
		const contingentMinor = d.accrual.cells
			.filter((c) => c.platform === p.name && (p.contingent ?? isContingentStream(c.stream)))
			.reduce((s, c) => s + c.amountMinor, 0);
		const hoursLogged = logged.get(p.id);
		const hoursFinished = finished.get(p.id);
		const own = works.filter((w) => w.platformId === p.id);
		const workIds = new Set(own.map((w) => w.workId));
		let workIncomeMinor = 0;
		let playsIncomeMinor = 0;
		const playsByWork = new Map<number, number>();
		for (const w of own) {
			const amount = toBase(w.netMinor, w.currency, w.month) ?? 0;
			workIncomeMinor += amount;
			if (w.plays !== null) {
				playsIncomeMinor += amount;
				playsByWork.set(w.workId, w.plays);
			}
		}
		const platformFlows = flows
			.filter((f) => f.platform === p.name)
			.map((f) => ({ earnedOn: f.earnedOn, receivedOn: f.receivedOn, amountMinor: toBase(f.amountMinor, f.currency, monthOf(f.earnedOn)) ?? 0 }));
		inputs.push({
			platform: p.name,
			grossMinor: gross.get(p.name) ?? 0,
			feeMinor: fee.get(p.name) ?? 0,
			taxMinor: tax.get(p.name) ?? 0,
			netMinor: net,
			series: d.accrual.byMonth.map((m) => ({ month: m.month, totalMinor: m.byPlatform[p.name] ?? 0 })),
			contingentMinor,
			restricted: profile.restricted,
			cashFlows: platformFlows,
			hoursCenti: hoursLogged ?? hoursFinished ?? null,
			hoursSource: hoursLogged !== undefined ? 'logged' : hoursFinished !== undefined ? 'finished' : null,
			workCount: workIds.size,
			workIncomeMinor,
			plays: playsByWork.size > 0 ? [...playsByWork.values()].reduce((s, x) => s + x, 0) : null,
			playsIncomeMinor
		});
	}
	const rows = comparePlatforms(inputs.filter((i) => i.netMinor !== 0 || i.grossMinor !== 0 || (i.hoursCenti ?? 0) > 0));
	return {
		workspaceName: d.workspaceName,
		baseCurrency: base,
		from,
		to,
		months: d.accrual.months,
		rows,
		series: Object.fromEntries(rows.map((r) => [r.platform, d.accrual.byMonth.map((m) => m.byPlatform[r.platform] ?? 0)])),
		missingRates: d.accrual.missingRates
	};
}
