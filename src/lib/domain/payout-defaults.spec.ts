import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_PAYOUT_RULE, PAYOUT_DEFAULTS, defaultRuleForCurrency, payoutChoices, payoutDefaultFor, schedulingRule } from './payout-defaults';
import { expectedPayouts, validatePayoutRule, type PayoutRule } from './payout-rules';
import { addDays } from './period';

const withFrom = (rule: (typeof PAYOUT_DEFAULTS)[number]['rule']) => ({ ...rule, effectiveFrom: '2000-01-01' });
const paidOn = (id: string, earning: { month?: string; date?: string; amountMinor: number }, alt?: string) => {
	const d = payoutDefaultFor(id)!;
	const choice = alt ? d.alternatives.find((a) => a.id === alt)! : d;
	return expectedPayouts([{ ...earning, currency: d.currency }], [withFrom(choice.rule)]).payouts.map((p) => p.date);
};

describe('known payout defaults', () => {
	it.each([
		['adsense_transactions', 'adsense'],
		['youtube_studio_table_data', 'adsense'],
		['bilibili_growup_up_income', 'bilibili'],
		['kdp_total_earnings', 'kdp'],
		['patreon_earnings', 'patreon'],
		['stripe_payouts', 'stripe'],
		['ximalaya_settlement', 'ximalaya'],
		['喜马拉雅', 'ximalaya'],
		['Twitch', 'twitch'],
		['WeChat 流量主', 'wechat_mp'],
		['wechat_mp_liuliangzhu', 'wechat_mp'],
		['douyin_xingtu', 'brand'],
		['xiaohongshu_pugongying', 'brand'],
		['Brand deals', 'brand'],
		['品牌合作', 'brand'],
		['stripe_balance_history', 'stripe'],
		['youtube_totals', 'adsense']
	])('%s → %s', (key, id) => {
		expect(payoutDefaultFor(key)?.id).toBe(id);
	});

	it.each([['wechatpay_bill'], ['alipay_bill_app_gbk'], ['paypal_activity'], [''], [null]])('%s has no default', (key) => {
		expect(payoutDefaultFor(key)).toBeUndefined();
	});

	it.each([
		// [platform, earning, expected payout dates, alternative]
		['adsense', { month: '2025-01', amountMinor: 10000 }, ['2025-02-21'], undefined],
		['adsense', { month: '2025-01', amountMinor: 9999 }, [], undefined],
		['twitch', { month: '2025-01', amountMinor: 5000 }, ['2025-02-15'], undefined],
		['patreon', { month: '2025-01', amountMinor: 1 }, ['2025-02-05'], undefined],
		['kdp', { month: '2025-01', amountMinor: 1 }, ['2025-03-29'], undefined],
		['bilibili', { month: '2025-01', amountMinor: 1 }, ['2025-02-10'], undefined],
		['wechat_mp', { date: '2025-01-09', amountMinor: 1 }, ['2025-01-16'], undefined],
		['wechat_mp', { date: '2025-01-20', amountMinor: 1 }, ['2025-02-01'], undefined],
		['ximalaya', { month: '2025-02', amountMinor: 1 }, ['2025-04-10'], undefined],
		['ximalaya', { month: '2025-02', amountMinor: 1 }, ['2025-04-10'], 'ximalaya_after_next'],
		['ximalaya', { month: '2025-03', amountMinor: 1 }, ['2025-04-10'], undefined],
		['ximalaya', { month: '2025-03', amountMinor: 1 }, ['2025-05-10'], 'ximalaya_after_next'],
		['stripe', { date: '2025-01-30', amountMinor: 1 }, ['2025-02-01'], undefined],
		['brand', { date: '2025-01-10', amountMinor: 1 }, ['2025-02-09'], undefined]
	])('%s: %o → %o (%s)', (id, earning, dates, alt) => {
		expect(paidOn(id, earning, alt)).toEqual(dates);
	});

	it('every default and alternative is a valid rule with an explanation key', () => {
		for (const { choice } of payoutChoices()) {
			expect(validatePayoutRule(withFrom(choice.rule))).toEqual([]);
			expect(choice.explanationKey).toMatch(/^payouts_default_/);
		}
	});

	it('drops a threshold stated in another currency', () => {
		const adsense = payoutDefaultFor('adsense')!;
		expect(defaultRuleForCurrency(adsense, 'USD', adsense.currency).thresholdMinor).toBe(10000);
		expect(defaultRuleForCurrency(adsense, 'CNY', adsense.currency).thresholdMinor).toBe(0);
	});
});

describe('schedulingRule: which rules schedule one earning', () => {
	const evenTenth: PayoutRule = { effectiveFrom: '2020-01-01', netDays: null, availableAfterMonths: 1, payoutDay: 10, secondPayoutDay: null, payoutMonths: 'even', thresholdMinor: 0 };
	const dealDate = { date: '2025-06-20', amountMinor: 800_000, currency: 'CNY' };
	const paid = (rules: readonly PayoutRule[]) => expectedPayouts([dealDate], rules).payouts.map((p) => p.date);

	it.each([
		// [platform rules, deal net days, fallback, by, key, payout dates of a 2025-06-20 earning]
		[[evenTenth], 30, DEFAULT_PAYOUT_RULE, 'deal', 'deal:30', ['2025-07-20']],
		[[evenTenth], 30, null, 'deal', 'deal:30', ['2025-07-20']],
		[[], 45, null, 'deal', 'deal:45', ['2025-08-04']],
		[[evenTenth], 0, null, 'deal', 'deal:0', ['2025-06-20']],
		[[evenTenth], null, DEFAULT_PAYOUT_RULE, 'platform', 'platform', ['2025-08-10']],
		[[evenTenth], undefined, null, 'platform', 'platform', ['2025-08-10']],
		[[], null, DEFAULT_PAYOUT_RULE, 'fallback', 'fallback', ['2025-07-01']]
	] as const)('rules %j, deal net %s, fallback %j → %s', (rules, net, fallback, by, key, dates) => {
		const r = schedulingRule(rules, net, fallback)!;
		expect(r).toMatchObject({ by, key });
		expect(paid(r.rules)).toEqual(dates);
	});

	it('without a deal, a rule or a fallback nothing schedules the earning', () => {
		expect(schedulingRule([], null, null)).toBeNull();
	});

	it('a deal-linked earning is paid exactly net days after its date, whatever the platform rule', () => {
		const day = fc.record({ y: fc.integer({ min: 2020, max: 2030 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
			.map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
		const rule = fc.record({
			effectiveFrom: day,
			netDays: fc.option(fc.integer({ min: 0, max: 90 })),
			availableAfterMonths: fc.integer({ min: 0, max: 3 }),
			payoutDay: fc.integer({ min: 1, max: 31 }),
			secondPayoutDay: fc.option(fc.integer({ min: 1, max: 31 })),
			payoutMonths: fc.constantFrom('all', 'even', 'odd'),
			thresholdMinor: fc.integer({ min: 0, max: 100_000 })
		}) as fc.Arbitrary<PayoutRule>;
		fc.assert(
			fc.property(fc.array(rule, { maxLength: 3 }), fc.integer({ min: 0, max: 365 }), day, fc.integer({ min: 1, max: 1_000_000 }), (rules, net, date, amountMinor) => {
				const r = schedulingRule(rules, net, DEFAULT_PAYOUT_RULE)!;
				const out = expectedPayouts([{ date, amountMinor, currency: 'CNY' }], r.rules);
				expect(out.payouts.map((p) => [p.date, p.amountMinor])).toEqual([[addDays(date, net), amountMinor]]);
			})
		);
	});
});
