/**
 * Computed earnings: narration fees and commissions from works (commission.ts) and deal instalments
 * (deals.ts) become earnings rows with source 'computed', rebuilt as a whole in one synchronous
 * transaction together with the roll-up. CNY rows carry the labour-remuneration tax the payer
 * withholds (domain.md §6), as the sample workspace does; other currencies carry none.
 */
import { and, eq } from 'drizzle-orm';
import type { DB } from '../db/client';
import { earnings } from '../db/schema/index';
import { refreshRollup } from '../db/rollup';
import { commissionEarnedOn, commissionRuleAt, evaluateCommission, narrationFeeMinor } from '../../domain/commission';
import { dealInstalments } from '../../domain/deals';
import { monthOf } from '../../domain/period';
import { labourRemunerationTax } from '../../domain/tax';
import { loadCommissionRules, loadDeals, loadPlatforms, loadWorks } from './load';
import { keyFingerprint } from '../db/fingerprints';

export type Tx = Pick<DB, 'select' | 'insert' | 'update' | 'delete' | 'run' | 'all'>;

export interface ComputedEarning {
	platformId: number;
	stream: 'narration_fee' | 'commission' | 'brand_deal' | 'writing' | 'events';
	earnedOn: string;
	workId: number | null;
	dealId: number | null;
	counterparty: string | null;
	description: string;
	grossMinor: number;
	taxMinor: number;
	currency: string;
	/** The row's key (stored as keyFingerprint(key)). */
	fingerprint: string;
}

const CONTRACTED_DEAL_STREAMS = new Set(['brand_deal', 'writing', 'events']);

function withheld(grossMinor: number, currency: string): number {
	return currency === 'CNY' && grossMinor > 0 ? labourRemunerationTax(grossMinor) : 0;
}

/** The rows works, commission rules and deals imply (zero commissions make no row). */
export function computeEarnings(tx: Pick<DB, 'select'>, workspaceId: number): ComputedEarning[] {
	const out: ComputedEarning[] = [];
	const rules = loadCommissionRules(tx, workspaceId);
	for (const w of loadWorks(tx, workspaceId)) {
		if (!w.completedOn) continue;
		if (w.finishedHoursCenti !== null && w.rateMinor !== null) {
			const fee = narrationFeeMinor(w.finishedHoursCenti, w.rateMinor);
			if (fee !== 0)
				out.push({
					platformId: w.platformId, stream: 'narration_fee', earnedOn: w.completedOn, workId: w.id, dealId: null,
					counterparty: null, description: w.title, grossMinor: fee, taxMinor: withheld(fee, w.currency),
					currency: w.currency, fingerprint: `computed:work:${w.id}:fee`
				});
		}
		const rule = commissionRuleAt(rules.filter((r) => r.platformId === w.platformId), w.completedOn);
		if (rule) {
			const outcome = evaluateCommission(w, rule);
			if (outcome.status === 'earned' && outcome.amountMinor !== 0)
				out.push({
					platformId: w.platformId, stream: 'commission', earnedOn: commissionEarnedOn(w.completedOn), workId: w.id, dealId: null,
					counterparty: null, description: w.title, grossMinor: outcome.amountMinor,
					taxMinor: withheld(outcome.amountMinor, w.currency), currency: w.currency, fingerprint: `computed:work:${w.id}:commission`
				});
		}
	}
	const streamOf = new Map(loadPlatforms(tx, workspaceId).map((p) => [p.id, CONTRACTED_DEAL_STREAMS.has(p.defaultStream) ? p.defaultStream : 'brand_deal']));
	for (const d of loadDeals(tx, workspaceId)) {
		if (d.platformId === null) continue;
		for (const i of dealInstalments(d)) {
			if (i.amountMinor === 0) continue;
			out.push({
				platformId: d.platformId, stream: (streamOf.get(d.platformId) ?? 'brand_deal') as ComputedEarning['stream'],
				earnedOn: i.earnedOn, workId: null, dealId: d.id, counterparty: d.counterparty,
				description: d.title ?? d.counterparty, grossMinor: i.amountMinor, taxMinor: withheld(i.amountMinor, d.currency),
				currency: d.currency, fingerprint: `computed:deal:${d.id}:${i.milestoneIndex ?? 'all'}`
			});
		}
	}
	return out;
}

/** Rebuild the workspace's computed earnings and their roll-up months, inside the caller's transaction. */
export function refreshComputedEarningsIn(tx: Tx, workspaceId: number): { deleted: number; inserted: number } {
	const old = tx
		.select({ month: earnings.month })
		.from(earnings)
		.where(and(eq(earnings.workspaceId, workspaceId), eq(earnings.source, 'computed')))
		.all();
	tx.delete(earnings).where(and(eq(earnings.workspaceId, workspaceId), eq(earnings.source, 'computed'))).run();
	const rows = computeEarnings(tx, workspaceId);
	const now = new Date().toISOString();
	for (let i = 0; i < rows.length; i += 200) {
		tx.insert(earnings)
			.values(
				rows.slice(i, i + 200).map((r) => ({
					workspaceId, platformId: r.platformId, stream: r.stream, earnedOn: r.earnedOn, month: monthOf(r.earnedOn),
					workId: r.workId, dealId: r.dealId, counterparty: r.counterparty, description: r.description,
					grossMinor: r.grossMinor, feeMinor: 0, taxMinor: r.taxMinor, netMinor: r.grossMinor - r.taxMinor,
					currency: r.currency, fingerprint: keyFingerprint(r.fingerprint), source: 'computed', createdAt: now
				}))
			)
			.run();
	}
	refreshRollup(tx, workspaceId, [...old.map((o) => o.month), ...rows.map((r) => monthOf(r.earnedOn))]);
	return { deleted: old.length, inserted: rows.length };
}

/** Rebuild computed earnings in their own transaction. */
export function refreshComputedEarnings(db: DB, workspaceId: number): { deleted: number; inserted: number } {
	return db.transaction((tx) => refreshComputedEarningsIn(tx, workspaceId));
}
