/**
 * Hours worked per platform and month (hours_logs), entered on the compare page so effective hourly
 * rates and the what-if have something to stand on. One row per platform-month: entering a month again
 * replaces it; 0 hours removes it. Problems come back as values.
 */
import type { DB } from '../db/client';
import { parseDecimalScaled } from '../../domain/money';
import { isMonth } from '../../domain/period';
import { platformIdByName } from '../db/queries/platforms';

type Conn = Pick<DB, '$client' | 'select'>;

export type HoursProblem = 'no_platform' | 'bad_month' | 'bad_hours';

export function setPlatformHours(
	db: Conn,
	workspaceId: number,
	input: { platform: string; month: string; hours: string }
): { ok: true; hoursCenti: number } | { ok: false; problem: HoursProblem } {
	const platformId = platformIdByName(db, workspaceId, input.platform);
	if (platformId === undefined) return { ok: false, problem: 'no_platform' };
	if (!isMonth(input.month)) return { ok: false, problem: 'bad_month' };
	const parsed = parseDecimalScaled(input.hours, 2);
	// A month has at most 744 hours.
	if (!parsed.ok || parsed.value < 0 || parsed.value > 744_00) return { ok: false, problem: 'bad_hours' };
	if (parsed.value === 0) {
		db.$client.prepare(`DELETE FROM hours_logs WHERE workspace_id = ? AND platform_id = ? AND month = ?`).run(workspaceId, platformId, input.month);
	} else {
		db.$client
			.prepare(
				`INSERT INTO hours_logs (workspace_id, platform_id, month, hours_centi) VALUES (?, ?, ?, ?)
				 ON CONFLICT (workspace_id, platform_id, month) DO UPDATE SET hours_centi = excluded.hours_centi`
			)
			.run(workspaceId, platformId, input.month, parsed.value);
	}
	return { ok: true, hoursCenti: parsed.value };
}
