/**
 * The income matrix: month × platform (× stream) totals in the workspace's base currency, the
 * input of every dashboard metric. Built from the roll-up's rows and a monthly FX table.
 * Every month of the window is present — a month without rows is zero income — and the coverage
 * grid says which platform-months had any rows, so a missing upload is never read as a bad month.
 * A row whose currency has no rate for its month is flagged and left out, never converted at 1.
 */
import { convertMinor, type CurrencyCode } from './money';
import { monthsOf, type Month, type MonthSpan } from './period';
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
	/** Base-currency amounts merged by month × platform × stream (ordered by platform, month, stream). */
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

export function buildIncomeMatrix(input: IncomeMatrixInput): IncomeMatrix {
	const { rows, rates, baseCurrency, window } = input;
	const months = monthsOf(window);
	const T = months.length;
	const monthIndex = new Map(months.map((m, i) => [m, i]));
	const rateOf = new Map(rates.map((r) => [r.month + '|' + r.currency, r.rate]));
	// Platforms and streams get small integer ids so the hot loop only touches arrays and numbers.
	const platformIds = new Map<string, number>();
	const platformNames: string[] = [];
	const platformId = (name: string) => {
		let id = platformIds.get(name);
		if (id === undefined) {
			id = platformNames.length;
			platformIds.set(name, id);
			platformNames.push(name);
		}
		return id;
	};
	for (const p of input.knownPlatforms ?? []) platformId(p);
	const streamIds = new Map<string, number>();
	const streamNames: string[] = [];
	// Cells keyed by a number, (platform × T + month) × 1024 + stream: no string building per row,
	// and sorting by the key orders cells by platform, month, stream.
	const cellMap = new Map<number, MatrixCell>();
	const covered = new Set<number>(); // platform id × T + month index
	const missing = new Map<string, MissingRate>();

	for (const row of rows) {
		const t = monthIndex.get(row.month);
		if (t === undefined) continue;
		const pid = platformId(row.platform);
		covered.add(pid * T + t);
		let amount: number;
		if (row.currency === baseCurrency) amount = row.amountMinor;
		else {
			const rate = rateOf.get(row.month + '|' + row.currency);
			if (rate === undefined) {
				const k = row.month + '|' + row.currency + '|' + row.platform;
				const m = missing.get(k) ?? { month: row.month, currency: row.currency, platform: row.platform, amountMinor: 0 };
				m.amountMinor += row.amountMinor;
				missing.set(k, m);
				continue;
			}
			amount = convertMinor(row.amountMinor, row.currency, baseCurrency, rate);
		}
		let sid = streamIds.get(row.stream);
		if (sid === undefined) {
			sid = streamNames.length;
			if (sid >= 1024) throw new RangeError('more than 1024 distinct streams');
			streamIds.set(row.stream, sid);
			streamNames.push(row.stream);
		}
		const k = (pid * T + t) * 1024 + sid;
		const cell = cellMap.get(k);
		if (cell) cell.amountMinor += amount;
		else cellMap.set(k, { month: row.month, platform: row.platform, stream: row.stream, amountMinor: amount });
	}

	const P = platformNames.length;
	const grid = new Array<number>(T * P).fill(0); // month × platform, base currency
	const platformTotal = new Array<number>(P).fill(0);
	const streamTotal = new Array<number>(streamNames.length).fill(0);
	for (const c of cellMap.values()) {
		const pid = platformIds.get(c.platform)!;
		grid[monthIndex.get(c.month)! * P + pid] += c.amountMinor;
		platformTotal[pid] += c.amountMinor;
		streamTotal[streamIds.get(c.stream)!] += c.amountMinor;
	}
	const byTotal = (a: KeyedTotal, b: KeyedTotal) => b.totalMinor - a.totalMinor || cmp(a.key, b.key);
	const platformTotals = platformNames.map((key, i) => ({ key, totalMinor: platformTotal[i] })).sort(byTotal);
	const streamTotals = streamNames.map((key, i) => ({ key, totalMinor: streamTotal[i] })).sort(byTotal);
	const platforms = platformTotals.map((p) => p.key);
	const order = platforms.map((p) => platformIds.get(p)!);

	const byMonth: MatrixMonth[] = months.map((month, t) => {
		const byPlatform: Record<string, number> = {};
		let totalMinor = 0;
		for (let i = 0; i < P; i++) {
			const v = grid[t * P + order[i]];
			byPlatform[platforms[i]] = v;
			totalMinor += v;
		}
		return { month, totalMinor, byPlatform };
	});

	const coverage: CoverageRow[] = platforms.map((platform, i) => {
		const pid = order[i];
		const ms = months.map((month, t) => ({ month, covered: covered.has(pid * T + t) }));
		return { platform, months: ms, coveredCount: ms.filter((m) => m.covered).length };
	});

	const cells = [...cellMap.keys()].sort((a, b) => a - b).map((k) => cellMap.get(k)!);
	return {
		baseCurrency,
		months,
		platforms,
		byMonth,
		cells,
		platformTotals,
		streamTotals,
		totalMinor: platformTotal.reduce((s, v) => s + v, 0),
		missingRates: [...missing.values()].sort((a, b) => cmp(a.month, b.month) || cmp(a.currency, b.currency) || cmp(a.platform, b.platform)),
		coverage
	};
}

function cmp(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Streams paid per agreement (a brand deal's invoice), not through a monthly statement: a platform
 * whose income is only these has no statement to download, so a month without rows is not a
 * missing upload.
 */
export const STATEMENTLESS_STREAMS: ReadonlySet<string> = new Set(['brand_deal']);

/**
 * The coverage grid without platforms that never send statements: every row they have is of a
 * statement-less stream (and at least one row says so; a platform with no rows stays, as it may be
 * a statement not yet imported).
 */
export function statementCoverage(coverage: readonly CoverageRow[], rows: readonly Pick<IncomeRow, 'platform' | 'stream'>[]): CoverageRow[] {
	const streamsOf = new Map<string, Set<string>>();
	for (const r of rows) {
		let set = streamsOf.get(r.platform);
		if (!set) streamsOf.set(r.platform, (set = new Set()));
		set.add(r.stream);
	}
	return coverage.filter((c) => {
		const streams = streamsOf.get(c.platform);
		return !streams || [...streams].some((s) => !STATEMENTLESS_STREAMS.has(s));
	});
}
