import { describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../db/client';
import { eq } from 'drizzle-orm';
import { createWorkspace, defaultWorkspaceOf, membership, workspacesOfUser } from '../db/queries/workspaces';
import { addMember, membersOf, removeMember, setMemberRole } from '../db/queries/members';
import { users, workspaceMembers } from '../db/schema/index';
import { changePassword, defaultCurrencyFor, signIn, signUp, userCount, type SignInResult } from './accounts';
import { createSession, validateSession } from './session';
import { EMAIL_POLICY, PAIR_POLICY } from './throttle';

const PW = 'correct horse battery';

/** How many answers of a burst checked the password (and found it wrong), and how many were turned away unchecked. */
const tally = (results: SignInResult[]) => ({
	invalid: results.filter((r) => !r.ok && r.problem === 'invalid').length,
	throttled: results.filter((r) => !r.ok && r.problem === 'throttled').length
});

function owner(db: DB, email = 'owner@example.com', extra: Partial<Parameters<typeof signUp>[1]> = {}) {
	return signUp(db, { email, password: PW, workspaceName: 'Books', baseCurrency: 'CNY', ...extra });
}

describe('signUp', () => {
	it('makes the first account the owner of its first workspace and adopts memberless workspaces', async () => {
		const db = openDatabase(':memory:');
		const orphan = createWorkspace(db, 'Sample', 'CNY', null);
		const result = await owner(db, '  Owner@Example.COM ', { registrationOpen: false });
		expect(result).toMatchObject({ ok: true, firstUser: true });
		if (!result.ok) return;
		expect(db.select({ email: users.email }).from(users).all()).toEqual([{ email: 'owner@example.com' }]);
		expect(workspacesOfUser(db, result.userId).map((w) => [w.name, w.role])).toEqual([
			['Books', 'owner'],
			['Sample', 'owner']
		]);
		expect(membership(db, result.userId, orphan.id)?.role).toBe('owner');
	});

	it('closes after the first account unless registration is open', async () => {
		const db = openDatabase(':memory:');
		await owner(db);
		expect(await owner(db, 'second@example.com', { registrationOpen: false })).toEqual({ ok: false, problem: 'closed' });
		const open = await owner(db, 'second@example.com', { registrationOpen: true });
		expect(open).toMatchObject({ ok: true, firstUser: false });
		if (!open.ok) return;
		// an open sign-up gets a private workspace and adopts nothing
		expect(workspacesOfUser(db, open.userId).map((w) => w.name)).toEqual(['Books']);
		expect(userCount(db)).toBe(2);
	});

	it.each([
		[{ email: 'not-an-email' }, 'bad_email'],
		[{ password: 'short' }, 'too_short'],
		[{ password: 'password123' }, 'too_common'],
		[{ workspaceName: '   ' }, 'no_workspace_name']
	])('refuses %j: %s', async (override, problem) => {
		const db = openDatabase(':memory:');
		expect(await owner(db, 'owner@example.com', override)).toEqual({ ok: false, problem });
		expect(userCount(db)).toBe(0);
	});

	it('refuses a taken email (case-insensitive)', async () => {
		const db = openDatabase(':memory:');
		await owner(db);
		expect(await owner(db, 'OWNER@example.com', { registrationOpen: true })).toEqual({ ok: false, problem: 'taken' });
	});
});

describe('defaultCurrencyFor', () => {
	it.each([
		['zh-CN,zh;q=0.9,en;q=0.8', undefined, 'CNY'],
		['zh-TW', undefined, 'CNY'],
		['en-US,en;q=0.9', undefined, 'USD'],
		['', undefined, 'USD'],
		[null, 'zh', 'CNY'],
		['de-DE', 'en', 'USD']
	])('%j (locale %s) → %s', (header, locale, currency) => {
		expect(defaultCurrencyFor(header, locale)).toBe(currency);
	});
});

describe('signIn with back-off', () => {
	it('accepts the right password, refuses a wrong one and an unknown email the same way', async () => {
		const db = openDatabase(':memory:');
		await owner(db);
		expect(await signIn(db, 'OWNER@example.com', PW, '10.0.0.1')).toMatchObject({ ok: true, user: { email: 'owner@example.com' } });
		expect(await signIn(db, 'owner@example.com', 'wrong password!', '10.0.0.1')).toEqual({ ok: false, problem: 'invalid', seconds: 0 });
		expect(await signIn(db, 'nobody@example.com', PW, '10.0.0.1')).toEqual({ ok: false, problem: 'invalid', seconds: 0 });
	});

	it('locks a burst of wrong passwords from one address out of that address only: the owner still signs in from another', async () => {
		const db = openDatabase(':memory:');
		await owner(db);
		let now = Date.UTC(2026, 0, 1);
		const clock = () => now;
		const A = '203.0.113.9';
		const B = '198.51.100.1';
		for (let i = 1; i < PAIR_POLICY.freeFailures; i++) {
			expect(await signIn(db, 'owner@example.com', `wrong-${i}-password`, A, clock)).toMatchObject({ seconds: 0 });
		}
		expect(await signIn(db, 'owner@example.com', 'wrong-5-password', A, clock)).toEqual({ ok: false, problem: 'invalid', seconds: 1 });
		// From A the email is locked: even the right password is not checked…
		expect(await signIn(db, 'owner@example.com', PW, A, clock)).toEqual({ ok: false, problem: 'throttled', seconds: 1 });
		// …but the owner, at B, is not affected at all.
		expect(await signIn(db, 'owner@example.com', PW, B, clock)).toMatchObject({ ok: true, user: { email: 'owner@example.com' } });
		// Each further failure from A doubles A's wait.
		now += 1000;
		expect(await signIn(db, 'owner@example.com', 'wrong-6-password', A, clock)).toMatchObject({ problem: 'invalid', seconds: 2 });
		expect(await signIn(db, 'OWNER@example.com', 'wrong-7-password', A, clock)).toMatchObject({ problem: 'throttled', seconds: 2 });
		expect(await signIn(db, 'owner@example.com', 'a typo password', B, clock)).toMatchObject({ problem: 'invalid', seconds: 0 });
		// Once A's wait is over the right password works there too, and clears A's count: the next mistake is free.
		now += 2000;
		expect(await signIn(db, 'owner@example.com', PW, A, clock)).toMatchObject({ ok: true });
		expect(await signIn(db, 'owner@example.com', 'wrong-8-password', A, clock)).toMatchObject({ problem: 'invalid', seconds: 0 });
	});

	it('forgets the failures of a pair a day after the last one', async () => {
		const db = openDatabase(':memory:');
		await owner(db);
		let now = Date.UTC(2026, 0, 1);
		const clock = () => now;
		for (let i = 1; i <= PAIR_POLICY.freeFailures + 3; i++) {
			now += 60_000; // past every lock so far: each attempt is checked and counted
			await signIn(db, 'owner@example.com', `wrong-${i}-password`, '10.0.0.1', clock);
		}
		expect(await signIn(db, 'owner@example.com', PW, '10.0.0.1', clock)).toMatchObject({ problem: 'throttled', seconds: 8 });
		now += PAIR_POLICY.forgetAfterMs + 1;
		expect(await signIn(db, 'owner@example.com', 'wrong-again-password', '10.0.0.1', clock)).toMatchObject({ problem: 'invalid', seconds: 0 });
	});

	it('counts a burst of parallel guesses from one address one after another: none gets past a lock an earlier one set', async () => {
		const db = openDatabase(':memory:');
		await owner(db);
		const now = Date.UTC(2026, 0, 1);
		const clock = () => now;
		const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(db, 'owner@example.com', `wrong-${i}-password`, '10.0.1.1', clock)));
		// The free failures are checked; the fifth locks the pair and every later guess is turned away unchecked.
		expect(tally(burst)).toEqual({ invalid: PAIR_POLICY.freeFailures, throttled: 40 - PAIR_POLICY.freeFailures });
		// …even when the right password is among them; the owner elsewhere is not locked.
		expect(await signIn(db, 'owner@example.com', PW, '10.0.1.1', clock)).toMatchObject({ ok: false, problem: 'throttled' });
		expect(await signIn(db, 'owner@example.com', PW, '10.0.2.1', clock)).toMatchObject({ ok: true });
	});

	it('locks the email everywhere once guesses from many addresses reach the backstop, even in one parallel burst', async () => {
		const db = openDatabase(':memory:');
		await owner(db);
		await owner(db, 'bob@example.com', { registrationOpen: true });
		let now = Date.UTC(2026, 0, 1);
		const clock = () => now;
		const guesses = EMAIL_POLICY.freeFailures + 10;
		// Every guess from its own address: no pair and no address ever reaches its own limit.
		const burst = await Promise.all(Array.from({ length: guesses }, (_, i) => signIn(db, 'owner@example.com', `wrong-${i}-password`, `10.1.${i >> 8}.${i & 255}`, clock)));
		expect(tally(burst)).toEqual({ invalid: EMAIL_POLICY.freeFailures, throttled: 10 });
		// The backstop locks the owner too, wherever they are, with the same message as any other lock.
		expect(await signIn(db, 'owner@example.com', PW, '198.51.100.1', clock)).toEqual({ ok: false, problem: 'throttled', seconds: 1 });
		// Another account is not affected, even from one of the guessing addresses.
		expect(await signIn(db, 'bob@example.com', PW, '10.1.0.0', clock)).toMatchObject({ ok: true });
		now += 1000;
		expect(await signIn(db, 'owner@example.com', PW, '198.51.100.1', clock)).toMatchObject({ ok: true });
		// The owner's success does not reset the backstop for the guessers: the next failure anywhere locks for longer.
		expect(await signIn(db, 'owner@example.com', 'wrong-again-password', '10.2.0.1', clock)).toMatchObject({ problem: 'invalid', seconds: 2 });
		// A day after the last failure the backstop starts again from zero.
		now += EMAIL_POLICY.forgetAfterMs + 1;
		expect(await signIn(db, 'owner@example.com', 'wrong-later-password', '10.2.0.2', clock)).toMatchObject({ problem: 'invalid', seconds: 0 });
	});

	it('reaches the backstop with failures spread over many addresses, each staying under its own limit', async () => {
		const db = openDatabase(':memory:');
		await owner(db);
		const now = Date.UTC(2026, 0, 1);
		const clock = () => now;
		const addresses = EMAIL_POLICY.freeFailures / (PAIR_POLICY.freeFailures - 1);
		const seen: number[] = [];
		for (let a = 0; a < Math.ceil(addresses); a++) {
			for (let i = 1; i < PAIR_POLICY.freeFailures; i++) {
				const r = await signIn(db, 'owner@example.com', `wrong-${a}-${i}-password`, `192.0.2.${a}`, clock);
				seen.push(r.ok ? -1 : r.seconds);
				if (!r.ok && r.problem === 'throttled') break;
			}
		}
		// Only the email's backstop ever locked: at its 50th failure, not before.
		expect(seen.indexOf(1)).toBe(EMAIL_POLICY.freeFailures - 1);
		expect(seen.slice(0, EMAIL_POLICY.freeFailures - 1).every((s) => s === 0)).toBe(true);
		expect(await signIn(db, 'owner@example.com', PW, '198.51.100.1', clock)).toMatchObject({ problem: 'throttled' });
	});

	it('treats an unknown email exactly like a known one, so the back-off tells nobody which emails exist', async () => {
		const now = Date.UTC(2026, 0, 1);
		const clock = () => now;
		// each run on a fresh database, so the shared address key starts at zero in both
		const run = async (email: string) => {
			const db = openDatabase(':memory:');
			await owner(db);
			const out = [];
			for (let i = 0; i < PAIR_POLICY.freeFailures + 2; i++) out.push(await signIn(db, email, `wrong-${i}-password`, '10.9.9.9', clock));
			for (let i = 0; i < 3; i++) out.push(await signIn(db, email, `wrong-${i}-password`, `10.8.8.${i}`, clock));
			return out;
		};
		const known = await run('owner@example.com');
		expect(await run('nobody@example.com')).toEqual(known);
		expect(known.map((r) => (r.ok ? 'ok' : r.problem))).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'throttled', 'throttled', 'invalid', 'invalid', 'invalid']);
	});

	it('backs off per address across many emails', async () => {
		const db = openDatabase(':memory:');
		await owner(db);
		const now = Date.UTC(2026, 0, 1);
		let last = 0;
		for (let i = 0; i < 20; i++) {
			const r = await signIn(db, `guess${i}@example.com`, 'wrong password!', '203.0.113.9', () => now);
			last = r.ok ? -1 : r.seconds;
		}
		expect(last).toBe(1);
		expect(await signIn(db, 'owner@example.com', PW, '203.0.113.9', () => now)).toMatchObject({ problem: 'throttled' });
		// another address is not affected
		expect(await signIn(db, 'owner@example.com', PW, '198.51.100.1', () => now)).toMatchObject({ ok: true });
	});
});

describe('changePassword', () => {
	it('checks the current password and policy, then ends every other session', async () => {
		const db = openDatabase(':memory:');
		const r = await owner(db);
		if (!r.ok) throw new Error('setup');
		const here = createSession(db, r.userId).token;
		const elsewhere = createSession(db, r.userId).token;
		expect(await changePassword(db, r.userId, 'wrong password!', 'new secret phrase', here)).toEqual({ ok: false, problem: 'wrong_current', seconds: 0 });
		expect(await changePassword(db, r.userId, PW, 'short', here)).toEqual({ ok: false, problem: 'too_short' });
		expect(await changePassword(db, r.userId, PW, PW, here)).toEqual({ ok: false, problem: 'same_as_current' });
		expect(validateSession(db, elsewhere)).toBeDefined();
		expect(await changePassword(db, r.userId, PW, 'new secret phrase', here)).toEqual({ ok: true });
		expect(validateSession(db, here)?.user.id).toBe(r.userId);
		expect(validateSession(db, elsewhere)).toBeUndefined();
		expect(await signIn(db, 'owner@example.com', PW, undefined)).toMatchObject({ ok: false });
		expect(await signIn(db, 'owner@example.com', 'new secret phrase', undefined)).toMatchObject({ ok: true });
	});
});

describe('members', () => {
	it('adds existing users as editor or viewer, changes and removes them, never touches the owner', async () => {
		const db = openDatabase(':memory:');
		const a = await owner(db);
		const b = await owner(db, 'bob@example.com', { registrationOpen: true });
		if (!a.ok || !b.ok) throw new Error('setup');
		const ws = a.workspaceId;
		expect(addMember(db, ws, 'nobody@example.com', 'viewer')).toEqual({ ok: false, problem: 'no_such_user' });
		expect(addMember(db, ws, ' BOB@example.com', 'viewer')).toEqual({ ok: true, userId: b.userId });
		expect(addMember(db, ws, 'bob@example.com', 'editor')).toEqual({ ok: false, problem: 'already_member' });
		expect(addMember(db, ws, 'owner@example.com', 'viewer')).toEqual({ ok: false, problem: 'already_member' });
		expect(membership(db, b.userId, ws)?.role).toBe('viewer');
		expect(setMemberRole(db, ws, b.userId, 'editor')).toBe(true);
		expect(membership(db, b.userId, ws)?.role).toBe('editor');
		expect(setMemberRole(db, ws, a.userId, 'viewer')).toBe(false);
		expect(removeMember(db, ws, a.userId)).toBe(false);
		expect(membersOf(db, ws).map((mb) => [mb.email, mb.role])).toEqual([
			['bob@example.com', 'editor'],
			['owner@example.com', 'owner']
		]);
		expect(removeMember(db, ws, b.userId)).toBe(true);
		expect(membership(db, b.userId, ws)).toBeUndefined();
		// the owner's role in another workspace is not affected by ids from this one
		expect(removeMember(db, b.workspaceId, b.userId)).toBe(false);
	});
});

describe('the workspace a user lands in with no remembered choice', () => {
	it('is their own first workspace, not one that sorts first and that someone else added them to', async () => {
		const db = openDatabase(':memory:');
		const orphan = createWorkspace(db, 'Aardvark (made by the CLI before sign-up)', 'CNY', null);
		const first = await owner(db, 'owner@example.com', { registrationOpen: false });
		const other = await owner(db, 'other@example.com', { registrationOpen: true, workspaceName: 'Zebra' });
		if (!first.ok || !other.ok) throw new Error('sign-up failed');
		// The first account adopted the memberless workspace, but lands in the one it named.
		expect(defaultWorkspaceOf(db, first.userId)).toMatchObject({ id: first.workspaceId, name: 'Books', role: 'owner' });
		expect(membership(db, first.userId, orphan.id)?.role).toBe('owner');
		// Someone adds the owner, as an editor, to a workspace whose name sorts first.
		const bait = createWorkspace(db, '!Owner WS', 'CNY', other.userId);
		expect(addMember(db, bait.id, 'owner@example.com', 'editor')).toMatchObject({ ok: true });
		expect(workspacesOfUser(db, first.userId)[0].name).toBe('!Owner WS');
		expect(defaultWorkspaceOf(db, first.userId)?.id).toBe(first.workspaceId);
		// A user who owns nothing lands where they were added first.
		const guest = await owner(db, 'guest@example.com', { registrationOpen: true, workspaceName: 'Mine' });
		if (!guest.ok) throw new Error('sign-up failed');
		db.delete(workspaceMembers).where(eq(workspaceMembers.userId, guest.userId)).run();
		addMember(db, other.workspaceId, 'guest@example.com', 'viewer');
		addMember(db, bait.id, 'guest@example.com', 'editor');
		expect(defaultWorkspaceOf(db, guest.userId)).toMatchObject({ id: other.workspaceId, role: 'viewer' });
	});
});

describe('changePassword with a stolen session', () => {
	it('backs off wrong current passwords as sign-in does, even when they come all at once', async () => {
		const db = openDatabase(':memory:');
		const r = await owner(db);
		if (!r.ok) throw new Error('setup');
		let now = Date.UTC(2026, 0, 1);
		const clock = () => now;
		const here = createSession(db, r.userId).token;
		const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => changePassword(db, r.userId, `guess-${i}-password`, 'taken over account', here, clock)));
		expect(guesses.filter((g) => !g.ok && g.problem === 'wrong_current')).toHaveLength(PAIR_POLICY.freeFailures);
		expect(guesses.filter((g) => !g.ok && g.problem === 'password_throttled')).toHaveLength(20 - PAIR_POLICY.freeFailures);
		// Locked: the right password is not even checked…
		expect(await changePassword(db, r.userId, PW, 'new secret phrase', here, clock)).toEqual({ ok: false, problem: 'password_throttled', seconds: 1 });
		// …until the wait is over; then it works and the count starts again.
		now += 1000;
		expect(await changePassword(db, r.userId, PW, 'new secret phrase', here, clock)).toEqual({ ok: true });
		expect(await changePassword(db, r.userId, 'wrong password!', 'another secret phrase', here, clock)).toEqual({ ok: false, problem: 'wrong_current', seconds: 0 });
	});
});
