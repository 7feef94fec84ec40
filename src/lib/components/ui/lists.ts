/**
 * Joining words and sentences the way each interface language writes them: English separates list
 * items with ", " and sentences with a space; Chinese separates list items with "、" and needs no space
 * after "。". `locale` is the Paraglide locale ('en' | 'zh') or an Intl one ('zh-CN').
 */
const isZh = (locale: string) => locale === 'zh' || locale.startsWith('zh-');

/** Items of a list (months, platforms): "Jan 2025, Mar 2025" / "2025年1月、2025年3月". */
export const joinList = (items: readonly string[], locale: string): string => items.join(isZh(locale) ? '、' : ', ');

/** Whole sentences one after another: "Paid on day 10. No minimum balance." / "每月10日支付。无最低余额。" */
export const joinSentences = (sentences: readonly string[], locale: string): string =>
	isZh(locale) ? sentences.map((s) => s.trim()).join('') : sentences.map((s) => s.trim()).filter(Boolean).join(' ');
