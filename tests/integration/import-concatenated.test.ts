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
		['patreon_earnings.csv', ' ']
	])('%s with its header again halfway (prefix %j) reads as the file itself', async (name, prefix) => {
		const whole = await analyseFile(name);
		expect(whole.ok).toBe(true);
		const { header, rows } = parts(name);
		const half = Math.floor(rows.length / 2);
		const repeated = prefix === ' ' ? header.split(',').map((h) => ` ${h} `).join(',') : prefix + header;
		const joined = [header, ...rows.slice(0, half), repeated, ...rows.slice(half)].join('\n') + '\n';
		const plan = await analyseStatement(bytesSource(name, new TextEncoder().encode(joined)), {});
		expect(plan.fatal).toBeUndefined();
		expect(plan.preset?.id).toBe(whole.preset?.id);
		expect(plan.counts).toEqual({ ...whole.counts, read: whole.counts.read + 1, ignored: whole.counts.ignored + 1 });
		expect(plan.counts.errors).toBe(0);
		expect(plan.totals).toEqual(whole.totals);
		expect(plan.ignoredReasons).toContainEqual({ reason: 'repeated_header', count: 1 });
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
