/**
 * Writes the generated sample workspace (src/lib/domain/sample.ts) into a workspace, in one
 * synchronous transaction. Refuses a workspace that already has income, so a click can never mix
 * invented numbers into a creator's real books; the (empty) workspace takes the sample's base currency.
 */
import { eq, sql } from 'drizzle-orm';
import type { DB } from './db/client';
import { commissionRules, deals, earnings, payoutRules, works, workspaces } from './db/schema/index';
import { ensurePlatform } from './db/queries/platforms';
import { refreshRollup } from './db/rollup';
import { generateSampleWorkspace, type SampleOptions } from '../domain/sample';
import { keyFingerprint } from './db/fingerprints';

export class SampleRefused extends Error {}

export function workspaceHasIncome(db: DB, workspaceId: number): boolean {
	return Boolean(db.select({ one: sql`1` }).from(earnings).where(eq(earnings.workspaceId, workspaceId)).limit(1).get());
}

export function loadSampleWorkspace(db: DB, workspaceId: number, options: SampleOptions): { earnings: number } {
	const sample = generateSampleWorkspace(options);
	if (workspaceHasIncome(db, workspaceId)) throw new SampleRefused('workspace already has income rows');
	const now = new Date().toISOString();
	return db.transaction((tx) => {
		// The narrator is paid in CNY; an empty workspace takes the sample's base currency, so the
		// dashboard shows her numbers instead of "no exchange rate" for every row.
		tx.update(workspaces).set({ baseCurrency: sample.baseCurrency }).where(eq(workspaces.id, workspaceId)).run();
		const platformIds = new Map<string, number>();
		for (const p of sample.platforms) {
			const id = ensurePlatform(tx, workspaceId, { ...p, withDefaultRule: false });
			platformIds.set(p.name, id);
			tx.insert(payoutRules)
				.values({ workspaceId, platformId: id, effectiveFrom: `${sample.from}-01`, ...p.rule })
				.run();
		}
		for (const r of sample.commissionRules) {
			tx.insert(commissionRules)
				.values({ workspaceId, platformId: platformIds.get(r.platform)!, rateBps: r.rateBps, minPlays: r.minPlays, minCompletionBps: r.minCompletionBps })
				.run();
		}
		const workIds = new Map<string, number>();
		for (const w of sample.works) {
			const row = tx
				.insert(works)
				.values({
					workspaceId, platformId: platformIds.get(w.platform)!, title: w.title, kind: 'audiobook',
					finishedHoursCenti: w.finishedHoursCenti, rateMinor: w.rateMinor, currency: w.currency,
					completedOn: w.completedOn, plays: w.plays, completionBps: w.completionBps, revenueMinor: w.revenueMinor,
					createdAt: now
				})
				.returning({ id: works.id })
				.get();
			workIds.set(w.key, row.id);
		}
		const dealIds = new Map<string, number>();
		for (const d of sample.deals) {
			const row = tx
				.insert(deals)
				.values({
					workspaceId, platformId: platformIds.get(d.platform)!, counterparty: d.counterparty, title: d.title,
					amountMinor: d.amountMinor, currency: d.currency, invoicedOn: d.invoicedOn, netDays: d.netDays,
					status: d.status, paidOn: d.paidOn, createdAt: now
				})
				.returning({ id: deals.id })
				.get();
			dealIds.set(d.key, row.id);
		}
		const insert = db.$client.prepare(
			`INSERT INTO earnings (workspace_id, platform_id, stream, earned_on, month, work_id, deal_id, counterparty,
			 description, gross_minor, fee_minor, tax_minor, net_minor, currency, fingerprint, source, created_at)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		);
		for (const e of sample.earnings) {
			insert.run(
				workspaceId, platformIds.get(e.platform)!, e.stream, e.earnedOn, e.month,
				e.workKey ? workIds.get(e.workKey)! : null, e.dealKey ? dealIds.get(e.dealKey)! : null,
				e.counterparty ?? null, e.description, e.grossMinor, e.feeMinor, e.taxMinor, e.netMinor, e.currency,
				keyFingerprint(e.fingerprint), e.source, now
			);
		}
		refreshRollup(tx, workspaceId);
		return { earnings: sample.earnings.length };
	});
}
