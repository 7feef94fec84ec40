/** A small overview for the dashboard header: totals per platform and currency from the roll-up. */
import { sql } from 'drizzle-orm';
import type { DB } from '../client';

export interface PlatformTotal {
	platform: string;
	currency: string;
	grossMinor: number;
	rows: number;
	months: number;
}

export function platformTotals(db: DB, workspaceId: number, fromMonth: string, toMonthExclusive: string): PlatformTotal[] {
	return db.all<PlatformTotal>(sql`
		SELECT p.name AS platform, r.currency AS currency, SUM(r.gross_minor) AS grossMinor,
			SUM(r.row_count) AS rows, COUNT(DISTINCT r.month) AS months
		FROM monthly_rollup r JOIN platforms p ON p.id = r.platform_id AND p.workspace_id = r.workspace_id
		WHERE r.workspace_id = ${workspaceId} AND r.month >= ${fromMonth} AND r.month < ${toMonthExclusive}
		GROUP BY p.name, r.currency ORDER BY grossMinor DESC`);
}
