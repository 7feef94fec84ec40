import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client';
import { sessions, users } from '../db/schema/index';
import {
	SESSION_DAYS,
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

	it('slides: used every 20 days, it never expires', () => {
		const { db, ann } = setup();
		const { token } = createSession(db, ann, T0);
		for (let day = 20; day <= 200; day += 20) {
			const s = validateSession(db, token, T0 + day * DAY);
			expect(s?.expiresAt).toBe(T0 + (day + SESSION_DAYS) * DAY);
		}
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
