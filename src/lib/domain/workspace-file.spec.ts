import { describe, expect, it } from 'vitest';
import { parseWorkspaceFile, serialiseWorkspaceFile, type WorkspaceSetup } from './workspace-file';

// The document of domain.md §7, verbatim.
const SECTION_7 = `{
  "version": 1,
  "baseCurrency": "CNY",
  "platforms": [
    { "name": "Ximalaya", "currency": "CNY", "contract": true, "socialInsurance": false,
      "payout": { "availableAfterMonths": 1, "payoutDay": 10, "payoutMonths": "even", "threshold": "0" } },
    { "name": "Acme Tea (brand)", "currency": "CNY", "contract": true, "payout": { "netDays": 45 } }
  ],
  "works": [
    { "platform": "Ximalaya", "title": "The Salt Archive", "finishedHours": "7.5", "ratePerFinishedHour": "85",
      "completedOn": "2025-03-14", "plays": 180000, "completionRate": "0.42", "revenue": "25000" }
  ],
  "commissionRules": [
    { "platform": "Ximalaya", "rateBps": 1200, "minPlays": 100000, "minCompletionRate": "0.35" }
  ],
  "deals": [
    { "counterparty": "Acme Tea", "platform": "Acme Tea (brand)", "amount": "8000", "currency": "CNY",
      "invoicedOn": "2025-05-02", "netDays": 45, "status": "invoiced" }
  ]
}`;

function parsed(text: string): WorkspaceSetup {
	const r = parseWorkspaceFile(text);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.value;
}

function withChange(change: (doc: any) => void): string {
	const doc = JSON.parse(SECTION_7);
	change(doc);
	return JSON.stringify(doc);
}

describe('parseWorkspaceFile', () => {
	it('reads the domain.md §7 example into minor units, centi-hours and basis points', () => {
		const s = parsed(SECTION_7);
		expect(s.baseCurrency).toBe('CNY');
		expect(s.platforms[0]).toEqual({
			name: 'Ximalaya',
			currency: 'CNY',
			defaultStream: 'other',
			contract: true,
			socialInsurance: false,
			contingent: null,
			presetId: null,
			payoutRules: [
				{ effectiveFrom: '1970-01-01', netDays: null, availableAfterMonths: 1, payoutDay: 10, secondPayoutDay: null, payoutMonths: 'even', thresholdMinor: 0 }
			]
		});
		expect(s.platforms[1].payoutRules[0].netDays).toBe(45);
		expect(s.works).toEqual([
			{
				platform: 'Ximalaya',
				title: 'The Salt Archive',
				kind: 'audiobook',
				currency: 'CNY',
				finishedHoursCenti: 750,
				rateMinor: 8500,
				completedOn: '2025-03-14',
				plays: 180000,
				completionBps: 4200,
				revenueMinor: 2_500_000
			}
		]);
		expect(s.commissionRules).toEqual([{ platform: 'Ximalaya', rateBps: 1200, minPlays: 100000, minCompletionBps: 3500, effectiveFrom: '1970-01-01' }]);
		expect(s.deals[0]).toMatchObject({ counterparty: 'Acme Tea', platform: 'Acme Tea (brand)', amountMinor: 800_000, netDays: 45, status: 'invoiced', milestones: [] });
	});

	// Each problem: the path, the code, the English message (unchanged) and the params the translated text is built from.
	it.each([
		['unknown platform', (d: any) => (d.works[0].platform = 'Ximalya'), 'works[0].platform', 'unknown_platform', 'unknown platform "Ximalya"', { value: 'Ximalya' }],
		['bad date', (d: any) => (d.works[0].completedOn = '2025-02-30'), 'works[0].completedOn', 'bad_date', 'bad date "2025-02-30"', { value: '2025-02-30' }],
		['date in another format', (d: any) => (d.deals[0].invoicedOn = '02/05/2025'), 'deals[0].invoicedOn', 'bad_date', 'bad date', { value: '02/05/2025' }],
		['negative hours', (d: any) => (d.works[0].finishedHours = '-2'), 'works[0].finishedHours', 'negative', 'negative hours "-2"', { what: 'hours', value: '-2' }],
		['negative amount', (d: any) => (d.deals[0].amount = '-8000'), 'deals[0].amount', 'negative', 'negative amount', { what: 'amount', value: '-8000' }],
		['negative plays', (d: any) => (d.works[0].plays = -3), 'works[0].plays', 'negative', 'plays must be at least 0, got -3', { what: 'plays', value: -3 }],
		['completion above 1', (d: any) => (d.works[0].completionRate = '1.2'), 'works[0].completionRate', 'bad_value', 'too large', { check: 'max', what: 'completion rate', max: '1', value: '1.2' }],
		['a word for money', (d: any) => (d.works[0].revenue = 'lots'), 'works[0].revenue', 'bad_value', 'not a decimal number', { check: 'decimal', what: 'revenue', value: 'lots' }],
		['money beyond a safe integer', (d: any) => (d.works[0].revenue = '99999999999999999'), 'works[0].revenue', 'bad_value', 'amount too large', { check: 'too_large', what: 'revenue', value: '99999999999999999' }],
		['plays a fraction', (d: any) => (d.works[0].plays = 1.5), 'works[0].plays', 'bad_value', 'must be a whole number, got 1.5', { check: 'integer', value: '1.5' }],
		['plays a word', (d: any) => (d.works[0].plays = 'many'), 'works[0].plays', 'bad_value', 'must be a whole number, got "many"', { check: 'integer', value: '"many"' }],
		['payout day 32', (d: any) => (d.platforms[0].payout.payoutDay = 32), 'platforms[0].payout.payoutDay', 'bad_value', 'at most 31', { check: 'max', what: 'payout day', max: 31, value: 32 }],
		['rate above 100%', (d: any) => (d.commissionRules[0].rateBps = 10_001), 'commissionRules[0].rateBps', 'bad_value', 'rate (basis points) must be at most 10000, got 10001', { check: 'max', what: 'rate (basis points)', max: 10_000, value: 10_001 }],
		['milestone share 0', (d: any) => (d.deals[0].milestones = [{ shareBps: 0, dueOn: '2025-05-01' }]), 'deals[0].milestones[0].shareBps', 'bad_value', 'share (basis points) must be at least 1, got 0', { check: 'min', what: 'share (basis points)', min: 1, value: 0 }],
		['payout months', (d: any) => (d.platforms[0].payout.payoutMonths = 'bimonthly'), 'platforms[0].payout.payoutMonths', 'bad_value', '"bimonthly"', { check: 'one_of', value: 'bimonthly', allowed: 'all, even, odd' }],
		['duplicate platform', (d: any) => d.platforms.push({ name: 'Ximalaya', currency: 'CNY' }), 'platforms[2].name', 'duplicate', 'listed twice', { check: 'platform', value: 'Ximalaya' }],
		[
			'two rule versions on one day',
			(d: any) => (d.platforms[0].payout = [{ effectiveFrom: '2025-01-01', payoutDay: 10 }, { effectiveFrom: '2025-01-01', payoutDay: 20 }]),
			'platforms[0].payout',
			'duplicate',
			'two payout rule versions take effect on the same day',
			{ check: 'payout_date', value: '2025-01-01' }
		],
		['bad currency', (d: any) => (d.platforms[1].currency = 'rmb'), 'platforms[1].currency', 'bad_value', 'not a currency code', { check: 'currency', value: 'rmb' }],
		['deal status', (d: any) => (d.deals[0].status = 'done'), 'deals[0].status', 'bad_value', 'agreed, delivered, invoiced, paid', { check: 'one_of', value: 'done', allowed: 'agreed, delivered, invoiced, paid' }],
		['milestones not 100%', (d: any) => (d.deals[0].milestones = [{ shareBps: 5000, dueOn: '2025-05-01' }]), 'deals[0].milestones', 'bad_value', 'add up to 50%', { check: 'shares', total: 50 }],
		['missing title', (d: any) => delete d.works[0].title, 'works[0].title', 'required', 'is required', {}],
		['paid deal without the day', (d: any) => (d.deals[0].status = 'paid'), 'deals[0].paidOn', 'required', 'a paid deal needs the date it was paid', { check: 'paid_deal' }],
		['works not a list', (d: any) => (d.works = { title: 'X' }), 'works', 'bad_type', 'must be a list', { expected: 'list' }],
		['a work not an object', (d: any) => (d.works = ['X']), 'works[0]', 'bad_type', 'must be an object', { expected: 'object' }],
		['title a number', (d: any) => (d.works[0].title = 5), 'works[0].title', 'bad_type', 'must be text', { expected: 'text' }],
		['contract a word', (d: any) => (d.platforms[0].contract = 'yes'), 'platforms[0].contract', 'bad_type', 'must be true or false', { expected: 'boolean' }],
		['hours a boolean', (d: any) => (d.works[0].finishedHours = true), 'works[0].finishedHours', 'bad_type', 'hours must be a decimal string like "12.50"', { expected: 'decimal', what: 'hours' }],
		['version', (d: any) => (d.version = 2), 'version', 'version', 'unsupported version 2', { value: '2', expected: 1 }],
		['no version', (d: any) => delete d.version, 'version', 'version', 'the file version is missing', { check: 'missing', expected: 1 }]
	])('%s', (_n, change, path, code, message, params) => {
		const r = parseWorkspaceFile(withChange(change));
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toHaveLength(1);
		expect(r.errors[0]).toMatchObject({ path, code });
		expect(r.errors[0].message).toContain(message);
		expect(r.errors[0].params).toEqual(params);
	});

	it.each([
		['cut short', '{"version": 1,', { end: 1 }],
		['cut short, trailing blank lines', '{"version": 1, "platforms": [\n\n', { end: 1 }],
		['empty', '', { end: 1 }],
		['a comma missing on line 3', '{\n  "version": 1\n  "baseCurrency": "CNY"}', { line: 3, column: 3 }],
		['after a byte-order mark', '\uFEFF{"version" 1}', { line: 1, column: 12 }],
		['no position given by the engine', '[1,]', {}]
	])('says where a file that is not JSON goes wrong (%s), without the engine\'s English in params', (_n, text, params) => {
		const r = parseWorkspaceFile(text);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toHaveLength(1);
		expect(r.errors[0]).toMatchObject({ path: '', code: 'invalid_json', params });
		expect(Object.keys(r.errors[0].params).sort()).toEqual(Object.keys(params).sort());
		expect(r.errors[0].message).toMatch(/^not valid JSON: /);
	});

	it('reports every problem at once', () => {
		const r = parseWorkspaceFile(
			withChange((d) => {
				d.works[0].platform = 'Nope';
				d.works[0].finishedHours = '-1';
				d.deals[0].invoicedOn = '2025-13-01';
			})
		);
		expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(['works[0].platform', 'works[0].finishedHours', 'deals[0].invoicedOn']);
	});

	it.each([['not json'], ['[]'], ['null']])('rejects %s', (text) => {
		expect(parseWorkspaceFile(text).ok).toBe(false);
	});

	it('accepts rule versions as a list and a UTF-8 BOM', () => {
		const s = parsed(
			'\uFEFF' +
				withChange((d) => {
					d.platforms[0].payout = [
						{ effectiveFrom: '2025-07-01', availableAfterMonths: 2, payoutDay: 10 },
						{ effectiveFrom: '2024-01-01', availableAfterMonths: 1, payoutDay: 10, payoutMonths: 'even' }
					];
				})
		);
		expect(s.platforms[0].payoutRules.map((r) => [r.effectiveFrom, r.availableAfterMonths, r.payoutMonths])).toEqual([
			['2024-01-01', 1, 'even'],
			['2025-07-01', 2, 'all']
		]);
	});
});

describe('serialiseWorkspaceFile', () => {
	it('round-trips: parse(serialise(x)) = x, with money as decimal strings', () => {
		const s = parsed(
			withChange((d) => {
				d.platforms.push({
					name: 'YouTube',
					currency: 'USD',
					contingent: true,
					presetId: 'adsense',
					payout: [
						{ effectiveFrom: '2024-01-01', payoutDay: 21, threshold: '100' },
						{ effectiveFrom: '2025-01-01', payoutDay: 1, secondPayoutDay: 16, availableAfterMonths: 0 }
					]
				});
				d.deals[0].milestones = [
					{ shareBps: 3000, dueOn: '2025-04-01', description: 'script' },
					{ shareBps: 7000, dueOn: '2025-05-01' }
				];
			})
		);
		const text = serialiseWorkspaceFile(s);
		const doc = JSON.parse(text);
		expect(doc.works[0]).toMatchObject({ finishedHours: '7.5', ratePerFinishedHour: '85.00', completionRate: '0.42', revenue: '25000.00' });
		expect(doc.platforms[2].payout[0].threshold).toBe('100.00');
		expect(doc.deals[0].amount).toBe('8000.00');
		expect(parsed(text)).toEqual(s);
	});
});
