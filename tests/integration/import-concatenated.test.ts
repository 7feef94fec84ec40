/**
 * Statements pasted one after another (`cat jan.csv feb.csv > q1.csv`, or two downloads joined in
 * a spreadsheet) carry the header row again in the middle. That row is not an error: it is
 * ignored with its own reason, and the file gives the same ledger rows as the parts did.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseStatement, bytesSource } from '../../src/lib/server/import/pipeline';
import { analyseFile, fixture } from './import-support';

/** A fixture's header and data lines (files without quoted line breaks). */
function parts(name: string): { header: string; rows: string[] } {
	const lines = fs.readFileSync(fixture(name), 'utf8').split(/\r?\n/).filter((l) => l !== '');
	return { header: lines[0], rows: lines.slice(1) };
}

describe('statements pasted one after another', () => {
	it.each([
		['gumroad_sales.csv', ''],
		['patreon_earnings.csv', ''],
		// Joined byte for byte: the second file's byte order mark sits before its header.
		['gumroad_sales.csv', '\uFEFF'],
		// Re-saved by a spreadsheet: padded header cells.
		['patreon_earnings.csv', ' '],
		// … or with the spaces inside the names doubled (the first one included).
		['gumroad_sales.csv', 'spaced'],
		['patreon_earnings.csv', 'spaced'],
		// … or header names in capitals.
		['gumroad_sales.csv', 'upper'],
		['patreon_earnings.csv', 'upper']
	])('%s with its header again halfway (prefix %j) reads as the file itself', async (name, prefix) => {
		const whole = await analyseFile(name);
		expect(whole.ok).toBe(true);
		const { header, rows } = parts(name);
		const half = Math.floor(rows.length / 2);
		const repeated =
			prefix === ' '
				? header.split(',').map((h) => ` ${h} `).join(',')
				: prefix === 'upper'
					? header.toUpperCase()
					: prefix === 'spaced'
						? header.replaceAll(' ', '  ')
						: prefix + header;
		const joined = [header, ...rows.slice(0, half), repeated, ...rows.slice(half)].join('\n') + '\n';
		const plan = await analyseStatement(bytesSource(name, new TextEncoder().encode(joined)), {});
		expect(plan.fatal).toBeUndefined();
		expect(plan.preset?.id).toBe(whole.preset?.id);
		expect(plan.counts).toEqual({ ...whole.counts, read: whole.counts.read + 1, ignored: whole.counts.ignored + 1 });
		expect(plan.counts.errors).toBe(0);
		expect(plan.totals).toEqual(whole.totals);
		expect(plan.ignoredReasons).toContainEqual({ reason: 'repeated_header', count: 1 });
	});

	// `cat jan.csv feb.csv` of short months: the second header falls among the first rows, from which
	// the date format and decimal mark are read, and it must not spoil them. PayPal's files start with a
	// byte order mark and quote every cell: joined byte for byte, Papa Parse keeps the second header's
	// first cell as `\uFEFF"Date"`, quotes included.
	it.each(['handmade/kofi_transactions.csv', 'handmade/paypal_activity_eu.csv', 'handmade/wechat_mp_liuliangzhu.csv', 'handmade/adsense_legacy_payments_utf16.tsv'])(
		'%s joined byte for byte to itself reads as twice the file',
		async (name) => {
			const whole = await analyseFile(name);
			expect(whole.ok).toBe(true);
			const bytes = fs.readFileSync(fixture(name));
			const plan = await analyseStatement(bytesSource(name, Buffer.concat([bytes, bytes])), {});
			expect(plan.fatal).toBeUndefined();
			expect(plan.dateFormat).toBe(whole.dateFormat);
			expect(plan.counts).toEqual({
				read: 2 * whole.counts.read + 1,
				income: 2 * whole.counts.income,
				payouts: 2 * whole.counts.payouts,
				ignored: 2 * whole.counts.ignored + 1,
				duplicates: 0,
				errors: 0
			});
			expect(plan.ignoredReasons).toContainEqual({ reason: 'repeated_header', count: 1 });
		}
	);

	// KDP's month is a preamble line ("Oct 2025"), not a column: in two months pasted together the
	// second month's line comes just before its header again, and its rows belong to that month.
	it('two KDP months pasted together book each month\'s rows in its own month', async () => {
		const oct = fs.readFileSync(fixture('kdp_total_earnings.csv'), 'utf8');
		expect(oct.startsWith('Oct 2025\n')).toBe(true);
		const nov = oct.replace('Oct 2025', 'Nov 2025');
		const whole = await analyseFile('kdp_total_earnings.csv');
		const plan = await analyseStatement(bytesSource('kdp.csv', new TextEncoder().encode(oct + nov)), { previewLimit: 1000 });
		expect(plan.fatal).toBeUndefined();
		expect(plan.counts).toMatchObject({ income: 2 * whole.counts.income, errors: 0 });
		expect(plan.period).toEqual({ from: '2025-10', to: '2025-11' });
		const months = (from: number, to: number) => plan.preview.filter((r) => r.kind === 'income' && r.line > from && r.line <= to).map((r) => r.month);
		const lines = oct.split('\n').filter((l) => l !== '').length;
		expect(new Set(months(0, lines))).toEqual(new Set(['2025-10']));
		expect(new Set(months(lines, 2 * lines))).toEqual(new Set(['2025-11']));
		// The period the user gives stands for the whole file.
		const given = await analyseStatement(bytesSource('kdp.csv', new TextEncoder().encode(oct + nov)), { period: '2025-12', previewLimit: 1000 });
		expect(new Set(given.preview.filter((r) => r.kind === 'income').map((r) => r.month))).toEqual(new Set(['2025-12']));
	});

	it('still reports a data row that only starts like the header', async () => {
		const { header, rows } = parts('gumroad_sales.csv');
		const first = header.split(',')[0];
		const joined = [header, rows[0], `${first},${rows[1].split(',').slice(1).join(',')}`].join('\n') + '\n';
		const plan = await analyseStatement(bytesSource('gumroad.csv', new TextEncoder().encode(joined)), {});
		expect(plan.ignoredReasons.find((r) => r.reason === 'repeated_header')).toBeUndefined();
		expect(plan.counts.read).toBe(2);
	});
});
