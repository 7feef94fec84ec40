import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyFingerprint } from './fingerprints';
import { dayNumber, rowFingerprint } from '../import/dedupe';

describe('keyed and imported fingerprints never meet', () => {
	it('a key gives a negative safe integer, the same one each time', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (key) => {
				const fp = keyFingerprint(key);
				expect(Number.isSafeInteger(fp) && fp < 0).toBe(true);
				expect(keyFingerprint(key)).toBe(fp);
			}),
			{ numRuns: 2000 }
		);
	});

	it('an imported row gives a non-negative safe integer for any day, hash and occurrence', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 65_535 }), fc.nat({ max: 2 ** 32 - 1 }), fc.nat({ max: 2 ** 32 - 1 }), fc.nat({ max: 1000 }), (day, h0, h1, n) => {
				const fp = rowFingerprint(day, h0, h1, n);
				expect(Number.isSafeInteger(fp) && fp >= 0).toBe(true);
			})
		);
	});
});

describe('dayNumber', () => {
	it('counts days since 1970-01-01 (a month counts from its first day), within 0‥65535', () => {
		fc.assert(
			fc.property(fc.date({ min: new Date(Date.UTC(1970, 0, 1)), max: new Date(Date.UTC(2149, 5, 6)), noInvalidDate: true }), (d) => {
				const iso = d.toISOString().slice(0, 10);
				const days = Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) / 86_400_000);
				expect(dayNumber(iso)).toBe(days);
				expect(dayNumber(iso.slice(0, 7))).toBe(days - d.getUTCDate() + 1);
			})
		);
		expect([dayNumber('1969-12-31'), dayNumber('2150-01-01'), dayNumber('garbage')]).toEqual([0, 65_535, 0]);
	});
});
