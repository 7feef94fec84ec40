/**
 * Sessions: a random 32-byte token (CSPRNG) lives only in the user's cookie; the database keeps
 * its SHA-256. Expiry slides: 30 days from the last use (refreshed at most once a day), but never
 * past an absolute cap counted from the session's creation, so a stolen cookie that keeps being used
 * still dies; after the cap the user signs in again.
 */
import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DB } from '../db/client';
import { sessions, users } from '../db/schema/index';

export const SESSION_COOKIE = 'cl_session';
/** Sliding window: a session unused for this long expires. */
export const SESSION_DAYS = 30;
/** Absolute lifetime from sign-in, however often the session is used. */
export const SESSION_MAX_DAYS = 90;
const DAY_MS = 86_400_000;

/** The last instant a session created at `createdAt` (ISO) may be valid; an unreadable date counts as already past. */
export function sessionHardExpiry(createdAt: string): number {
	const born = Date.parse(createdAt);
	return Number.isFinite(born) ? born + SESSION_MAX_DAYS * DAY_MS : 0;
}

export interface SessionUser {
	id: number;
	email: string;
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export function newSessionToken(): string {
	return randomBytes(32).toString('base64url');
}

export function createSession(db: DB, userId: number, now = Date.now()): { token: string; expiresAt: number } {
	const token = newSessionToken();
	const expiresAt = now + Math.min(SESSION_DAYS, SESSION_MAX_DAYS) * DAY_MS;
	db.insert(sessions)
		.values({ id: hashToken(token), userId, expiresAt, createdAt: new Date(now).toISOString() })
		.run();
	return { token, expiresAt };
}

/**
 * The user behind a token, sliding the expiry forward but never past `sessionHardExpiry`; undefined
 * (and the row deleted) when unknown, expired or past the absolute cap. The returned `expiresAt` is
 * what the cookie should carry.
 */
export function validateSession(
	db: DB,
	token: string,
	now = Date.now()
): { user: SessionUser; expiresAt: number } | undefined {
	const id = hashToken(token);
	const row = db
		.select({ userId: sessions.userId, expiresAt: sessions.expiresAt, createdAt: sessions.createdAt, email: users.email })
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(eq(sessions.id, id))
		.get();
	if (!row) return undefined;
	const hardExpiry = sessionHardExpiry(row.createdAt);
	// Rows written before the cap existed may carry a later expiry: the cap wins.
	let expiresAt = Math.min(row.expiresAt, hardExpiry);
	if (expiresAt <= now) {
		db.delete(sessions).where(eq(sessions.id, id)).run();
		return undefined;
	}
	if (expiresAt - now < (SESSION_DAYS - 1) * DAY_MS) expiresAt = Math.min(now + SESSION_DAYS * DAY_MS, hardExpiry);
	if (expiresAt !== row.expiresAt) db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id)).run();
	return { user: { id: row.userId, email: row.email }, expiresAt };
}

export function deleteSession(db: DB, token: string): void {
	db.delete(sessions).where(eq(sessions.id, hashToken(token))).run();
}

/** Ends every session of a user except (optionally) the one with `keepToken`. */
export function deleteOtherSessions(db: DB, userId: number, keepToken?: string): void {
	const keep = keepToken ? hashToken(keepToken) : undefined;
	const all = db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId)).all();
	for (const s of all) if (s.id !== keep) db.delete(sessions).where(eq(sessions.id, s.id)).run();
}
