/**
 * The monthly roll-up (workspace × month × platform × stream × currency) that dashboards read.
 * Call `refreshRollup` inside the same synchronous transaction that changed `earnings`
 * (import commit, undo, computed earnings, sample), passing the months touched.
 */
import { sql } from 'drizzle-orm';
import type { DB } from './client';

type Tx = Pick<DB, 'run' | 'all'>;

export function refreshRollup(tx: Tx, workspaceId: number, months?: Iterable<string>): void {
	const list = months ? [...new Set(months)] : undefined;
	if (list && list.length === 0) return;
	if (list) {
		// chunk to stay under SQLite's variable limit
		for (let i = 0; i < list.length; i += 500) {
			const chunk = list.slice(i, i + 500);
			const inList = sql.join(chunk.map((m) => sql`${m}`), sql`, `);
			tx.run(sql`DELETE FROM monthly_rollup WHERE workspace_id = ${workspaceId} AND month IN (${inList})`);
			tx.run(sql`INSERT INTO monthly_rollup (workspace_id, month, platform_id, stream, currency,
				gross_minor, fee_minor, tax_minor, net_minor, row_count)
				SELECT workspace_id, month, platform_id, stream, currency,
					SUM(gross_minor), SUM(fee_minor), SUM(tax_minor), SUM(net_minor), COUNT(*)
				FROM earnings WHERE workspace_id = ${workspaceId} AND month IN (${inList})
				GROUP BY month, platform_id, stream, currency`);
		}
		return;
	}
	tx.run(sql`DELETE FROM monthly_rollup WHERE workspace_id = ${workspaceId}`);
	tx.run(sql`INSERT INTO monthly_rollup (workspace_id, month, platform_id, stream, currency,
		gross_minor, fee_minor, tax_minor, net_minor, row_count)
		SELECT workspace_id, month, platform_id, stream, currency,
			SUM(gross_minor), SUM(fee_minor), SUM(tax_minor), SUM(net_minor), COUNT(*)
		FROM earnings WHERE workspace_id = ${workspaceId}
		GROUP BY month, platform_id, stream, currency`);
}
