/**
 * A workspace for the report tests: the generated sample narrator (24 months to Dec 2025), plus one
 * imported statement with hostile text in every text field (a formula-injection and HTML-injection
 * probe), a refund, and a USD platform with an FX rate for one month only.
 */
import type { DB } from '../../src/lib/server/db/client';
import { createWorkspace } from '../../src/lib/server/db/queries/workspaces';
import { ensurePlatform } from '../../src/lib/server/db/queries/platforms';
import { refreshRollup } from '../../src/lib/server/db/rollup';
import { loadSampleWorkspace } from '../../src/lib/server/sample';

export const HOSTILE = {
	workspace: 'Demo <script>alert(1)</script> & "Co"',
	fileName: '=HYPERLINK("http://evil.example","x").csv',
	platform: '@Patreon+',
	work: '-2+3+cmd|\' /C calc\'!A0',
	counterparty: '+86 138 0000 0000',
	description: '=1+1',
	description2: '\t=cmd',
	externalId: '@SUM(A1:A9)'
};

export function seedReportWorkspace(db: DB, name = HOSTILE.workspace): { workspaceId: number } {
	const ws = createWorkspace(db, name, 'CNY', null);
	loadSampleWorkspace(db, ws.id, { today: '2026-01-15' });
	const now = '2026-01-10T08:00:00.000Z';
	db.transaction((tx) => {
		const pid = ensurePlatform(tx, ws.id, { name: HOSTILE.platform, currency: 'USD' });
		const batch = db.$client
			.prepare(
				`INSERT INTO import_batches (workspace_id, number, file_name, file_size, sha256, preset_id, platform_id, encoding, created_at)
				 VALUES (?, 1, ?, 123, ?, 'generic', ?, 'utf-8', ?) RETURNING id`
			)
			.get(ws.id, HOSTILE.fileName, 'ab'.repeat(32), pid, now) as { id: number };
		// As an import leaves it: the batch is the workspace's first, and its counter says so.
		db.$client.prepare('UPDATE workspaces SET batches_numbered = 1 WHERE id = ?').run(ws.id);
		const work = db.$client
			.prepare(`INSERT INTO works (workspace_id, platform_id, title, currency, created_at) VALUES (?, ?, ?, 'USD', ?) RETURNING id`)
			.get(ws.id, pid, HOSTILE.work, now) as { id: number };
		const ins = db.$client.prepare(
			`INSERT INTO earnings (workspace_id, batch_id, platform_id, stream, earned_on, month, work_id, counterparty, description,
			  gross_minor, fee_minor, tax_minor, net_minor, currency, external_id, fingerprint, source, created_at)
			 VALUES (?, ?, ?, 'subscription', ?, ?, ?, ?, ?, ?, ?, 0, ?, 'USD', ?, ?, 'import', ?)`
		);
		ins.run(ws.id, batch.id, pid, '2025-03-05', '2025-03', work.id, HOSTILE.counterparty, HOSTILE.description, 10_000, 800, 9_200, HOSTILE.externalId, 'h1', now);
		ins.run(ws.id, batch.id, pid, '2025-03-20', '2025-03', work.id, HOSTILE.counterparty, HOSTILE.description2, -1_250, 0, -1_250, null, 'h2', now);
		ins.run(ws.id, batch.id, pid, '2025-05-02', '2025-05', null, null, 'May, no rate', 5_000, 400, 4_600, null, 'h3', now);
		db.$client.prepare(`INSERT INTO fx_rates (workspace_id, month, currency, rate) VALUES (?, '2025-03', 'USD', '7.1')`).run(ws.id);
		refreshRollup(tx, ws.id);
	});
	return { workspaceId: ws.id };
}
