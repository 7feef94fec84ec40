import { describe, expect, it } from 'vitest';
import { parseWorksCsv } from './works-csv';

const platforms = [
	{ name: 'Ximalaya', currency: 'CNY' },
	{ name: 'ACX', currency: 'USD' }
];

describe('parseWorksCsv', () => {
	it('reads works by header name, in any order, with percent or fraction completion', () => {
		const csv = [
			'Title,Platform,Finished Hours,Rate per finished hour,Completed on,Plays,Completion rate,Revenue',
			'The Salt Archive,Ximalaya,7.5,85,2025-03-14,"180,000",42%,25000',
			'Night Ferry,ACX,8,200.50,2025-01-20,76000,0.31,',
			''
		].join('\r\n');
		const r = parseWorksCsv(csv, platforms);
		expect(r).toEqual({
			ok: true,
			works: [
				{ platform: 'Ximalaya', title: 'The Salt Archive', kind: 'audiobook', currency: 'CNY', finishedHoursCenti: 750, rateMinor: 8500, completedOn: '2025-03-14', plays: 180000, completionBps: 4200, revenueMinor: 2_500_000 },
				{ platform: 'ACX', title: 'Night Ferry', kind: 'audiobook', currency: 'USD', finishedHoursCenti: 800, rateMinor: 20050, completedOn: '2025-01-20', plays: 76000, completionBps: 3100, revenueMinor: null }
			]
		});
	});

	const allowed = 'platform, title, kind, finishedHours, ratePerFinishedHour, completedOn, plays, completionRate, revenue';
	it.each([
		['title,platform\nX,Nowhere', [{ line: 2, field: 'platform', code: 'unknown_platform', message: 'unknown platform "Nowhere" (list it under "platforms")', params: { value: 'Nowhere' } }]],
		['title,platform,finishedHours\nX,Ximalaya,-2', [{ line: 2, field: 'finishedHours', code: 'negative', message: 'negative hours "-2"', params: { what: 'hours', value: '-2' } }]],
		['title,platform,completedOn\nX,Ximalaya,14/03/2025', [{ line: 2, field: 'completedOn', code: 'bad_date', message: 'bad date "14/03/2025" (use YYYY-MM-DD, a real day)', params: { value: '14/03/2025' } }]],
		[
			'title,platform,plays,completionRate\nX,Ximalaya,many,120%',
			[
				{ line: 2, field: 'plays', code: 'bad_value', message: 'must be a whole number, got "many"', params: { check: 'integer', value: '"many"' } },
				// Shown as written (the check saw 1.2000), with the limit in the same unit.
				{ line: 2, field: 'completionRate', code: 'bad_value', message: 'completion rate "120%" is too large', params: { check: 'max', what: 'completion rate', max: '100%', value: '120%' } }
			]
		],
		['title,platform,completionRate\nX,Ximalaya,-5%', [{ line: 2, field: 'completionRate', code: 'negative', message: 'negative completion rate "-5%"', params: { what: 'completion rate', value: '-5%' } }]],
		[
			'title,platform,completionRate\nX,Ximalaya,1.2',
			[{ line: 2, field: 'completionRate', code: 'bad_value', message: 'completion rate "1.2" is too large', params: { check: 'max', what: 'completion rate', max: '1', value: '1.2' } }]
		],
		['title,platform,colour\nX,Ximalaya,red', [{ line: 1, field: 'colour', code: 'unknown_column', message: `unknown column "colour" (use ${allowed})`, params: { value: 'colour', allowed } }]],
		[
			'title,hours\nX,1',
			[
				{ line: 1, field: 'hours', code: 'unknown_column', message: expect.stringContaining('unknown column'), params: { value: 'hours', allowed } },
				{ line: 1, field: 'platform', code: 'missing_column', message: 'the column "platform" is missing', params: { value: 'platform' } }
			]
		],
		['', [{ line: null, field: null, code: 'empty_file', message: 'the file is empty', params: {} }]]
	])('%j → errors by line', (csv, errors) => {
		expect(parseWorksCsv(csv, platforms)).toEqual({ ok: false, errors });
	});
});
