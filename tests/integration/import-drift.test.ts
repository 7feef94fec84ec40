/**
 * Schema drift: when a known platform renames or drops a column, the import says so instead of
 * misreading the file. A signature column gone stops the file (with the preset and the missing
 * column named, once); a known column gone outside the signature imports with a warning. Files of
 * an unknown layout list their columns, a bounded number of them.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commitImport } from '../../src/lib/server/import/commit';
import { analyseStatement, bytesSource, headerList } from '../../src/lib/server/import/pipeline';
import { count, fixture, freshWorkspace } from './import-support';

const YOUTUBE = fixture('youtube_studio_table_data.csv');

/** The YouTube table-data fixture with one header cell replaced (the data rows unchanged). */
function youtubeWithHeader(from: string, to: string): Uint8Array {
	const text = fs.readFileSync(YOUTUBE, 'utf8');
	const newline = text.indexOf('\n');
	const header = text.slice(0, newline);
	expect(header.split(',')).toContain(from);
	return new TextEncoder().encode(header.split(',').map((h) => (h === from ? to : h)).join(',') + text.slice(newline));
}

describe('schema drift', () => {
	it('stops a known layout whose signature column was renamed, naming the preset and the column once', async () => {
		const plan = await analyseStatement(bytesSource('Table data.csv', youtubeWithHeader('Estimated revenue (USD)', 'Estimated partner revenue (USD)')), { period: '2024-10' });
		expect(plan.ok).toBe(false);
		expect(plan.fatal?.code).toBe('schema_drift');
		expect(plan.fatal?.params).toEqual({ preset: 'YouTube Studio table data', missing: 'Estimated revenue (USD)' });
		expect(plan.fatal?.message).toContain('YouTube Studio table data');
		// Said once: the reason the file stops is not repeated as a warning beside it.
		expect(plan.warnings.filter((w) => w.code === 'schema_drift')).toEqual([]);
		expect(plan.rows).toBeNull();
		expect(plan.counts.income).toBe(0);

		const { db, workspaceId } = freshWorkspace();
		expect(() => commitImport(db, workspaceId, null, plan)).toThrow(/YouTube Studio table data/);
		expect(count(db, 'earnings', workspaceId)).toBe(0);
		expect(count(db, 'import_batches', workspaceId)).toBe(0);
	});

	it('imports a known layout that lost a column outside its signature, with a warning naming it', async () => {
		const plan = await analyseStatement(bytesSource('Table data.csv', youtubeWithHeader('Watch time (hours)', 'Watch time (minutes)')), { period: '2024-10' });
		expect(plan.ok).toBe(true);
		expect(plan.preset?.id).toBe('youtube_studio_table');
		const drift = plan.warnings.filter((w) => w.code === 'schema_drift');
		expect(drift).toHaveLength(1);
		expect(drift[0].params).toEqual({ preset: 'YouTube Studio table data', presetId: 'youtube_studio_table', missing: 'Watch time (hours)' });
		// The money is read as before: the same rows as the untouched file.
		const untouched = await analyseStatement(bytesSource('Table data.csv', new Uint8Array(fs.readFileSync(YOUTUBE))), { period: '2024-10' });
		expect(untouched.warnings.filter((w) => w.code === 'schema_drift')).toEqual([]);
		expect(plan.counts).toEqual(untouched.counts);
		expect(plan.totals).toEqual(untouched.totals);
	});

	it('lists an unknown layout’s columns, at most thirty of them', async () => {
		const headers = Array.from({ length: 500 }, (_, i) => `column ${i + 1}`);
		const text = `${headers.join(',')}\n${headers.map((_, i) => `v${i}`).join(',')}\n`;
		const plan = await analyseStatement(bytesSource('wide.csv', new TextEncoder().encode(text)), {});
		expect(plan.fatal?.code).toBe('unknown_layout');
		const listed = String(plan.fatal?.params?.headers);
		expect(listed.startsWith('column 1, column 2, ')).toBe(true);
		expect(listed.endsWith('column 30, …')).toBe(true);
		expect(listed).not.toContain('column 31');
		expect(plan.fatal?.message).toContain(`${listed} and 470 more`);
	});

	const names = (n: number) => Array.from({ length: n }, (_, i) => `h${i}`);
	it.each([
		[2, 'h0, h1'],
		[30, names(30).join(', ')],
		[31, `${names(30).join(', ')}, …`]
	])('headerList of %i names', (n, expected) => {
		expect(headerList(names(n))).toBe(expected);
	});
});
