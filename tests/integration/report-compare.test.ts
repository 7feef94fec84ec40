/**
 * The compare page's data on real SQLite, for domain.md's narrator: nets equal the metrics' platform
 * totals, hours entered per month give hourly rates, finished hours of works stand in for narration,
 * and the what-if runs on those rates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../src/lib/server/db/client';
import { computeDashboard } from '../../src/lib/server/metrics/index';
import { computeCompare, setPlatformHours } from '../../src/lib/server/report/index';
import { whatIfMoveHours } from '../../src/lib/domain/compare';
import { seedNarrator } from '../factories/narrator-db';
import { NARRATOR_EXPECTED as E, minor } from '../factories/narrator-example';

let db: DB;
let workspaceId: number;

beforeAll(() => {
	db = openDatabase(':memory:');
	({ workspaceId } = seedNarrator(db, 'Narrator'));
	seedNarrator(db, 'Other');
});
afterAll(() => db.$client.close());

describe('computeCompare', () => {
	it('nets are the metrics platform totals; CV per platform from its own series', () => {
		const c = computeCompare(db, workspaceId, { from: '2025-01', to: '2025-12' });
		const d = computeDashboard(db, workspaceId, { from: '2025-01', to: '2025-12' });
		expect(c.rows.map((r) => [r.platform, r.netMinor])).toEqual(Object.entries(E.platformTotals).map(([k, v]) => [k, minor(v)]));
		expect(c.rows.map((r) => r.netMinor)).toEqual(d.accrual.platformTotals.map((p) => p.totalMinor));
		expect(c.rows[0].share).toBeCloseTo(E.top1Share, 6);
		expect(c.series.Ximalaya).toEqual(d.accrual.byMonth.map((m) => m.byPlatform.Ximalaya));
		// Ximalaya: commissions (Apr 3,000, Jul 4,500, Oct 2,050) are the contingent part.
		expect(c.rows[0].contingentShare).toBeCloseTo(9_550 / 90_325, 9);
		expect(c.rows[1].contingentShare).toBe(1); // Douyin: ads
	});

	it.each([
		[{ platform: 'Douyin', month: '2025-03', hours: '12.5' }, { ok: true, hoursCenti: 1250 }],
		[{ platform: 'Douyin', month: '2025-04', hours: '7.5' }, { ok: true, hoursCenti: 750 }],
		[{ platform: 'Bilibili', month: '2025-03', hours: '10' }, { ok: true, hoursCenti: 1000 }],
		[{ platform: 'Nope', month: '2025-03', hours: '1' }, { ok: false, problem: 'no_platform' }],
		[{ platform: 'Douyin', month: '2025-3', hours: '1' }, { ok: false, problem: 'bad_month' }],
		[{ platform: 'Douyin', month: '2025-03', hours: '-1' }, { ok: false, problem: 'bad_hours' }],
		[{ platform: 'Douyin', month: '2025-03', hours: '800' }, { ok: false, problem: 'bad_hours' }],
		[{ platform: 'Douyin', month: '2025-03', hours: 'ten' }, { ok: false, problem: 'bad_hours' }]
	])('setPlatformHours(%j) → %j', (input, expected) => {
		expect(setPlatformHours(db, workspaceId, input)).toEqual(expected);
	});

	it('hours give hourly rates; entering a month again replaces it; 0 removes it', () => {
		setPlatformHours(db, workspaceId, { platform: 'Douyin', month: '2025-04', hours: '17.5' }); // replaces 7.5
		const c = computeCompare(db, workspaceId, { from: '2025-01', to: '2025-12' });
		const douyin = c.rows.find((r) => r.platform === 'Douyin')!;
		expect([douyin.hoursCenti, douyin.hoursSource]).toEqual([3000, 'logged']);
		expect(douyin.hourlyMinor).toBe(Math.round(minor(6_350) / 30));
		const other = computeCompare(db, (db.$client.prepare(`SELECT id FROM workspaces WHERE name = 'Other'`).get() as { id: number }).id, { from: '2025-01', to: '2025-12' });
		expect(other.rows.every((r) => r.hoursCenti === null)).toBe(true);
		const r = whatIfMoveHours({ from: c.rows.find((x) => x.platform === 'Bilibili')!, to: douyin, moveBps: 5000 });
		// Bilibili: 2,200 over 10 h; moving 5 h loses 1,100 and gains 5 × (6,350 / 30).
		expect(r).toMatchObject({ ok: true, movedHoursCenti: 500, lostMinor: 110_000, gainedMinor: Math.round((minor(6_350) * 5) / 30) });
		setPlatformHours(db, workspaceId, { platform: 'Bilibili', month: '2025-03', hours: '0' });
		expect(computeCompare(db, workspaceId, { from: '2025-01', to: '2025-12' }).rows.find((x) => x.platform === 'Bilibili')!.hoursCenti).toBeNull();
	});

	it('narration without logged hours uses the finished hours of works completed in the window', () => {
		const x = db.$client.prepare(`SELECT id FROM platforms WHERE workspace_id = ? AND name = 'Ximalaya'`).get(workspaceId) as { id: number };
		const ins = db.$client.prepare(
			`INSERT INTO works (workspace_id, platform_id, title, currency, finished_hours_centi, completed_on, plays, created_at) VALUES (?, ?, ?, 'CNY', ?, ?, ?, '2025-01-01')`
		);
		ins.run(workspaceId, x.id, 'In the window', 750, '2025-03-14', 180_000);
		ins.run(workspaceId, x.id, 'Before it', 800, '2024-12-20', 90_000);
		const c = computeCompare(db, workspaceId, { from: '2025-01', to: '2025-12' });
		const xi = c.rows.find((r) => r.platform === 'Ximalaya')!;
		expect([xi.hoursCenti, xi.hoursSource]).toEqual([750, 'finished']);
		expect(xi.hourlyMinor).toBe(Math.round((minor(90_325) * 100) / 750));
		// No earning is linked to a work in this workspace: no per-work or per-play figure.
		expect([xi.workCount, xi.perWorkMinor, xi.perThousandPlaysMinor]).toEqual([0, undefined, undefined]);
	});
});
