/**
 * Writes domain.md §5's narrator into a real database, as earnings rows plus the roll-up, the way an
 * import would: one transaction, refreshRollup inside it.
 */
import type { DB } from '../../src/lib/server/db/client';
import { createWorkspace } from '../../src/lib/server/db/queries/workspaces';
import { ensurePlatform } from '../../src/lib/server/db/queries/platforms';
import { refreshRollup } from '../../src/lib/server/db/rollup';
import { NARRATOR_INCOME, NARRATOR_MONTHS, NARRATOR_XIMALAYA_COMMISSION, minor } from './narrator-example';

export interface ExtraEarning {
	platform: string;
	currency: string;
	month: string;
	stream: string;
	amountMinor: number;
}

export function seedNarrator(db: DB, name = 'Narrator', extra: ExtraEarning[] = []): { workspaceId: number; platformIds: Map<string, number> } {
	const ws = createWorkspace(db, name, 'CNY', null);
	const now = new Date().toISOString();
	const platformIds = new Map<string, number>();
	db.transaction((tx) => {
		for (const p of Object.keys(NARRATOR_INCOME)) {
			platformIds.set(p, ensurePlatform(tx, ws.id, { name: p, currency: 'CNY', contract: p === 'Ximalaya' }));
		}
		for (const e of extra) {
			if (!platformIds.has(e.platform)) platformIds.set(e.platform, ensurePlatform(tx, ws.id, { name: e.platform, currency: e.currency }));
		}
		const insert = db.$client.prepare(
			`INSERT INTO earnings (workspace_id, platform_id, stream, month, gross_minor, net_minor, currency, fingerprint, source, created_at)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'manual', ?)`
		);
		let n = 0;
		const add = (platform: string, stream: string, month: string, amount: number, currency = 'CNY') =>
			insert.run(ws.id, platformIds.get(platform), stream, month, amount, amount, currency, `${name}-${n++}`, now);
		for (const [p, values] of Object.entries(NARRATOR_INCOME)) {
			values.forEach((v, t) => {
				const month = NARRATOR_MONTHS[t];
				if (p === 'Ximalaya') {
					const commission = NARRATOR_XIMALAYA_COMMISSION[month] ?? 0;
					add(p, 'narration_fee', month, minor(v - commission));
					if (commission) add(p, 'commission', month, minor(commission));
				} else {
					// two rows a month, so the roll-up really sums
					const half = Math.floor(minor(v) / 2);
					add(p, 'ads', month, half);
					add(p, 'ads', month, minor(v) - half);
				}
			});
		}
		for (const e of extra) add(e.platform, e.stream, e.month, e.amountMinor, e.currency);
		refreshRollup(tx, ws.id);
	});
	return { workspaceId: ws.id, platformIds };
}
