/**
 * The workspace's FX table: list, upsert, delete, and which foreign-currency months still need a
 * rate (from the roll-up and payouts). Rates are decimal strings, validated here and kept as typed.
 */
import type { DB } from '../db/client';
import { isCurrencyCode } from '../../domain/money';
import { isMonth } from '../../domain/period';

type Conn = Pick<DB, '$client'>;

export interface FxRateRow {
	month: string;
	currency: string;
	rate: string;
}

export type FxProblem = 'month' | 'currency' | 'rate' | 'base';

/** Check one rate; the rate must be a positive plain decimal ("7.1234"). */
export function checkFxRate(input: { month: string; currency: string; rate: string }, baseCurrency: string): { ok: true; value: FxRateRow } | { ok: false; problem: FxProblem } {
	const month = input.month.trim();
	const currency = input.currency.trim().toUpperCase();
	const rate = input.rate.trim();
	if (!isMonth(month)) return { ok: false, problem: 'month' };
	if (!isCurrencyCode(currency)) return { ok: false, problem: 'currency' };
	if (currency === baseCurrency) return { ok: false, problem: 'base' };
	if (!/^\d+(\.\d+)?$/.test(rate) || /^0+(\.0+)?$/.test(rate)) return { ok: false, problem: 'rate' };
	return { ok: true, value: { month, currency, rate } };
}

/** Parse pasted lines "2025-03, USD, 7.1234" (comma, tab or spaces); returns rows or per-line problems. */
export function parseFxLines(text: string, baseCurrency: string): { rows: FxRateRow[]; problems: { line: number; problem: FxProblem }[] } {
	const rows: FxRateRow[] = [];
	const problems: { line: number; problem: FxProblem }[] = [];
	text.split(/\r?\n/).forEach((raw, i) => {
		if (raw.trim() === '') return;
		const [month = '', currency = '', rate = ''] = raw.split(/[,\t;]|\s+/).map((s) => s.trim()).filter((s) => s !== '');
		const r = checkFxRate({ month, currency, rate }, baseCurrency);
		if (r.ok) rows.push(r.value);
		else problems.push({ line: i + 1, problem: r.problem });
	});
	return { rows, problems };
}

export function listFxRates(db: Conn, workspaceId: number): FxRateRow[] {
	return db.$client
		.prepare(`SELECT month, currency, rate FROM fx_rates WHERE workspace_id = ? ORDER BY month DESC, currency`)
		.all(workspaceId) as FxRateRow[];
}

export function saveFxRates(db: Conn, workspaceId: number, rows: readonly FxRateRow[]): number {
	const upsert = db.$client.prepare(
		`INSERT INTO fx_rates (workspace_id, month, currency, rate) VALUES (?, ?, ?, ?)
		 ON CONFLICT (workspace_id, month, currency) DO UPDATE SET rate = excluded.rate`
	);
	db.$client.transaction(() => {
		for (const r of rows) upsert.run(workspaceId, r.month, r.currency, r.rate);
	})();
	return rows.length;
}

export function deleteFxRate(db: Conn, workspaceId: number, month: string, currency: string): boolean {
	return db.$client.prepare(`DELETE FROM fx_rates WHERE workspace_id = ? AND month = ? AND currency = ?`).run(workspaceId, month, currency).changes > 0;
}

/** Foreign-currency months with income or payouts but no rate, newest first. */
export function neededFxRates(db: Conn, workspaceId: number, baseCurrency: string): { month: string; currency: string }[] {
	return db.$client
		.prepare(
			`SELECT DISTINCT month, currency FROM (
			   SELECT month, currency FROM monthly_rollup WHERE workspace_id = @ws AND currency <> @base
			   UNION SELECT month, currency FROM payouts WHERE workspace_id = @ws AND currency <> @base
			 ) AS used
			 WHERE NOT EXISTS (SELECT 1 FROM fx_rates f WHERE f.workspace_id = @ws AND f.month = used.month AND f.currency = used.currency)
			 ORDER BY month DESC, currency`
		)
		.all({ ws: workspaceId, base: baseCurrency }) as { month: string; currency: string }[];
}
