/**
 * Every statement fixture imports, auto-detected, with the totals the fixtures README gives
 * (and the hand-made layouts with the totals written beside them), into a real SQLite database.
 */
import { describe, expect, it } from 'vitest';
import { commitImport } from '../../src/lib/server/import/commit';
import { analyseFile, freshWorkspace, ledgerTotals, rollupTotals } from './import-support';

type Money4 = [gross: string, fee: string, tax: string, net: string];
interface Expected {
	file: string;
	period?: string;
	preset: string;
	encoding?: string;
	income: Record<string, { rows: number; totals: Money4 }>;
	payouts?: Record<string, { rows: number; amount: string; received?: string }>;
	ignored?: number;
}

const same = (x: string): Money4 => [x, '0.00', '0.00', x];

const CASES: Expected[] = [
	{
		file: 'youtube_studio_table_data.csv',
		period: '2024-12',
		preset: 'youtube_studio_table',
		// 21 videos with revenue; rows carry 3 decimals, each rounded to cents (README: 1644.61 ± 0.03).
		income: { USD: { rows: 21, totals: same('1644.64') } },
		ignored: 4
	},
	{
		file: 'adsense_transactions.csv',
		preset: 'adsense_transactions',
		income: { USD: { rows: 10, totals: same('1248.98') } },
		payouts: { USD: { rows: 6, amount: '1185.10', received: '1185.10' } },
		ignored: 16
	},
	{ file: 'patreon_earnings.csv', preset: 'patreon_earnings', income: { USD: { rows: 18, totals: ['33211.06', '4477.54', '0.00', '28733.52'] } } },
	{
		file: 'acx_sales_detail.csv',
		period: '2025-09',
		preset: 'acx_sales_detail',
		income: {
			USD: { rows: 8, totals: same('363.49') },
			GBP: { rows: 4, totals: same('265.59') },
			EUR: { rows: 9, totals: same('372.20') },
			CAD: { rows: 7, totals: same('473.71') },
			AUD: { rows: 2, totals: same('194.99') }
		}
	},
	{
		file: 'kdp_total_earnings.csv',
		preset: 'kdp_total_earnings',
		income: {
			USD: { rows: 10, totals: same('311.32') },
			GBP: { rows: 3, totals: same('288.15') },
			EUR: { rows: 6, totals: same('347.42') },
			CAD: { rows: 3, totals: same('660.72') },
			AUD: { rows: 3, totals: same('624.72') }
		}
	},
	{ file: 'gumroad_sales.csv', preset: 'gumroad_sales', income: { USD: { rows: 24, totals: ['581.40', '94.21', '0.00', '487.19'] } }, ignored: 1 },
	{
		file: 'stripe_balance_history.csv',
		preset: 'stripe_balance_history',
		// 17 charges (7311.00 / 217.11 / 7093.89) + refunds −126.00, adjustments −30.00, stripe_fee −4.00.
		income: { USD: { rows: 23, totals: ['7151.00', '217.11', '0.00', '6933.89'] } },
		payouts: { USD: { rows: 3, amount: '6933.89' } }
	},
	{ file: 'stripe_payouts.csv', preset: 'stripe_payouts', income: {}, payouts: { USD: { rows: 16, amount: '30239.83', received: '26692.98' } } },
	{
		file: 'paypal_activity.csv',
		preset: 'paypal_activity',
		// 14 payments + 2 refunds; fees are stored as positive deductions (the file writes −96.94).
		income: { USD: { rows: 16, totals: ['2569.00', '96.94', '0.00', '2472.06'] } },
		ignored: 12
	},
	{ file: 'bilibili_growup_up_income.csv', preset: 'bilibili_growup', income: { CNY: { rows: 31, totals: ['1510.84', '14.00', '1.89', '1494.95'] } } },
	{ file: 'ximalaya_settlement.assumed.csv', preset: 'ximalaya_settlement', income: { CNY: { rows: 14, totals: ['21577.71', '0.00', '630.56', '20947.15'] } }, ignored: 1 },
	{
		file: 'douyin_xingtu_settlement.assumed.csv',
		preset: 'douyin_xingtu',
		income: { CNY: { rows: 12, totals: ['163600.00', '8180.00', '0.00', '155420.00'] } },
		// The 7 settled orders are also cash received on their settlement date.
		payouts: { CNY: { rows: 7, amount: '104310.00' } }
	},
	{ file: 'wechatpay_bill.csv', preset: 'wechatpay_bill', income: { CNY: { rows: 16, totals: same('5516.40') } }, ignored: 4 },
	{ file: 'alipay_bill_app_gbk.csv', preset: 'alipay_bill', encoding: 'gb18030', income: { CNY: { rows: 2, totals: same('4300.00') } }, ignored: 20 },
	// Hand-made files for layouts without a shared fixture.
	{
		file: 'handmade/adsense_legacy_payments_utf16.tsv',
		preset: 'adsense_legacy_payments',
		encoding: 'utf-16le',
		income: { USD: { rows: 2, totals: same('1199.35') } },
		payouts: { USD: { rows: 1, amount: '107.50' } },
		ignored: 4
	},
	{ file: 'handmade/paypal_activity_eu.csv', preset: 'paypal_activity', income: { EUR: { rows: 4, totals: ['1279.56', '45.90', '0.00', '1233.66'] } }, ignored: 2 },
	{ file: 'handmade/acx_sales_detail_semicolon.csv', period: '2025-03', preset: 'acx_sales_detail', income: { EUR: { rows: 3, totals: same('265.04') } } },
	{ file: 'handmade/kofi_transactions.csv', preset: 'kofi_transactions', income: { USD: { rows: 3, totals: ['20.00', '0.00', '1.20', '18.80'] } }, ignored: 1 },
	{ file: 'handmade/xiaohongshu_pugongying.csv', preset: 'xiaohongshu_pugongying', income: { CNY: { rows: 2, totals: ['11000.00', '1100.00', '0.00', '9900.00'] } }, ignored: 3 },
	{ file: 'handmade/wechat_mp_liuliangzhu.csv', preset: 'wechat_mp_liuliangzhu', income: { CNY: { rows: 4, totals: same('100.85') } }, ignored: 1 },
	{ file: 'handmade/gumroad_payouts.csv', preset: 'gumroad_payouts', income: {}, payouts: { USD: { rows: 3, amount: '403.20', received: '314.30' } } },
	{ file: 'handmade/youtube_totals.csv', preset: 'youtube_totals', income: { USD: { rows: 3, totals: same('61.23') } }, ignored: 2 }
];

describe('statement fixtures import with the README totals', () => {
	it.each(CASES)('$file', async (c) => {
		const { db, workspaceId } = freshWorkspace();
		const plan = await analyseFile(c.file, { period: c.period, db, workspaceId });
		expect(plan.fatal).toBeUndefined();
		expect(plan.preset?.id).toBe(c.preset);
		if (c.encoding) expect(plan.encoding).toBe(c.encoding);
		expect(plan.counts.errors).toBe(0);
		if (c.ignored !== undefined) expect(plan.counts.ignored).toBe(c.ignored);

		const result = commitImport(db, workspaceId, null, plan);
		expect(result.batchId).not.toBeNull();
		const got = ledgerTotals(db, workspaceId, result.batchId!);
		const wantIncome = Object.fromEntries(
			Object.entries(c.income).map(([cur, v]) => [cur, { rows: v.rows, gross: v.totals[0], fee: v.totals[1], tax: v.totals[2], net: v.totals[3] }])
		);
		expect(got.earnings).toEqual(wantIncome);
		for (const [cur, p] of Object.entries(c.payouts ?? {})) {
			expect(got.payouts[cur]?.rows).toBe(p.rows);
			expect(got.payouts[cur]?.amount).toBe(p.amount);
			if (p.received) expect(got.payouts[cur]?.received).toBe(p.received);
		}
		expect(Object.keys(got.payouts).sort()).toEqual(Object.keys(c.payouts ?? {}).sort());
		// The plan's totals are exactly what was written, and the roll-up agrees with the rows.
		for (const t of plan.totals) expect(wantIncome[t.currency]).toMatchObject({ gross: t.gross, fee: t.fee, tax: t.tax, net: t.net });
		const rollup = rollupTotals(db, workspaceId);
		expect(rollup.map((r) => r.currency).sort()).toEqual(Object.keys(c.income).sort());
		for (const r of rollup) expect(r.rows).toBe(c.income[r.currency].rows);
	});

	it('YouTube Studio: the revenue is 1644.61 ± 0.03 (3-decimal cells rounded per row)', async () => {
		const plan = await analyseFile('youtube_studio_table_data.csv', { period: '2024-12' });
		const gross = Number(plan.totals[0].gross.replace('.', ''));
		expect(Math.abs(gross - 164461)).toBeLessThanOrEqual(3);
		expect(plan.period).toEqual({ from: '2024-12', to: '2024-12' });
		expect(plan.ignoredReasons).toEqual(expect.arrayContaining([{ reason: 'summary_row', count: 1 }, { reason: 'no_amount', count: 3 }]));
	});

	it.each(['youtube_studio_table_data.csv', 'acx_sales_detail.csv'])('%s without a period asks for one and writes nothing', async (file) => {
		const plan = await analyseFile(file);
		expect(plan.ok).toBe(false);
		expect(plan.fatal?.code).toBe('needs_period');
	});

	it('KDP reads its month from the preamble line', async () => {
		const plan = await analyseFile('kdp_total_earnings.csv');
		expect(plan.period).toEqual({ from: '2025-10', to: '2025-10' });
		expect(plan.headerLine).toBe(2);
		expect(plan.preamble).toEqual(['Oct 2025']);
	});

	it('WeChat Pay: 16 preamble lines are skipped; income rows keep their counterparty', async () => {
		const { db, workspaceId } = freshWorkspace();
		const plan = await analyseFile('wechatpay_bill.csv');
		expect(plan.headerLine).toBe(17);
		const r = commitImport(db, workspaceId, null, plan);
		const counterparties = db.$client.prepare('SELECT DISTINCT counterparty FROM earnings WHERE batch_id = ? ORDER BY 1').pluck().all(r.batchId);
		expect(counterparties).toContain('粉丝小林');
	});

	it('PayPal European: DD/MM/YYYY is detected from a day above 12', async () => {
		const plan = await analyseFile('handmade/paypal_activity_eu.csv');
		expect(plan.dateFormat).toBe('DD/MM/YYYY');
		expect(plan.decimal).toBe(',');
		expect(plan.preview.find((r) => r.kind === 'income' && r.line === 3)?.date).toBe('2025-03-15');
	});

	it('AdSense earnings lines are booked in the month of their range, payouts on their day', async () => {
		const { db, workspaceId } = freshWorkspace();
		const r = commitImport(db, workspaceId, null, await analyseFile('adsense_transactions.csv'));
		const months = db.$client.prepare('SELECT month, SUM(gross_minor) AS g FROM earnings WHERE batch_id = ? GROUP BY month ORDER BY month').all(r.batchId);
		expect(months[0]).toEqual({ month: '2025-01', g: 21052 });
		const paid = db.$client.prepare('SELECT paid_on, amount_minor FROM payouts WHERE batch_id = ? ORDER BY paid_on LIMIT 1').get(r.batchId);
		expect(paid).toEqual({ paid_on: '2025-02-21', amount_minor: 29693 });
	});
});
