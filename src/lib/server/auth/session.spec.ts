import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client';
import { eq } from 'drizzle-orm';
import { sessions, users } from '../db/schema/index';
import {
	SESSION_DAYS,
	SESSION_MAX_DAYS,
	createSession,
	deleteOtherSessions,
	deleteSession,
	hashToken,
	newSessionToken,
	validateSession
} from './session';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

function setup() {
	const db = openDatabase(':memory:');
	const add = (email: string) =>
		db.insert(users).values({ email, passwordHash: 'x', createdAt: '2026-01-01' }).returning({ id: users.id }).get().id;
	return { db, ann: add('ann@example.com'), bob: add('bob@example.com') };
}

describe('sessions', () => {
	it('stores only the SHA-256 of a random 256-bit token', () => {
		const { db, ann } = setup();
		const { token } = createSession(db, ann, T0);
		expect(Buffer.from(token, 'base64url')).toHaveLength(32);
		const stored = db.select().from(sessions).all();
		expect(stored).toHaveLength(1);
		expect(stored[0].id).toBe(hashToken(token));
		expect(stored[0].id).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(stored)).not.toContain(token);
		expect(new Set(Array.from({ length: 200 }, newSessionToken)).size).toBe(200);
	});

	it.each([
		['just created', 0, true],
		['29 days later', 29 * DAY, true],
		['exactly 30 days later', SESSION_DAYS * DAY, false],
		['31 days later', 31 * DAY, false]
	])('is valid %s: %s', (_label, after, valid) => {
		const { db, ann } = setup();
		const { token } = createSession(db, ann, T0);
		expect(validateSession(db, token, T0 + after)?.user.email === 'ann@example.com').toBe(valid);
	});

	it('slides while used, but never past the absolute cap from its creation', () => {
		const { db, ann } = setup();
		const { token } = createSession(db, ann, T0);
		const cap = T0 + SESSION_MAX_DAYS * DAY;
		expect(SESSION_MAX_DAYS).toBeGreaterThan(SESSION_DAYS);
		for (let day = 20; day < SESSION_MAX_DAYS; day += 20) {
			const s = validateSession(db, token, T0 + day * DAY);
			expect(s?.expiresAt).toBe(Math.min(T0 + (day + SESSION_DAYS) * DAY, cap));
			expect(s!.expiresAt).toBeLessThanOrEqual(cap);
			expect(db.select().from(sessions).get()?.expiresAt).toBe(s?.expiresAt);
		}
		// One millisecond before the cap it is still good, and its (cookie) expiry is the cap itself.
		expect(validateSession(db, token, cap - 1)?.expiresAt).toBe(cap);
	});

	it.each([
		['at the cap', 0],
		['a day past the cap', DAY]
	])('is refused and deleted %s even if used daily, other sessions untouched', (_label, late) => {
		const { db, ann, bob } = setup();
		const { token } = createSession(db, ann, T0);
		const younger = createSession(db, ann, T0 + 10 * DAY).token;
		const other = createSession(db, bob, T0 + 80 * DAY).token;
		for (let day = 1; day < SESSION_MAX_DAYS; day++) expect(validateSession(db, token, T0 + day * DAY)).toBeDefined();
		for (let day = 11; day < SESSION_MAX_DAYS; day += 10) expect(validateSession(db, younger, T0 + day * DAY)).toBeDefined();
		const at = T0 + SESSION_MAX_DAYS * DAY + late;
		expect(validateSession(db, token, at)).toBeUndefined();
		expect(db.select().from(sessions).where(eq(sessions.id, hashToken(token))).get()).toBeUndefined();
		// Ann's younger session has its own cap (10 days later); Bob's is unaffected.
		expect(db.select().from(sessions).all()).toHaveLength(2);
		expect(validateSession(db, younger, at)?.user.id).toBe(ann);
		expect(validateSession(db, other, at)?.user.id).toBe(bob);
		expect(validateSession(db, younger, T0 + (10 + SESSION_MAX_DAYS) * DAY)).toBeUndefined();
	});

	it('caps a row written before the cap existed (expiry beyond it) and refuses it once past', () => {
		const { db, ann } = setup();
		const { token } = createSession(db, ann, T0);
		const cap = T0 + SESSION_MAX_DAYS * DAY;
		db.update(sessions).set({ expiresAt: cap + 100 * DAY }).run();
		expect(validateSession(db, token, cap - DAY)?.expiresAt).toBe(cap);
		expect(db.select().from(sessions).get()?.expiresAt).toBe(cap);
		expect(validateSession(db, token, cap)).toBeUndefined();
		expect(db.select().from(sessions).all()).toHaveLength(0);
	});

	it('treats an unreadable creation date as past the cap', () => {
		const { db, ann } = setup();
		const { token } = createSession(db, ann, T0);
		db.update(sessions).set({ createdAt: 'not a date' }).run();
		expect(validateSession(db, token, T0)).toBeUndefined();
		expect(db.select().from(sessions).all()).toHaveLength(0);
	});

	it('deletes an expired session when it is presented', () => {
		const { db, ann } = setup();
		const { token } = createSession(db, ann, T0);
		expect(validateSession(db, token, T0 + 40 * DAY)).toBeUndefined();
		expect(db.select().from(sessions).all()).toHaveLength(0);
	});

	it('rejects unknown tokens and ends single or other sessions', () => {
		const { db, ann, bob } = setup();
		const a1 = createSession(db, ann, T0).token;
		const a2 = createSession(db, ann, T0).token;
		const a3 = createSession(db, ann, T0).token;
		const b1 = createSession(db, bob, T0).token;
		expect(validateSession(db, newSessionToken(), T0)).toBeUndefined();
		deleteSession(db, a1);
		expect(validateSession(db, a1, T0)).toBeUndefined();
		deleteOtherSessions(db, ann, a2);
		expect(validateSession(db, a2, T0)?.user.id).toBe(ann);
		expect(validateSession(db, a3, T0)).toBeUndefined();
		expect(validateSession(db, b1, T0)?.user.id).toBe(bob);
		deleteOtherSessions(db, ann);
		expect(validateSession(db, a2, T0)).toBeUndefined();
	});
});
