/**
 * Uploads waiting between the preview and the commit: the bytes on disk are the bytes sent, only
 * the workspace and user who sent them find them again, and the folder is private to the server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discardUploads, stashedFiles, stashUploads } from '../../src/lib/server/import/uploads';
import { fixture } from './import-support';

describe('stashed uploads', () => {
	it('keeps the exact bytes, for the uploader only, in a private folder', async () => {
		const bytes = fs.readFileSync(fixture('handmade/adsense_legacy_payments_utf16.tsv'));
		const files = [new File([bytes], 'legacy.tsv'), new File(['a,b\n1,2\n'], '../../etc/evil.csv')];
		const token = await stashUploads(7, 3, files);
		const stashed = stashedFiles(token, 7, 3);
		expect(stashed?.map((f) => [f.name, f.size])).toEqual([
			['legacy.tsv', bytes.length],
			['evil.csv', 8]
		]);
		expect(fs.readFileSync(stashed![0].path).equals(bytes)).toBe(true);
		expect(stashedFiles(token, 7, 4)).toBeUndefined();
		expect(stashedFiles(token, 8, 3)).toBeUndefined();
		expect(stashedFiles('../' + token.slice(3), 7, 3)).toBeUndefined();
		const folder = path.dirname(path.dirname(stashed![0].path));
		expect(fs.statSync(folder).mode & 0o077).toBe(0);
		expect(fs.statSync(folder).uid).toBe(process.getuid!());
		discardUploads(token);
		expect(stashedFiles(token, 7, 3)).toBeUndefined();
	});
});
