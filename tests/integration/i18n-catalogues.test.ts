import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every catalogue listed in project.inlang has both languages, the same keys and the same
// {placeholders}, so no Chinese page falls back to an English string or loses a number.
const settings = JSON.parse(fs.readFileSync('project.inlang/settings.json', 'utf8'));
const patterns: string[] = settings['plugin.inlang.messageFormat'].pathPattern;

const load = (pattern: string, locale: string): Record<string, string> => {
	const data = JSON.parse(fs.readFileSync(path.resolve(pattern.replace('{locale}', locale)), 'utf8'));
	delete data.$schema;
	return data;
};
// Placeholders a translation may leave out, with the reason.
const MAY_OMIT: Record<string, string[]> = {
	// {what} is an English description of the file ("a PNG picture"); the Chinese text names the kinds itself.
	import_issue_binary_file: ['what'],
	import_issue_spreadsheet_file: ['what']
};
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each(patterns)('%s', (pattern) => {
	const en = load(pattern, 'en');
	const zh = load(pattern, 'zh');

	it('has the same keys in English and Chinese, none empty', () => {
		expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
		for (const [key, value] of [...Object.entries(en), ...Object.entries(zh)]) {
			expect(typeof value === 'string' && value.trim().length > 0, key).toBe(true);
		}
	});

	it('uses the same placeholders in both languages', () => {
		for (const key of Object.keys(en)) {
			const omit = MAY_OMIT[key] ?? [];
			expect(placeholders(zh[key] ?? ''), key).toEqual(placeholders(en[key]).filter((p) => !omit.includes(p)));
		}
	});
});

it('keeps keys unique across catalogues (Paraglide merges them into one namespace)', () => {
	const seen = new Map<string, string>();
	for (const pattern of patterns) {
		for (const key of Object.keys(load(pattern, 'en'))) {
			expect(seen.get(key), `${key} in ${pattern}`).toBeUndefined();
			seen.set(key, pattern);
		}
	}
});
