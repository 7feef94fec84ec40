import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openDatabase } from '../db/client';
import {
	ADDRESS_POLICY,
	EMAIL_POLICY,
	PAIR_POLICY,
	addressKey,
	clearKey,
	emailKey,
	lockSeconds,
	pairKey,
	recordFailure,
	secondsToWait,
	signInKeys,
	type ThrottlePolicy
} from './throttle';

const T0 = Date.UTC(2026, 0, 1);

describe('lockSeconds (pair policy: 5 free failures, doubling, 15 minutes at most)', () => {
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
		expect(lockSeconds(failures, PAIR_POLICY)).toBe(seconds);
	});

	it('never decreases and never exceeds the cap', () => {
		fc.assert(
			fc.property(fc.constantFrom(PAIR_POLICY, EMAIL_POLICY, ADDRESS_POLICY), fc.integer({ min: 0, max: 10_000 }), (policy, n) => {
				const a = lockSeconds(n, policy);
				const b = lockSeconds(n + 1, policy);
				expect(b).toBeGreaterThanOrEqual(a);
				expect(b).toBeLessThanOrEqual(policy.maxLockSeconds);
			})
		);
	});

	it('gives an address (shared by an office) more slack than one email from one address', () => {
		expect(lockSeconds(10, ADDRESS_POLICY)).toBe(0);
		expect(lockSeconds(ADDRESS_POLICY.freeFailures, ADDRESS_POLICY)).toBe(1);
	});

	it('locks one email across all addresses only as a backstop: at 10× the free failures of a pair', () => {
		expect(EMAIL_POLICY.freeFailures).toBe(10 * PAIR_POLICY.freeFailures);
		expect(lockSeconds(EMAIL_POLICY.freeFailures - 1, EMAIL_POLICY)).toBe(0);
		expect(lockSeconds(EMAIL_POLICY.freeFailures, EMAIL_POLICY)).toBe(1);
		expect(lockSeconds(EMAIL_POLICY.freeFailures + 1, EMAIL_POLICY)).toBe(2);
		expect(EMAIL_POLICY.forgetAfterMs).toBe(PAIR_POLICY.forgetAfterMs);
	});
});

describe('the keys a sign-in attempt is counted under', () => {
	it('are the (email, address) pair first, then the email and the address', () => {
		expect(signInKeys(' Ann@Example.com', '203.0.113.9')).toEqual([
			{ key: pairKey('ann@example.com', '203.0.113.9'), policy: PAIR_POLICY },
			{ key: emailKey('ann@example.com'), policy: EMAIL_POLICY },
			{ key: addressKey('203.0.113.9'), policy: ADDRESS_POLICY }
		]);
		// without an address (the CLI) there is no address key, and the pair is the email's own
		expect(signInKeys('ann@example.com', undefined).map((k) => k.key)).toEqual([pairKey('ann@example.com', ''), emailKey('ann@example.com')]);
	});

	it.each([
		// [email, address] vs [email, address]: never the same pair unless both parts match
		[['ann@example.com', '10.0.0.1'], ['ann@example.com', '10.0.0.2'], false],
		[['ann@example.com', '10.0.0.1'], ['bob@example.com', '10.0.0.1'], false],
		[['a|b@example.com', 'c'], ['a', 'b@example.com|c'], false],
		[['a","b@example.com', 'c'], ['a', 'b@example.com","c'], false],
		[[' ANN@example.com ', '::1'], ['ann@example.com', '::1'], true]
	])('pair %j vs %j → same key: %s', ([e1, a1], [e2, a2], same) => {
		expect(pairKey(e1, a1) === pairKey(e2, a2)).toBe(same);
	});

	it('never lets two different (email, address) pairs share a key', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (e1, a1, e2, a2) => {
				fc.pre(e1.trim().toLowerCase() !== e2.trim().toLowerCase() || a1 !== a2);
				expect(pairKey(e1, a1)).not.toBe(pairKey(e2, a2));
			})
		);
	});
});

describe('stored back-off', () => {
	const key = emailKey(' Ann@Example.com ');

	it('normalises the email in the key', () => {
		expect(key).toBe('email:ann@example.com');
	});

	it('locks after the free failures and frees again when the time has passed', () => {
		const db = openDatabase(':memory:');
		for (let i = 1; i <= 4; i++) expect(recordFailure(db, key, PAIR_POLICY, T0 + i)).toBe(0);
		expect(secondsToWait(db, [key], T0 + 10)).toBe(0);
		expect(recordFailure(db, key, PAIR_POLICY, T0 + 1000)).toBe(1);
		expect(secondsToWait(db, [key], T0 + 1000)).toBe(1);
		expect(secondsToWait(db, [key], T0 + 2000)).toBe(0);
		expect(recordFailure(db, key, PAIR_POLICY, T0 + 2000)).toBe(2);
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
		for (let i = 0; i < 6; i++) recordFailure(db, key, PAIR_POLICY, T0);
		expect(secondsToWait(db, [key], T0)).toBeGreaterThan(0);
		clearKey(db, key);
		expect(secondsToWait(db, [key], T0)).toBe(0);
		for (let i = 0; i < 6; i++) recordFailure(db, key, PAIR_POLICY, T0);
		// a day later the count restarts: the next failure is free again
		expect(recordFailure(db, key, PAIR_POLICY, T0 + PAIR_POLICY.forgetAfterMs + 1)).toBe(0);
	});
});
