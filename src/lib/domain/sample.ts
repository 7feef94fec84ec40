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

/** The languages the sample's own words come in; the figures are the same in each. */
export const SAMPLE_LANGUAGES = ['en', 'zh'] as const;
export type SampleLanguage = (typeof SAMPLE_LANGUAGES)[number];

/**
 * What the sample says in words, per language: book titles, brands, the brand-deal platform and a
 * deal's title. Ximalaya, Douyin and Bilibili keep the names the import presets give them in every
 * language, or a real statement imported later would land on a second platform of the same name.
 */
const WORDS: Record<
	SampleLanguage,
	{ titles: readonly string[]; brands: readonly string[]; brandDeals: string; dealTitles: readonly string[]; dealLine: (title: string, brand: string) => string }
> = {
	en: {
		titles: [
			'The Salt Archive', 'Lanterns over Jiangnan', 'A Quiet Harbour', 'The Tea Merchant', 'Nine Bridges',
			'Winter in Harbin', 'The Last Ferry', 'Paper Cranes', 'Echoes of Dunhuang', 'The Clockmaker',
			'River of Stars', 'The Night Market', 'Mountain Letters', 'The Silk Ledger', 'Cloud Terraces'
		],
		brands: ['Acme Tea', 'Lumen Audio', 'Qingshan Books', 'Yunfei Sleep'],
		brandDeals: 'Brand deals',
		dealTitles: ['Sponsored episode', 'Sleep story read', 'Audio ad spot', 'Book launch reading'],
		dealLine: (title, brand) => `${title} for ${brand}`
	},
	zh: {
		titles: [
			'盐的档案', '江南灯影', '静港', '茶商', '九桥',
			'哈尔滨之冬', '最后的渡轮', '纸鹤', '敦煌回声', '钟表匠',
			'星河', '夜市', '山中来信', '丝绸账簿', '云上梯田'
		],
		brands: ['艾可茶饮', '流明音频', '青山书局', '云飞睡眠'],
		brandDeals: '品牌合作',
		dealTitles: ['赞助节目', '定制助眠故事', '音频广告口播', '新书发布朗读'],
		dealLine: (title, brand) => `${brand}${title}`
	}
};

export interface SampleOptions {
	/** Today's date; the 24 months end with the month before it. */
	today: IsoDate;
	seed?: number;
	months?: number;
	/** Daily ad rows per platform per day (1 = a normal creator). */
	scale?: number;
	/** The language of titles, brands and the brand-deal platform's name (default English). */
	language?: SampleLanguage;
}

function quarterEnd(date: IsoDate): IsoDate {
	const month = Number(date.slice(5, 7));
	const last = Math.ceil(month / 3) * 3;
	return clampedDay(`${date.slice(0, 4)}-${String(last).padStart(2, '0')}`, 31);
}

/** The sample's platforms and their payout rules, named in English (the same in every generated workspace); see samplePlatforms. */
const SAMPLE_PLATFORMS: readonly SamplePlatform[] = [
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

/** The sample's platforms with their names in `language`. */
export function samplePlatforms(language: SampleLanguage = 'en'): SamplePlatform[] {
	return SAMPLE_PLATFORMS.map((p) => ({ ...p, name: p.name === WORDS.en.brandDeals ? WORDS[language].brandDeals : p.name, rule: { ...p.rule } }));
}

export function generateSampleWorkspace(options: SampleOptions): SampleWorkspace {
	const words = WORDS[options.language ?? 'en'];
	const rng = seededRng(options.seed ?? 20250101);
	const count = options.months ?? 24;
	const scale = Math.max(1, Math.floor(options.scale ?? 1));
	const to = addMonths(monthOf(options.today), -1);
	const from = addMonths(to, -(count - 1));
	const months = monthsOf({ start: from, end: addMonths(to, 1) });

	const platforms = samplePlatforms(options.language);

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
			const title = `${words.titles[bookNo % words.titles.length]} ${Math.ceil(bookNo / words.titles.length)}`;
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
			const counterparty = words.brands[randInt(rng, 0, words.brands.length - 1)];
			const amountMinor = randInt(rng, 30, 120) * 10_000;
			const invoicedOn = clampedDay(month, randInt(rng, 1, 25));
			const netDays = rng() < 0.5 ? 30 : 45;
			const due = addDays(invoicedOn, netDays);
			const paid = monthOf(due) < monthOf(options.today);
			const key = `d${deals.length + 1}`;
			// Titles take turns (no draw from the generator: the figures stay the same in every language).
			const title = words.dealTitles[deals.length % words.dealTitles.length];
			deals.push({ key, counterparty, platform: words.brandDeals, title, amountMinor, currency: 'CNY', invoicedOn, netDays, status: paid ? 'paid' : 'invoiced', paidOn: paid ? due : null });
			const tax = labourRemunerationTax(amountMinor);
			earnings.push({
				platform: words.brandDeals, stream: 'brand_deal', earnedOn: invoicedOn, month, dealKey: key, counterparty,
				description: words.dealLine(title, counterparty), grossMinor: amountMinor, feeMinor: 0, taxMinor: tax,
				netMinor: amountMinor - tax, currency: 'CNY', fingerprint: `sample:deal:${key}`, source: 'computed'
			});
		}
	}

	return { baseCurrency: 'CNY', from, to, platforms, works, commissionRules, deals, earnings };
}
