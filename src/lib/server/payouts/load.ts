/**
 * Reads for earned-vs-received: platforms, payout rule versions, commission rules, works, deals,
 * earnings (summed per platform/deal/day for the payout rules) and received payouts. Every query is
 * scoped by workspace id; the domain functions do the computing.
 */
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DB } from '../db/client';
import { commissionRules, dealMilestones, deals, earnings, payoutRules, payouts, platforms, works } from '../db/schema/index';
import type { PayoutRule } from '../../domain/payout-rules';
import type { DealStatus } from '../../domain/deals';
import { statementIndex, windowsMonths, type StatementIndex, type StatementMeasureLine } from '../../domain/work-statements';

type Sel = Pick<DB, 'select'>;

export interface PlatformRow {
	id: number;
	name: string;
	currency: string;
	defaultStream: string;
	contract: boolean;
	socialInsurance: boolean;
	contingent: boolean | null;
	presetId: string | null;
}

export function loadPlatforms(db: Sel, workspaceId: number): PlatformRow[] {
	return db
		.select({
			id: platforms.id,
			name: platforms.name,
			currency: platforms.currency,
			defaultStream: platforms.defaultStream,
			contract: platforms.contract,
			socialInsurance: platforms.socialInsurance,
			contingent: platforms.contingent,
			presetId: platforms.presetId
		})
		.from(platforms)
		.where(eq(platforms.workspaceId, workspaceId))
		.orderBy(asc(platforms.name))
		.all();
}

export type StoredPayoutRule = PayoutRule & { id: number; platformId: number };

/** Rule versions per platform id, oldest first. */
export function loadPayoutRules(db: Sel, workspaceId: number): Map<number, StoredPayoutRule[]> {
	const rows = db
		.select()
		.from(payoutRules)
		.where(eq(payoutRules.workspaceId, workspaceId))
		.orderBy(asc(payoutRules.platformId), asc(payoutRules.effectiveFrom), asc(payoutRules.id))
		.all();
	const map = new Map<number, StoredPayoutRule[]>();
	for (const r of rows) {
		const list = map.get(r.platformId) ?? [];
		list.push({
			id: r.id,
			platformId: r.platformId,
			effectiveFrom: r.effectiveFrom,
			netDays: r.netDays,
			availableAfterMonths: r.availableAfterMonths,
			payoutDay: r.payoutDay,
			secondPayoutDay: r.secondPayoutDay,
			payoutMonths: r.payoutMonths,
			thresholdMinor: r.thresholdMinor
		});
		map.set(r.platformId, list);
	}
	return map;
}

export interface StoredCommissionRule {
	id: number;
	platformId: number;
	rateBps: number;
	minPlays: number;
	minCompletionBps: number;
	effectiveFrom: string;
}

export function loadCommissionRules(db: Sel, workspaceId: number): StoredCommissionRule[] {
	return db
		.select({
			id: commissionRules.id,
			platformId: commissionRules.platformId,
			rateBps: commissionRules.rateBps,
			minPlays: commissionRules.minPlays,
			minCompletionBps: commissionRules.minCompletionBps,
			effectiveFrom: commissionRules.effectiveFrom
		})
		.from(commissionRules)
		.where(eq(commissionRules.workspaceId, workspaceId))
		.orderBy(asc(commissionRules.platformId), asc(commissionRules.effectiveFrom), asc(commissionRules.id))
		.all();
}

export interface WorkRow {
	id: number;
	platformId: number;
	title: string;
	kind: string;
	finishedHoursCenti: number | null;
	rateMinor: number | null;
	currency: string;
	completedOn: string | null;
	plays: number | null;
	completionBps: number | null;
	revenueMinor: number | null;
}

export function loadWorks(db: Sel, workspaceId: number): WorkRow[] {
	return db
		.select({
			id: works.id,
			platformId: works.platformId,
			title: works.title,
			kind: works.kind,
			finishedHoursCenti: works.finishedHoursCenti,
			rateMinor: works.rateMinor,
			currency: works.currency,
			completedOn: works.completedOn,
			plays: works.plays,
			completionBps: works.completionBps,
			revenueMinor: works.revenueMinor
		})
		.from(works)
		.where(eq(works.workspaceId, workspaceId))
		.orderBy(sql`${works.completedOn} IS NULL`, asc(works.completedOn), asc(works.id))
		.all();
}

/**
 * Imported statement lines that give plays or a completion rate (work-statements.ts matches them to
 * works), of some platforms and optionally only some months. The WHERE repeats the partial index
 * earnings_ws_measured_idx, so only such lines are read, never the whole ledger.
 */
export function loadStatementMeasures(
	db: Sel,
	workspaceId: number,
	platformIds: readonly number[],
	months?: { from: string; to: string }
): StatementMeasureLine[] {
	return statementMeasuresQuery(db, workspaceId, platformIds, months).all();
}

/**
 * The measured statement lines that can count for these works, indexed by platform and title: only
 * their platforms, only the months of their evaluation windows (nothing read when there are no works).
 */
export function loadStatementIndex(db: Sel, workspaceId: number, forWorks: readonly { platformId: number; completedOn: string | null }[]): StatementIndex {
	if (forWorks.length === 0) return statementIndex([]);
	return statementIndex(loadStatementMeasures(db, workspaceId, [...new Set(forWorks.map((w) => w.platformId))], windowsMonths(forWorks)));
}

/** The query behind loadStatementMeasures (its plan is tested: it must use earnings_ws_measured_idx). */
export function statementMeasuresQuery(db: Sel, workspaceId: number, platformIds: readonly number[], months?: { from: string; to: string }) {
	return db
		.select({
			platformId: earnings.platformId,
			description: earnings.description,
			earnedOn: earnings.earnedOn,
			month: earnings.month,
			plays: earnings.plays,
			completionBps: earnings.completionBps
		})
		.from(earnings)
		.where(
			and(
				eq(earnings.workspaceId, workspaceId),
				inArray(earnings.platformId, [...platformIds]),
				months ? sql`${earnings.month} BETWEEN ${months.from} AND ${months.to}` : undefined,
				// In parentheses: drizzle's and() does not wrap raw SQL, and OR binds looser than AND.
				sql`(${earnings.plays} IS NOT NULL OR ${earnings.completionBps} IS NOT NULL)`,
				eq(earnings.source, 'import')
			)
		);
}

export interface DealRow {
	id: number;
	platformId: number | null;
	counterparty: string;
	title: string | null;
	amountMinor: number;
	currency: string;
	agreedOn: string | null;
	invoicedOn: string | null;
	netDays: number;
	status: DealStatus;
	paidOn: string | null;
	/** The imported payout that holds the deal's payment (set on the deals page), if any. */
	paidPayoutId: number | null;
	milestones: { id: number; description: string | null; shareBps: number; dueOn: string }[];
}

export function loadDeals(db: Sel, workspaceId: number): DealRow[] {
	const rows = db
		.select({
			id: deals.id,
			platformId: deals.platformId,
			counterparty: deals.counterparty,
			title: deals.title,
			amountMinor: deals.amountMinor,
			currency: deals.currency,
			agreedOn: deals.agreedOn,
			invoicedOn: deals.invoicedOn,
			netDays: deals.netDays,
			status: deals.status,
			paidOn: deals.paidOn,
			paidPayoutId: deals.paidPayoutId
		})
		.from(deals)
		.where(eq(deals.workspaceId, workspaceId))
		.orderBy(asc(deals.id))
		.all();
	const ids = rows.map((d) => d.id);
	const ms =
		ids.length === 0
			? []
			: db
					.select()
					.from(dealMilestones)
					.where(and(eq(dealMilestones.workspaceId, workspaceId), inArray(dealMilestones.dealId, ids)))
					.orderBy(asc(dealMilestones.dueOn), asc(dealMilestones.id))
					.all();
	return rows.map((d) => ({
		...d,
		milestones: ms.filter((m) => m.dealId === d.id).map((m) => ({ id: m.id, description: m.description, shareBps: m.shareBps, dueOn: m.dueOn }))
	}));
}

/** Earnings summed per platform × deal × day (or month) × currency: what the payout rules need. */
export interface CashEarningLine {
	platformId: number;
	dealId: number | null;
	earnedOn: string | null;
	month: string;
	currency: string;
	netMinor: number;
}

export function loadCashEarnings(db: Pick<DB, '$client'>, workspaceId: number): CashEarningLine[] {
	return db.$client
		.prepare(
			`SELECT platform_id AS platformId, deal_id AS dealId, earned_on AS earnedOn, month, currency, SUM(net_minor) AS netMinor
			 FROM earnings WHERE workspace_id = ?
			 GROUP BY platform_id, deal_id, earned_on, month, currency
			 ORDER BY platform_id, month, earned_on`
		)
		.all(workspaceId) as CashEarningLine[];
}

export interface ReceivedLine {
	id: number;
	platformId: number;
	paidOn: string;
	amountMinor: number;
	currency: string;
}

/** How many of a platform's imported payouts the deals page offers as the one that held a deal (newest first). */
const DEAL_PAYOUT_CHOICES = 24;

/**
 * The imported received payouts a deal may name as the one that held its payment, per `platformId|currency`:
 * the newest DEAL_PAYOUT_CHOICES of each, plus any payout a deal already names.
 */
export function loadDealPayoutChoices(db: Sel, workspaceId: number, linked: readonly (number | null)[]): Map<string, { id: number; paidOn: string; amountMinor: number }[]> {
	const rows = db
		.select({ id: payouts.id, platformId: payouts.platformId, paidOn: payouts.paidOn, amountMinor: payouts.amountMinor, currency: payouts.currency })
		.from(payouts)
		.where(and(eq(payouts.workspaceId, workspaceId), eq(payouts.status, 'received'), isNotNull(payouts.platformId)))
		.orderBy(desc(payouts.paidOn), desc(payouts.id))
		.all();
	const keep = new Set(linked.filter((id): id is number => id !== null));
	const out = new Map<string, { id: number; paidOn: string; amountMinor: number }[]>();
	for (const r of rows) {
		const key = `${r.platformId}|${r.currency}`;
		let list = out.get(key);
		if (!list) out.set(key, (list = []));
		if (list.length < DEAL_PAYOUT_CHOICES || keep.has(r.id)) list.push({ id: r.id, paidOn: r.paidOn, amountMinor: r.amountMinor });
	}
	return out;
}

/** Payouts received and assigned to a platform. */
export function loadReceivedPayouts(db: Sel, workspaceId: number): ReceivedLine[] {
	return db
		.select({ id: payouts.id, platformId: payouts.platformId, paidOn: payouts.paidOn, amountMinor: payouts.amountMinor, currency: payouts.currency })
		.from(payouts)
		.where(and(eq(payouts.workspaceId, workspaceId), eq(payouts.status, 'received'), isNotNull(payouts.platformId)))
		.orderBy(asc(payouts.paidOn))
		.all() as ReceivedLine[];
}
