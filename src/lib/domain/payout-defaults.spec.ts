import { describe, expect, it } from 'vitest';
import { PAYOUT_DEFAULTS, defaultRuleForCurrency, payoutChoices, payoutDefaultFor } from './payout-defaults';
import { expectedPayouts, validatePayoutRule } from './payout-rules';

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
