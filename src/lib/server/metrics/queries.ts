/**
 * The dashboard's reads. Income comes from the monthly roll-up (never raw earnings): one aggregate
 * query per call, scoped by workspace id. Everything else read here is small (platforms, rule
 * versions, FX rates, received payouts by month, deals by counterparty).
 */
import type Database from 'better-sqlite3';
import type { DB } from '../db/client';
import type { PayoutRule } from '../../domain/payout-rules';
import type { PlatformProfile } from '../../domain/risk';
import type { FxRate } from '../../domain/income-matrix';
import type { IsoDate } from '../../domain/period';
import { DEAL_NET_SQL } from '../db/queries/deals';

type Conn = Pick<DB, '$client'>;
type Statement = Database.Statement<unknown[]>;

/** Prepared statements cached per connection: the dashboard runs the same few queries on every load. */
const cache = new WeakMap<object, Map<string, Statement>>();
function stmt(db: Conn, text: string): Statement {
	let map = cache.get(db.$client);
	if (!map) cache.set(db.$client, (map = new Map()));
	let s = map.get(text);
	if (!s) map.set(text, (s = db.$client.prepare(text)));
	return s;
}

/** One roll-up line as a tuple (no per-row object: this is the one query that grows with the books). */
export type RollupLine = [month: string, platformId: number, stream: string, currency: string, netMinor: number];

/** Roll-up lines with month in [start, end). */
export function rollupLines(db: Conn, workspaceId: number, start: string, end: string): RollupLine[] {
	return stmt(
		db,
		`SELECT month, platform_id, stream, currency, net_minor
		 FROM monthly_rollup WHERE workspace_id = ? AND month >= ? AND month < ?`
	)
		.raw(true)
		.all(workspaceId, start, end) as RollupLine[];
}

/** Earnings linked to a deal, summed per platform × deal payment terms × day (or month) × currency. */
export interface DealEarningLine {
	platformId: number;
	/** The deal's net days: the earning is paid that many days after its date. */
	netDays: number;
	/** The deal is marked paid on this date (else null): from then on its cash is that payment (`paidDeals`), not its schedule. */
	paidOn: string | null;
	earnedOn: string | null;
	month: string;
	currency: string;
	netMinor: number;
}

/**
 * Deal-linked earnings with month in [start, end), read only when the workspace has a deal, through
 * the partial index on (workspace_id, deal_id) WHERE deal_id IS NOT NULL (migration 0003): a lookup
 * of the few linked rows, not a walk of every row of the workspace (about 50 ms for 200,000 rows
 * without it). The `+` on month keeps SQLite, which has no statistics (no ANALYZE), from preferring
 * the month index (a range over nearly all rows) to the partial index.
 */
export const DEAL_EARNINGS_SQL = `SELECT platform_id AS platformId, deal_id AS dealId, earned_on AS earnedOn, month, currency, SUM(net_minor) AS netMinor
		 FROM earnings WHERE workspace_id = ? AND deal_id IS NOT NULL AND +month >= ? AND +month < ?
		 GROUP BY platform_id, deal_id, earned_on, month, currency`;

/** What counts as a paid deal, as on the payouts page (payouts/cash.ts): marked paid, with the date. */
const PAID_DEAL = `(status = 'paid' AND paid_on IS NOT NULL)`;

export function dealEarningLines(db: Conn, workspaceId: number, start: string, end: string): DealEarningLine[] {
	const terms = stmt(db, `SELECT id, net_days AS netDays, CASE WHEN ${PAID_DEAL} THEN paid_on END AS paidOn FROM deals WHERE workspace_id = ?`).all(workspaceId) as {
		id: number;
		netDays: number;
		paidOn: string | null;
	}[];
	if (terms.length === 0) return [];
	const termsOf = new Map(terms.map((d) => [d.id, d]));
	const rows = stmt(db, DEAL_EARNINGS_SQL).all(workspaceId, start, end) as (Omit<DealEarningLine, 'netDays' | 'paidOn'> & { dealId: number })[];
	const out: DealEarningLine[] = [];
	for (const { dealId, ...r } of rows) {
		const t = termsOf.get(dealId);
		if (t !== undefined) out.push({ ...r, netDays: t.netDays, paidOn: t.paidOn });
	}
	return out;
}

/** A deal marked paid, as the cash it brought: on `paidOn`, its linked earnings' net (else the agreed amount). */
export interface PaidDealLine {
	platformId: number;
	paidOn: string;
	currency: string;
	amountMinor: number;
}

/**
 * Deals marked paid with `paid_on` in the months [start, end): the payouts page's received deal
 * payments (payouts/cash.ts), the net of the deal's earnings (tax withheld) or, with none, the agreed
 * amount.
 */
export function paidDeals(db: Conn, workspaceId: number, start: string, end: string): PaidDealLine[] {
	return stmt(
		db,
		`SELECT d.platform_id AS platformId, d.paid_on AS paidOn, d.currency,
		  ${DEAL_NET_SQL} AS amountMinor
		 FROM deals d WHERE d.workspace_id = ? AND d.platform_id IS NOT NULL AND ${PAID_DEAL}
		  AND substr(d.paid_on, 1, 7) >= ? AND substr(d.paid_on, 1, 7) < ?
		 ORDER BY d.paid_on, d.id`
	).all(workspaceId, start, end) as PaidDealLine[];
}

export interface PayoutLine {
	month: string;
	platformId: number | null;
	currency: string;
	amountMinor: number;
}

/** Received payouts summed by month × platform × currency, month in [start, end). */
/**
 * Received payouts per month, platform and currency, as of `today`: one dated later has not arrived
 * yet on that day (a backdated view), as on the payouts page (reconciliation.ts).
 */
export function receivedPayouts(db: Conn, workspaceId: number, start: string, end: string, today: IsoDate): PayoutLine[] {
	return stmt(
		db,
		`SELECT month, platform_id AS platformId, currency, SUM(amount_minor) AS amountMinor
		 FROM payouts WHERE workspace_id = ? AND status = 'received' AND month >= ? AND month < ? AND paid_on <= ?
		 GROUP BY month, platform_id, currency`
	).all(workspaceId, start, end, today) as PayoutLine[];
}

/** The last month with a received payout per platform, as of `today`, to know where imported cash ends. */
export function lastPayoutMonths(db: Conn, workspaceId: number, today: IsoDate): Map<number | null, string> {
	const rows = stmt(
		db,
		`SELECT platform_id AS platformId, MAX(month) AS month FROM payouts
		 WHERE workspace_id = ? AND status = 'received' AND paid_on <= ? GROUP BY platform_id`
	).all(workspaceId, today) as { platformId: number | null; month: string }[];
	return new Map(rows.map((r) => [r.platformId, r.month]));
}

export interface PlatformInfo extends Omit<PlatformProfile, 'restricted'> {
	id: number;
	currency: string;
	rules: PayoutRule[];
}

export function platformInfos(db: Conn, workspaceId: number): PlatformInfo[] {
	const ps = stmt(
		db,
		`SELECT id, name, currency, contract, social_insurance AS socialInsurance, contingent
		 FROM platforms WHERE workspace_id = ? ORDER BY name`
	).all(workspaceId) as { id: number; name: string; currency: string; contract: number; socialInsurance: number; contingent: number | null }[];
	const rules = stmt(
		db,
		`SELECT platform_id AS platformId, effective_from AS effectiveFrom, net_days AS netDays,
		  available_after_months AS availableAfterMonths, payout_day AS payoutDay,
		  second_payout_day AS secondPayoutDay, payout_months AS payoutMonths, threshold_minor AS thresholdMinor
		 FROM payout_rules WHERE workspace_id = ? ORDER BY platform_id, effective_from`
	).all(workspaceId) as (PayoutRule & { platformId: number })[];
	const byPlatform = new Map<number, PayoutRule[]>();
	for (const { platformId, ...rule } of rules) {
		const list = byPlatform.get(platformId) ?? [];
		list.push(rule);
		byPlatform.set(platformId, list);
	}
	return ps.map((p) => ({
		id: p.id,
		name: p.name,
		currency: p.currency,
		contract: p.contract === 1,
		socialInsurance: p.socialInsurance === 1,
		contingent: p.contingent === null ? null : p.contingent === 1,
		rules: byPlatform.get(p.id) ?? []
	}));
}

export function fxRatesOf(db: Conn, workspaceId: number, start: string, end: string): FxRate[] {
	return stmt(db, `SELECT month, currency, rate FROM fx_rates WHERE workspace_id = ? AND month >= ? AND month < ?`)
		.all(workspaceId, start, end) as FxRate[];
}

export interface DealLine {
	month: string;
	counterparty: string;
	currency: string;
	amountMinor: number;
}

/** Deals by counterparty, dated by invoice (else agreement) month in [start, end). */
export function dealsByCounterparty(db: Conn, workspaceId: number, start: string, end: string): DealLine[] {
	return stmt(
		db,
		`SELECT substr(COALESCE(invoiced_on, agreed_on), 1, 7) AS month, counterparty, currency, SUM(amount_minor) AS amountMinor
		 FROM deals WHERE workspace_id = ? AND COALESCE(invoiced_on, agreed_on) IS NOT NULL
		  AND substr(COALESCE(invoiced_on, agreed_on), 1, 7) >= ? AND substr(COALESCE(invoiced_on, agreed_on), 1, 7) < ?
		 GROUP BY 1, counterparty, currency`
	).all(workspaceId, start, end) as DealLine[];
}

export interface WorkspaceInfo {
	id: number;
	name: string;
	baseCurrency: string;
	settingsJson: string;
}

export function workspaceInfo(db: Conn, workspaceId: number): WorkspaceInfo | undefined {
	return stmt(db, `SELECT id, name, base_currency AS baseCurrency, settings_json AS settingsJson FROM workspaces WHERE id = ?`)
		.get(workspaceId) as WorkspaceInfo | undefined;
}
