import { describe, expect, it } from 'vitest';
import { generateSampleWorkspace, samplePlatforms } from './sample';

describe('generateSampleWorkspace', () => {
	const a = generateSampleWorkspace({ today: '2026-11-21' });

	it('is deterministic for a seed', () => {
		expect(generateSampleWorkspace({ today: '2026-11-21' })).toEqual(a);
		expect(generateSampleWorkspace({ today: '2026-11-21', seed: 7 }).earnings).not.toEqual(a.earnings);
	});

	it('covers the 24 complete months before today', () => {
		expect(a.from).toBe('2024-11');
		expect(a.to).toBe('2026-10');
		const months = new Set(a.earnings.map((e) => e.month));
		expect(months.size).toBe(24);
		expect([...months].every((m) => m >= a.from && m <= a.to)).toBe(true);
	});

	it('keeps narration fees at or under 7,200 CNY a month, at 80–90 CNY per finished hour', () => {
		const fees = new Map<string, number>();
		for (const e of a.earnings.filter((e) => e.stream === 'narration_fee')) {
			fees.set(e.month, (fees.get(e.month) ?? 0) + e.grossMinor);
		}
		expect(Math.max(...fees.values())).toBeLessThanOrEqual(720_000);
		for (const w of a.works) {
			expect(w.rateMinor).toBeGreaterThanOrEqual(8000);
			expect(w.rateMinor).toBeLessThanOrEqual(9000);
			expect(w.finishedHoursCenti).toBeGreaterThanOrEqual(700);
			expect(w.finishedHoursCenti).toBeLessThanOrEqual(800);
		}
	});

	it('pays a commission only for works that pass both gates', () => {
		const rule = a.commissionRules[0];
		const paid = new Set(a.earnings.filter((e) => e.stream === 'commission').map((e) => e.workKey));
		expect(paid.size).toBeGreaterThan(0);
		for (const key of paid) {
			const w = a.works.find((x) => x.key === key)!;
			expect(w.plays).toBeGreaterThanOrEqual(rule.minPlays);
			expect(w.completionBps).toBeGreaterThanOrEqual(rule.minCompletionBps);
		}
		expect(a.works.some((w) => !paid.has(w.key))).toBe(true);
	});

	it('has Douyin and Bilibili ads, brand deals, unique fingerprints and integer money', () => {
		const platforms = new Set(a.earnings.map((e) => e.platform));
		expect([...platforms].sort()).toEqual(['Bilibili', 'Brand deals', 'Douyin', 'Ximalaya']);
		expect(a.deals.length).toBeGreaterThan(2);
		expect(new Set(a.earnings.map((e) => e.fingerprint)).size).toBe(a.earnings.length);
		for (const e of a.earnings) {
			expect(Number.isSafeInteger(e.grossMinor) && e.grossMinor > 0).toBe(true);
			expect(e.netMinor).toBe(e.grossMinor - e.feeMinor - e.taxMinor);
		}
	});

	it('in Chinese, says the same figures in other words, and keeps the names the import presets give', () => {
		const zh = generateSampleWorkspace({ today: '2026-11-21', language: 'zh' });
		// Words apart, the two samples are one: same rows, amounts, dates, rules and payouts.
		const figures = (w: typeof a) => ({
			...w,
			platforms: w.platforms.map(({ name: _, ...p }) => p),
			works: w.works.map(({ title: _, ...x }) => x),
			deals: w.deals.map(({ title: _, counterparty: __, platform: ___, ...x }) => x),
			earnings: w.earnings.map(({ description: _, counterparty: __, platform, ...x }) => ({ ...x, platform: platform === '品牌合作' ? 'Brand deals' : platform }))
		});
		expect(figures(zh)).toEqual(figures(a));
		expect([...new Set(zh.earnings.map((e) => e.platform))].sort()).toEqual(['Bilibili', 'Douyin', 'Ximalaya', '品牌合作']);
		expect(zh.platforms.map((p) => p.name)).toEqual(samplePlatforms('zh').map((p) => p.name));
		const han = /\p{Script=Han}/u;
		expect(zh.works.every((w) => han.test(w.title) && !/[A-Za-z]/.test(w.title))).toBe(true);
		expect(zh.deals.every((d) => han.test(d.counterparty) && han.test(d.title) && !/[A-Za-z]/.test(d.title))).toBe(true);
		expect(new Set(zh.deals.map((d) => d.title)).size).toBeGreaterThan(1);
		const dealRows = zh.earnings.filter((e) => e.stream === 'brand_deal');
		expect(dealRows.length).toBe(zh.deals.length);
		expect(dealRows.map((e) => [e.platform, e.description])).toEqual(zh.deals.map((d) => ['品牌合作', `${d.counterparty}${d.title}`]));
		expect(samplePlatforms('en').map((p) => p.name)).toEqual(['Ximalaya', 'Douyin', 'Bilibili', 'Brand deals']);
	});

	it('scales the daily rows for benchmarks', () => {
		const big = generateSampleWorkspace({ today: '2026-11-21', scale: 3, months: 2 });
		const small = generateSampleWorkspace({ today: '2026-11-21', months: 2 });
		const ads = (w: typeof big) => w.earnings.filter((e) => e.stream === 'ads').length;
		expect(ads(big)).toBeGreaterThan(2.5 * ads(small));
	});
});
