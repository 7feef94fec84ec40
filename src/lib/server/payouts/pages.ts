/**
 * What the platforms, works, deals and payouts pages show, assembled from the reads and the domain
 * functions so the routes stay thin and the components only render. Money stays in minor units with
 * its currency; explanations are message keys with values.
 */
import type { DB } from '../db/client';
import { commissionRuleAt, evaluateCommission, explainCommission, gatePassRate, narrationFeeMinor, commissionEarnedOn } from '../../domain/commission';
import { dealInstalments, dealOverdue } from '../../domain/deals';
import { formatMinorAsDecimal } from '../../domain/money';
import { PAYOUT_DEFAULTS, payoutDefaultFor } from '../../domain/payout-defaults';
import { explainPayoutRule, isRestrictedRule, ruleVersionAt, typicalDelayRange } from '../../domain/payout-rules';
import { monthOf, type IsoDate } from '../../domain/period';
import { receivablesTotals } from '../../domain/reconciliation';
import { statementChanges, statementFigures } from '../../domain/work-statements';
import { loadCommissionRules, loadDealPayoutChoices, loadDeals, loadPayoutRules, loadPlatforms, loadStatementIndex, loadWorks } from './load';
import { cashView } from './cash';

type Conn = Pick<DB, 'select' | '$client'>;

export function platformsPageData(db: Conn, workspaceId: number, today: IsoDate) {
	const rules = loadPayoutRules(db, workspaceId);
	return {
		platforms: loadPlatforms(db, workspaceId).map((p) => {
			const versions = rules.get(p.id) ?? [];
			const current = versions.length > 0 ? ruleVersionAt(versions, today) : null;
			const known = payoutDefaultFor(p.presetId) ?? payoutDefaultFor(p.name);
			return {
				...p,
				rules: versions.map((r) => ({
					...r,
					threshold: formatMinorAsDecimal(r.thresholdMinor, p.currency),
					explanation: explainPayoutRule(r, `${formatMinorAsDecimal(r.thresholdMinor, p.currency)} ${p.currency}`),
					isCurrent: r === current
				})),
				restricted: current !== null && isRestrictedRule(current),
				/** "1" or "1–2": months from earning to cash over a year of this rule (even-month payouts vary). */
				typicalDelay: current ? delayText(typicalDelayRange(current, monthOf(today))) : null,
				suggested: known ? [known, ...known.alternatives].map((c) => ({ id: c.id, explanationKey: c.explanationKey })) : []
			};
		}),
		choices: PAYOUT_DEFAULTS.flatMap((d) => [d, ...d.alternatives].map((c) => ({ id: c.id, name: d.name, explanationKey: c.explanationKey })))
	};
}

export function worksPageData(db: Conn, workspaceId: number) {
	const platforms = loadPlatforms(db, workspaceId);
	const rules = loadCommissionRules(db, workspaceId);
	const works = loadWorks(db, workspaceId);
	const measured = loadStatementIndex(db, workspaceId, works);
	const nameOf = new Map(platforms.map((p) => [p.id, p.name]));
	return {
		platforms: platforms.map((p) => ({ id: p.id, name: p.name, currency: p.currency })),
		commissionRules: rules.map((r) => {
			const history = works.filter((w) => w.platformId === r.platformId);
			return { ...r, platform: nameOf.get(r.platformId) ?? '', passRate: gatePassRate(history, r) };
		}),
		works: works.map((w) => {
			const rule = commissionRuleAt(rules.filter((r) => r.platformId === w.platformId), w.completedOn);
			const outcome = rule ? evaluateCommission(w, rule) : null;
			const statements = measured.size === 0 ? null : statementFigures(w, measured);
			return {
				...w,
				/** Plays and completion as the imported statements give them, and whether they differ from the work's. */
				statements: statements && { ...statements, differs: Object.keys(statementChanges(statements, w)).length > 0 },
				platform: nameOf.get(w.platformId) ?? '',
				hours: w.finishedHoursCenti === null ? '' : formatMinorAsDecimal(w.finishedHoursCenti, 'XXX').replace(/\.?0+$/, ''),
				rate: w.rateMinor === null ? '' : formatMinorAsDecimal(w.rateMinor, w.currency),
				revenue: w.revenueMinor === null ? '' : formatMinorAsDecimal(w.revenueMinor, w.currency),
				completionPercent: w.completionBps === null ? '' : String(w.completionBps / 100),
				feeMinor: w.finishedHoursCenti !== null && w.rateMinor !== null ? narrationFeeMinor(w.finishedHoursCenti, w.rateMinor) : null,
				commission: outcome
					? { status: outcome.status, amountMinor: outcome.amountMinor, explanation: explainCommission(outcome), earnedOn: w.completedOn ? commissionEarnedOn(w.completedOn) : null }
					: null
			};
		})
	};
}

function delayText(r: { min: number; max: number }): string {
	return r.min === r.max ? String(r.min) : `${r.min}–${r.max}`;
}

export function dealsPageData(db: Conn, workspaceId: number, today: IsoDate) {
	const platforms = loadPlatforms(db, workspaceId);
	const nameOf = new Map(platforms.map((p) => [p.id, p.name]));
	const list = loadDeals(db, workspaceId);
	const choices = loadDealPayoutChoices(db, workspaceId, list.map((d) => d.paidPayoutId));
	return {
		platforms: platforms.map((p) => ({ id: p.id, name: p.name, currency: p.currency })),
		deals: list.map((d) => {
			/** Imported payouts of the deal's platform and currency that may have held its payment. */
			const payoutChoices = d.platformId === null ? [] : (choices.get(`${d.platformId}|${d.currency}`) ?? []);
			return {
				...d,
				payoutChoices,
				/** The imported payout the deal says held its payment (always among its choices). */
				paidIn: payoutChoices.find((p) => p.id === d.paidPayoutId) ?? null,
				platform: d.platformId === null ? null : (nameOf.get(d.platformId) ?? null),
				amount: formatMinorAsDecimal(d.amountMinor, d.currency),
				milestonesText: d.milestones.map((m) => `${m.shareBps / 100} ${m.dueOn}${m.description ? ' ' + m.description : ''}`).join('\n'),
				instalments: dealInstalments(d),
				overdue: dealOverdue(d, today)
			};
		})
	};
}

export function payoutsPageData(db: Conn, workspaceId: number, today: IsoDate) {
	const cash = cashView(db, workspaceId, today);
	const forecast = cash.forecast();
	const receivables = cash.receivables();
	// Rows with nothing owed (every payout assumed received) are for the report's "no payouts on record".
	const owed = receivables.rows.filter((r) => r.outstandingMinor !== 0 || r.overReceivedMinor !== 0);
	return {
		today,
		/** The dashboard's "money in transit", same function: earned by today, paid out today or later. */
		inTransit: cash.inTransit(),
		/** Tracked payouts whose date passed with nothing received. */
		late: cash.late(),
		/** Platforms without imported payouts: their past payouts are assumed received, not late. */
		untracked: cash.untracked(),
		payouts: cash.payoutList(),
		reconciliation: cash.reconciliation().map((r) => ({
			platform: r.platform,
			currency: r.currency,
			status: r.status,
			expectedDate: r.expected?.date ?? null,
			expectedMinor: r.expected?.amountMinor ?? null,
			months: r.expected?.months ?? [],
			receivedDate: r.received?.date ?? null,
			receivedMinor: r.received?.amountMinor ?? null,
			differenceMinor: r.differenceMinor,
			daysLate: r.daysLate
		})),
		receivables: { ...receivables, rows: owed, totals: receivablesTotals(owed) },
		/** Balances below a minimum that no payout date will release with the income recorded so far. */
		held: cash.expected().held.filter((h) => h.amountMinor > 0),
		forecast: {
			months: forecast.months,
			totals: forecast.totals,
			cells: forecast.cells.map((c) => ({ ...c, platform: forecast.platformNames[c.key] ?? c.key })),
			projections: forecast.projections.map((p) => ({ ...p, platform: forecast.platformNames[p.key] ?? p.key })),
			platformsWithoutRule: forecast.platformsWithoutRule
		}
	};
}

