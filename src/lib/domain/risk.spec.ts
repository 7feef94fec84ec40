import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	DEFAULT_RISK_THRESHOLDS,
	DEFAULT_RISK_WEIGHTS,
	contingentShare,
	isContingentStream,
	payoutDelay,
	protectionGap,
	readRiskSettings,
	restrictionShare,
	riskScore,
	verdicts,
	withRiskSettings,
	type PlatformProfile
} from './risk';

const profile = (name: string, o: Partial<PlatformProfile> = {}): PlatformProfile => ({
	name,
	contract: false,
	socialInsurance: false,
	contingent: null,
	restricted: false,
	...o
});
const profiles = (...ps: PlatformProfile[]) => new Map(ps.map((p) => [p.name, p]));

describe('contingent share (domain.md §1)', () => {
	it.each([
		['ads', true],
		['tips', true],
		['commission', true],
		['subscription', true],
		['sales', true],
		['narration_fee', false],
		['brand_deal', false],
		['writing', false],
		['events', false],
		['other', true],
		['something-new', true]
	])('%s contingent = %s', (stream, expected) => {
		expect(isContingentStream(stream)).toBe(expected);
	});

	it('the narrator: commissions and ad income are contingent, narration fees are not', () => {
		const cells = [
			{ platform: 'Ximalaya', stream: 'narration_fee', amountMinor: 80_775_00 },
			{ platform: 'Ximalaya', stream: 'commission', amountMinor: 9_550_00 },
			{ platform: 'Douyin', stream: 'ads', amountMinor: 6_350_00 },
			{ platform: 'Bilibili', stream: 'ads', amountMinor: 2_200_00 }
		];
		const r = contingentShare(cells, profiles(profile('Ximalaya'), profile('Douyin'), profile('Bilibili')));
		expect(r.partMinor).toBe(18_100_00);
		expect(r.share).toBeCloseTo(18_100 / 98_875, 12);
	});

	it('a platform override beats the stream', () => {
		const cells = [
			{ platform: 'A', stream: 'ads', amountMinor: 100 },
			{ platform: 'B', stream: 'brand_deal', amountMinor: 300 }
		];
		expect(contingentShare(cells, profiles(profile('A', { contingent: false }), profile('B', { contingent: true }))).share).toBe(0.75);
	});

	it('no income: undefined', () => {
		expect(contingentShare([], new Map()).share).toBeUndefined();
	});
});

describe('restriction share and protection gap', () => {
	const totals = [
		{ key: 'A', totalMinor: 750 },
		{ key: 'B', totalMinor: 250 }
	];
	it('restriction = income under a withdrawal window or threshold', () => {
		expect(restrictionShare(totals, profiles(profile('A', { restricted: true }), profile('B'))).share).toBe(0.75);
	});
	it.each([
		[false, false, false, 1],
		[true, false, false, 1 - 0.5 * 0.75],
		[true, true, false, 1 - 0.5],
		[true, true, true, 0],
		[false, false, true, 0.5]
	])('contract A %s, contract B %s, insured %s → %d', (ca, cb, ins, gap) => {
		const r = protectionGap(totals, profiles(profile('A', { contract: ca, socialInsurance: ins }), profile('B', { contract: cb })));
		expect(r.gap).toBeCloseTo(gap, 12);
	});
});

describe('payout delay: min(1, L / 3), L amount-weighted months', () => {
	it.each([
		[[{ earnedMonth: '2025-01', cashMonth: '2025-01', amountMinor: 100 }], 0, 0],
		[[{ earnedMonth: '2025-01', cashMonth: '2025-02', amountMinor: 100 }], 1, 1 / 3],
		[
			[
				{ earnedMonth: '2025-01', cashMonth: '2025-02', amountMinor: 300 },
				{ earnedMonth: '2025-01', cashMonth: '2025-03', amountMinor: 100 }
			],
			1.25,
			1.25 / 3
		],
		[[{ earnedMonth: '2024-11', cashMonth: '2025-04', amountMinor: 1 }], 5, 1]
	])('%j → L %d', (flows, L, c) => {
		const r = payoutDelay(flows);
		expect(r.months).toBeCloseTo(L, 12);
		expect(r.component).toBeCloseTo(c, 12);
	});
	it('no flows: undefined', () => {
		expect(payoutDelay([])).toEqual({ months: undefined, component: undefined });
	});
});

describe('PDRS', () => {
	const all = { concentration: 1, contingent: 1, swing: 1, delay: 1, restriction: 1, protectionGap: 1 };
	it('weights default to 25/20/15/15/10/15 and the score is Σ weight × component', () => {
		expect(Object.values(DEFAULT_RISK_WEIGHTS).reduce((a, b) => a + b)).toBe(100);
		expect(riskScore(all).score).toBeCloseTo(100, 12);
		const r = riskScore({ concentration: 0.839152, contingent: 0.2, swing: 4 / 11, delay: 0.5, restriction: 0, protectionGap: 1 });
		expect(r.score).toBeCloseTo(25 * 0.839152 + 20 * 0.2 + (15 * 4) / 11 + 15 * 0.5 + 0 + 15, 9);
		expect(r.components.map((c) => c.key)).toEqual(['concentration', 'contingent', 'swing', 'delay', 'restriction', 'protectionGap']);
		expect(r.components[0].points).toBeCloseTo(25 * 0.839152, 9);
	});
	it('user weights are normalised to 0–100', () => {
		const w = { concentration: 1, contingent: 1, swing: 0, delay: 0, restriction: 0, protectionGap: 0 };
		expect(riskScore({ ...all, contingent: 0 }, w).score).toBe(50);
	});
	it('an unmeasurable component adds nothing; no income gives no score', () => {
		expect(riskScore({ ...all, swing: undefined }).score).toBeCloseTo(85, 12);
		expect(riskScore({ ...all, concentration: undefined }).score).toBeUndefined();
	});
	it('stays in [0, 100] for any weights and components', () => {
		const unit = fc.double({ min: 0, max: 1, noNaN: true });
		const w = fc.integer({ min: 0, max: 100 });
		fc.assert(
			fc.property(fc.tuple(unit, unit, unit, unit, unit, unit), fc.tuple(w, w, w, w, w, w), (c, ws) => {
				const keys = ['concentration', 'contingent', 'swing', 'delay', 'restriction', 'protectionGap'] as const;
				const r = riskScore(
					Object.fromEntries(keys.map((k, i) => [k, c[i]])) as typeof all,
					Object.fromEntries(keys.map((k, i) => [k, ws[i]])) as typeof all
				);
				if (r.score !== undefined) {
					expect(r.score).toBeGreaterThanOrEqual(0);
					expect(r.score).toBeLessThanOrEqual(100 + 1e-9);
				} else expect(r.weightSum).toBe(0);
			})
		);
	});
});

describe('verdict bands', () => {
	it.each([
		[1.19168, 'single'],
		[1.5, 'twoPillars'],
		[2.49, 'twoPillars'],
		[2.5, 'diversified'],
		[4, 'highlyDiversified']
	])('N_eff %d → %s', (x, band) => {
		expect(verdicts({ effectivePlatforms: x, top1Share: undefined, cv: undefined, swingShare: undefined, score: undefined })[0].band).toBe(band);
	});
	it.each([
		[0.1, 'salaryLike'],
		[0.15, 'moderate'],
		[0.23371, 'moderate'],
		[0.35, 'high'],
		[0.55, 'veryHigh']
	])('CV %d → %s', (x, band) => {
		expect(verdicts({ effectivePlatforms: undefined, top1Share: undefined, cv: x, swingShare: undefined, score: undefined })[0].band).toBe(band);
	});
	it('CR1 ≥ 0.5 is flagged; thresholds are editable', () => {
		const v = { effectivePlatforms: undefined, cv: undefined, swingShare: undefined, score: 40 };
		expect(verdicts({ ...v, top1Share: 0.5 })[0]).toMatchObject({ rule: 'top1Share', band: 'dominant', level: 'bad' });
		expect(verdicts({ ...v, top1Share: 0.49 })[0].band).toBe('balanced');
		expect(verdicts({ ...v, top1Share: 0.5 }, { ...DEFAULT_RISK_THRESHOLDS, top1Share: 0.6, score: [50, 70] }).map((x) => x.band)).toEqual([
			'balanced',
			'low'
		]);
	});
});

describe('risk settings in settings_json', () => {
	it('fills defaults and keeps valid values', () => {
		expect(readRiskSettings({})).toEqual({
			weights: DEFAULT_RISK_WEIGHTS,
			thresholds: DEFAULT_RISK_THRESHOLDS,
			savingsBuffer: null,
			monthlyExpenses: null
		});
		const s = readRiskSettings({
			risk: { weights: { swing: 30, delay: -1 }, thresholds: { cv: [0.2, 0.4, 0.6], score: [70, 10] }, savingsBuffer: '50000.00', monthlyExpenses: 'lots' }
		});
		expect(s.weights).toEqual({ ...DEFAULT_RISK_WEIGHTS, swing: 30 });
		expect(s.thresholds.cv).toEqual([0.2, 0.4, 0.6]);
		expect(s.thresholds.score).toEqual(DEFAULT_RISK_THRESHOLDS.score);
		expect([s.savingsBuffer, s.monthlyExpenses]).toEqual(['50000.00', null]);
	});
	it('writes back without touching other settings', () => {
		const out = withRiskSettings({ theme: 'dark' }, readRiskSettings({}));
		expect(out.theme).toBe('dark');
		expect(readRiskSettings(out)).toEqual(readRiskSettings({}));
	});
});
