/**
 * Edits from the platforms, works and deals pages on real SQLite: form fields parsed to minor units and
 * basis points with problems as values, changes scoped to the workspace, and computed earnings (with
 * the roll-up) rebuilt in the same transaction.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { openDatabase, type DB } from '../../src/lib/server/db/client';
import { createWorkspace } from '../../src/lib/server/db/queries/workspaces';
import { ensurePlatform } from '../../src/lib/server/db/queries/platforms';
import { earnings, monthlyRollup, payoutRules } from '../../src/lib/server/db/schema/index';
import {
	addCommissionRule,
	addPayoutRuleVersion,
	applyPayoutChoice,
	addWorks,
	createPlatform,
	deleteWork,
	saveDeal,
	saveWork,
	setDealStatus
} from '../../src/lib/server/payouts/edit';
import { parseCommissionRule, parseDeal, parsePayoutRule, parseWork } from '../../src/lib/server/payouts/forms';
import { worksPageData, dealsPageData, platformsPageData } from '../../src/lib/server/payouts/pages';
import { workspaceExpectedPayouts, workspaceReceivables, workspaceReconciliation } from '../../src/lib/server/payouts/cash';
import { parseWorksCsv } from '../../src/lib/domain/works-csv';

const form = (fields: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.set(k, v);
	return f;
};

let db: DB;
let ws: number;
let other: number;
let ximalaya: number;
let othersPlatform: number;
beforeEach(() => {
	db = openDatabase(':memory:');
	ws = createWorkspace(db, 'Narrator', 'CNY', null).id;
	other = createWorkspace(db, 'Other', 'CNY', null).id;
	ximalaya = ensurePlatform(db, ws, { name: 'Ximalaya', currency: 'CNY', presetId: 'ximalaya_settlement' });
	othersPlatform = ensurePlatform(db, other, { name: 'Theirs', currency: 'CNY' });
});

const computed = () =>
	db
		.select({ stream: earnings.stream, month: earnings.month, gross: earnings.grossMinor })
		.from(earnings)
		.where(and(eq(earnings.workspaceId, ws), eq(earnings.source, 'computed')))
		.orderBy(earnings.month, earnings.stream)
		.all();

describe('forms', () => {
	it('parses a work: hours ×100, money in minor units, completion percent in basis points', () => {
		const r = parseWork(
			form({ platformId: String(ximalaya), title: 'Salt', finishedHours: '7.5', ratePerFinishedHour: '85', completedOn: '2025-03-14', plays: '61000', completionPercent: '43', revenue: '12,000' }),
			(id) => (id === ximalaya ? 'CNY' : undefined)
		);
		expect(r).toEqual({
			ok: true,
			value: { platformId: ximalaya, title: 'Salt', finishedHoursCenti: 750, rateMinor: 8500, completedOn: '2025-03-14', plays: 61000, completionBps: 4300, revenueMinor: 1_200_000 }
		});
	});

	it.each([
		[{ finishedHours: '-2' }, 'finishedHours', 'negative'],
		[{ completedOn: '2025-02-30' }, 'completedOn', 'bad_date'],
		[{ completionPercent: '120' }, 'completionPercent', 'out_of_range'],
		[{ plays: 'many' }, 'plays', 'bad_number'],
		[{ title: '' }, 'title', 'required'],
		[{ platformId: '999999' }, 'platformId', 'not_found']
	])('work problem %o', (override, field, problem) => {
		const r = parseWork(form({ platformId: String(ximalaya), title: 'T', ...override }), (id) => (id === ximalaya ? 'CNY' : undefined));
		expect(r).toEqual({ ok: false, problems: [{ field, problem }] });
	});

	it('parses a monthly rule with a threshold, and a net-days rule', () => {
		expect(parsePayoutRule(form({ effectiveFrom: '2025-01-01', mode: 'monthly', availableAfterMonths: '1', payoutDay: '21', payoutMonths: 'all', threshold: '100' }), 'USD')).toEqual({
			ok: true,
			value: { effectiveFrom: '2025-01-01', netDays: null, availableAfterMonths: 1, payoutDay: 21, secondPayoutDay: null, payoutMonths: 'all', thresholdMinor: 10_000 }
		});
		const net = parsePayoutRule(form({ effectiveFrom: '2025-01-01', mode: 'net', netDays: '45', payoutDay: 'ignored' }), 'CNY');
		expect(net.ok && net.value.netDays).toBe(45);
		expect(parsePayoutRule(form({ effectiveFrom: '2025-01-01', mode: 'monthly', availableAfterMonths: '1', payoutDay: '32' }), 'CNY')).toEqual({
			ok: false,
			problems: [{ field: 'payoutDay', problem: 'out_of_range' }]
		});
	});

	it('parses a deal with milestones in percent', () => {
		const r = parseDeal(form({ counterparty: 'Acme', amount: '8000', currency: 'CNY', netDays: '30', status: 'agreed', milestones: '30 2025-04-01 script\n70% 2025-05-01' }));
		expect(r.ok && r.value.milestones).toEqual([
			{ shareBps: 3000, dueOn: '2025-04-01', description: 'script' },
			{ shareBps: 7000, dueOn: '2025-05-01', description: null }
		]);
		expect(parseDeal(form({ counterparty: 'Acme', amount: '8000', currency: 'CNY', milestones: '30 2025-04-01' }))).toEqual({ ok: false, problems: [{ field: 'milestones', problem: 'shares' }] });
		expect(parseDeal(form({ counterparty: 'Acme', amount: '8000', currency: 'CNY', status: 'paid' }))).toEqual({ ok: false, problems: [{ field: 'paidOn', problem: 'required' }] });
	});

	it('parses a commission rule in percent', () => {
		expect(parseCommissionRule(form({ platformId: String(ximalaya), ratePercent: '15', minPlays: '50000', minCompletionPercent: '40' }))).toEqual({
			ok: true,
			value: { platformId: ximalaya, rateBps: 1500, minPlays: 50000, minCompletionBps: 4000, effectiveFrom: '1970-01-01' }
		});
	});
});

describe('edits', () => {
	it('a platform from the Ximalaya preset starts with "every other month"; choosing "month after next" from a date adds a version', () => {
		expect(db.select().from(payoutRules).where(eq(payoutRules.platformId, ximalaya)).all()).toMatchObject([{ payoutMonths: 'even', payoutDay: 10, availableAfterMonths: 1 }]);
		// "Every other month" waits 1 or 2 months depending on the month earned, whatever today's month is.
		expect(platformsPageData(db, ws, '2025-06-01').platforms[0].typicalDelay).toBe('1–2');
		expect(platformsPageData(db, ws, '2025-07-01').platforms[0].typicalDelay).toBe('1–2');
		expect(applyPayoutChoice(db, ws, ximalaya, 'ximalaya_after_next', '2025-07-01')).toBe(true);
		const page = platformsPageData(db, ws, '2025-08-01');
		expect(page.platforms[0].rules.map((r) => [r.effectiveFrom, r.payoutMonths, r.availableAfterMonths, r.isCurrent])).toEqual([
			['1970-01-01', 'even', 1, false],
			['2025-07-01', 'all', 2, true]
		]);
		expect(page.platforms[0].restricted).toBe(false);
		expect(page.platforms[0].rules[0].explanation.map((p) => p.key)).toEqual(['payouts_rule_monthly', 'payouts_rule_months_even', 'payouts_rule_no_threshold']);
		expect(applyPayoutChoice(db, other, ximalaya, 'ximalaya_after_next', '2025-07-01')).toBe(false);
	});

	it('works, commission rules and deals feed computed earnings and the roll-up; other workspaces are out of reach', () => {
		const work = { platformId: ximalaya, title: 'Salt', finishedHoursCenti: 800, rateMinor: 8500, completedOn: '2025-01-10', plays: 61_000, completionBps: 4300, revenueMinor: 1_200_000 };
		expect(saveWork(db, ws, null, work)).toBe(true);
		expect(computed()).toEqual([{ stream: 'narration_fee', month: '2025-01', gross: 68_000 }]);
		expect(addCommissionRule(db, ws, { platformId: ximalaya, rateBps: 1500, minPlays: 50_000, minCompletionBps: 4000, effectiveFrom: '1970-01-01' })).toBe(true);
		expect(computed()).toEqual([
			{ stream: 'narration_fee', month: '2025-01', gross: 68_000 },
			{ stream: 'commission', month: '2025-06', gross: 180_000 }
		]);
		const page = worksPageData(db, ws);
		expect(page.works[0].commission).toMatchObject({ status: 'earned', amountMinor: 180_000, earnedOn: '2025-06-30' });
		expect(page.commissionRules[0].passRate).toEqual({ passed: 1, evaluated: 1, shareBps: 10_000 });

		const id = page.works[0].id;
		expect(saveWork(db, ws, id, { ...work, completionBps: 3900 })).toBe(true);
		expect(worksPageData(db, ws).works[0].commission?.explanation).toEqual([{ key: 'payouts_gate_completion_failed', params: { actual: 39, required: 40 } }]);
		expect(computed()).toEqual([{ stream: 'narration_fee', month: '2025-01', gross: 68_000 }]);
		expect(db.select().from(monthlyRollup).where(and(eq(monthlyRollup.workspaceId, ws), eq(monthlyRollup.month, '2025-06'))).all()).toEqual([]);

		// another workspace's platform or work: not found, nothing written
		expect(saveWork(db, other, id, work)).toBe(false);
		expect(saveWork(db, ws, null, { ...work, platformId: othersPlatform })).toBe(false);
		expect(deleteWork(db, other, id)).toBe(false);

		expect(saveDeal(db, ws, null, { platformId: null, counterparty: 'Acme Tea', title: null, amountMinor: 800_000, currency: 'CNY', agreedOn: null, invoicedOn: '2025-05-02', netDays: 45, status: 'invoiced', paidOn: null, milestones: [] })).toBe(true);
		const deals = dealsPageData(db, ws, '2025-07-01').deals;
		expect(deals).toMatchObject([{ counterparty: 'Acme Tea', platform: 'Acme Tea', overdue: { overdue: true, reason: 'payment', days: 15 } }]);
		expect(workspaceExpectedPayouts(db, ws).payouts.map((p) => [p.platform, p.date])).toEqual([
			['Ximalaya', '2025-02-10'],
			['Acme Tea', '2025-06-16']
		]);
		expect(setDealStatus(db, ws, deals[0].id, 'paid', '2025-06-20')).toBe(true);
		expect(dealsPageData(db, ws, '2025-07-01').deals[0].overdue.overdue).toBe(false);
		// paid: the net amount (8,000 less 1,280 withheld) counts as received, matched to the expected payout
		expect(workspaceReconciliation(db, ws, '2025-07-01').filter((r) => r.platform === 'Acme Tea').map((r) => [r.status, r.received?.amountMinor])).toEqual([['matched', 672_000]]);
		expect(workspaceReceivables(db, ws, '2025-07-01').rows.filter((r) => r.platform === 'Acme Tea')).toEqual([]);
		expect(setDealStatus(db, other, deals[0].id, 'agreed', null)).toBe('not_found');
	});

	it('a new platform can start from a known rule; names are unique', () => {
		expect(createPlatform(db, ws, { name: 'YouTube', currency: 'USD', defaultStream: 'ads', choiceId: 'adsense' })).toMatchObject({ ok: true });
		expect(createPlatform(db, ws, { name: 'YouTube', currency: 'USD', defaultStream: 'ads', choiceId: null })).toEqual({ ok: false, problem: 'exists' });
		const yt = platformsPageData(db, ws, '2025-01-01').platforms.find((p) => p.name === 'YouTube')!;
		expect(yt.rules).toMatchObject([{ payoutDay: 21, thresholdMinor: 10_000, threshold: '100.00' }]);
		expect(yt.restricted).toBe(true);
		expect(addPayoutRuleVersion(db, ws, yt.id, { effectiveFrom: '1970-01-01', netDays: 2, availableAfterMonths: 1, payoutDay: 1, secondPayoutDay: null, payoutMonths: 'all', thresholdMinor: 0 })).toBe(true);
		expect(platformsPageData(db, ws, '2025-01-01').platforms.find((p) => p.name === 'YouTube')!.rules).toMatchObject([{ netDays: 2 }]);
	});

	it('works imported from CSV are added in one go and earn their fees', () => {
		const parsed = parseWorksCsv('platform,title,finishedHours,ratePerFinishedHour,completedOn\nXimalaya,A,8,85,2025-01-10\nXimalaya,B,7.5,85,2025-03-01\n', [{ name: 'Ximalaya', currency: 'CNY' }]);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
		expect(addWorks(db, ws, parsed.works)).toBe(2);
		expect(computed()).toEqual([
			{ stream: 'narration_fee', month: '2025-01', gross: 68_000 },
			{ stream: 'narration_fee', month: '2025-03', gross: 63_750 }
		]);
		expect(() => addWorks(db, other, parsed.works)).toThrow(/unknown platform/);
		expect(worksPageData(db, other).works).toEqual([]);
	});
});
