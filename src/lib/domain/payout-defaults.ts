/**
 * Known default payout rules (domain.md §3, from platform help pages; users should verify theirs).
 * A platform created from an import preset starts with its default; every default carries a message
 * key that explains it in plain words (messages/payouts/{en,zh}.json).
 * Ximalaya's 提现隔月 is ambiguous, so it has two choices: even months only, or month after next.
 */
import type { CurrencyCode, MinorUnits } from './money';
import type { PayoutRule } from './payout-rules';

/** Rule versions made without a date (a known platform's default, a workspace file, a deal) apply to the whole history. */
export const DEFAULT_RULE_EFFECTIVE_FROM = '1970-01-01';

export type PayoutRuleShape = Omit<PayoutRule, 'effectiveFrom'>;

export interface PayoutDefaultChoice {
	id: string;
	rule: PayoutRuleShape;
	/** Message key explaining this choice in plain words. */
	explanationKey: string;
}

export interface PayoutDefault extends PayoutDefaultChoice {
	/** Display name of the platform. */
	name: string;
	/** Currency the threshold is stated in. */
	currency: CurrencyCode;
	/** Lower-case fragments matched against a preset id or platform name. */
	matches: string[];
	/** Other ways to read the platform's terms (Ximalaya: month after next). */
	alternatives: PayoutDefaultChoice[];
}

function monthly(availableAfterMonths: number, payoutDay: number, thresholdMinor: MinorUnits = 0, extra: Partial<PayoutRuleShape> = {}): PayoutRuleShape {
	return { netDays: null, availableAfterMonths, payoutDay, secondPayoutDay: null, payoutMonths: 'all', thresholdMinor, ...extra };
}

/** Paid a fixed number of days after the earning (a net-N invoice, a deal). */
export function netDays(days: number): PayoutRuleShape {
	return { netDays: days, availableAfterMonths: 1, payoutDay: 1, secondPayoutDay: null, payoutMonths: 'all', thresholdMinor: 0 };
}

/** A deal's payment terms (net N days) as one rule version covering its whole history. */
function dealPayoutRule(days: number): PayoutRule {
	return { effectiveFrom: DEFAULT_RULE_EFFECTIVE_FROM, ...netDays(days) };
}

/** What a view may assume for a platform without a rule version: the schema's defaults (payable next month, on the 1st). */
export const DEFAULT_PAYOUT_RULE: PayoutRule = { effectiveFrom: '0000-01-01', ...monthly(1, 1) };

/**
 * The rule versions that schedule one earning, and a key that is the same for every earning they
 * schedule (callers prefix it with the platform): `deal:N`, `platform` or `fallback`.
 */
export interface SchedulingRule {
	by: 'deal' | 'platform' | 'fallback';
	key: string;
	rules: readonly PayoutRule[];
}

/**
 * Which rules schedule an earning into cash — one answer for the payouts page, the dashboard's cash
 * basis and the compare page. An earning linked to a deal is paid on the deal's own net days
 * (`dealNetDays`), whatever its platform's rule; any other earning follows its platform's rule
 * versions; a platform with none follows `fallback`, or nothing when the caller gives none (null).
 * Example: a brand deal invoiced 2025-06-20 on net-30, booked under a platform paid on the 10th of
 * even months, lands on 2025-07-20, not on 2025-08-10.
 */
export function schedulingRule(platformRules: readonly PayoutRule[], dealNetDays: number | null | undefined, fallback: PayoutRule | null): SchedulingRule | null {
	if (dealNetDays !== null && dealNetDays !== undefined) return { by: 'deal', key: `deal:${dealNetDays}`, rules: [dealPayoutRule(dealNetDays)] };
	if (platformRules.length > 0) return { by: 'platform', key: 'platform', rules: platformRules };
	return fallback ? { by: 'fallback', key: 'fallback', rules: [fallback] } : null;
}

export const PAYOUT_DEFAULTS: readonly PayoutDefault[] = [
	{
		id: 'adsense',
		name: 'YouTube (AdSense)',
		currency: 'USD',
		matches: ['adsense', 'youtube'],
		rule: monthly(1, 21, 10000),
		explanationKey: 'payouts_default_adsense',
		alternatives: []
	},
	{
		id: 'twitch',
		name: 'Twitch',
		currency: 'USD',
		matches: ['twitch'],
		// "net-15 after month end" with a threshold: the monthly form, the 15th of the next month.
		rule: monthly(1, 15, 5000),
		explanationKey: 'payouts_default_twitch',
		alternatives: []
	},
	{
		id: 'patreon',
		name: 'Patreon',
		currency: 'USD',
		matches: ['patreon'],
		rule: monthly(1, 5),
		explanationKey: 'payouts_default_patreon',
		alternatives: []
	},
	{
		id: 'kdp',
		name: 'Amazon KDP',
		currency: 'USD',
		matches: ['kdp', 'amazon'],
		// About 60 days after the end of the month: the end of month m+2.
		rule: monthly(2, 29),
		explanationKey: 'payouts_default_kdp',
		alternatives: []
	},
	{
		id: 'bilibili',
		name: 'Bilibili',
		currency: 'CNY',
		matches: ['bilibili', 'b站', '哔哩哔哩'],
		// Withdrawal window on the 6th–10th for the previous month; the 10th is when it is certain.
		rule: monthly(1, 10),
		explanationKey: 'payouts_default_bilibili',
		alternatives: []
	},
	{
		id: 'wechat_mp',
		name: 'WeChat 流量主',
		currency: 'CNY',
		matches: ['wechat_mp', 'wechat-mp', 'liuliangzhu', '流量主', '公众号'],
		rule: monthly(0, 1, 0, { secondPayoutDay: 16 }),
		explanationKey: 'payouts_default_wechat_mp',
		alternatives: []
	},
	{
		id: 'ximalaya',
		name: 'Ximalaya',
		currency: 'CNY',
		matches: ['ximalaya', '喜马拉雅'],
		rule: monthly(1, 10, 0, { payoutMonths: 'even' }),
		explanationKey: 'payouts_default_ximalaya_even',
		alternatives: [{ id: 'ximalaya_after_next', rule: monthly(2, 10), explanationKey: 'payouts_default_ximalaya_after_next' }]
	},
	{
		id: 'stripe',
		name: 'Stripe',
		currency: 'USD',
		matches: ['stripe'],
		rule: netDays(2),
		explanationKey: 'payouts_default_stripe',
		alternatives: []
	},
	{
		id: 'brand',
		name: 'Brand deals',
		currency: 'CNY',
		matches: ['brand', '品牌', 'xingtu', '星图', 'pugongying', '蒲公英'],
		rule: netDays(30),
		explanationKey: 'payouts_default_brand',
		alternatives: []
	}
];

/** The known default for a preset id or platform name ("adsense_transactions", "Ximalaya"), if any. */
export function payoutDefaultFor(presetIdOrName: string | null | undefined): PayoutDefault | undefined {
	if (!presetIdOrName) return undefined;
	const key = presetIdOrName.toLowerCase();
	return PAYOUT_DEFAULTS.find((d) => d.id === key) ?? PAYOUT_DEFAULTS.find((d) => d.matches.some((m) => key.includes(m)));
}

/** Every choice (the default and its alternatives) by id, for a "use the known rule" picker. */
export function payoutChoices(): { platformId: string; choice: PayoutDefaultChoice }[] {
	return PAYOUT_DEFAULTS.flatMap((d) => [d, ...d.alternatives].map((choice) => ({ platformId: d.id, choice })));
}

/** The threshold of a default expressed in the platform's currency: kept only when currencies agree. */
export function defaultRuleForCurrency(d: PayoutDefaultChoice & { currency?: CurrencyCode }, currency: CurrencyCode, defaultCurrency: CurrencyCode): PayoutRuleShape {
	return currency === defaultCurrency ? { ...d.rule } : { ...d.rule, thresholdMinor: 0 };
}
