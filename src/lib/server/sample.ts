/**
 * Writes the generated sample workspace (src/lib/domain/sample.ts) into a workspace, in one
 * synchronous transaction. Refuses a workspace that already has income, so a click can never mix
 * invented numbers into a creator's real books; the (empty) workspace takes the sample's base currency.
 */
import { eq, sql } from 'drizzle-orm';
import type { DB } from './db/client';
import { commissionRules, deals, earnings, payoutRules, works, workspaces } from './db/schema/index';
import { ensurePlatform } from './db/queries/platforms';
import { parseSettingsJson, workspaceSettings } from './db/queries/workspaces';
import { refreshRollup } from './db/rollup';
import { generateSampleWorkspace, SAMPLE_LANGUAGES, samplePlatforms, type SampleLanguage, type SampleOptions } from '../domain/sample';
import { keyFingerprint } from './db/fingerprints';

export class SampleRefused extends Error {}

/** Kept in the workspace's settings while it holds the sample: when it was loaded, and the base currency it replaced. */
interface SampleMark {
	loadedAt: string;
	baseCurrencyBefore: string;
	/** The language its words were in (absent: English, as every sample was before it could be Chinese). */
	language?: SampleLanguage;
}


function sampleMark(settings: Record<string, unknown>): SampleMark | undefined {
	const m = settings.sample as Partial<SampleMark> | undefined;
	if (!m || typeof m.loadedAt !== 'string' || typeof m.baseCurrencyBefore !== 'string') return undefined;
	const language = (SAMPLE_LANGUAGES as readonly unknown[]).includes(m.language) ? m.language : undefined;
	return { loadedAt: m.loadedAt, baseCurrencyBefore: m.baseCurrencyBefore, language };
}

/** Whether the workspace holds the sample (loaded through the app and not removed since). */
export function holdsSample(db: DB, workspaceId: number): boolean {
	return sampleMark(workspaceSettings(db, workspaceId)) !== undefined;
}

/**
 * Takes the sample out of a workspace, in one transaction: its income rows, the works and deals it
 * added, the platforms it added unless something of the user's is on them now (their rules go
 * with them), and its base currency when nothing but the sample was ever there. The user's own
 * imports and entries stay. Returns the number of income rows removed.
 */
export function removeSampleData(db: DB, workspaceId: number): number {
	return db.transaction((tx) => {
		const c = db.$client;
		const settings = workspaceSettings(db, workspaceId);
		const mark = sampleMark(settings);
		// The sample's rows: its own, and the fees and commissions it computed from its works, all
		// written in the one transaction that loaded it.
		const removed = mark
			? c.prepare(`DELETE FROM earnings WHERE workspace_id = ? AND created_at = ? AND source IN ('sample', 'computed')`).run(workspaceId, mark.loadedAt).changes
			: c.prepare(`DELETE FROM earnings WHERE workspace_id = ? AND source = 'sample'`).run(workspaceId).changes;
		if (mark) {
			c.prepare(`DELETE FROM works WHERE workspace_id = ? AND created_at = ? AND id NOT IN (SELECT work_id FROM earnings WHERE workspace_id = ? AND work_id IS NOT NULL)`).run(workspaceId, mark.loadedAt, workspaceId);
			c.prepare(`DELETE FROM deals WHERE workspace_id = ? AND created_at = ? AND id NOT IN (SELECT deal_id FROM earnings WHERE workspace_id = ? AND deal_id IS NOT NULL)`).run(workspaceId, mark.loadedAt, workspaceId);
		}
		// Its platforms, under the names of the language it was loaded in: a platform of the user's own that
		// happens to bear the other language's name stays.
		const names = samplePlatforms(mark?.language ?? 'en').map((p) => p.name);
		c.prepare(
			`DELETE FROM platforms WHERE workspace_id = ? AND name IN (${names.map(() => '?').join(', ')})
			 AND NOT EXISTS (SELECT 1 FROM earnings e WHERE e.platform_id = platforms.id)
			 AND NOT EXISTS (SELECT 1 FROM payouts p WHERE p.platform_id = platforms.id)
			 AND NOT EXISTS (SELECT 1 FROM import_batches b WHERE b.platform_id = platforms.id)
			 AND NOT EXISTS (SELECT 1 FROM works w WHERE w.platform_id = platforms.id)
			 AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.platform_id = platforms.id)`
		).run(workspaceId, ...names);
		const anythingLeft = c.prepare(`SELECT EXISTS (SELECT 1 FROM earnings WHERE workspace_id = ?) OR EXISTS (SELECT 1 FROM payouts WHERE workspace_id = ?)`).pluck().get(workspaceId, workspaceId);
		delete settings.sample;
		tx.update(workspaces)
			.set({ settingsJson: JSON.stringify(settings), ...(mark && !anythingLeft ? { baseCurrency: mark.baseCurrencyBefore } : {}) })
			.where(eq(workspaces.id, workspaceId))
			.run();
		refreshRollup(tx, workspaceId);
		return removed;
	});
}

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
		// What the sample changed is kept beside it, so that removing it can put it back.
		const ws = tx.select({ baseCurrency: workspaces.baseCurrency, settingsJson: workspaces.settingsJson }).from(workspaces).where(eq(workspaces.id, workspaceId)).get();
		const settings = {
			...parseSettingsJson(ws?.settingsJson),
			sample: { loadedAt: now, baseCurrencyBefore: ws?.baseCurrency ?? sample.baseCurrency, language: options.language ?? 'en' } satisfies SampleMark
		};
		tx.update(workspaces).set({ baseCurrency: sample.baseCurrency, settingsJson: JSON.stringify(settings) }).where(eq(workspaces.id, workspaceId)).run();
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
