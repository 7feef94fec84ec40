/**
 * A work's plays and completion from the imported statements (work-statements.ts): a real statement
 * file with a work column imported into a real database, works and a commission rule set up with the
 * app's own edits, then the works page's figures and the "use the statements" action.
 */
import { describe, expect, it } from 'vitest';
import { commitImport } from '../../src/lib/server/import/commit';
import { platformIdByName } from '../../src/lib/server/db/queries/platforms';
import { createWorkspace } from '../../src/lib/server/db/queries/workspaces';
import { addCommissionRule, saveWork, useStatementFigures, type WorkInput } from '../../src/lib/server/payouts/edit';
import { worksPageData } from '../../src/lib/server/payouts/pages';
import { loadStatementMeasures, statementMeasuresQuery } from '../../src/lib/server/payouts/load';
import { analyseFile, freshWorkspace } from './import-support';

const NARRATOR_OPTIONS = {
	map: { date: '结算日期', work: '作品', plays: '播放量', completionRate: '完播率', hours: '录制时长', gross: '收入(元)' },
	dateFormat: 'YYYY-MM-DD',
	currency: 'CNY',
	platform: 'Ximalaya',
	stream: 'commission'
} as const;

function freshWorkspaceIn(db: ReturnType<typeof freshWorkspace>['db']): number {
	return createWorkspace(db, 'Second', 'CNY', null).id;
}

function byTitleIn(db: ReturnType<typeof freshWorkspace>['db'], workspaceId: number, title: string) {
	return worksPageData(db, workspaceId).works.find((w) => w.title === title);
}

async function narratorWorkspace() {
	const { db, workspaceId } = freshWorkspace();
	commitImport(db, workspaceId, null, await analyseFile('handmade/narrator_measures.csv', { ...NARRATOR_OPTIONS, map: { ...NARRATOR_OPTIONS.map } }));
	const platformId = platformIdByName(db, workspaceId, 'Ximalaya')!;
	const work = (title: string, completedOn: string | null): WorkInput => ({
		platformId,
		title,
		finishedHoursCenti: 800,
		rateMinor: 8500,
		completedOn,
		plays: null,
		completionBps: null,
		revenueMinor: 1_200_000
	});
	// Statement lines are dated 2025-03-31: inside the windows of works completed 2024-12-31 to 2025-03-31.
	for (const w of [work('《盐的档案》', '2025-03-14'), work('夜航船', '2025-02-01'), work('山中来信', '2025-03-01'), work('盐的档案', '2024-10-01')])
		expect(saveWork(db, workspaceId, null, w)).toBe(true);
	expect(addCommissionRule(db, workspaceId, { platformId, rateBps: 1500, minPlays: 50_000, minCompletionBps: 4000, effectiveFrom: '2024-01-01' })).toBe(true);
	const byTitle = (t: string, completedOn: string) =>
		worksPageData(db, workspaceId).works.find((w) => w.title === t && w.completedOn === completedOn)!;
	return { db, workspaceId, byTitle };
}

describe('works take plays and completion from imported statements', () => {
	it('the works page shows each work its own statement lines in its evaluation window', async () => {
		const { byTitle } = await narratorWorkspace();
		expect(byTitle('《盐的档案》', '2025-03-14').statements).toEqual({
			lines: 1,
			plays: 180_000,
			completionBps: 4200,
			window: { from: '2025-03-14', to: '2025-06-12' },
			differs: true
		});
		expect(byTitle('夜航船', '2025-02-01').statements).toMatchObject({ plays: 12_000, completionBps: 3900 });
		// 山中来信's line gives money but no plays or rate; the older 盐的档案's window ended in December.
		expect(byTitle('山中来信', '2025-03-01').statements).toBeNull();
		expect(byTitle('盐的档案', '2024-10-01').statements).toBeNull();
		// Without the figures the commission waits for them.
		expect(byTitle('《盐的档案》', '2025-03-14').commission?.status).toBe('pending');
	});

	it('using them sets the figures and the commission follows: 15% of 12,000 once both gates pass, a zero with its reason otherwise', async () => {
		const { db, workspaceId, byTitle } = await narratorWorkspace();
		const salt = byTitle('《盐的档案》', '2025-03-14');
		expect(useStatementFigures(db, workspaceId, salt.id)).toBe('saved');
		const after = byTitle('《盐的档案》', '2025-03-14');
		expect([after.plays, after.completionBps, after.statements?.differs]).toEqual([180_000, 4200, false]);
		expect(after.commission).toMatchObject({ status: 'earned', amountMinor: 180_000 });
		const computed = db.$client.prepare("SELECT SUM(gross_minor) AS n FROM earnings WHERE workspace_id = ? AND source = 'computed' AND stream = 'commission'").get(workspaceId) as { n: number };
		expect(computed.n).toBe(180_000);

		const night = byTitle('夜航船', '2025-02-01');
		expect(useStatementFigures(db, workspaceId, night.id)).toBe('saved');
		expect(byTitle('夜航船', '2025-02-01').commission).toMatchObject({ status: 'gated', amountMinor: 0 });
	});

	it('a work the statements do not name is left alone, and another workspace cannot touch the work', async () => {
		const { db, workspaceId, byTitle } = await narratorWorkspace();
		const letters = byTitle('山中来信', '2025-03-01');
		expect(useStatementFigures(db, workspaceId, letters.id)).toBe('no_figures');
		expect(byTitle('山中来信', '2025-03-01').plays).toBeNull();

		const salt = byTitle('《盐的档案》', '2025-03-14');
		const other = createWorkspace(db, 'Other', 'CNY', null);
		expect(useStatementFigures(db, other.id, salt.id)).toBe('not_found');
		expect(byTitle('《盐的档案》', '2025-03-14').plays).toBeNull();
	});

	it("reads only the workspace's own measured lines, through the partial index (never the whole ledger)", async () => {
		const a = await narratorWorkspace();
		// A second workspace in the same database with the same statement: none of its lines reach A.
		const b = freshWorkspaceIn(a.db);
		commitImport(a.db, b, null, await analyseFile('handmade/narrator_measures.csv', { ...NARRATOR_OPTIONS, map: { ...NARRATOR_OPTIONS.map } }));
		const platformA = platformIdByName(a.db, a.workspaceId, 'Ximalaya')!;
		const lines = loadStatementMeasures(a.db, a.workspaceId, [platformA], { from: '2025-01', to: '2025-12' });
		// The file's four lines, less 山中来信 (money only): 3 measured lines, all A's.
		expect(lines.map((l) => l.description).sort()).toEqual(['坏行', '夜航船', '盐的档案']);
		expect(lines.every((l) => l.platformId === platformA)).toBe(true);
		expect(byTitleIn(a.db, b, '盐的档案')).toBeUndefined();

		// The query the works page runs, as drizzle writes it: SQLite answers it from the partial index.
		const query = statementMeasuresQuery(a.db, a.workspaceId, [platformA], { from: '2025-01', to: '2025-12' }).toSQL();
		const plan = a.db.$client.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.params as unknown[])) as { detail: string }[];
		expect(plan.map((p) => p.detail).join(' ')).toContain('earnings_ws_measured_idx');
	});

	it("a statement that splits an album's month by income type: stored as 'title · type', counted once per month", async () => {
		const { db, workspaceId } = freshWorkspace();
		const plan = await analyseFile('handmade/narrator_income_types.csv', {
			map: { month: '结算月份', work: '作品', description: '收入类型', plays: '播放量', completionRate: '完播率', gross: '收入(元)' },
			currency: 'CNY',
			platform: 'Ximalaya',
			stream: 'commission'
		});
		expect(plan.counts).toMatchObject({ income: 3, errors: 0 });
		commitImport(db, workspaceId, null, plan);
		const stored = db.$client.prepare('SELECT description FROM earnings WHERE workspace_id = ? ORDER BY id').pluck().all(workspaceId);
		expect(stored).toEqual(['盐的档案 · 打赏', '盐的档案 · 广告分成', '盐的档案 · 打赏']);
		const platformId = platformIdByName(db, workspaceId, 'Ximalaya')!;
		expect(saveWork(db, workspaceId, null, { platformId, title: '盐的档案', finishedHoursCenti: null, rateMinor: null, completedOn: '2025-03-14', plays: null, completionBps: null, revenueMinor: null })).toBe(true);
		// April's 10,000 plays once, not twice; completion (41% × 10,000 + 38% × 5,000) / 15,000 = exactly 40%.
		expect(byTitleIn(db, workspaceId, '盐的档案')?.statements).toMatchObject({ lines: 3, plays: 15_000, completionBps: 4000 });
	});
});
