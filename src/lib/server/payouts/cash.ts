/**
 * Earned vs received for one workspace: expected payouts (each platform's earnings through its rule
 * versions; deal instalments through the deal's own net days), reconciliation against received
 * payouts (and deals marked paid), receivables by age, the six-month cash forecast, and per-platform
 * payout profiles (delay, restriction) for the risk dashboard. Reads here, computing in src/lib/domain.
 * A platform without a rule version follows DEFAULT_PAYOUT_RULE (paid the next month), as on the
 * dashboard; a platform without imported payouts is not tracked: its past expected payouts are assumed
 * received (payout-tracking.ts), never late.
 *
 * Pairing is by who pays, not only by platform: each deal is its own key (`deal:<id>`) — its instalments
 * are expected from it and paid only by its own "marked paid" record (which pays all of them on its paid
 * date, whatever the dates) — while the platform's key (its id) holds its rule-based payouts and the
 * imported payouts. Example: two deals on one brand platform, A due 2026-09-29 unpaid and B due
 * 2026-10-15 paid 2026-10-20: B's payment is B's, A is late. Every view is still per platform (rows carry
 * the platform's id and name; receivables are summed per platform), only pairing and ageing use the key.
 */
import type { DB } from '../db/client';
import { cashForecast, type CashForecast, type ForecastPlatform } from '../../domain/forecast';
import {
	amountWeightedDelayMonths,
	expectedPayouts,
	isRestrictedRule,
	ruleVersionAt,
	typicalDelayMonths,
	type HeldBalance,
	type PayoutEarning,
	type PayoutEvent,
	type PayoutRule,
	type RolledOverDate
} from '../../domain/payout-rules';
import {
	AGE_BUCKETS,
	assumedReceipts,
	emptyBuckets,
	cashStatus,
	lateTotals,
	receivables,
	receivablesTotals,
	reconcile,
	type EarnedItem,
	type ExpectedPayment,
	type AgeBucket,
	type ReceivableRow,
	type ReceivedPayment,
	type ReconcileOptions,
	type ReconciliationRow
} from '../../domain/reconciliation';
import { formatMinorAsDecimal } from '../../domain/money';
import { lastDay, monthOf, type IsoDate, type Month } from '../../domain/period';
import { loadCashEarnings, loadDeals, loadPayoutRules, loadPlatforms, loadReceivedPayouts, type PlatformRow } from './load';
import { DEFAULT_PAYOUT_RULE, schedulingRule } from '../../domain/payout-defaults';
import { inTransit, payoutTracked, type InTransit } from '../../domain/payout-tracking';

type Conn = Pick<DB, 'select' | '$client'>;

/** One stream of earnings with one set of rule versions: a platform's own, or one deal's net days. */
interface CashGroup {
	/** Who pays it, the reconciliation key: the platform's id, or `deal:<id>` for one deal's instalments. */
	key: string;
	platform: PlatformRow;
	rules: readonly PayoutRule[];
	earnings: PayoutEarning[];
	isDeal: boolean;
	/** Its past expected payouts can be checked against received ones (payout-tracking.ts). */
	tracked: boolean;
}

interface CashModel {
	platforms: PlatformRow[];
	groups: CashGroup[];
	rulesByPlatform: Map<number, PayoutRule[]>;
	/** Platforms with earnings but no payout rule: DEFAULT_PAYOUT_RULE stands in until one is set. */
	withoutRule: PlatformRow[];
	/** Platforms with earnings under their own or the fallback rule and no imported payouts: assumed received. */
	untracked: PlatformRow[];
	/** Keyed as the groups: imported payouts by platform, a deal marked paid by its deal. */
	received: (ReceivedPayment & { platformId: number })[];
	earned: (EarnedItem & { platformId: number })[];
	/** The platform behind each key. */
	platformOfKey: Map<string, number>;
}

/** The reconciliation key of a deal's instalments and of its "marked paid" record. */
function dealKey(dealId: number): string {
	return `deal:${dealId}`;
}

function loadCashModel(db: Conn, workspaceId: number): CashModel {
	const platforms = loadPlatforms(db, workspaceId);
	const byId = new Map(platforms.map((p) => [p.id, p]));
	const rulesByPlatform = loadPayoutRules(db, workspaceId) as Map<number, PayoutRule[]>;
	const deals = loadDeals(db, workspaceId);
	const dealById = new Map(deals.map((d) => [d.id, d]));
	const groups = new Map<string, CashGroup>();
	const withoutRule = new Map<number, PlatformRow>();
	const earned: CashModel['earned'] = [];
	const dealNet = new Map<number, number>();
	const receivedLines = loadReceivedPayouts(db, workspaceId);
	const imported = new Set(receivedLines.map((r) => r.platformId));
	const untracked = new Map<number, PlatformRow>();
	for (const line of loadCashEarnings(db, workspaceId)) {
		if (line.dealId !== null) dealNet.set(line.dealId, (dealNet.get(line.dealId) ?? 0) + line.netMinor);
		const platform = byId.get(line.platformId);
		if (!platform) continue;
		const e: PayoutEarning = line.earnedOn
			? { date: line.earnedOn, month: line.month, amountMinor: line.netMinor, currency: line.currency }
			: { month: line.month, amountMinor: line.netMinor, currency: line.currency };
		const deal = line.dealId !== null ? dealById.get(line.dealId) : undefined;
		// The same fallback as the dashboard and the compare page: a platform without a rule is assumed
		// paid the next month (listed as "no rule yet" so the user sets the real one).
		const rule = schedulingRule(rulesByPlatform.get(platform.id) ?? [], deal?.netDays, DEFAULT_PAYOUT_RULE)!;
		if (rule.by === 'fallback') withoutRule.set(platform.id, platform);
		const tracked = payoutTracked(rule.by, imported.has(platform.id));
		if (!tracked) untracked.set(platform.id, platform);
		// A deal's instalments are expected from that deal alone; the rest from the platform.
		const key = rule.by === 'deal' && deal ? dealKey(deal.id) : String(platform.id);
		earned.push({ key, platformId: platform.id, date: line.earnedOn ?? lastDay(line.month), amountMinor: line.netMinor, currency: line.currency });
		const id = rule.by === 'deal' ? key : `${platform.id}|${rule.key}`;
		const g = groups.get(id) ?? { key, platform, rules: rule.rules, earnings: [], isDeal: rule.by === 'deal', tracked };
		g.earnings.push(e);
		groups.set(id, g);
	}
	const received: CashModel['received'] = receivedLines.map((r) => ({
		key: String(r.platformId),
		platformId: r.platformId,
		date: r.paidOn,
		amountMinor: r.amountMinor,
		currency: r.currency,
		id: r.id
	}));
	// A deal marked paid is cash received, even when no bank row was imported for it: what its
	// earnings say reached the creator (net of tax withheld), else the agreed amount. It pays every
	// instalment of the deal at once, on its paid date: one part per expected instalment (the last
	// taking any difference), each able to pair only with that deal's instalments, at any date.
	// A deal can name the imported payout that holds its payment (deals.paid_payout_id, same platform and
	// currency): that money is the deal's, so the payout keeps only the rest for the platform's own payouts.
	// Without the link the bank payout would also be listed, unexpected, and the platform over-received.
	const importedById = new Map(received.map((r) => [r.id, r]));
	const usedUp = new Set<number | string | undefined>();
	for (const d of deals) {
		if (d.status !== 'paid' || !d.paidOn || d.platformId === null) continue;
		const key = dealKey(d.id);
		let total = dealNet.get(d.id) ?? d.amountMinor;
		const holder = d.paidPayoutId === null ? undefined : importedById.get(d.paidPayoutId);
		if (holder && holder.platformId === d.platformId && holder.currency === d.currency) {
			// Received is what the payout held, never more: should the deal's net have grown past it since
			// (the deals page refuses such edits, tax settings may still move it), the rest stays owed.
			total = Math.min(total, holder.amountMinor);
			holder.amountMinor -= total;
			if (holder.amountMinor === 0) usedUp.add(holder.id);
		}
		const paid = { key, platformId: d.platformId, date: d.paidOn, ownRecord: true };
		const g = groups.get(key);
		const parts = g ? expectedPayouts(g.earnings, g.rules).payouts.filter((p) => p.currency === d.currency) : [];
		if (parts.length <= 1) received.push({ ...paid, amountMinor: total, currency: d.currency, id: key });
		else {
			let left = total;
			parts.forEach((p, i) => {
				const amountMinor = i === parts.length - 1 ? left : p.amountMinor;
				left -= amountMinor;
				received.push({ ...paid, amountMinor, currency: d.currency, id: `${key}:${i + 1}` });
			});
		}
	}
	// A payout wholly taken by the deals it holds is listed as theirs, not again as the platform's.
	const left = received.filter((r) => !usedUp.has(r.id));
	const platformOfKey = new Map<string, number>();
	for (const x of [...earned, ...left]) platformOfKey.set(x.key, x.platformId);
	return { platforms, groups: [...groups.values()], rulesByPlatform, withoutRule: [...withoutRule.values()], untracked: [...untracked.values()], received: left, earned, platformOfKey };
}

export interface WorkspacePayoutEvent extends Omit<PayoutEvent, 'earningIndexes'> {
	platformId: number;
	platform: string;
	/** false: no payouts on record can confirm it; assumed received once its date has passed. */
	tracked: boolean;
}

export interface WorkspaceExpectedPayouts {
	payouts: WorkspacePayoutEvent[];
	rolledOver: (RolledOverDate & { platformId: number; platform: string })[];
	held: (Omit<HeldBalance, 'earningIndexes'> & { platformId: number; platform: string })[];
	platformsWithoutRule: { platformId: number; platform: string }[];
}

/** Every payout the rules expect from the earnings recorded so far (optionally only up to `until`). */
export function workspaceExpectedPayouts(db: Conn, workspaceId: number, options: { until?: IsoDate } = {}): WorkspaceExpectedPayouts {
	return expectedFromModel(loadCashModel(db, workspaceId), options);
}

function expectedFromModel(model: CashModel, options: { until?: IsoDate }): WorkspaceExpectedPayouts {
	const out = expectedByKey(model, options);
	return { ...out, payouts: out.payouts.map(({ key: _k, ...p }) => p) };
}

/** Expected payouts, each with its reconciliation key (the platform's id, or `deal:<id>`). */
function expectedByKey(model: CashModel, options: { until?: IsoDate }): Omit<WorkspaceExpectedPayouts, 'payouts'> & { payouts: (WorkspacePayoutEvent & { key: string })[] } {
	const out: ReturnType<typeof expectedByKey> = {
		payouts: [],
		rolledOver: [],
		held: [],
		platformsWithoutRule: model.withoutRule.map((p) => ({ platformId: p.id, platform: p.name }))
	};
	for (const g of model.groups) {
		const r = expectedPayouts(g.earnings, g.rules, options);
		const tag = { platformId: g.platform.id, platform: g.platform.name, tracked: g.tracked };
		for (const { earningIndexes: _i, ...p } of r.payouts) out.payouts.push({ ...p, ...tag, key: g.key });
		for (const ro of r.rolledOver) out.rolledOver.push({ ...ro, ...tag });
		for (const { earningIndexes: _i, ...h } of r.held) out.held.push({ ...h, ...tag });
	}
	// Payouts of one payer (a platform's rule versions, or one deal) on the same day are one expected
	// deposit (when both are tracked or both are not). A deal's payment is never merged with another
	// deal's or with the platform's rule payouts: only the deal's own record pays it.
	const merged = new Map<string, WorkspacePayoutEvent & { key: string }>();
	for (const p of out.payouts) {
		const id = `${p.key}|${p.date}|${p.currency}|${p.tracked}`;
		const m = merged.get(id);
		if (!m) merged.set(id, { ...p, months: [...p.months] });
		else {
			m.amountMinor += p.amountMinor;
			m.rolledOverMinor += p.rolledOverMinor;
			m.months = [...new Set([...m.months, ...p.months])].sort();
		}
	}
	out.payouts = [...merged.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.platform < b.platform ? -1 : a.platform > b.platform ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	return out;
}

export interface WorkspaceReconciliationRow extends ReconciliationRow {
	platformId: number;
	platform: string;
}

export function workspaceReconciliation(db: Conn, workspaceId: number, today: IsoDate, options: Omit<ReconcileOptions, 'today'> = {}): WorkspaceReconciliationRow[] {
	return reconciliationFromModel(loadCashModel(db, workspaceId), today, options);
}

function expectedPayments(model: CashModel): ExpectedPayment[] {
	return expectedByKey(model, {}).payouts.map((p) => ({
		key: p.key,
		date: p.date,
		amountMinor: p.amountMinor,
		currency: p.currency,
		months: p.months,
		tracked: p.tracked
	}));
}

function reconciliationFromModel(model: CashModel, today: IsoDate, options: Omit<ReconcileOptions, 'today'> = {}): WorkspaceReconciliationRow[] {
	const nameOf = new Map(model.platforms.map((p) => [p.id, p.name]));
	// Untracked payouts are listed as assumed received (past) or expected; tracked ones are reconciled.
	return reconcile(expectedPayments(model), model.received, { ...options, today }).map((r) => {
		const platformId = model.platformOfKey.get(r.key) ?? Number(r.key);
		return { ...r, platformId, platform: nameOf.get(platformId) ?? r.key };
	});
}

/** The CLI's `payouts` rows: one per expected or received deposit (a deal's payment is one row, however many instalments it pays). */
export interface PayoutListRow {
	platform: string;
	date: IsoDate;
	amount: string;
	currency: string;
	status: 'expected' | 'received' | 'late' | 'assumed';
	months: Month[];
	expectedAmount: string | null;
	reconciliation: ReconciliationRow['status'];
}

export function payoutList(db: Conn, workspaceId: number, today: IsoDate, range: { from?: Month; to?: Month } = {}): PayoutListRow[] {
	return payoutListFromRows(workspaceReconciliation(db, workspaceId, today), range);
}

/**
 * One deposit, one row: a deal marked paid once pays its instalments as parts (loadCashModel), each
 * paired with its instalment; for the list they are put back together as the one payment they are
 * (amounts and expected amounts summed, months joined; matched only when every part matched).
 */
function mergeOwnRecordParts(rows: readonly WorkspaceReconciliationRow[]): WorkspaceReconciliationRow[] {
	const out: WorkspaceReconciliationRow[] = [];
	const merged = new Map<string, WorkspaceReconciliationRow>();
	for (const r of rows) {
		const rec = r.received;
		if (!rec?.ownRecord) {
			out.push(r);
			continue;
		}
		const id = `${r.key}|${rec.date}|${r.currency}`;
		const m = merged.get(id);
		if (!m) {
			const first = { ...r };
			merged.set(id, first);
			out.push(first);
			continue;
		}
		const expected =
			m.expected && r.expected
				? { ...m.expected, amountMinor: m.expected.amountMinor + r.expected.amountMinor, months: [...new Set([...m.expected.months, ...r.expected.months])].sort() }
				: (m.expected ?? r.expected);
		m.received = { ...m.received!, amountMinor: m.received!.amountMinor + rec.amountMinor, id: r.key };
		m.expected = expected;
		m.differenceMinor = expected ? m.received.amountMinor - expected.amountMinor : 0;
		m.status = m.status === 'matched' && r.status === 'matched' ? 'matched' : expected ? 'amount_differs' : 'unexpected';
	}
	return out;
}

function payoutListFromRows(rows: WorkspaceReconciliationRow[], range: { from?: Month; to?: Month }): PayoutListRow[] {
	return mergeOwnRecordParts(rows)
		.map((r): PayoutListRow => {
			const received = r.received;
			const date = received?.date ?? r.expected!.date;
			const amount = received?.amountMinor ?? r.expected!.amountMinor;
			return {
				platform: r.platform,
				date,
				amount: formatMinorAsDecimal(amount, r.currency),
				currency: r.currency,
				status: cashStatus(r.status),
				months: r.expected?.months ?? [],
				expectedAmount: r.expected ? formatMinorAsDecimal(r.expected.amountMinor, r.currency) : null,
				reconciliation: r.status
			};
		})
		.filter((row) => (!range.from || monthOf(row.date) >= range.from) && (!range.to || monthOf(row.date) <= range.to))
		.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.platform < b.platform ? -1 : 1));
}

export interface WorkspaceReceivables {
	today: IsoDate;
	rows: (ReceivableRow & {
		platformId: number;
		platform: string;
		hasPayoutData: boolean;
		tracked: boolean;
		/**
		 * The part of outstandingMinor (and buckets) owed by tracked payers: the platform's deals (tracked by
		 * their status) and, when its payouts are imported, its rule income. Equal to the whole when `tracked`;
		 * with untracked rule income beside deals, only the deals' part is known.
		 */
		trackedOutstandingMinor: number;
		trackedBuckets: Record<AgeBucket, number>;
	})[];
	totals: ReturnType<typeof receivablesTotals>;
}

/**
 * Earned but not yet received, by platform and age. Received = payouts on record, plus, for payouts
 * nothing can confirm (untracked), the expected ones dated before today (assumed received).
 * `hasPayoutData` false: no received payout recorded at all (its receivables are what its rule has not
 * paid out yet). `tracked` false: some of its income is under its own (or the fallback) rule with no
 * payouts on record, so what it is owed is not known; a platform whose income is all brand deals is
 * tracked by the deals' status even without a received payout (payout-tracking.ts).
 */
export function workspaceReceivables(db: Conn, workspaceId: number, today: IsoDate): WorkspaceReceivables {
	return receivablesFromModel(loadCashModel(db, workspaceId), today);
}

function receivablesFromModel(model: CashModel, today: IsoDate): WorkspaceReceivables {
	const nameOf = new Map(model.platforms.map((p) => [p.id, p.name]));
	const withPayouts = new Set(model.received.map((r) => r.platformId));
	const untracked = new Set(model.untracked.map((p) => p.id));
	const received = [...model.received, ...assumedReceipts(expectedPayments(model), today)];
	// Settled per payer (a deal's payment settles that deal's earnings, a platform's payouts its other
	// income), then summed per platform: what is owed is aged by the earnings actually unpaid.
	// A deal is tracked by its status; the platform's own key only when it has payouts on record.
	const trackedKey = (key: string, platformId: number) => key.startsWith('deal:') || !untracked.has(platformId);
	const rows = platformReceivables(receivables(model.earned, received, today), model.platformOfKey, trackedKey)
		// A platform whose payouts are all assumed received keeps its (zero) row: the report names it as
		// having no payouts on record.
		.filter((r) => r.outstandingMinor !== 0 || r.overReceivedMinor !== 0 || r.assumedMinor !== 0)
		.map((r) => ({ ...r, platform: nameOf.get(r.platformId) ?? r.key, hasPayoutData: withPayouts.has(r.platformId), tracked: !untracked.has(r.platformId) }))
		.sort((a, b) => a.platform.localeCompare(b.platform) || (a.currency < b.currency ? -1 : 1));
	return { today, rows, totals: receivablesTotals(rows) };
}

/** Receivable rows per key summed per platform and currency (key: the platform's id), keeping the tracked keys' part apart. */
function platformReceivables(
	rows: readonly ReceivableRow[],
	platformOfKey: ReadonlyMap<string, number>,
	trackedKey: (key: string, platformId: number) => boolean
): (ReceivableRow & { platformId: number; trackedOutstandingMinor: number; trackedBuckets: Record<AgeBucket, number> })[] {
	const by = new Map<string, ReceivableRow & { platformId: number; trackedOutstandingMinor: number; trackedBuckets: Record<AgeBucket, number> }>();
	for (const r of rows) {
		const platformId = platformOfKey.get(r.key) ?? Number(r.key);
		const id = `${platformId}|${r.currency}`;
		const tracked = trackedKey(r.key, platformId);
		const t = by.get(id);
		if (!t) {
			by.set(id, { ...r, key: String(platformId), platformId, buckets: { ...r.buckets }, trackedOutstandingMinor: tracked ? r.outstandingMinor : 0, trackedBuckets: tracked ? { ...r.buckets } : emptyBuckets() });
			continue;
		}
		if (tracked) {
			t.trackedOutstandingMinor += r.outstandingMinor;
			for (const b of AGE_BUCKETS) t.trackedBuckets[b] += r.buckets[b];
		}
		t.earnedMinor += r.earnedMinor;
		t.receivedMinor += r.receivedMinor;
		t.assumedMinor += r.assumedMinor;
		t.outstandingMinor += r.outstandingMinor;
		t.overReceivedMinor += r.overReceivedMinor;
		for (const b of AGE_BUCKETS) t.buckets[b] += r.buckets[b];
		if (r.oldestUnpaid !== null && (t.oldestUnpaid === null || r.oldestUnpaid < t.oldestUnpaid)) t.oldestUnpaid = r.oldestUnpaid;
	}
	return [...by.values()];
}

export interface WorkspaceForecast extends CashForecast {
	platformNames: Record<string, string>;
	platformsWithoutRule: { platformId: number; platform: string }[];
}

/** The cash forecast for `today`'s month and the five after it. */
export function workspaceForecast(db: Conn, workspaceId: number, today: IsoDate, months = 6): WorkspaceForecast {
	return forecastFromModel(loadCashModel(db, workspaceId), today, months);
}

function forecastFromModel(model: CashModel, today: IsoDate, months = 6): WorkspaceForecast {
	const inputs: ForecastPlatform[] = model.groups.map((g) => ({
		key: String(g.platform.id),
		currency: g.platform.currency,
		rules: g.rules,
		earnings: g.earnings,
		project: !g.isDeal
	}));
	const f = cashForecast(inputs, { today, months });
	// A deal group and a rule group of one platform are two inputs: add their cells together.
	const cells = new Map<string, (typeof f.cells)[number]>();
	for (const c of f.cells) {
		const id = `${c.key}|${c.month}|${c.currency}`;
		const m = cells.get(id);
		if (!m) cells.set(id, { ...c });
		else {
			m.knownMinor += c.knownMinor;
			m.projectedMinor += c.projectedMinor;
			m.estimateMinor += c.estimateMinor;
			m.lowMinor += c.lowMinor;
			m.highMinor += c.highMinor;
		}
	}
	return {
		...f,
		cells: [...cells.values()],
		projections: f.projections.filter((p) => p.projectedMonths.length > 0),
		platformNames: Object.fromEntries(model.platforms.map((p) => [String(p.id), p.name])),
		platformsWithoutRule: model.withoutRule.map((p) => ({ platformId: p.id, platform: p.name }))
	};
}

export interface PlatformPayoutProfile {
	platformId: number;
	platform: string;
	/** The rule version in effect on `date` is a withdrawal window or has a threshold. */
	restricted: boolean;
	/** Amount-weighted months from earning month to cash month over the platform's expected payouts (null: no paid income). */
	delayMonths: number | null;
	/** Exact parts of the delay, to pool platforms: Σ amount × months and Σ amount (minor units, platform currency). */
	delayWeightedMonthsMinor: number;
	delayAmountMinor: number;
	/** Months from mid-month earning to cash under the current rule, ignoring the threshold (null: no rule). */
	typicalDelayMonths: number | null;
	hasRule: boolean;
}

/** Per-platform delay and restriction (risk dashboard, domain.md §5 "delay" and "restriction"). */
export function platformPayoutProfiles(db: Conn, workspaceId: number, date: IsoDate): PlatformPayoutProfile[] {
	return profilesFromModel(loadCashModel(db, workspaceId), date);
}

function profilesFromModel(model: CashModel, date: IsoDate): PlatformPayoutProfile[] {
	const delay = new Map<number, { num: number; den: number }>();
	for (const g of model.groups) {
		const r = expectedPayouts(g.earnings, g.rules);
		const d = amountWeightedDelayMonths(g.earnings, r);
		const acc = delay.get(g.platform.id) ?? { num: 0, den: 0 };
		acc.num += d.weightedMonthsMinor;
		acc.den += d.amountMinor;
		delay.set(g.platform.id, acc);
	}
	return model.platforms.map((p) => {
		const rules = model.rulesByPlatform.get(p.id) ?? [];
		const current = rules.length > 0 ? ruleVersionAt(rules, date) : null;
		const d = delay.get(p.id) ?? { num: 0, den: 0 };
		return {
			platformId: p.id,
			platform: p.name,
			restricted: current !== null && isRestrictedRule(current),
			delayMonths: d.den === 0 ? null : d.num / d.den,
			delayWeightedMonthsMinor: d.num,
			delayAmountMinor: d.den,
			typicalDelayMonths: current ? typicalDelayMonths(current, monthOf(date)) : null,
			hasRule: current !== null
		};
	});
}

/** Money in transit on `today` per currency: the dashboard's card and the payouts page's heading. */
export function workspaceInTransit(db: Conn, workspaceId: number, today: IsoDate): InTransit[] {
	return inTransitFromModel(loadCashModel(db, workspaceId), today);
}

function inTransitFromModel(model: CashModel, today: IsoDate): InTransit[] {
	return inTransit(model.groups, today);
}

/**
 * Every view above from one read of the workspace (a page showing several of them reads once).
 * `today` fixes the date all of them are computed for.
 */
export function cashView(db: Conn, workspaceId: number, today: IsoDate) {
	const model = loadCashModel(db, workspaceId);
	let rows: WorkspaceReconciliationRow[] | undefined;
	const reconciliation = () => (rows ??= reconciliationFromModel(model, today));
	return {
		expected: (options: { until?: IsoDate } = {}) => expectedFromModel(model, options),
		reconciliation,
		payoutList: (range: { from?: Month; to?: Month } = {}) => payoutListFromRows(reconciliation(), range),
		receivables: () => receivablesFromModel(model, today),
		inTransit: () => inTransitFromModel(model, today),
		/** Late payouts per currency (tracked, date passed, nothing received). */
		late: () => lateTotals(reconciliation()),
		/** Platforms whose past payouts are assumed received: no payouts imported for them. */
		untracked: () => model.untracked.map((p) => ({ platformId: p.id, platform: p.name })),
		forecast: (months = 6) => forecastFromModel(model, today, months),
		profiles: () => profilesFromModel(model, today)
	};
}
