/**
 * Sign-in back-off, kept in `login_throttle` so it survives restarts. A failed sign-in is counted
 * under three keys, each with its own policy:
 *
 * - the (email, client address) pair: 5 free failures. This is the lock people normally meet, and
 *   it only stops the address the failures came from, so someone who knows a creator's email cannot
 *   lock the creator out by typing wrong passwords from elsewhere;
 * - the email alone, from every address together: 50 free failures (10× the pair), a backstop
 *   against guessing one account's password from many addresses;
 * - the address alone, across every email: 20 free failures (one address trying many accounts).
 *
 * After its free failures every failure locks a key for twice as long as the previous one, capped:
 * with the pair policy, failure 5 → 1 s, 6 → 2 s, 7 → 4 s … up to 15 minutes. While any key of an
 * attempt is locked the password is not even checked. A success clears only its own pair: the email
 * and address keys decay (forgotten a day after their last failure), so one valid sign-in neither
 * hands a distributed guesser a fresh budget for the account nor launders an attacker's address.
 */
import { eq, inArray } from 'drizzle-orm';
import type { DB } from '../db/client';
import { loginThrottle } from '../db/schema/index';

export interface ThrottlePolicy {
	/** Failures allowed before the first lock. */
	freeFailures: number;
	/** Longest lock, in seconds. */
	maxLockSeconds: number;
	/** A key whose last failure is older than this starts again from zero. */
	forgetAfterMs: number;
}

/** One email from one address (and a wrong current password on the password-change form). */
export const PAIR_POLICY: ThrottlePolicy = { freeFailures: 5, maxLockSeconds: 15 * 60, forgetAfterMs: 24 * 3_600_000 };
/**
 * One email from all addresses together. Only a backstop: reaching it locks the real owner out too,
 * so it sits well above what one address may try (10× the pair's free failures).
 */
export const EMAIL_POLICY: ThrottlePolicy = { ...PAIR_POLICY, freeFailures: 10 * PAIR_POLICY.freeFailures };
/** An address is shared by everyone behind one router (an office, a co-op), so it gets more slack. */
export const ADDRESS_POLICY: ThrottlePolicy = { ...PAIR_POLICY, freeFailures: 20 };

/** The email as keys hold it: as normalizeEmail (accounts.ts) stores it, whatever the form sent. */
const keyEmail = (email: string): string => email.trim().toLowerCase();

export function emailKey(email: string): string {
	return `email:${keyEmail(email)}`;
}

/** Wrong current passwords when a signed-in user changes theirs. */
export function passwordKey(userId: number): string {
	return `password:${userId}`;
}

export function addressKey(address: string): string {
	return `ip:${address}`;
}

/**
 * One email tried from one address. JSON keeps the two parts apart whatever characters they hold;
 * an unknown address (the CLI, unit tests) is '' and shares one pair per email.
 */
export function pairKey(email: string, address: string | undefined): string {
	return `pair:${JSON.stringify([address ?? '', keyEmail(email)])}`;
}

/** Seconds a key is locked for after its `failures`-th failure (0 while still free). */
export function lockSeconds(failures: number, policy: ThrottlePolicy): number {
	if (failures < policy.freeFailures) return 0;
	const exponent = failures - policy.freeFailures;
	// 2^exponent without overflowing: anything past 2^20 is far beyond the cap anyway.
	return Math.min(exponent > 20 ? Infinity : 2 ** exponent, policy.maxLockSeconds);
}

/** Whole seconds until every key is free again; 0 when sign-in may be attempted now. */
export function secondsToWait(db: DB, keys: string[], now = Date.now()): number {
	if (keys.length === 0) return 0;
	const rows = db
		.select({ lockedUntil: loginThrottle.lockedUntil })
		.from(loginThrottle)
		.where(inArray(loginThrottle.key, keys))
		.all();
	const until = Math.max(0, ...rows.map((r) => r.lockedUntil));
	return until > now ? Math.ceil((until - now) / 1000) : 0;
}

/** Counts a failure against `key`; returns the seconds it is now locked for (0 if none). */
export function recordFailure(db: DB, key: string, policy: ThrottlePolicy, now = Date.now()): number {
	return db.transaction((tx) => {
		const row = tx.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
		const previous = row && now - row.updatedAt < policy.forgetAfterMs ? row.failures : 0;
		const failures = previous + 1;
		const seconds = lockSeconds(failures, policy);
		const lockedUntil = seconds > 0 ? now + seconds * 1000 : 0;
		tx.insert(loginThrottle)
			.values({ key, failures, lockedUntil, updatedAt: now })
			.onConflictDoUpdate({ target: loginThrottle.key, set: { failures, lockedUntil, updatedAt: now } })
			.run();
		return seconds;
	});
}

export function clearKey(db: DB, key: string): void {
	db.delete(loginThrottle).where(eq(loginThrottle.key, key)).run();
}

/**
 * The keys and policies one sign-in attempt is checked and counted under; the pair comes first (a
 * success clears it). `address` is SvelteKit's `getClientAddress()`, which honours the Node
 * adapter's ADDRESS_HEADER / XFF_DEPTH: forwarding headers are never read here.
 */
export function signInKeys(email: string, address: string | undefined): { key: string; policy: ThrottlePolicy }[] {
	const keys = [
		{ key: pairKey(email, address), policy: PAIR_POLICY },
		{ key: emailKey(email), policy: EMAIL_POLICY }
	];
	if (address) keys.push({ key: addressKey(address), policy: ADDRESS_POLICY });
	return keys;
}

/** The attempt running (or last queued) under each key: attempts on one key take turns. */
const inFlight = new Map<string, Promise<void>>();

/**
 * Runs `attempt` once every earlier attempt on any of `keys` has finished. The lock is checked,
 * the password verified (tens of milliseconds) and the failure recorded in between two awaits, so
 * a burst of parallel guesses would all pass the check before the first failure was counted;
 * taking turns, each guess sees the failures before it. (One server process, as `npm start` runs.)
 */
export async function oneAtATime<T>(keys: readonly string[], attempt: () => Promise<T>): Promise<T> {
	const earlier = keys.map((k) => inFlight.get(k)).filter((p): p is Promise<void> => p !== undefined);
	let done!: () => void;
	const mine = new Promise<void>((resolve) => (done = resolve));
	for (const k of keys) inFlight.set(k, mine);
	try {
		await Promise.all(earlier);
		return await attempt();
	} finally {
		done();
		for (const k of keys) if (inFlight.get(k) === mine) inFlight.delete(k);
	}
}
