/**
 * Cash forecast (issue 5 §4): for the next months (this month and the five after it, by default), the
 * payouts expected from income already earned, plus projected earnings — each platform's trailing 3-month
 * average, with a band from its lowest to its highest month — passed through the same payout rules.
 * Example: a platform earning 100, 200, 300 in the last three months projects 200 a month (band 100–300).
 * Every cell's estimate (known + projected) lies within its range [low, high]: with a minimum payout a
 * stronger month can pay out earlier and leave a later month with less, so the range is the lowest and
 * highest of the three runs (weakest, average, strongest), not only the weakest and strongest run.
 */
import { mulDivRound, type CurrencyCode, type MinorUnits } from './money';
import { expectedPayouts, earningMonth, type PayoutEarning, type PayoutRule } from './payout-rules';
import { addMonths, compareMonths, lastDay, monthOf, monthsOf, type IsoDate, type Month } from './period';

export interface ForecastPlatform {
	key: string;
	currency: CurrencyCode;
	rules: readonly PayoutRule[];
	/** Every earning of the platform in its currency (net amounts), past and scheduled. */
	earnings: readonly PayoutEarning[];
	/** false: no projection (deals: future deals are unknown; the known ones are already earnings). */
	project?: boolean;
}

export interface ForecastOptions {
	today: IsoDate;
	/** How many months to show, starting with today's month. */
	months?: number;
	/** How many complete months before today's month the projection averages. */
	trailingMonths?: number;
}

export interface Projection {
	key: string;
	currency: CurrencyCode;
	/** The complete months averaged (missing months count as zero). */
	basis: Month[];
	averageMinor: MinorUnits;
	lowMinor: MinorUnits;
	highMinor: MinorUnits;
	/** The months given a projected earning (those with no earnings yet). */
	projectedMonths: Month[];
}

export interface ForecastCell {
	month: Month;
	key: string;
	currency: CurrencyCode;
	/** Cash from income already earned (or scheduled, like deal milestones). */
	knownMinor: MinorUnits;
	/** Cash from projected earnings, at the average. */
	projectedMinor: MinorUnits;
	/** The estimate of all cash this month: knownMinor + projectedMinor. */
	estimateMinor: MinorUnits;
	/**
	 * The lowest / highest total (known + projected) among three runs: every projected month like the
	 * weakest recent month, like the average, like the strongest. lowMinor ≤ estimateMinor ≤ highMinor.
	 */
	lowMinor: MinorUnits;
	highMinor: MinorUnits;
}

export interface CashForecast {
	months: Month[];
	cells: ForecastCell[];
	/** Per month and currency, summed over platforms. */
	totals: Omit<ForecastCell, 'key'>[];
	projections: Projection[];
}

function projectionFor(p: ForecastPlatform, basis: Month[], window: Month[]): Projection {
	const byMonth = new Map<Month, number>(basis.map((m) => [m, 0]));
	const earnedMonths = new Set<Month>();
	for (const e of p.earnings) {
		if (e.currency !== p.currency) continue;
		const m = earningMonth(e);
		earnedMonths.add(m);
		if (byMonth.has(m)) byMonth.set(m, (byMonth.get(m) ?? 0) + e.amountMinor);
	}
	const values = [...byMonth.values()];
	const hasHistory = basis.some((m) => earnedMonths.has(m));
	const sum = values.reduce((s, v) => s + v, 0);
	return {
		key: p.key,
		currency: p.currency,
		basis,
		averageMinor: hasHistory ? mulDivRound(sum, 1, basis.length) : 0,
		lowMinor: hasHistory ? Math.min(...values) : 0,
		highMinor: hasHistory ? Math.max(...values) : 0,
		projectedMonths: hasHistory ? window.filter((m) => !earnedMonths.has(m)) : []
	};
}

export function cashForecast(platforms: readonly ForecastPlatform[], options: ForecastOptions): CashForecast {
	const count = options.months ?? 6;
	const trailing = options.trailingMonths ?? 3;
	const first = monthOf(options.today);
	const window = monthsOf({ start: first, end: addMonths(first, count) });
	const basis = monthsOf({ start: addMonths(first, -trailing), end: first });
	const windowEnd = lastDay(window[window.length - 1]);
	const cells: ForecastCell[] = [];
	const projections: Projection[] = [];

	for (const p of platforms) {
		const projection = projectionFor(p, basis, p.project === false ? [] : window);
		projections.push(projection);
		const cellOf = new Map<Month, ForecastCell>(
			window.map((month) => [month, { month, key: p.key, currency: p.currency, knownMinor: 0, projectedMinor: 0, estimateMinor: 0, lowMinor: 0, highMinor: 0 }])
		);
		if (p.rules.length === 0) {
			cells.push(...cellOf.values());
			continue;
		}
		const actual = p.earnings.length;
		const run = (amount: number) => {
			const projected: PayoutEarning[] = projection.projectedMonths.map((month) => ({ month, amountMinor: amount, currency: p.currency }));
			return expectedPayouts([...p.earnings, ...projected], p.rules).payouts.filter((e) => e.date >= options.today && e.date <= windowEnd);
		};
		for (const e of run(projection.averageMinor)) {
			const cell = cellOf.get(monthOf(e.date));
			if (!cell || e.currency !== p.currency) continue;
			for (const i of e.earningIndexes) {
				const amount = i < actual ? p.earnings[i].amountMinor : projection.averageMinor;
				if (i < actual) cell.knownMinor += amount;
				else cell.projectedMinor += amount;
			}
		}
		const low = new Map<Month, number>();
		const high = new Map<Month, number>();
		for (const [into, amount] of [
			[low, projection.lowMinor],
			[high, projection.highMinor]
		] as const) {
			for (const e of run(amount)) {
				const month = monthOf(e.date);
				if (cellOf.has(month) && e.currency === p.currency) into.set(month, (into.get(month) ?? 0) + e.amountMinor);
			}
		}
		for (const cell of cellOf.values()) {
			cell.estimateMinor = cell.knownMinor + cell.projectedMinor;
			const runs = [cell.estimateMinor, low.get(cell.month) ?? 0, high.get(cell.month) ?? 0];
			cell.lowMinor = Math.min(...runs);
			cell.highMinor = Math.max(...runs);
		}
		cells.push(...cellOf.values());
	}

	const totals = new Map<string, Omit<ForecastCell, 'key'>>();
	for (const c of cells) {
		const id = `${c.month}|${c.currency}`;
		const t = totals.get(id) ?? { month: c.month, currency: c.currency, knownMinor: 0, projectedMinor: 0, estimateMinor: 0, lowMinor: 0, highMinor: 0 };
		t.knownMinor += c.knownMinor;
		t.projectedMinor += c.projectedMinor;
		t.estimateMinor += c.estimateMinor;
		t.lowMinor += c.lowMinor;
		t.highMinor += c.highMinor;
		totals.set(id, t);
	}
	return {
		months: window,
		cells,
		totals: [...totals.values()].sort((a, b) => compareMonths(a.month, b.month) || (a.currency < b.currency ? -1 : 1)),
		projections
	};
}
