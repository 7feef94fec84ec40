/** Display formatting for the dashboard, in the reader's language. Numbers arrive computed. */
import { currencyExponent, formatMoney } from '$lib/domain/money';
import { getLocale } from '$lib/paraglide/runtime';

export type UiLocale = 'en' | 'zh-CN';

/** The Intl locale of the interface language. */
export const uiLocale = (): UiLocale => (getLocale() === 'zh' ? 'zh-CN' : 'en');

export const money = (minor: number, currency: string, locale: UiLocale) => formatMoney(minor, currency, locale);

/** Major units as a float, for chart axes only (tables show exact money strings). */
export const major = (minor: number, currency: string) => minor / 10 ** currencyExponent(currency);

export const pct = (x: number | null | undefined, locale: UiLocale, digits = 1) =>
	x === null || x === undefined
		? '—'
		: new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);

export const num = (x: number | null | undefined, locale: UiLocale, digits = 2) =>
	x === null || x === undefined ? '—' : new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);

/** '2025-07' → 'Jul 2025' / '2025年7月'. */
export const monthLabel = (month: string, locale: UiLocale, short = false) =>
	new Intl.DateTimeFormat(locale, { year: short ? '2-digit' : 'numeric', month: 'short', timeZone: 'UTC' }).format(
		new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1))
	);

export const compactMoney = (value: number, currency: string, locale: UiLocale) =>
	new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(value);
