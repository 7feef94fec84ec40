import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	canonicalJson,
	normaliseVerificationCode,
	periodLabel,
	reportHashInput,
	summariseLines,
	verificationCodeFromHash,
	REPORT_HASH_PREFIX,
	type BaseLine,
	type ReportFigures
} from './report';
import { parsePeriod, monthsOf, addMonths } from './period';

const line = (o: Partial<BaseLine> & Pick<BaseLine, 'month' | 'platform'>): BaseLine => ({
	stream: 'ads',
	grossMinor: 0,
	feeMinor: 0,
	taxMinor: 0,
	netMinor: 0,
	...o
});

describe('summariseLines', () => {
	const months = ['2025-01', '2025-02', '2025-03'];
	const lines = [
		line({ month: '2025-01', platform: 'Ximalaya', stream: 'narration_fee', grossMinor: 720_000, taxMinor: 115_200, netMinor: 604_800 }),
		line({ month: '2025-01', platform: 'Douyin', grossMinor: 50_000, feeMinor: 8_000, netMinor: 42_000 }),
		line({ month: '2025-03', platform: 'Douyin', grossMinor: 60_000, feeMinor: 9_000, netMinor: 51_000 }),
		line({ month: '2025-04', platform: 'Douyin', grossMinor: 1, netMinor: 1 }) // outside: ignored
	];
	const s = summariseLines(lines, months, new Map([['2025-02', 500_000]]));

	it('totals gross → fees → tax → net, by platform (largest net first) and by stream', () => {
		expect(s.totals).toEqual({ grossMinor: 830_000, feeMinor: 17_000, taxMinor: 115_200, netMinor: 697_800 });
		expect(s.byPlatform.map((p) => [p.key, p.netMinor])).toEqual([
			['Ximalaya', 604_800],
			['Douyin', 93_000]
		]);
		expect(s.byPlatform[0].share).toBeCloseTo(604_800 / 697_800, 12);
		expect(s.byStream.map((p) => p.key)).toEqual(['narration_fee', 'ads']);
	});

	it('every month of the period appears, with the received column from the cash basis', () => {
		expect(s.months.map((m) => [m.month, m.netMinor, m.receivedMinor])).toEqual([
			['2025-01', 646_800, 0],
			['2025-02', 0, 500_000],
			['2025-03', 51_000, 0]
		]);
		expect([s.accrualMinor, s.cashMinor]).toEqual([697_800, 500_000]);
	});

	it('net adds up: Σ platforms = Σ streams = Σ months = total (property)', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						month: fc.constantFrom(...months),
						platform: fc.constantFrom('A', 'B', 'C'),
						stream: fc.constantFrom('ads', 'tips'),
						grossMinor: fc.integer({ min: -1e6, max: 1e6 }),
						feeMinor: fc.integer({ min: 0, max: 1e5 }),
						taxMinor: fc.integer({ min: 0, max: 1e5 }),
						netMinor: fc.integer({ min: -1e6, max: 1e6 })
					})
				),
				(ls) => {
					const r = summariseLines(ls, months);
					const sum = (xs: { netMinor: number }[]) => xs.reduce((a, x) => a + x.netMinor, 0);
					expect(sum(r.byPlatform)).toBe(r.totals.netMinor);
					expect(sum(r.byStream)).toBe(r.totals.netMinor);
					expect(sum(r.months)).toBe(r.totals.netMinor);
				}
			)
		);
	});
});

describe('canonicalJson', () => {
	it.each<[unknown, string]>([
		[{ b: 1, a: 'x' }, '{"a":"x","b":1}'],
		[{ a: undefined, b: null }, '{"a":null,"b":null}'],
		[[3, 0.1 + 0.2, -7], '[3,"0.300000",-7]'],
		[{ z: { y: [true, '中文'] } }, '{"z":{"y":[true,"中文"]}}'],
		[Number.NaN, 'null']
	])('%j → %s', (value, expected) => {
		expect(canonicalJson(value)).toBe(expected);
	});

	it('does not depend on key order (property)', () => {
		fc.assert(
			fc.property(fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string(), fc.boolean())), (obj) => {
				const reversed = Object.fromEntries(Object.entries(obj).reverse());
				expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
			})
		);
	});
});

describe('verification codes', () => {
	const digest = 'ab'.repeat(32);
	it('take the first 20 hex digits, upper case, in groups of four', () => {
		expect(verificationCodeFromHash(digest)).toBe('ABAB-ABAB-ABAB-ABAB-ABAB');
		expect(() => verificationCodeFromHash('xyz')).toThrow();
	});

	it.each([
		['abab-abab-abab-abab-abab', 'ABAB-ABAB-ABAB-ABAB-ABAB'],
		[' ABAB ABAB ABAB ABAB ABAB ', 'ABAB-ABAB-ABAB-ABAB-ABAB'],
		['ABABABABABABABABABAB', 'ABAB-ABAB-ABAB-ABAB-ABAB'],
		['ABAB-ABAB', undefined],
		['GGGG-ABAB-ABAB-ABAB-ABAB', undefined],
		['', undefined]
	])('normaliseVerificationCode(%j) = %s', (typed, expected) => {
		expect(normaliseVerificationCode(typed)).toBe(expected);
	});

	const figures: ReportFigures = {
		workspaceName: 'Demo',
		baseCurrency: 'CNY',
		from: '2025-01',
		to: '2025-03',
		...summariseLines([line({ month: '2025-01', platform: 'A', grossMinor: 100, netMinor: 100 })], ['2025-01', '2025-02', '2025-03']),
		receivables: { asOf: '2025-03-31', rows: [], untracked: [] },
		risk: { score: 51.2, hhi: 1, effectivePlatforms: 1, top1Share: 1, top1Platform: 'A', cv: 1.414214, swingShare: undefined, maxDrawdown: 1 },
		provenance: [{ fileName: 'a.csv', sha256: 'f'.repeat(64), importedAt: '2025-04-01T00:00:00Z', platform: 'A', rows: 1 }],
		otherSources: [],
		missingRates: []
	};

	it('the hash input covers every figure but not who or when', () => {
		const input = reportHashInput(figures);
		expect(input.startsWith(REPORT_HASH_PREFIX)).toBe(true);
		expect(reportHashInput({ ...figures, generatedAt: 'now', period: 'x' } as ReportFigures)).toBe(input);
		const changed: ReportFigures[] = [
			{ ...figures, workspaceName: 'Other' },
			{ ...figures, totals: { ...figures.totals, netMinor: 101 } },
			{ ...figures, provenance: [] },
			{ ...figures, risk: { ...figures.risk, score: 51.3 } },
			{ ...figures, to: '2025-04' }
		];
		for (const f of changed) expect(reportHashInput(f)).not.toBe(input);
	});
});

describe('periodLabel', () => {
	it.each([
		['2025', '2025'],
		['2025-Q2', '2025-Q2'],
		['2025-03', '2025-03'],
		['2025-01..2025-06', '2025-01..2025-06'],
		['2025-Q4', '2025-Q4'],
		['2024-11..2025-02', '2024-11..2025-02']
	])('parsePeriod(%j) comes back as %j', (text, expected) => {
		const p = parsePeriod(text);
		if (!p.ok) throw new Error(p.error);
		const months = monthsOf(p.span);
		expect(periodLabel(months[0], addMonths(p.span.end, -1))).toBe(expected);
	});
});
