/** Ximalaya 主播结算 (assumed layout): month × album × income type, a 合计 footer. */
import type { PresetDefinition } from '../types';

export const ximalayaSettlement: PresetDefinition = {
	id: 'ximalaya_settlement',
	label: '喜马拉雅 结算明细',
	platform: 'Ximalaya',
	signature: ['结算月份', '收入金额(元)', '实际结算金额(元)'],
	knownHeaders: ['结算月份', '主播ID', '主播昵称', '专辑名称', '收入类型', '收入金额(元)', '平台分成比例', '税费(元)', '实际结算金额(元)', '结算状态'],
	columns: { month: '结算月份', work: '专辑名称', description: '收入类型', gross: '收入金额(元)', tax: '税费(元)', net: '实际结算金额(元)' },
	currency: 'CNY',
	decimal: '.',
	dateFormat: 'YYYY-MM',
	stream: 'ads',
	streamFrom: { column: '收入类型', map: { 打赏: 'tips', 广告分成: 'ads', 付费专辑分成: 'sales', 会员收听分成: 'subscription', 主播酬劳: 'narration_fee', 制作费: 'narration_fee' } },
	period: { source: 'column' },
	notes: 'assumed layout'
};
