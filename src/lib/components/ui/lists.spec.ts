import { afterAll, describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '$lib/paraglide/runtime.js';
import { explainPayoutRule, type PayoutRule } from '$lib/domain/payout-rules';
import { say } from '$lib/components/payouts/text';
import { joinList, joinSentences } from './lists';

let locale: 'en' | 'zh' = 'en';
overwriteGetLocale(() => locale);
afterAll(() => overwriteGetLocale(() => 'en'));

const rule: PayoutRule = {
	effectiveFrom: '2025-01-01',
	netDays: null,
	availableAfterMonths: 1,
	payoutDay: 10,
	secondPayoutDay: null,
	payoutMonths: 'even',
	thresholdMinor: 0
};
/** The platforms page's rule description: the explanation's sentences, translated and joined. */
const describeRule = (l: 'en' | 'zh') => {
	locale = l;
	return joinSentences(explainPayoutRule(rule, '0.00 CNY').map((p) => say(p.key, p.params)), l);
};

describe('joinSentences', () => {
	it('puts a space between English sentences, none between Chinese ones', () => {
		const en = describeRule('en');
		expect(en).toContain('(the last day in shorter months). Withdrawals only in even months');
		expect(en).toContain('waits for the next one. No minimum balance.');
		expect(en).not.toMatch(/\.[A-Z]/);
		const zh = describeRule('zh');
		expect(zh).toContain('（月份较短时为最后一天）。只能在双月提现');
		expect(zh).toContain('。没有最低余额要求。');
		expect(zh).not.toContain('。 ');
	});
	it('does not double spaces or add them around empty parts', () => {
		expect(joinSentences(['One. ', '', ' Two.'], 'en')).toBe('One. Two.');
		expect(joinSentences([], 'en')).toBe('');
	});
});

describe('joinList', () => {
	it('uses the enumeration comma in Chinese and ", " in English', () => {
		expect(joinList(['2025年1月', '2025年3月'], 'zh-CN')).toBe('2025年1月、2025年3月');
		expect(joinList(['2025年1月', '2025年3月'], 'zh')).toBe('2025年1月、2025年3月');
		expect(joinList(['Jan 2025', 'Mar 2025'], 'en')).toBe('Jan 2025, Mar 2025');
		expect(joinList(['Jan 2025'], 'en')).toBe('Jan 2025');
	});
});
