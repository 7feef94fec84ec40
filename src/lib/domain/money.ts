/**
 * Money is an integer number of minor units plus an ISO 4217 currency: 12.34 CNY is
 * `{ minor: 1234, currency: 'CNY' }`. Decimal strings go straight to minor units by the
 * currency's exponent (JPY 0, CNY/USD 2, ...) with integer arithmetic only — never parseFloat × 100.
 */

export type CurrencyCode = string;
/** An integer count of a currency's minor units (fen, cents...). */
export type MinorUnits = number;

export interface Money {
	minor: MinorUnits;
	currency: CurrencyCode;
}

const ZERO_DECIMAL = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'HUF', 'TWD_0', 'UGX', 'XAF', 'XOF', 'PYG']);
const THREE_DECIMAL = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

/** Number of decimals of a currency's minor unit (ISO 4217). Unknown codes default to 2. */
export function currencyExponent(currency: CurrencyCode): number {
	const c = currency.toUpperCase();
	if (ZERO_DECIMAL.has(c)) return 0;
	if (THREE_DECIMAL.has(c)) return 3;
	return 2;
}

export function isCurrencyCode(value: string): boolean {
	return /^[A-Z]{3}$/.test(value);
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Parse a plain decimal string ("1234.5", "-0.07", "12") into minor units of `currency`.
 * Extra decimals beyond the exponent are rounded half away from zero ("0.125" USD → 13).
 * This is the strict gateway; statement cells with symbols and separators go through
 * the import value parser first, which normalises them to this form.
 */
export function parseDecimalToMinor(text: string, currency: CurrencyCode): ParseResult<MinorUnits> {
	return parseDecimalScaled(text, currencyExponent(currency));
}

/** Parse a plain decimal string into an integer scaled by 10^scale (rounded half away from zero). */
export function parseDecimalScaled(text: string, scale: number): ParseResult<number> {
	const s = text.trim();
	const m = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(s);
	if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) {
		return { ok: false, error: `not a decimal number: "${text}"` };
	}
	const negative = m[1] === '-';
	const intPart = m[2] === '' ? '0' : m[2];
	const frac = m[3] ?? '';
	const kept = frac.slice(0, scale).padEnd(scale, '0');
	const roundDigit = frac.length > scale ? Number(frac[scale]) : 0;
	let value = BigInt(intPart + kept);
	if (roundDigit >= 5) value += 1n;
	if (value > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, error: `amount too large: "${text}"` };
	const n = Number(value);
	return { ok: true, value: negative && n !== 0 ? -n : n };
}

/** Whether a failed parseDecimalScaled / parseDecimalToMinor was a number too large, not a malformed one. */
export function isTooLargeError(error: string): boolean {
	return error.startsWith('amount too large');
}

/** Minor units → plain decimal string in major units ("1234.50"), for JSON and CSV. */
export function formatMinorAsDecimal(minor: MinorUnits, currency: CurrencyCode): string {
	return formatScaled(minor, currencyExponent(currency));
}

/** An integer scaled by 10^scale → decimal string with exactly `scale` decimals. */
export function formatScaled(value: number, scale: number): string {
	if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
	const negative = value < 0;
	const digits = String(Math.abs(value)).padStart(scale + 1, '0');
	const int = scale === 0 ? digits : digits.slice(0, -scale);
	const frac = scale === 0 ? '' : '.' + digits.slice(-scale);
	return (negative ? '-' : '') + int + frac;
}

/** Format for people with Intl, in the given locale ("¥1,234.50", "US$12.00"). */
export function formatMoney(minor: MinorUnits, currency: CurrencyCode, locale = 'en'): string {
	const exp = currencyExponent(currency);
	// Intl takes a decimal string exactly (no float rounding) on Node 20+ via its string overload.
	const fmt = new Intl.NumberFormat(locale, {
		style: 'currency',
		currency,
		minimumFractionDigits: exp,
		maximumFractionDigits: exp
	});
	return fmt.format(formatMinorAsDecimal(minor, currency) as unknown as number);
}

export function money(minor: MinorUnits, currency: CurrencyCode): Money {
	if (!Number.isSafeInteger(minor)) throw new RangeError(`minor units must be a safe integer, got ${minor}`);
	return { minor, currency };
}

function sameCurrency(a: Money, b: Money): void {
	if (a.currency !== b.currency) {
		throw new Error(`cannot combine ${a.currency} and ${b.currency} without an exchange rate`);
	}
}

export function addMoney(a: Money, b: Money): Money {
	sameCurrency(a, b);
	return money(a.minor + b.minor, a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
	sameCurrency(a, b);
	return money(a.minor - b.minor, a.currency);
}

export function sumMoney(items: readonly Money[], currency: CurrencyCode): Money {
	let total = 0;
	for (const m of items) {
		sameCurrency(m, { minor: 0, currency });
		total += m.minor;
	}
	return money(total, currency);
}

/**
 * Multiply minor units by a rational factor num/den with half-away-from-zero rounding, exactly
 * (BigInt). Used for basis points (rate 1500/10000), hours × rate, FX rates as decimal strings.
 */
export function mulDivRound(value: number, num: number | bigint, den: number | bigint): number {
	const n = BigInt(value) * BigInt(num);
	const d = BigInt(den);
	if (d === 0n) throw new RangeError('division by zero');
	const sign = (n < 0n) !== (d < 0n) ? -1n : 1n;
	const an = n < 0n ? -n : n;
	const ad = d < 0n ? -d : d;
	const q = (an * 2n + ad) / (2n * ad);
	return Number(sign * q);
}

/** Apply a rate in basis points: 15% of 1,200,000 minor → applyBps(1_200_000, 1500) = 180,000. */
export function applyBps(minor: MinorUnits, bps: number): MinorUnits {
	return mulDivRound(minor, bps, 10_000);
}

/**
 * Convert an amount with a decimal-string rate ("7.1234": 1 unit of `from` = 7.1234 of `to`),
 * honouring both currencies' exponents. Exact until the final rounding.
 */
export function convertMinor(minor: MinorUnits, from: CurrencyCode, to: CurrencyCode, rate: string): MinorUnits {
	if (from === to) return minor;
	const m = /^(\d+)(?:\.(\d+))?$/.exec(rate.trim());
	if (!m) throw new Error(`not a rate: "${rate}"`);
	const frac = m[2] ?? '';
	const rateScaled = BigInt(m[1] + frac);
	const rateDen = 10n ** BigInt(frac.length);
	const expDiff = currencyExponent(to) - currencyExponent(from);
	const num = rateScaled * (expDiff >= 0 ? 10n ** BigInt(expDiff) : 1n);
	const den = rateDen * (expDiff < 0 ? 10n ** BigInt(-expDiff) : 1n);
	return mulDivRound(minor, num, den);
}
