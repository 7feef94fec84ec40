/** WeChat Official Account (公众号) 流量主 income per day (assumed layout), a 合计 row. */
import type { PresetDefinition } from '../types';

export const wechatMpLiuliangzhu: PresetDefinition = {
	id: 'wechat_mp_liuliangzhu',
	label: '微信公众号 流量主',
	platform: 'WeChat Official Account',
	signature: ['日期', '广告位', '收入(元)'],
	knownHeaders: ['日期', '广告位', '曝光量', '点击量', '点击率', '收入(元)'],
	columns: { date: '日期', description: '广告位', gross: '收入(元)' },
	currency: 'CNY',
	decimal: '.',
	stream: 'ads',
	period: { source: 'column' },
	notes: 'assumed layout'
};
