/**
 * The income matrix: month × platform (× stream) totals in the workspace's base currency, the
 * input of every dashboard metric. Built from the roll-up's rows and a monthly FX table.
 * Every month of the window is present — a month without rows is zero income — and the coverage
 * grid says which platform-months had any rows, so a missing upload is never read as a bad month.
 * A row whose currency has no rate for its month is flagged and left out, never converted at 1.
 */
import { convertMinor, type CurrencyCode } from './money';
import { monthsOf, spanContains, type Month, type MonthSpan } from './period';
import type { KeyedTotal, MonthTotal } from './metrics';

/** One roll-up line (or any pre-aggregated line) in its own currency. */
export interface IncomeRow {
	month: Month;
	platform: string;
	stream: string;
	currency: CurrencyCode;
	amountMinor: number;
}

/** 1 unit of `currency` = `rate` units of the base currency, for `month`. */
export interface FxRate {
	month: Month;
	currency: CurrencyCode;
	rate: string;
}

export interface MissingRate {
	month: Month;
	currency: CurrencyCode;
	platform: string;
	/** The amount left out, in its own currency. */
	amountMinor: number;
}

export interface MatrixCell {
	month: Month;
	platform: string;
	stream: string;
	amountMinor: number;
}

export interface MatrixMonth extends MonthTotal {
	/** Every platform of the matrix, zero where it earned nothing that month. */
	byPlatform: Record<string, number>;
}

export interface CoverageRow {
	platform: string;
	/** One entry per window month: did any row (statement line) exist for it? */
	months: { month: Month; covered: boolean }[];
	coveredCount: number;
}

export interface IncomeMatrix {
	baseCurrency: CurrencyCode;
	months: Month[];
	/** Platforms with rows in the window (or listed in `knownPlatforms`), largest total first. */
	platforms: string[];
	byMonth: MatrixMonth[];
	/** Base-currency amounts merged by month × platform × stream. */
	cells: MatrixCell[];
	platformTotals: KeyedTotal[];
	streamTotals: KeyedTotal[];
	totalMinor: number;
	missingRates: MissingRate[];
	coverage: CoverageRow[];
}

export interface IncomeMatrixInput {
	rows: readonly IncomeRow[];
	rates: readonly FxRate[];
	baseCurrency: CurrencyCode;
	window: MonthSpan;
	/** Platforms to show in the coverage grid even without a single row in the window. */
	knownPlatforms?: readonly string[];
}

const key = (...parts: string[]) => parts.join('\u0000');

export function buildIncomeMatrix(input: IncomeMatrixInput): IncomeMatrix {
	const { rows, rates, baseCurrency, window } = input;
	const months = monthsOf(window);
	const rateOf = new Map(rates.map((r) => [key(r.month, r.currency), r.rate]));
	const cellMap = new Map<string, MatrixCell>();
	const covered = new Set<string>();
	const missing = new Map<string, MissingRate>();
	const platformSet = new Set(input.knownPlatforms ?? []);

	for (const row of rows) {
		if (!spanContains(window, row.month)) continue;
		platformSet.add(row.platform);
		covered.add(key(row.platform, row.month));
		let amount: number;
		if (row.currency === baseCurrency) amount = row.amountMinor;
		else {
			const rate = rateOf.get(key(row.month, row.currency));
			if (rate === undefined) {
				const k = key(row.month, row.currency, row.platform);
				const m = missing.get(k) ?? { month: row.month, currency: row.currency, platform: row.platform, amountMinor: 0 };
				m.amountMinor += row.amountMinor;
				missing.set(k, m);
				continue;
			}
			amount = convertMinor(row.amountMinor, row.currency, baseCurrency, rate);
		}
		const k = key(row.month, row.platform, row.stream);
		const cell = cellMap.get(k) ?? { month: row.month, platform: row.platform, stream: row.stream, amountMinor: 0 };
		cell.amountMinor += amount;
		cellMap.set(k, cell);
	}

	const cells = [...cellMap.values()].sort(
		(a, b) => cmp(a.month, b.month) || cmp(a.platform, b.platform) || cmp(a.stream, b.stream)
	);
	const platformTotal = new Map<string, number>([...platformSet].map((p) => [p, 0]));
	const streamTotal = new Map<string, number>();
	for (const c of cells) {
		platformTotal.set(c.platform, (platformTotal.get(c.platform) ?? 0) + c.amountMinor);
		streamTotal.set(c.stream, (streamTotal.get(c.stream) ?? 0) + c.amountMinor);
	}
	const byTotal = (a: KeyedTotal, b: KeyedTotal) => b.totalMinor - a.totalMinor || cmp(a.key, b.key);
	const platformTotals = [...platformTotal].map(([k, totalMinor]) => ({ key: k, totalMinor })).sort(byTotal);
	const streamTotals = [...streamTotal].map(([k, totalMinor]) => ({ key: k, totalMinor })).sort(byTotal);
	const platforms = platformTotals.map((p) => p.key);

	const monthIndex = new Map(months.map((m, i) => [m, i]));
	const byMonth: MatrixMonth[] = months.map((month) => ({
		month,
		totalMinor: 0,
		byPlatform: Object.fromEntries(platforms.map((p) => [p, 0]))
	}));
	for (const c of cells) {
		const m = byMonth[monthIndex.get(c.month)!];
		m.totalMinor += c.amountMinor;
		m.byPlatform[c.platform] += c.amountMinor;
	}

	const coverage: CoverageRow[] = platforms.map((platform) => {
		const ms = months.map((month) => ({ month, covered: covered.has(key(platform, month)) }));
		return { platform, months: ms, coveredCount: ms.filter((m) => m.covered).length };
	});

	return {
		baseCurrency,
		months,
		platforms,
		byMonth,
		cells,
		platformTotals,
		streamTotals,
		totalMinor: cells.reduce((s, c) => s + c.amountMinor, 0),
		missingRates: [...missing.values()].sort((a, b) => cmp(a.month, b.month) || cmp(a.currency, b.currency) || cmp(a.platform, b.platform)),
		coverage
	};
}

function cmp(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
