/**
 * Douyin 巨量星图 brand orders (assumed layout). Earned on completion; settled orders are also
 * cash received on the settlement date, so the payout lag can be learned.
 */
import type { PresetDefinition } from '../types';

export const douyinXingtu: PresetDefinition = {
	id: 'douyin_xingtu',
	label: '抖音 巨量星图 订单',
	platform: 'Douyin Xingtu',
	signature: ['订单ID', '订单金额(元)', '达人应得(元)'],
	knownHeaders: ['订单ID', '任务名称', '品牌方', '任务类型', '下单时间', '完成时间', '订单金额(元)', '平台服务费(元)', '达人应得(元)', '结算状态', '结算时间'],
	columns: { date: '完成时间', externalId: '订单ID', description: '任务名称', counterparty: '品牌方', gross: '订单金额(元)', fee: '平台服务费(元)', net: '达人应得(元)' },
	currency: 'CNY',
	decimal: '.',
	dateFormat: 'YYYY-MM-DD',
	stream: 'brand_deal',
	period: { source: 'column' },
	rules: [
		{ when: { column: '结算状态', equals: ['已取消', '已关闭'] }, kind: 'ignore', reason: 'cancelled' },
		{ when: { column: '结算状态', equals: '已结算' }, kind: 'income', label: 'settled', alsoPayoutOn: '结算时间' },
		{ kind: 'income', label: 'pending' }
	],
	notes: 'assumed layout'
};
