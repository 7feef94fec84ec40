/**
 * Changes to platforms, payout rule versions, works, commission rules and deals. Every function is
 * scoped by workspace id (a row of another workspace is "not found"), and every change that moves
 * computed earnings rebuilds them with the roll-up in the same synchronous transaction.
 */
import { and, eq, sql, TransactionRollbackError } from 'drizzle-orm';
import type { DB } from '../db/client';
import { commissionRules, dealMilestones, deals, payoutRules, payouts, platforms, works } from '../db/schema/index';
import { ensurePlatform, platformIdByName } from '../db/queries/platforms';
import { DEAL_NET_SQL } from '../db/queries/deals';
import { DEFAULT_RULE_EFFECTIVE_FROM, payoutChoices, defaultRuleForCurrency, PAYOUT_DEFAULTS } from '../../domain/payout-defaults';
import type { PayoutRule } from '../../domain/payout-rules';
import type { DealStatus } from '../../domain/deals';
import type { WorkSetup } from '../../domain/workspace-file';
import { statementChanges, statementFigures } from '../../domain/work-statements';
import { loadStatementIndex } from './load';
import { refreshComputedEarningsIn, type Tx } from './computed';

function platformOf(tx: Pick<DB, 'select'>, workspaceId: number, platformId: number) {
	return tx
		.select({ id: platforms.id, currency: platforms.currency, name: platforms.name })
		.from(platforms)
		.where(and(eq(platforms.workspaceId, workspaceId), eq(platforms.id, platformId)))
		.get();
}

export function platformExists(db: Pick<DB, 'select'>, workspaceId: number, platformId: number): boolean {
	return platformOf(db, workspaceId, platformId) !== undefined;
}

export function createPlatform(
	db: DB,
	workspaceId: number,
	init: { name: string; currency: string; defaultStream: string; choiceId: string | null }
): { ok: true; id: number } | { ok: false; problem: 'exists' } {
	return db.transaction((tx) => {
		if (platformIdByName(tx, workspaceId, init.name) !== undefined) return { ok: false as const, problem: 'exists' as const };
		const id = ensurePlatform(tx, workspaceId, { name: init.name, currency: init.currency, defaultStream: init.defaultStream, withDefaultRule: false });
		if (init.choiceId) applyChoiceIn(tx, workspaceId, id, init.currency, init.choiceId, DEFAULT_RULE_EFFECTIVE_FROM);
		return { ok: true as const, id };
	});
}

export interface PlatformSettings {
	currency: string;
	defaultStream: string;
	contract: boolean;
	socialInsurance: boolean;
	contingent: boolean | null;
}

export function updatePlatform(db: DB, workspaceId: number, platformId: number, s: PlatformSettings): boolean {
	const r = db
		.update(platforms)
		.set(s)
		.where(and(eq(platforms.workspaceId, workspaceId), eq(platforms.id, platformId)))
		.run();
	return r.changes > 0;
}

/** Add a rule version; one already taking effect on the same day is replaced. */
export function addPayoutRuleVersion(db: DB, workspaceId: number, platformId: number, rule: PayoutRule): boolean {
	return db.transaction((tx) => {
		if (!platformOf(tx, workspaceId, platformId)) return false;
		tx.delete(payoutRules)
			.where(and(eq(payoutRules.workspaceId, workspaceId), eq(payoutRules.platformId, platformId), eq(payoutRules.effectiveFrom, rule.effectiveFrom)))
			.run();
		tx.insert(payoutRules).values({ workspaceId, platformId, ...rule }).run();
		return true;
	});
}

export function deletePayoutRuleVersion(db: DB, workspaceId: number, ruleId: number): boolean {
	return db.delete(payoutRules).where(and(eq(payoutRules.workspaceId, workspaceId), eq(payoutRules.id, ruleId))).run().changes > 0;
}

export function isKnownChoice(choiceId: string): boolean {
	return payoutChoices().some((c) => c.choice.id === choiceId);
}

function applyChoiceIn(tx: Tx, workspaceId: number, platformId: number, currency: string, choiceId: string, effectiveFrom: string): boolean {
	const found = payoutChoices().find((c) => c.choice.id === choiceId);
	if (!found) return false;
	const owner = PAYOUT_DEFAULTS.find((d) => d.id === found.platformId)!;
	tx.delete(payoutRules)
		.where(and(eq(payoutRules.workspaceId, workspaceId), eq(payoutRules.platformId, platformId), eq(payoutRules.effectiveFrom, effectiveFrom)))
		.run();
	tx.insert(payoutRules)
		.values({ workspaceId, platformId, effectiveFrom, ...defaultRuleForCurrency(found.choice, currency, owner.currency) })
		.run();
	return true;
}

/** Use a known rule (payout-defaults.ts) from a date: "every other month" or "month after next" for Ximalaya... */
export function applyPayoutChoice(db: DB, workspaceId: number, platformId: number, choiceId: string, effectiveFrom: string): boolean {
	return db.transaction((tx) => {
		const p = platformOf(tx, workspaceId, platformId);
		if (!p) return false;
		return applyChoiceIn(tx, workspaceId, platformId, p.currency, choiceId, effectiveFrom);
	});
}

export interface WorkInput {
	platformId: number;
	title: string;
	finishedHoursCenti: number | null;
	rateMinor: number | null;
	completedOn: string | null;
	plays: number | null;
	completionBps: number | null;
	revenueMinor: number | null;
}

/** Create (id null) or update a work; its currency is its platform's. */
export function saveWork(db: DB, workspaceId: number, id: number | null, w: WorkInput): boolean {
	return db.transaction((tx) => {
		const p = platformOf(tx, workspaceId, w.platformId);
		if (!p) return false;
		if (id === null) {
			tx.insert(works).values({ workspaceId, ...w, currency: p.currency, createdAt: new Date().toISOString() }).run();
		} else {
			const r = tx
				.update(works)
				.set({ ...w, currency: p.currency })
				.where(and(eq(works.workspaceId, workspaceId), eq(works.id, id)))
				.run();
			if (r.changes === 0) return false;
		}
		refreshComputedEarningsIn(tx, workspaceId);
		return true;
	});
}

/**
 * Sets a work's plays and completion rate to what its imported statements give (work-statements.ts),
 * computed here from the ledger, never taken from the form; a figure the statements do not give is
 * left as it was. Commissions are recomputed in the same transaction.
 */
export function useStatementFigures(db: DB, workspaceId: number, workId: number): 'saved' | 'not_found' | 'no_figures' {
	return db.transaction((tx) => {
		const work = tx
			.select({ platformId: works.platformId, title: works.title, completedOn: works.completedOn, plays: works.plays, completionBps: works.completionBps })
			.from(works)
			.where(and(eq(works.workspaceId, workspaceId), eq(works.id, workId)))
			.get();
		if (!work) return 'not_found';
		const figures = statementFigures(work, loadStatementIndex(tx, workspaceId, [work]));
		if (!figures) return 'no_figures';
		const changes = statementChanges(figures, work);
		if (Object.keys(changes).length === 0) return 'saved'; // already the statements' figures
		tx.update(works).set(changes).where(and(eq(works.workspaceId, workspaceId), eq(works.id, workId))).run();
		refreshComputedEarningsIn(tx, workspaceId);
		return 'saved';
	});
}

export function deleteWork(db: DB, workspaceId: number, id: number): boolean {
	return db.transaction((tx) => {
		if (tx.delete(works).where(and(eq(works.workspaceId, workspaceId), eq(works.id, id))).run().changes === 0) return false;
		refreshComputedEarningsIn(tx, workspaceId);
		return true;
	});
}

export interface CommissionRuleInput {
	platformId: number;
	rateBps: number;
	minPlays: number;
	minCompletionBps: number;
	effectiveFrom: string;
}

export function addCommissionRule(db: DB, workspaceId: number, r: CommissionRuleInput): boolean {
	return db.transaction((tx) => {
		if (!platformOf(tx, workspaceId, r.platformId)) return false;
		tx.delete(commissionRules)
			.where(and(eq(commissionRules.workspaceId, workspaceId), eq(commissionRules.platformId, r.platformId), eq(commissionRules.effectiveFrom, r.effectiveFrom)))
			.run();
		tx.insert(commissionRules).values({ workspaceId, ...r }).run();
		refreshComputedEarningsIn(tx, workspaceId);
		return true;
	});
}

export function deleteCommissionRule(db: DB, workspaceId: number, id: number): boolean {
	return db.transaction((tx) => {
		if (tx.delete(commissionRules).where(and(eq(commissionRules.workspaceId, workspaceId), eq(commissionRules.id, id))).run().changes === 0) return false;
		refreshComputedEarningsIn(tx, workspaceId);
		return true;
	});
}

export interface DealInput {
	/** null: the counterparty is the platform (created when missing). */
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
	milestones: { description: string | null; shareBps: number; dueOn: string }[];
}

/**
 * Add (id null) or edit a deal. False: the deal or platform is not in this workspace. 'outgrows_payout':
 * the edit (its amount or instalments) would give the deal a net its linked imported payout cannot
 * hold (nothing is changed).
 */
export function saveDeal(db: DB, workspaceId: number, id: number | null, d: DealInput): boolean | 'outgrows_payout' {
	try {
		return saveDealIn(db, workspaceId, id, d);
	} catch (e) {
		if (e instanceof TransactionRollbackError) return 'outgrows_payout';
		throw e;
	}
}

function saveDealIn(db: DB, workspaceId: number, id: number | null, d: DealInput): boolean {
	return db.transaction((tx) => {
		let platformId = d.platformId;
		if (platformId !== null && !platformOf(tx, workspaceId, platformId)) return false;
		platformId ??= ensurePlatform(tx, workspaceId, { name: d.counterparty, currency: d.currency, defaultStream: 'brand_deal', contract: true, withDefaultRule: false });
		const values = {
			platformId, counterparty: d.counterparty, title: d.title, amountMinor: d.amountMinor, currency: d.currency,
			agreedOn: d.agreedOn, invoicedOn: d.invoicedOn, netDays: d.netDays, status: d.status, paidOn: d.paidOn
		};
		let dealId: number;
		/** The imported payout the deal stays linked to after this edit, if any. */
		let linked: number | null = null;
		if (id === null) {
			dealId = tx.insert(deals).values({ workspaceId, ...values, createdAt: new Date().toISOString() }).returning({ id: deals.id }).get().id;
		} else {
			// A link to the imported payout that held the deal's payment stands only while the edit keeps it
			// true: still paid, on that day, by that platform, in that currency.
			const link = tx
				.select({ id: payouts.id, paidOn: payouts.paidOn, platformId: payouts.platformId, currency: payouts.currency })
				.from(deals)
				.innerJoin(payouts, eq(payouts.id, deals.paidPayoutId))
				.where(and(eq(deals.workspaceId, workspaceId), eq(deals.id, id)))
				.get();
			const keep = link !== undefined && values.status === 'paid' && values.paidOn === link.paidOn && values.platformId === link.platformId && values.currency === link.currency;
			if (keep) linked = link.id;
			const set = keep ? values : { ...values, paidPayoutId: null };
			if (tx.update(deals).set(set).where(and(eq(deals.workspaceId, workspaceId), eq(deals.id, id))).run().changes === 0) return false;
			dealId = id;
			tx.delete(dealMilestones).where(and(eq(dealMilestones.workspaceId, workspaceId), eq(dealMilestones.dealId, id))).run();
		}
		if (d.milestones.length > 0) tx.insert(dealMilestones).values(d.milestones.map((m) => ({ workspaceId, dealId, ...m }))).run();
		refreshComputedEarningsIn(tx, workspaceId);
		// A new amount or milestones change the deal's net: it must still fit in the payout it is linked to.
		if (linked !== null && roomIn(tx, workspaceId, linked, null) < 0) tx.rollback();
		return true;
	});
}

/**
 * What is left of an imported payout once the paid deals linked to it (other than `except`) take their
 * nets: negative when they no longer fit.
 */
function roomIn(tx: Pick<DB, 'select'>, workspaceId: number, payoutId: number, except: number | null): number {
	const payout = tx.select({ amountMinor: payouts.amountMinor }).from(payouts).where(and(eq(payouts.workspaceId, workspaceId), eq(payouts.id, payoutId))).get();
	if (!payout) return 0;
	const held = tx
		.select({ net: sql<number>`COALESCE(SUM(${sql.raw(DEAL_NET_SQL)}), 0)` })
		.from(sql`${deals} d`)
		.where(sql`d.workspace_id = ${workspaceId} AND d.paid_payout_id = ${payoutId} AND d.status = 'paid' AND d.id IS NOT ${except}`)
		.get();
	return payout.amountMinor - (held?.net ?? 0);
}

/** What a deal's payment comes to (`DEAL_NET_SQL`). */
function dealNetMinor(tx: Pick<DB, 'select'>, workspaceId: number, dealId: number): number {
	const row = tx
		.select({ net: sql<number>`${sql.raw(DEAL_NET_SQL)}` })
		.from(sql`${deals} d`)
		.where(sql`d.workspace_id = ${workspaceId} AND d.id = ${dealId}`)
		.get();
	return row?.net ?? 0;
}

/** Why a deal cannot be said to have been paid in that imported payout. */
export type DealPayoutProblem = 'not_found' | 'payout_not_found' | 'payout_other_platform' | 'payout_too_small';

/**
 * Set a deal's status. With `payoutId` (status paid), the deal was paid in that imported payout: a received
 * payout of this workspace, of the deal's platform and currency, with room for the deal's net beside the
 * other deals it already holds; the deal's paid date becomes the payout's. Without it, any link is cleared.
 * Returns true, or what is wrong.
 */
export function setDealStatus(db: DB, workspaceId: number, id: number, status: DealStatus, paidOn: string | null, payoutId: number | null = null): true | DealPayoutProblem {
	return db.transaction((tx) => {
		const deal = tx
			.select({ id: deals.id, platformId: deals.platformId, currency: deals.currency, amountMinor: deals.amountMinor })
			.from(deals)
			.where(and(eq(deals.workspaceId, workspaceId), eq(deals.id, id)))
			.get();
		if (!deal) return 'not_found';
		let paidPayoutId: number | null = null;
		if (status === 'paid' && payoutId !== null) {
			const payout = tx
				.select({ id: payouts.id, platformId: payouts.platformId, currency: payouts.currency, amountMinor: payouts.amountMinor, paidOn: payouts.paidOn })
				.from(payouts)
				.where(and(eq(payouts.workspaceId, workspaceId), eq(payouts.id, payoutId), eq(payouts.status, 'received')))
				.get();
			if (!payout) return 'payout_not_found';
			if (payout.platformId !== deal.platformId || payout.currency !== deal.currency) return 'payout_other_platform';
			if (roomIn(tx, workspaceId, payout.id, deal.id) < dealNetMinor(tx, workspaceId, deal.id)) return 'payout_too_small';
			paidPayoutId = payout.id;
			paidOn = payout.paidOn;
		}
		tx.update(deals)
			.set({ status, paidOn: status === 'paid' ? paidOn : null, paidPayoutId })
			.where(and(eq(deals.workspaceId, workspaceId), eq(deals.id, id)))
			.run();
		refreshComputedEarningsIn(tx, workspaceId);
		return true;
	});
}

export function deleteDeal(db: DB, workspaceId: number, id: number): boolean {
	return db.transaction((tx) => {
		if (tx.delete(deals).where(and(eq(deals.workspaceId, workspaceId), eq(deals.id, id))).run().changes === 0) return false;
		refreshComputedEarningsIn(tx, workspaceId);
		return true;
	});
}

/** Add works parsed from a CSV file (works-csv.ts) in one transaction; platforms are matched by name. */
export function addWorks(db: DB, workspaceId: number, list: readonly WorkSetup[]): number {
	return db.transaction((tx) => {
		const ids = new Map(
			tx.select({ id: platforms.id, name: platforms.name }).from(platforms).where(eq(platforms.workspaceId, workspaceId)).all().map((p) => [p.name, p.id])
		);
		const now = new Date().toISOString();
		for (const w of list) {
			const platformId = ids.get(w.platform);
			if (platformId === undefined) throw new Error(`unknown platform "${w.platform}"`);
			tx.insert(works)
				.values({
					workspaceId, platformId, title: w.title, kind: w.kind, finishedHoursCenti: w.finishedHoursCenti, rateMinor: w.rateMinor,
					currency: w.currency, completedOn: w.completedOn, plays: w.plays, completionBps: w.completionBps, revenueMinor: w.revenueMinor, createdAt: now
				})
				.run();
		}
		if (list.length > 0) refreshComputedEarningsIn(tx, workspaceId);
		return list.length;
	});
}
