/**
 * User accounts: sign-up (the first account is the instance owner), sign-in with back-off, and
 * password changes. Emails are compared lower-cased and trimmed, the way `users.email` stores them.
 * Results are values (`{ ok: false, problem }`), so pages map each problem to a translated message.
 */
import { count, eq, notInArray } from 'drizzle-orm';
import type { DB } from '../db/client';
import { env } from '../env';
import { users, workspaceMembers, workspaces } from '../db/schema/index';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import { clearKey, oneAtATime, pairKey, PAIR_POLICY, passwordKey, recordFailure, secondsToWait, signInKeys } from './throttle';
import { deleteOtherSessions } from './session';

export function normalizeEmail(raw: string): string {
	return raw.trim().toLowerCase();
}

/** Deliberately loose: one @, something on both sides, a dot in the domain. The real check is a sign-in. */
export function looksLikeEmail(email: string): boolean {
	return email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}

export function userCount(db: DB): number {
	return db.select({ n: count() }).from(users).get()?.n ?? 0;
}

export function findUserByEmail(db: DB, email: string): { id: number; email: string; passwordHash: string } | undefined {
	return db
		.select({ id: users.id, email: users.email, passwordHash: users.passwordHash })
		.from(users)
		.where(eq(users.email, normalizeEmail(email)))
		.get();
}

/** Base currency for a new workspace: CNY for Chinese-speaking browsers, USD otherwise (domain.md §1). */
export function defaultCurrencyFor(acceptLanguage: string | null | undefined, locale?: string): string {
	if (locale === 'zh') return 'CNY';
	const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
	return first.startsWith('zh') ? 'CNY' : 'USD';
}

export type SignUpProblem = 'closed' | 'bad_email' | 'taken' | 'too_short' | 'too_common' | 'no_workspace_name';

export interface SignUpInput {
	email: string;
	password: string;
	workspaceName: string;
	baseCurrency: string;
	/** Overrides `REGISTRATION` (tests, the CLI). */
	registrationOpen?: boolean;
}

/**
 * Creates an account and its first workspace (the user owns it). Allowed when no account exists yet
 * (first run: this is the instance owner, who also adopts any workspace nobody is a member of, such
 * as one created from the CLI before anyone signed up) or when registration is open.
 */
export async function signUp(
	db: DB,
	input: SignUpInput
): Promise<{ ok: true; userId: number; workspaceId: number; firstUser: boolean } | { ok: false; problem: SignUpProblem }> {
	const open = input.registrationOpen ?? env.registrationOpen;
	if (!open && userCount(db) > 0) return { ok: false, problem: 'closed' };
	const email = normalizeEmail(input.email);
	if (!looksLikeEmail(email)) return { ok: false, problem: 'bad_email' };
	const weak = passwordProblem(input.password);
	if (weak) return { ok: false, problem: weak };
	const name = input.workspaceName.trim();
	if (name === '') return { ok: false, problem: 'no_workspace_name' };
	const passwordHash = await hashPassword(input.password);
	// Everything that decides (first user? email free?) is re-checked inside one synchronous transaction,
	// so two racing first-run sign-ups cannot both become the owner.
	return db.transaction((tx) => {
		const existing = tx.select({ n: count() }).from(users).get()?.n ?? 0;
		if (!open && existing > 0) return { ok: false as const, problem: 'closed' as const };
		if (tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
			return { ok: false as const, problem: 'taken' as const };
		}
		const now = new Date().toISOString();
		const user = tx.insert(users).values({ email, passwordHash, createdAt: now }).returning({ id: users.id }).get();
		// The account's own workspace first: with no remembered choice, a user lands in the workspace
		// they joined first (defaultWorkspaceOf), and that should be the one they just named.
		const withMembers = tx.select({ id: workspaceMembers.workspaceId }).from(workspaceMembers);
		const orphans = existing === 0 ? tx.select({ id: workspaces.id }).from(workspaces).where(notInArray(workspaces.id, withMembers)).all() : [];
		const ws = tx
			.insert(workspaces)
			.values({ name, baseCurrency: input.baseCurrency, createdAt: now })
			.returning({ id: workspaces.id })
			.get();
		tx.insert(workspaceMembers).values({ workspaceId: ws.id, userId: user.id, role: 'owner', createdAt: now }).run();
		for (const o of orphans) {
			tx.insert(workspaceMembers).values({ workspaceId: o.id, userId: user.id, role: 'owner', createdAt: now }).run();
		}
		return { ok: true as const, userId: user.id, workspaceId: ws.id, firstUser: existing === 0 };
	});
}

/** Creates an account without a workspace (the CLI; workspaces come from `workspace create`). */
export async function createUser(
	db: DB,
	rawEmail: string,
	password: string
): Promise<{ ok: true; userId: number } | { ok: false; problem: 'bad_email' | 'taken' | 'too_short' | 'too_common' }> {
	const email = normalizeEmail(rawEmail);
	if (!looksLikeEmail(email)) return { ok: false, problem: 'bad_email' };
	const weak = passwordProblem(password);
	if (weak) return { ok: false, problem: weak };
	if (findUserByEmail(db, email)) return { ok: false, problem: 'taken' };
	const passwordHash = await hashPassword(password);
	const row = db
		.insert(users)
		.values({ email, passwordHash, createdAt: new Date().toISOString() })
		.returning({ id: users.id })
		.get();
	return { ok: true, userId: row.id };
}

// Unknown emails are verified against this, so a wrong email costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;

export type SignInResult =
	| { ok: true; user: { id: number; email: string } }
	/** Locked before checking anything: wait `seconds`. */
	| { ok: false; problem: 'throttled'; seconds: number }
	/** Wrong email or password; `seconds` > 0 when this failure started a back-off. */
	| { ok: false; problem: 'invalid'; seconds: number };

/**
 * Checks an email and password from the client at `address` (`getClientAddress()`; undefined outside
 * a request). Back-off is per (email, address) pair with a higher per-email backstop and a per-address
 * limit (throttle.ts); an unknown email is counted and answered exactly like a wrong password.
 */
export async function signIn(
	db: DB,
	rawEmail: string,
	password: string,
	address: string | undefined,
	now: () => number = Date.now
): Promise<SignInResult> {
	const email = normalizeEmail(rawEmail);
	const keys = signInKeys(email, address);
	return oneAtATime(
		keys.map((k) => k.key),
		async () => {
			const wait = secondsToWait(
				db,
				keys.map((k) => k.key),
				now()
			);
			if (wait > 0) return { ok: false, problem: 'throttled', seconds: wait };
			const user = email === '' ? undefined : findUserByEmail(db, email);
			dummyHash ??= hashPassword('not-a-real-password-just-timing');
			let valid = false;
			if (user) valid = await verifyPassword(user.passwordHash, password);
			else await verifyPassword(await dummyHash, password);
			if (user && valid) {
				// Only this pair: the email's backstop and the address keep counting down on their own.
				clearKey(db, pairKey(email, address));
				return { ok: true, user: { id: user.id, email: user.email } };
			}
			const t = now();
			const seconds = Math.max(0, ...keys.map((k) => recordFailure(db, k.key, k.policy, t)));
			return { ok: false, problem: 'invalid', seconds };
		}
	);
}

export type PasswordChangeProblem = 'wrong_current' | 'too_short' | 'too_common' | 'same_as_current' | 'password_throttled';

/**
 * Changes a password after checking the current one, and ends every other session of the user.
 * Wrong current passwords back off as sign-ins do (per user), so a stolen session cannot be used to
 * guess the password and take the account over.
 */
export async function changePassword(
	db: DB,
	userId: number,
	current: string,
	next: string,
	keepToken: string | undefined,
	now: () => number = Date.now
): Promise<{ ok: true } | { ok: false; problem: PasswordChangeProblem; seconds?: number }> {
	const key = passwordKey(userId);
	return oneAtATime([key], async () => {
		const wait = secondsToWait(db, [key], now());
		if (wait > 0) return { ok: false, problem: 'password_throttled', seconds: wait };
		const row = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).get();
		if (!row || !(await verifyPassword(row.passwordHash, current))) {
			const seconds = recordFailure(db, key, PAIR_POLICY, now());
			return { ok: false, problem: 'wrong_current', seconds };
		}
		clearKey(db, key);
		const weak = passwordProblem(next);
		if (weak) return { ok: false, problem: weak };
		if (current === next) return { ok: false, problem: 'same_as_current' };
		await setPassword(db, userId, next);
		deleteOtherSessions(db, userId, keepToken);
		return { ok: true };
	});
}

/** Sets a password without asking for the current one; callers decide which sessions to end. */
export async function setPassword(db: DB, userId: number, password: string): Promise<void> {
	const passwordHash = await hashPassword(password);
	db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
}
