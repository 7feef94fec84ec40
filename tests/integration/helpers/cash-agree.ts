/**
 * The agreement the cash-basis tests check: what the payouts page counts as cash in a month (received on
 * its day; expected or assumed received on its expected day) is what the dashboard's cash basis shows
 * for that platform and month.
 */
import { expect } from 'vitest';
import type { Dashboard } from '../../../src/lib/server/metrics/index';
import { monthOf } from '../../../src/lib/domain/period';

interface PageRow {
	platform: string;
	status: string;
	expectedDate: string | null;
	expectedMinor: number | null;
	receivedDate: string | null;
	receivedMinor: number | null;
}

/** The payouts page's cash per `platform|YYYY-MM`. */
export function payoutsPageCash(rows: readonly PageRow[]): Map<string, number> {
	const out = new Map<string, number>();
	const add = (platform: string, date: string, amount: number) => {
		const k = `${platform}|${monthOf(date)}`;
		out.set(k, (out.get(k) ?? 0) + amount);
	};
	for (const r of rows) {
		if (r.receivedDate !== null) add(r.platform, r.receivedDate, r.receivedMinor!);
		else if (r.status === 'expected' || r.status === 'assumed') add(r.platform, r.expectedDate!, r.expectedMinor!);
	}
	return out;
}

/** The dashboard's cash for one platform and month (all streams and currencies, in the base currency). */
export function dashboardCash(dash: Pick<Dashboard, 'cash'>, platform: string, month: string): number {
	return dash.cash.cells.filter((c) => c.platform === platform && c.month === month).reduce((s, c) => s + c.amountMinor, 0);
}

/** Every month of the dashboard's window, for each platform: the dashboard's cash equals the page's. */
export function expectCashAgrees(dash: Pick<Dashboard, 'cash'>, pageCash: ReadonlyMap<string, number>, platforms: Iterable<string>): void {
	for (const platform of platforms)
		for (const month of dash.cash.months) expect([platform, month, dashboardCash(dash, platform, month)]).toEqual([platform, month, pageCash.get(`${platform}|${month}`) ?? 0]);
}
