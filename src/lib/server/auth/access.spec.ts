import { describe, expect, it } from 'vitest';
import { isPublicPath, safeNext } from './access';

describe('isPublicPath', () => {
	it.each([
		['/login', true],
		['/signup', true],
		['/health', true],
		['/locale', true],
		['/_app/immutable/entry/start.js', true],
		['/', false],
		['/login/../platforms', false],
		['/loginx', false],
		['/health/details', false],
		['/settings/members', false],
		['/exports/ledger.csv', false]
	])('%s → %s', (path, expected) => {
		expect(isPublicPath(path)).toBe(expected);
	});
});

describe('safeNext (no open redirects)', () => {
	it.each([
		['/platforms?x=1', '/platforms?x=1'],
		['/', '/'],
		[null, '/'],
		['', '/'],
		['https://evil.example/', '/'],
		['//evil.example/', '/'],
		['/\\evil.example', '/'],
		['javascript:alert(1)', '/'],
		// Browsers drop tabs and line breaks from a Location: these would become //evil.example.
		['/\t/evil.example', '/'],
		['/\n/evil.example', '/'],
		['/\r\n/evil.example', '/'],
		['/ /evil.example', '/'],
		['/x\\..\\/evil.example', '/'],
		['/import?next=%2F%2Fevil', '/import?next=%2F%2Fevil'],
		['/reports/2025?lang=zh#top', '/reports/2025?lang=zh#top']
	])('%j → %s', (next, expected) => {
		expect(safeNext(next)).toBe(expected);
	});
});
