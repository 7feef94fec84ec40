/** Bilibili 创作激励 (growup) income, one row per day, UTF-8 with BOM. */
import type { PresetDefinition } from '../types';

export const bilibiliGrowup: PresetDefinition = {
	id: 'bilibili_growup',
	label: 'Bilibili 创作激励',
	platform: 'Bilibili',
	signature: ['时间', '新增收入', '违规扣除', '扣税金额'],
	knownHeaders: ['时间', 'UID', '昵称', '新增收入', '稿件数', '基础收入', '额外收入', '违规扣除', '扣税金额', '累计收入'],
	// 违规扣除 (deductions for violations) are booked as the platform's fee.
	columns: { date: '时间', gross: '新增收入', fee: '违规扣除', tax: '扣税金额' },
	currency: 'CNY',
	decimal: '.',
	dateFormat: 'YYYY-MM-DD',
	stream: 'ads',
	period: { source: 'column' }
};
