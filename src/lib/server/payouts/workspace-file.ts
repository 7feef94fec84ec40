/**
 * Workspace file export and import (domain.md §7). Import is all or nothing: the file is parsed and
 * validated first (workspace-file.ts in the domain), then applied in one synchronous transaction that
 * also rebuilds computed earnings and the roll-up. Platforms are added or updated by name, never
 * deleted (imported statements hang off them); a platform's payout rule versions are replaced when the
 * file gives some; works, commission rules and deals are replaced by the file's.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import type { DB } from '../db/client';
import { commissionRules, dealMilestones, deals, payoutRules, platforms, workspaces, works } from '../db/schema/index';
import { ensurePlatform } from '../db/queries/platforms';
import { parseWorkspaceFile, serialiseWorkspaceFile, type WorkspaceFileError, type WorkspaceSetup } from '../../domain/workspace-file';
import { loadCommissionRules, loadDeals, loadPayoutRules, loadPlatforms, loadWorks } from './load';
import { refreshComputedEarningsIn, type Tx } from './computed';

export function exportWorkspaceSetup(db: Pick<DB, 'select'>, workspaceId: number): WorkspaceSetup {
	const ws = db.select({ baseCurrency: workspaces.baseCurrency }).from(workspaces).where(eq(workspaces.id, workspaceId)).get();
	if (!ws) throw new Error(`no workspace ${workspaceId}`);
	const list = loadPlatforms(db, workspaceId);
	const rules = loadPayoutRules(db, workspaceId);
	const nameOf = new Map(list.map((p) => [p.id, p.name]));
	return {
		baseCurrency: ws.baseCurrency,
		platforms: list.map((p) => ({
			name: p.name,
			currency: p.currency,
			defaultStream: p.defaultStream,
			contract: p.contract,
			socialInsurance: p.socialInsurance,
			contingent: p.contingent,
			presetId: p.presetId,
			payoutRules: (rules.get(p.id) ?? []).map(({ id: _id, platformId: _p, ...r }) => r)
		})),
		works: loadWorks(db, workspaceId).map((w) => ({
			platform: nameOf.get(w.platformId) ?? '',
			title: w.title,
			kind: w.kind,
			currency: w.currency,
			finishedHoursCenti: w.finishedHoursCenti,
			rateMinor: w.rateMinor,
			completedOn: w.completedOn,
			plays: w.plays,
			completionBps: w.completionBps,
			revenueMinor: w.revenueMinor
		})),
		commissionRules: loadCommissionRules(db, workspaceId).map((c) => ({
			platform: nameOf.get(c.platformId) ?? '',
			rateBps: c.rateBps,
			minPlays: c.minPlays,
			minCompletionBps: c.minCompletionBps,
			effectiveFrom: c.effectiveFrom
		})),
		deals: loadDeals(db, workspaceId).map((d) => ({
			counterparty: d.counterparty,
			platform: d.platformId === null ? null : (nameOf.get(d.platformId) ?? null),
			title: d.title,
			amountMinor: d.amountMinor,
			currency: d.currency,
			agreedOn: d.agreedOn,
			invoicedOn: d.invoicedOn,
			netDays: d.netDays,
			status: d.status,
			paidOn: d.paidOn,
			milestones: d.milestones.map((m) => ({ description: m.description, shareBps: m.shareBps, dueOn: m.dueOn }))
		}))
	};
}

/** The workspace file's text (JSON). */
export function exportWorkspaceFile(db: Pick<DB, 'select'>, workspaceId: number): string {
	return serialiseWorkspaceFile(exportWorkspaceSetup(db, workspaceId));
}

export interface ImportSummary {
	platformsCreated: number;
	platformsUpdated: number;
	payoutRules: number;
	works: number;
	commissionRules: number;
	deals: number;
	computedEarnings: number;
	/**
	 * Deals that named the imported payout holding their payment (deals page): the file does not carry that
	 * link (payouts are not in it), so replacing the deals drops it; the user is told to set it again.
	 */
	payoutLinksDropped: number;
}

/** Apply a validated setup inside the caller's transaction. */
export function applyWorkspaceSetupIn(tx: Tx, workspaceId: number, setup: WorkspaceSetup): ImportSummary {
	const summary: ImportSummary = { platformsCreated: 0, platformsUpdated: 0, payoutRules: 0, works: 0, commissionRules: 0, deals: 0, computedEarnings: 0, payoutLinksDropped: 0 };
	const existing = new Map(loadPlatforms(tx, workspaceId).map((p) => [p.name, p.id]));
	const idOf = new Map<string, number>();
	for (const p of setup.platforms) {
		let id = existing.get(p.name);
		if (id === undefined) {
			id = ensurePlatform(tx, workspaceId, { name: p.name, currency: p.currency, withDefaultRule: false });
			summary.platformsCreated++;
		} else summary.platformsUpdated++;
		tx.update(platforms)
			.set({
				currency: p.currency,
				defaultStream: p.defaultStream,
				contract: p.contract,
				socialInsurance: p.socialInsurance,
				contingent: p.contingent,
				presetId: p.presetId
			})
			.where(and(eq(platforms.workspaceId, workspaceId), eq(platforms.id, id)))
			.run();
		if (p.payoutRules.length > 0) {
			tx.delete(payoutRules).where(and(eq(payoutRules.workspaceId, workspaceId), eq(payoutRules.platformId, id))).run();
			tx.insert(payoutRules)
				.values(p.payoutRules.map((r) => ({ workspaceId, platformId: id, ...r })))
				.run();
			summary.payoutRules += p.payoutRules.length;
		}
		idOf.set(p.name, id);
	}
	const platformId = (name: string): number => {
		const id = idOf.get(name) ?? existing.get(name);
		if (id === undefined) throw new Error(`unknown platform "${name}"`);
		return id;
	};

	tx.delete(commissionRules).where(eq(commissionRules.workspaceId, workspaceId)).run();
	for (const c of setup.commissionRules) {
		tx.insert(commissionRules)
			.values({ workspaceId, platformId: platformId(c.platform), rateBps: c.rateBps, minPlays: c.minPlays, minCompletionBps: c.minCompletionBps, effectiveFrom: c.effectiveFrom })
			.run();
		summary.commissionRules++;
	}

	const now = new Date().toISOString();
	tx.delete(works).where(eq(works.workspaceId, workspaceId)).run();
	for (const w of setup.works) {
		tx.insert(works)
			.values({
				workspaceId, platformId: platformId(w.platform), title: w.title, kind: w.kind, finishedHoursCenti: w.finishedHoursCenti,
				rateMinor: w.rateMinor, currency: w.currency, completedOn: w.completedOn, plays: w.plays,
				completionBps: w.completionBps, revenueMinor: w.revenueMinor, createdAt: now
			})
			.run();
		summary.works++;
	}

	summary.payoutLinksDropped = tx.select({ id: deals.id }).from(deals).where(and(eq(deals.workspaceId, workspaceId), isNotNull(deals.paidPayoutId))).all().length;
	tx.delete(deals).where(eq(deals.workspaceId, workspaceId)).run();
	for (const d of setup.deals) {
		// A deal without a platform is paid by its counterparty: that brand is the platform.
		const pid = d.platform
			? platformId(d.platform)
			: ensurePlatform(tx, workspaceId, { name: d.counterparty, currency: d.currency, defaultStream: 'brand_deal', contract: true, withDefaultRule: false });
		const row = tx
			.insert(deals)
			.values({
				workspaceId, platformId: pid, counterparty: d.counterparty, title: d.title, amountMinor: d.amountMinor,
				currency: d.currency, agreedOn: d.agreedOn, invoicedOn: d.invoicedOn, netDays: d.netDays, status: d.status,
				paidOn: d.paidOn, createdAt: now
			})
			.returning({ id: deals.id })
			.get();
		if (d.milestones.length > 0)
			tx.insert(dealMilestones)
				.values(d.milestones.map((m) => ({ workspaceId, dealId: row.id, description: m.description, shareBps: m.shareBps, dueOn: m.dueOn })))
				.run();
		summary.deals++;
	}
	summary.computedEarnings = refreshComputedEarningsIn(tx, workspaceId).inserted;
	return summary;
}

export type ImportResult = { ok: true; summary: ImportSummary } | { ok: false; errors: WorkspaceFileError[] };

/** Parse, validate, then apply atomically: either the whole file is applied or nothing is. */
export function importWorkspaceFile(db: DB, workspaceId: number, text: string): ImportResult {
	const parsed = parseWorkspaceFile(text);
	if (!parsed.ok) return parsed;
	const summary = db.transaction((tx) => applyWorkspaceSetupIn(tx, workspaceId, parsed.value));
	return { ok: true, summary };
}
