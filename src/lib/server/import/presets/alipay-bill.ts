/** Alipay personal bill (支付宝交易明细): GBK, a long preamble and footer; 收入 rows are candidates. */
import type { PresetDefinition } from '../types';

export const alipayBill: PresetDefinition = {
	id: 'alipay_bill',
	label: '支付宝账单',
	platform: 'Alipay',
	signature: ['交易时间', '交易对方', '收/支', '金额'],
	knownHeaders: ['交易时间', '交易分类', '交易对方', '对方账号', '商品说明', '收/支', '金额', '收/付款方式', '交易状态', '交易订单号', '商家订单号', '备注'],
	columns: { date: '交易时间', counterparty: '交易对方', description: '商品说明', gross: '金额', externalId: '交易订单号' },
	currency: 'CNY',
	decimal: '.',
	dateFormat: 'YYYY-MM-DD',
	stream: 'other',
	period: { source: 'column' },
	rules: [
		{ when: { column: '交易状态', equals: ['交易关闭', '退款成功'] }, kind: 'ignore', reason: 'not_income' },
		{ when: { column: '收/支', equals: '收入' }, kind: 'income', label: 'candidate' },
		{ when: { column: '收/支', equals: '支出' }, kind: 'ignore', reason: 'purchase' },
		{ kind: 'ignore', reason: 'transfer' }
	]
};
