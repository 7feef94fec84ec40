/**
 * The sample workspace: the audiobook narrator of domain.md, generated deterministically from a
 * seed. 24 months ending with the last complete month before `today`: Ximalaya narration fees
 * (80–90 CNY per finished hour, 7–8 h per book) and per-book commissions gated on plays and
 * completion, Douyin and Bilibili ad income, and a few brand deals on net-30/45 terms.
 * `scale` multiplies the daily ad rows, so benchmarks can reuse the same generator.
 */
import { addDays, addMonths, clampedDay, monthOf, monthsOf, type IsoDate, type Month } from './period';
import { applyBps, mulDivRound } from './money';
import { randInt, seededRng } from './random';
import { labourRemunerationTax } from './tax';

export interface SamplePlatform {
	name: string;
	currency: string;
	defaultStream: string;
	contract: boolean;
	socialInsurance: boolean;
	presetId: string | null;
	rule: {
		netDays: number | null;
		availableAfterMonths: number;
		payoutDay: number;
		payoutMonths: 'all' | 'even' | 'odd';
		thresholdMinor: number;
	};
}

export interface SampleWork {
	key: string;
	platform: string;
	title: string;
	finishedHoursCenti: number;
	rateMinor: number;
	currency: string;
	completedOn: IsoDate;
	plays: number;
	completionBps: number;
	revenueMinor: number;
}

export interface SampleDeal {
	key: string;
	counterparty: string;
	platform: string;
	title: string;
	amountMinor: number;
	currency: string;
	invoicedOn: IsoDate;
	netDays: number;
	status: 'agreed' | 'delivered' | 'invoiced' | 'paid';
	paidOn: IsoDate | null;
}

export interface SampleEarning {
	platform: string;
	stream: string;
	earnedOn: IsoDate;
	month: Month;
	workKey?: string;
	dealKey?: string;
	counterparty?: string;
	description: string;
	grossMinor: number;
	feeMinor: number;
	taxMinor: number;
	netMinor: number;
	currency: string;
	fingerprint: string;
	source: 'sample' | 'computed';
}

export interface SampleCommissionRule {
	platform: string;
	rateBps: number;
	minPlays: number;
	minCompletionBps: number;
}

export interface SampleWorkspace {
	baseCurrency: string;
	from: Month;
	to: Month;
	platforms: SamplePlatform[];
	works: SampleWork[];
	commissionRules: SampleCommissionRule[];
	deals: SampleDeal[];
	earnings: SampleEarning[];
}

const TITLES = [
	'The Salt Archive', 'Lanterns over Jiangnan', 'A Quiet Harbour', 'The Tea Merchant', 'Nine Bridges',
	'Winter in Harbin', 'The Last Ferry', 'Paper Cranes', 'Echoes of Dunhuang', 'The Clockmaker',
	'River of Stars', 'The Night Market', 'Mountain Letters', 'The Silk Ledger', 'Cloud Terraces'
];

const BRANDS = ['Acme Tea', 'Lumen Audio', 'Qingshan Books', 'Yunfei Sleep'];

export interface SampleOptions {
	/** Today's date; the 24 months end with the month before it. */
	today: IsoDate;
	seed?: number;
	months?: number;
	/** Daily ad rows per platform per day (1 = a normal creator). */
	scale?: number;
}

function quarterEnd(date: IsoDate): IsoDate {
	const month = Number(date.slice(5, 7));
	const last = Math.ceil(month / 3) * 3;
	return clampedDay(`${date.slice(0, 4)}-${String(last).padStart(2, '0')}`, 31);
}

/** The sample's platforms and their payout rules (the same in every generated workspace). */
export const SAMPLE_PLATFORMS: readonly SamplePlatform[] = [
	{
		name: 'Ximalaya',
		currency: 'CNY',
		defaultStream: 'narration_fee',
		contract: true,
		socialInsurance: false,
		presetId: 'ximalaya_settlement',
		// 提现隔月: withdraw only in even months, on the 10th, for last month's balance and before.
		rule: { netDays: null, availableAfterMonths: 1, payoutDay: 10, payoutMonths: 'even', thresholdMinor: 0 }
	},
	{
		name: 'Douyin',
		currency: 'CNY',
		defaultStream: 'ads',
		contract: false,
		socialInsurance: false,
		presetId: null,
		rule: { netDays: null, availableAfterMonths: 1, payoutDay: 15, payoutMonths: 'all', thresholdMinor: 10_000 }
	},
	{
		name: 'Bilibili',
		currency: 'CNY',
		defaultStream: 'ads',
		contract: false,
		socialInsurance: false,
		presetId: 'bilibili_growup',
		rule: { netDays: null, availableAfterMonths: 1, payoutDay: 10, payoutMonths: 'all', thresholdMinor: 0 }
	},
	{
		name: 'Brand deals',
		currency: 'CNY',
		defaultStream: 'brand_deal',
		contract: true,
		socialInsurance: false,
		presetId: null,
		rule: { netDays: 30, availableAfterMonths: 0, payoutDay: 1, payoutMonths: 'all', thresholdMinor: 0 }
	}
];

export function generateSampleWorkspace(options: SampleOptions): SampleWorkspace {
	const rng = seededRng(options.seed ?? 20250101);
	const count = options.months ?? 24;
	const scale = Math.max(1, Math.floor(options.scale ?? 1));
	const to = addMonths(monthOf(options.today), -1);
	const from = addMonths(to, -(count - 1));
	const months = monthsOf({ start: from, end: addMonths(to, 1) });

	const platforms = SAMPLE_PLATFORMS.map((p) => ({ ...p, rule: { ...p.rule } }));

	const commissionRules: SampleCommissionRule[] = [
		{ platform: 'Ximalaya', rateBps: 1500, minPlays: 50_000, minCompletionBps: 4000 }
	];

	const works: SampleWork[] = [];
	const earnings: SampleEarning[] = [];
	const deals: SampleDeal[] = [];

	let bookNo = 0;
	for (const month of months) {
		// Narration: 9–11 books a month would exceed the cap; she finishes 10 ± 1 books of 7–8 h,
		// capped so a month stays at or below about 7,200 CNY.
		const books = randInt(rng, 9, 11);
		let monthFees = 0;
		for (let b = 0; b < books; b++) {
			const hoursCenti = randInt(rng, 14, 16) * 50; // 7.0, 7.5 or 8.0 hours
			const rateMinor = randInt(rng, 16, 18) * 500; // 80, 85 or 90 CNY
			const fee = mulDivRound(hoursCenti, rateMinor, 100);
			if (monthFees + fee > 720_000) break;
			monthFees += fee;
			bookNo++;
			const day = randInt(rng, 1, 28);
			const completedOn = clampedDay(month, day);
			const plays = randInt(rng, 10, 120) * 1000;
			const completionBps = randInt(rng, 25, 50) * 100;
			const revenueMinor = randInt(rng, 20, 80) * 10_000;
			const key = `w${bookNo}`;
			const title = `${TITLES[bookNo % TITLES.length]} ${Math.ceil(bookNo / TITLES.length)}`;
			works.push({ key, platform: 'Ximalaya', title, finishedHoursCenti: hoursCenti, rateMinor, currency: 'CNY', completedOn, plays, completionBps, revenueMinor });
			const tax = labourRemunerationTax(fee);
			earnings.push({
				platform: 'Ximalaya', stream: 'narration_fee', earnedOn: completedOn, month, workKey: key,
				description: title, grossMinor: fee, feeMinor: 0, taxMinor: tax, netMinor: fee - tax, currency: 'CNY',
				fingerprint: `sample:fee:${key}`, source: 'computed'
			});
			// The commission is evaluated 90 days after completion and settled at the end of that quarter,
			// so commissions arrive in lumps (as in domain.md's narrator: April, July, October...).
			const rule = commissionRules[0];
			const evaluatedOn = quarterEnd(addDays(completedOn, 90));
			if (plays >= rule.minPlays && completionBps >= rule.minCompletionBps && monthOf(evaluatedOn) <= to) {
				const commission = applyBps(revenueMinor, rule.rateBps);
				const ctax = labourRemunerationTax(commission);
				earnings.push({
					platform: 'Ximalaya', stream: 'commission', earnedOn: evaluatedOn, month: monthOf(evaluatedOn), workKey: key,
					description: title, grossMinor: commission, feeMinor: 0, taxMinor: ctax, netMinor: commission - ctax,
					currency: 'CNY', fingerprint: `sample:commission:${key}`, source: 'computed'
				});
			}
		}

		// Ad income: a row per day per platform (× scale for benchmarks), a seasonal wobble.
		const days = Number(clampedDay(month, 31).slice(8, 10));
		for (const [platform, low, high] of [['Douyin', 1100, 2600], ['Bilibili', 300, 850]] as const) {
			for (let d = 1; d <= days; d++) {
				for (let s = 0; s < scale; s++) {
					const gross = Math.round((randInt(rng, low, high) * (1 + 0.25 * Math.sin((months.indexOf(month) / 12) * 2 * Math.PI))) / scale);
					if (gross <= 0) continue;
					const date = clampedDay(month, d);
					earnings.push({
						platform, stream: 'ads', earnedOn: date, month, description: platform === 'Douyin' ? '中视频计划' : '创作激励',
						grossMinor: gross, feeMinor: 0, taxMinor: 0, netMinor: gross, currency: 'CNY',
						fingerprint: `sample:ads:${platform}:${date}:${s}`, source: 'sample'
					});
				}
			}
		}

		// A brand deal about every fourth month.
		if (rng() < 0.28) {
			const counterparty = BRANDS[randInt(rng, 0, BRANDS.length - 1)];
			const amountMinor = randInt(rng, 30, 120) * 10_000;
			const invoicedOn = clampedDay(month, randInt(rng, 1, 25));
			const netDays = rng() < 0.5 ? 30 : 45;
			const due = addDays(invoicedOn, netDays);
			const paid = monthOf(due) < monthOf(options.today);
			const key = `d${deals.length + 1}`;
			deals.push({ key, counterparty, platform: 'Brand deals', title: `${counterparty} sponsored episode`, amountMinor, currency: 'CNY', invoicedOn, netDays, status: paid ? 'paid' : 'invoiced', paidOn: paid ? due : null });
			const tax = labourRemunerationTax(amountMinor);
			earnings.push({
				platform: 'Brand deals', stream: 'brand_deal', earnedOn: invoicedOn, month, dealKey: key, counterparty,
				description: `${counterparty} sponsored episode`, grossMinor: amountMinor, feeMinor: 0, taxMinor: tax,
				netMinor: amountMinor - tax, currency: 'CNY', fingerprint: `sample:deal:${key}`, source: 'computed'
			});
		}
	}

	return { baseCurrency: 'CNY', from, to, platforms, works, commissionRules, deals, earnings };
}
