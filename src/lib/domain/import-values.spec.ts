import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatScaled } from './money';
import { detectDateFormats, detectDecimalMark, parseAmount, parseCount, parseDateCell, parseHoursCenti, parseRateBps, DATE_FORMATS, type DecimalMark, type MeasureResult } from './import-values';

describe('parseAmount', () => {
	it.each([
		['1234.56', '.', 123456],
		['1,234.56', '.', 123456],
		['"1,548.67"'.slice(1, -1), '.', 154867],
		['1.234,56', ',', 123456],
		['12,5', ',', 1250],
		['¥520.00', '.', 52000],
		['￥66.60', '.', 6660],
		['$9.00', '.', 900],
		['€ 1.234,00', ',', 123400],
		['£-3.20', '.', -320],
		['-£3.20', '.', -320],
		['−296.93', '.', -29693],
		['(12.00)', '.', -1200],
		['(1.234,56)', ',', -123456],
		['12.00-', '.', -1200],
		['+7', '.', 700],
		['1 234,56', ',', 123456],
		['1\u00a0234.56', '.', 123456],
		['1644.614', '.', 164461],
		['166.495', '.', 16650],
		['-0.001', '.', 0],
		['100元', '.', 10000],
		['0', '.', 0]
	] as const)('%j (%s) → %i', (text, mark, minor) => {
		expect(parseAmount(text, mark, 2)).toEqual({ ok: true, minor });
	});

	it.each(['', '  ', '-', '—'])('blank %j → null', (text) => {
		expect(parseAmount(text, '.', 2)).toEqual({ ok: true, minor: null });
	});

	it.each([
		['abc', '.'],
		['40%', '.'],
		['1,2', '.'],
		['12,34', '.'],
		['1.2.3', '.'],
		['1e5', '.'],
		['12.34.56', ','],
		['$', '.'],
		['99999999999999999999', '.']
	] as const)('rejects %j (%s)', (text, mark) => {
		expect(parseAmount(text, mark, 2).ok).toBe(false);
	});

	it('never throws on any string', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom<DecimalMark>('.', ','), fc.integer({ min: 0, max: 4 }), (s, mark, scale) => {
				const r = parseAmount(s, mark, scale);
				expect(typeof r.ok).toBe('boolean');
			}),
			{ numRuns: 2000 }
		);
	});

	it('round-trips formatted values (separators, symbols, minus styles)', () => {
		const style = fc.record({
			mark: fc.constantFrom<DecimalMark>('.', ','),
			group: fc.boolean(),
			symbol: fc.constantFrom('', '$', '¥', '€', '£', 'US$'),
			suffix: fc.boolean(),
			neg: fc.constantFrom('-', '\u2212', '()', 'trailing')
		});
		fc.assert(
			fc.property(fc.integer({ min: -1e13, max: 1e13 }), style, (minor, st) => {
				const plain = formatScaled(Math.abs(minor), 2);
				let [int, frac] = plain.split('.');
				if (st.group) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, st.mark === '.' ? ',' : '.');
				let body = `${int}${st.mark}${frac}`;
				body = st.suffix ? `${body} ${st.symbol}` : `${st.symbol}${body}`;
				if (minor < 0) {
					if (st.neg === '()') body = `(${body})`;
					else if (st.neg === 'trailing') body = `${body}-`;
					else body = `${st.neg}${body}`;
				}
				expect(parseAmount(body, st.mark, 2)).toEqual({ ok: true, minor });
			}),
			{ numRuns: 2000 }
		);
	});
});

describe('detectDecimalMark', () => {
	it.each([
		[['12,50', '1.234,56', '0,99'], ','],
		[['12.50', '1,234.56'], '.'],
		[['1,234', '2,000'], '.'],
		[['-2,50', '59,52'], ',']
	] as const)('%j → %s', (cells, mark) => {
		expect(detectDecimalMark(cells)).toBe(mark);
	});
});

describe('parseDateCell', () => {
	it.each([
		['2025-07-02', 'YYYY-MM-DD', { kind: 'date', date: '2025-07-02' }],
		['2025-07-02 03:30:55', 'YYYY-MM-DD', { kind: 'date', date: '2025-07-02' }],
		['2025-09-01 11:02:32 UTC', 'YYYY-MM-DD', { kind: 'date', date: '2025-09-01' }],
		['2025/7/1', 'YYYY/M/D', { kind: 'date', date: '2025-07-01' }],
		['2025年7月1日', 'YYYY年M月D日', { kind: 'date', date: '2025-07-01' }],
		['03/01/2025', 'DD/MM/YYYY', { kind: 'date', date: '2025-01-03' }],
		['03/01/2025', 'MM/DD/YYYY', { kind: 'date', date: '2025-03-01' }],
		['12/31/24', 'MM/DD/YY', { kind: 'date', date: '2024-12-31' }],
		['31.12.2024', 'DD.MM.YYYY', { kind: 'date', date: '2024-12-31' }],
		['Sep 27, 2024', 'MMM D, YYYY', { kind: 'date', date: '2024-09-27' }],
		['September 7, 2024', 'MMM D, YYYY', { kind: 'date', date: '2024-09-07' }],
		['Jan 1 – 31, 2025', 'MMM D, YYYY', { kind: 'range', from: '2025-01-01', to: '2025-01-31' }],
		['Dec 25, 2024 – Jan 3, 2025', 'MMM D, YYYY', { kind: 'range', from: '2024-12-25', to: '2025-01-03' }],
		['2025-10', 'YYYY-MM', { kind: 'month', month: '2025-10' }],
		['2025_OCT', 'YYYY_MMM', { kind: 'month', month: '2025-10' }],
		['Oct 2025', 'MMM YYYY', { kind: 'month', month: '2025-10' }]
	] as const)('%j as %s', (text, format, value) => {
		expect(parseDateCell(text, format)).toEqual({ ok: true, value });
	});

	it.each([
		['2025-02-30', 'YYYY-MM-DD'],
		['13/13/2025', 'DD/MM/YYYY'],
		['Sep 31, 2024', 'MMM D, YYYY'],
		['2025-13', 'YYYY-MM'],
		['yesterday', 'YYYY-MM-DD'],
		['2025-07-02', 'DD/MM/YYYY']
	] as const)('rejects %j as %s', (text, format) => {
		expect(parseDateCell(text, format)).toEqual({ ok: false, error: 'bad_date' });
	});

	it('never throws', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 30 }), fc.constantFrom(...DATE_FORMATS), (s, f) => {
				expect(typeof parseDateCell(s, f).ok).toBe('boolean');
			})
		);
	});
});

describe('detectDateFormats', () => {
	it.each([
		[['03/01/2025', '04/13/2025'], ['MM/DD/YYYY'], false],
		[['03/01/2025', '04/12/2025'], ['DD/MM/YYYY', 'MM/DD/YYYY'], true],
		[['2025-07-02 03:30:55'], ['YYYY-MM-DD'], false]
	] as const)('%j', (samples, formats, ambiguous) => {
		expect(detectDateFormats(samples)).toEqual({ formats, ambiguous });
	});
});

describe('parseCount', () => {
	it.each([
		['180000', '.', 180000],
		['180,000', '.', 180000],
		['1.234.567', ',', 1234567],
		['1 234', '.', 1234],
		['1.2万', '.', 12000],
		['3,5万', ',', 35000],
		['2亿', '.', 200000000],
		['0', '.', 0],
		['12.0', '.', 12],
		['', '.', null],
		['-', '.', null],
		['/', '.', null],
		['N/A', '.', null],
		['1,234.0', '.', 1234],
		['1.2345万', '.', 12345]
	] as const)('%j (decimal %s) is %j', (text, decimal, value) => {
		expect(parseCount(text, decimal)).toEqual({ ok: true, value });
	});

	it.each([
		['12.5', '.', 'not_whole'],
		['12.0000004', '.', 'not_whole'],
		['1.23456万', '.', 'not_whole'],
		['万', '.', 'not_a_number'],
		['$1,234', '.', 'not_a_number'],
		['(12)', '.', 'not_a_number'],
		['-3', '.', 'negative'],
		['many', '.', 'not_a_number'],
		['12,34', '.', 'bad_grouping']
	] as const)('refuses %j (decimal %s): %s', (text, decimal, error) => {
		expect(parseCount(text, decimal)).toEqual({ ok: false, error });
	});

	it('round-trips any whole count, grouped or not', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.boolean(), (n, grouped) => {
				const text = grouped ? n.toLocaleString('en-US') : String(n);
				expect(parseCount(text, '.')).toEqual({ ok: true, value: n });
			})
		);
	});

});

describe('parseRateBps', () => {
	it.each([
		['42%', '.', 4200],
		['42.5 %', '.', 4250],
		['42,5%', ',', 4250],
		['0.42', '.', 4200],
		['0,425', ',', 4250],
		['1', '.', 10000],
		['100%', '.', 10000],
		['0%', '.', 0],
		['', '.', null],
		['n/a', '.', null]
	] as const)('%j (decimal %s) is %j bps', (text, decimal, value) => {
		expect(parseRateBps(text, decimal)).toEqual({ ok: true, value });
	});

	it('reads a percentage column\'s bare numbers as percentages; its blanks stay blank', () => {
		expect(parseRateBps('18.64', '.', true)).toEqual({ ok: true, value: 1864 });
		expect(parseRateBps('18.64%', '.', true)).toEqual({ ok: true, value: 1864 });
		expect(parseRateBps('/', '.', true)).toEqual({ ok: true, value: null });
		expect(parseRateBps('', '.', true)).toEqual({ ok: true, value: null });
		expect(parseRateBps('140', '.', true)).toEqual({ ok: false, error: 'out_of_range' });
	});

	it.each([
		['42', '.', 'out_of_range'],
		['101%', '.', 'out_of_range'],
		['-5%', '.', 'negative'],
		['high', '.', 'not_a_number'],
		['%', '.', 'not_a_number']
	] as const)('refuses %j: %s', (text, decimal, error) => {
		expect(parseRateBps(text, decimal)).toEqual({ ok: false, error });
	});

	it('reads a percentage and the same fraction alike', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 10_000 }), (bps) => {
				expect(parseRateBps(`${formatScaled(bps, 2)}%`, '.')).toEqual({ ok: true, value: bps });
				expect(parseRateBps(formatScaled(bps, 4), '.')).toEqual({ ok: true, value: bps });
			})
		);
	});

});

describe('parseHoursCenti', () => {
	it.each([
		['7.5', '.', 750],
		['7,5', ',', 750],
		['8', '.', 800],
		['7.5h', '.', 750],
		['7.5 hours', '.', 750],
		['7.5小时', '.', 750],
		['7:30', '.', 750],
		['7:30:00', '.', 750],
		['0:20', '.', 33],
		['1:00:18', '.', 101],
		['', '.', null]
	] as const)('%j (decimal %s) is %j hundredths', (text, decimal, value) => {
		expect(parseHoursCenti(text, decimal)).toEqual({ ok: true, value });
	});

	it.each([
		['-1', '.', 'negative'],
		['7:75', '.', 'not_a_number'],
		['h', '.', 'not_a_number'],
		['7.5元', '.', 'not_a_number'],
		['a while', '.', 'not_a_number']
	] as const)('refuses %j: %s', (text, decimal, error) => {
		expect(parseHoursCenti(text, decimal)).toEqual({ ok: false, error });
	});

});

describe('the measure parsers (counts, rates, hours)', () => {
	const parsers: [string, (text: string, decimal: DecimalMark, percent: boolean) => MeasureResult][] = [
		['parseCount', parseCount],
		['parseRateBps', parseRateBps],
		['parseHoursCenti', parseHoursCenti]
	];
	it.each(parsers)('%s never throws and never gives a negative or fractional value', (_, parse) => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom<DecimalMark>('.', ','), fc.boolean(), (s, d, percent) => {
				const r = parse(s, d, percent);
				if (r.ok && r.value !== null) expect(Number.isSafeInteger(r.value) && r.value >= 0).toBe(true);
				else expect(typeof r.ok).toBe('boolean');
			}),
			{ numRuns: 1000 }
		);
	});
});
