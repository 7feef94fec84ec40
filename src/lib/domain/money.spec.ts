import { describe, expect, it } from 'vitest';
import {
	isTooLargeError,
	addMoney,
	applyBps,
	convertMinor,
	currencyExponent,
	formatMinorAsDecimal,
	formatMoney,
	money,
	mulDivRound,
	parseDecimalScaled,
	parseDecimalToMinor,
	subtractMoney,
	sumMoney
} from './money';

describe('parseDecimalToMinor', () => {
	it.each([
		['1234.56', 'CNY', 123456],
		['1234.5', 'USD', 123450],
		['12', 'EUR', 1200],
		['-0.07', 'USD', -7],
		['+3.10', 'GBP', 310],
		['.5', 'USD', 50],
		['7.', 'USD', 700],
		['0.125', 'USD', 13],
		['-0.125', 'USD', -13],
		['0.124', 'USD', 12],
		['1500', 'JPY', 1500],
		['1500.6', 'JPY', 1501],
		['1.2345', 'KWD', 1235],
		['0.10000000000000001', 'USD', 10],
		['-0.001', 'USD', 0]
	])('%s %s → %i', (text, currency, expected) => {
		expect(parseDecimalToMinor(text, currency)).toEqual({ ok: true, value: expected });
	});

	it.each(['', ' ', 'abc', '1,234.00', '1.2.3', '--1', '1e5', '¥12', '.'])('rejects %j', (text) => {
		const r = parseDecimalToMinor(text, 'USD');
		expect(r.ok).toBe(false);
	});

	it('rejects amounts past the safe-integer range instead of losing precision', () => {
		expect(parseDecimalToMinor('900719925474099.99', 'USD').ok).toBe(false);
	});
});

describe('isTooLargeError', () => {
	it.each([
		['99999999999999999', true],
		['12.x', false],
		['', false]
	])('%j', (text, tooLarge) => {
		const r = parseDecimalScaled(text, 2);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(isTooLargeError(r.error)).toBe(tooLarge);
	});
});

describe('formatMinorAsDecimal', () => {
	it.each([
		[123456, 'CNY', '1234.56'],
		[-7, 'USD', '-0.07'],
		[0, 'USD', '0.00'],
		[5, 'JPY', '5'],
		[1235, 'KWD', '1.235']
	])('%i %s → %s', (minor, currency, expected) => {
		expect(formatMinorAsDecimal(minor, currency)).toBe(expected);
		expect(parseDecimalToMinor(expected, currency)).toEqual({ ok: true, value: minor });
	});
});

describe('formatMoney', () => {
	it('formats with Intl in both languages without float rounding', () => {
		expect(formatMoney(123456, 'CNY', 'zh-CN')).toBe('¥1,234.56');
		expect(formatMoney(900719925474099, 'USD', 'en')).toBe('$9,007,199,254,740.99');
		expect(formatMoney(-5, 'USD', 'en')).toBe('-$0.05');
	});
});

describe('arithmetic', () => {
	it('adds and subtracts in one currency', () => {
		expect(addMoney(money(100, 'CNY'), money(250, 'CNY'))).toEqual(money(350, 'CNY'));
		expect(subtractMoney(money(100, 'CNY'), money(250, 'CNY'))).toEqual(money(-150, 'CNY'));
		expect(sumMoney([money(1, 'USD'), money(2, 'USD')], 'USD')).toEqual(money(3, 'USD'));
	});
	it('refuses to mix currencies', () => {
		expect(() => addMoney(money(1, 'USD'), money(1, 'CNY'))).toThrow(/USD and CNY/);
		expect(() => sumMoney([money(1, 'USD')], 'CNY')).toThrow();
	});
	it('refuses non-integer minor units', () => {
		expect(() => money(1.5, 'USD')).toThrow(RangeError);
	});
	it.each([
		[1_200_000, 1500, 180_000],
		[1, 5000, 1],
		[-1, 5000, -1],
		[3, 3333, 1]
	])('applyBps(%i, %i) = %i', (minor, bps, expected) => {
		expect(applyBps(minor, bps)).toBe(expected);
	});
	it('mulDivRound rounds half away from zero', () => {
		expect(mulDivRound(5, 1, 2)).toBe(3);
		expect(mulDivRound(-5, 1, 2)).toBe(-3);
		expect(() => mulDivRound(1, 1, 0)).toThrow();
	});
	it.each([
		[10000, 'USD', 'CNY', '7.1234', 71234],
		[100, 'JPY', 'CNY', '0.048', 480],
		[71234, 'CNY', 'USD', '0.1403', 9994],
		[500, 'USD', 'USD', '9', 500]
	])('convertMinor(%i %s → %s @ %s) = %i', (minor, from, to, rate, expected) => {
		expect(convertMinor(minor, from, to, rate)).toBe(expected);
	});
	it('knows currency exponents', () => {
		expect([currencyExponent('CNY'), currencyExponent('jpy'), currencyExponent('KWD')]).toEqual([2, 0, 3]);
	});
});
