/**
 * The report chooser's periods: what a month / quarter / year / custom form submits, turned into the
 * period text of `parsePeriod`, and the quick picks relative to today. Example: on 2026-01-15 "last
 * quarter" is 2025-Q4 and "last 12 months" is 2025-01..2025-12.
 */
import { addMonths, compareMonths, isMonth, monthOf, type IsoDate, type Month } from './period';

export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';

export interface PeriodChoice {
	kind: string | null;
	month?: string | null;
	quarter?: string | null;
	year?: string | null;
	from?: string | null;
	to?: string | null;
}

/** The period text for a submitted choice, or undefined when the fields do not make one. */
export function periodFromChoice(c: PeriodChoice): string | undefined {
	const year = (c.year ?? '').trim();
	switch (c.kind) {
		case 'month':
			return c.month && isMonth(c.month) ? c.month : undefined;
		case 'quarter':
			return /^\d{4}$/.test(year) && /^[1-4]$/.test(c.quarter ?? '') ? `${year}-Q${c.quarter}` : undefined;
		case 'year':
			return /^\d{4}$/.test(year) ? year : undefined;
		case 'custom': {
			const from = c.from ?? '';
			const to = c.to ?? '';
			if (!isMonth(from) || !isMonth(to) || compareMonths(from, to) > 0) return undefined;
			return from === to ? from : `${from}..${to}`;
		}
		default:
			return undefined;
	}
}

export interface QuickPick {
	key: 'last_month' | 'last_quarter' | 'last_year' | 'this_year' | 'last_12';
	period: string;
}

export function quickPicks(today: IsoDate): QuickPick[] {
	const current = monthOf(today);
	const lastMonth = addMonths(current, -1);
	const y = Number(current.slice(0, 4));
	const q = Math.floor((Number(current.slice(5, 7)) - 1) / 3); // 0-based current quarter
	const lastQ = q === 0 ? `${y - 1}-Q4` : `${y}-Q${q}`;
	const picks: QuickPick[] = [
		{ key: 'last_month', period: lastMonth },
		{ key: 'last_quarter', period: lastQ },
		{ key: 'last_year', period: String(y - 1) },
		{ key: 'last_12', period: `${addMonths(current, -12)}..${lastMonth}` }
	];
	if (current.slice(5, 7) !== '01') picks.splice(3, 0, { key: 'this_year', period: lastMonth.slice(5, 7) === '01' ? lastMonth : `${y}-01..${lastMonth}` });
	return picks;
}

/** The chooser's fields before the user picks: last month, its year and quarter, that year up to it. */
export function chooserDefaults(today: IsoDate): { month: Month; year: string; quarter: string; from: Month; to: Month } {
	const lastMonth = addMonths(monthOf(today), -1);
	const year = lastMonth.slice(0, 4);
	return { month: lastMonth, year, quarter: String(Math.floor((Number(lastMonth.slice(5, 7)) - 1) / 3) + 1), from: `${year}-01`, to: lastMonth };
}
