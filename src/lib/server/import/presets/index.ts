/** Every built-in preset, most specific first (detection prefers the preset with the most signature columns). */
import type { PresetDefinition } from '../types';
import { youtubeStudioTable } from './youtube-studio-table';
import { youtubeTotals } from './youtube-totals';
import { adsenseTransactions } from './adsense-transactions';
import { adsenseLegacy } from './adsense-legacy';
import { patreonEarnings } from './patreon-earnings';
import { acxSalesDetail } from './acx-sales-detail';
import { kdpTotalEarnings } from './kdp-total-earnings';
import { gumroadSales } from './gumroad-sales';
import { gumroadPayouts } from './gumroad-payouts';
import { stripeBalanceHistory } from './stripe-balance-history';
import { stripePayouts } from './stripe-payouts';
import { paypalActivity } from './paypal-activity';
import { kofiTransactions } from './kofi-transactions';
import { bilibiliGrowup } from './bilibili-growup';
import { ximalayaSettlement } from './ximalaya-settlement';
import { douyinXingtu } from './douyin-xingtu';
import { xiaohongshuPugongying } from './xiaohongshu-pugongying';
import { wechatMpLiuliangzhu } from './wechat-mp-liuliangzhu';
import { wechatpayBill } from './wechatpay-bill';
import { alipayBill } from './alipay-bill';
import { genericLedger } from './generic';

export const PRESETS: readonly PresetDefinition[] = [
	youtubeStudioTable,
	youtubeTotals,
	adsenseTransactions,
	adsenseLegacy,
	patreonEarnings,
	acxSalesDetail,
	kdpTotalEarnings,
	gumroadSales,
	gumroadPayouts,
	stripeBalanceHistory,
	stripePayouts,
	paypalActivity,
	kofiTransactions,
	bilibiliGrowup,
	ximalayaSettlement,
	douyinXingtu,
	xiaohongshuPugongying,
	wechatMpLiuliangzhu,
	wechatpayBill,
	alipayBill,
	genericLedger
];

export function presetById(id: string): PresetDefinition | undefined {
	return PRESETS.find((p) => p.id === id);
}
