/**
 * WeChat Pay personal bill (微信支付账单明细): a wallet, not a platform. 16 preamble lines; rows
 * with 收/支 = 收入 are candidate income with their counterparty, for the user to assign.
 */
import type { PresetDefinition } from '../types';

export const wechatpayBill: PresetDefinition = {
	id: 'wechatpay_bill',
	label: '微信支付账单',
	platform: 'WeChat Pay',
	signature: ['交易时间', '交易类型', '交易对方', '收/支', '金额(元)'],
	knownHeaders: ['交易时间', '交易类型', '交易对方', '商品', '收/支', '金额(元)', '支付方式', '当前状态', '交易单号', '商户单号', '备注'],
	columns: { date: '交易时间', counterparty: '交易对方', description: '交易类型', gross: '金额(元)', externalId: '交易单号' },
	currency: 'CNY',
	decimal: '.',
	dateFormat: 'YYYY-MM-DD',
	stream: 'other',
	period: { source: 'column' },
	rules: [
		{ when: { column: '收/支', equals: '收入' }, kind: 'income', label: 'candidate' },
		{ when: { column: '收/支', equals: '支出' }, kind: 'ignore', reason: 'purchase' },
		{ kind: 'ignore', reason: 'transfer' }
	]
};
