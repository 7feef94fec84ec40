import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openDatabase } from '../db/client';
import {
	ADDRESS_POLICY,
	EMAIL_POLICY,
	clearKey,
	emailKey,
	lockSeconds,
	recordFailure,
	secondsToWait,
	type ThrottlePolicy
} from './throttle';

const T0 = Date.UTC(2026, 0, 1);

describe('lockSeconds (email policy: 5 free failures, doubling, 15 minutes at most)', () => {
	it.each([
		[1, 0],
		[4, 0],
		[5, 1],
		[6, 2],
		[7, 4],
		[10, 32],
		[14, 512],
		[15, 900],
		[40, 900],
		[5000, 900]
	])('after %i failures → %i s', (failures, seconds) => {
		expect(lockSeconds(failures, EMAIL_POLICY)).toBe(seconds);
	});

	it('never decreases and never exceeds the cap', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 10_000 }), (n) => {
				const a = lockSeconds(n, EMAIL_POLICY);
				const b = lockSeconds(n + 1, EMAIL_POLICY);
				expect(b).toBeGreaterThanOrEqual(a);
				expect(b).toBeLessThanOrEqual(EMAIL_POLICY.maxLockSeconds);
			})
		);
	});

	it('gives an address (shared by an office) more slack than one email', () => {
		expect(lockSeconds(10, ADDRESS_POLICY)).toBe(0);
		expect(lockSeconds(ADDRESS_POLICY.freeFailures, ADDRESS_POLICY)).toBe(1);
	});
});

describe('stored back-off', () => {
	const key = emailKey(' Ann@Example.com ');

	it('normalises the email in the key', () => {
		expect(key).toBe('email:ann@example.com');
	});

	it('locks after the free failures and frees again when the time has passed', () => {
		const db = openDatabase(':memory:');
		for (let i = 1; i <= 4; i++) expect(recordFailure(db, key, EMAIL_POLICY, T0 + i)).toBe(0);
		expect(secondsToWait(db, [key], T0 + 10)).toBe(0);
		expect(recordFailure(db, key, EMAIL_POLICY, T0 + 1000)).toBe(1);
		expect(secondsToWait(db, [key], T0 + 1000)).toBe(1);
		expect(secondsToWait(db, [key], T0 + 2000)).toBe(0);
		expect(recordFailure(db, key, EMAIL_POLICY, T0 + 2000)).toBe(2);
		expect(secondsToWait(db, [key], T0 + 2001)).toBe(2); // 1.999 s rounds up: never say 0 while locked
	});

	it('takes the longest lock over several keys', () => {
		const db = openDatabase(':memory:');
		const policy: ThrottlePolicy = { freeFailures: 1, maxLockSeconds: 60, forgetAfterMs: 3_600_000 };
		recordFailure(db, 'a', policy, T0); // 1 s
		recordFailure(db, 'b', policy, T0);
		recordFailure(db, 'b', policy, T0); // 2 s
		expect(secondsToWait(db, ['a', 'b', 'unknown'], T0)).toBe(2);
		expect(secondsToWait(db, [], T0)).toBe(0);
	});

	it('clears a key on success and forgets old failures', () => {
		const db = openDatabase(':memory:');
		for (let i = 0; i < 6; i++) recordFailure(db, key, EMAIL_POLICY, T0);
		expect(secondsToWait(db, [key], T0)).toBeGreaterThan(0);
		clearKey(db, key);
		expect(secondsToWait(db, [key], T0)).toBe(0);
		for (let i = 0; i < 6; i++) recordFailure(db, key, EMAIL_POLICY, T0);
		// a day later the count restarts: the next failure is free again
		expect(recordFailure(db, key, EMAIL_POLICY, T0 + EMAIL_POLICY.forgetAfterMs + 1)).toBe(0);
	});
});
