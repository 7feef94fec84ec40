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
		['javascript:alert(1)', '/']
	])('%j → %s', (next, expected) => {
		expect(safeNext(next)).toBe(expected);
	});
});
