/** Xiaohongshu 蒲公英 brand-collaboration orders (assumed layout). */
import type { PresetDefinition } from '../types';

export const xiaohongshuPugongying: PresetDefinition = {
	id: 'xiaohongshu_pugongying',
	label: '小红书 蒲公英 订单',
	platform: 'Xiaohongshu',
	signature: ['订单编号', '合作金额(元)', '实际收入(元)'],
	knownHeaders: ['订单编号', '品牌名称', '笔记标题', '合作类型', '合作金额(元)', '平台服务费(元)', '实际收入(元)', '下单时间', '完成时间', '订单状态'],
	columns: { date: '完成时间', externalId: '订单编号', counterparty: '品牌名称', work: '笔记标题', description: '合作类型', gross: '合作金额(元)', fee: '平台服务费(元)', net: '实际收入(元)' },
	currency: 'CNY',
	decimal: '.',
	dateFormat: 'YYYY-MM-DD',
	stream: 'brand_deal',
	period: { source: 'column' },
	rules: [
		{ when: { column: '订单状态', equals: ['已取消', '已关闭', '已拒绝'] }, kind: 'ignore', reason: 'cancelled' },
		{ when: { column: '完成时间', blank: true }, kind: 'ignore', reason: 'pending' },
		{ kind: 'income', label: 'order' }
	],
	notes: 'assumed layout'
};
