/**
 * Sign-up, sign-in, back-off, sign-out and password change over HTTP against the production build,
 * with JavaScript-free form posts (the way a browser without JS sends them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../src/lib/server/db/client';
import { workspacesOfUser } from '../../src/lib/server/db/queries/workspaces';
import { createUser, findUserByEmail } from '../../src/lib/server/auth/accounts';
import { eq } from 'drizzle-orm';
import { createSession, hashToken, SESSION_MAX_DAYS } from '../../src/lib/server/auth/session';
import { sessions } from '../../src/lib/server/db/schema/index';
import { startServer, type Server } from './helpers/built-server';

const OWNER = { email: 'owner@example.com', password: 'correct horse battery' };

function sessionCookie(res: Response): string {
	const set = res.headers.getSetCookie().find((c) => c.startsWith('cl_session='));
	if (!set) throw new Error(`no session cookie in ${res.status} response`);
	return set.split(';')[0];
}

describe('first run, closed registration, sign-in and back-off', () => {
	let server: Server;
	let db: DB;
	beforeAll(async () => {
		server = await startServer();
		db = openDatabase(server.dbPath);
	}, 180_000);
	afterAll(async () => {
		db?.$client.close();
		await server?.stop();
	});

	const login = (email: string, password: string, extra: RequestInit = {}) =>
		server.request('/login', { method: 'POST', form: { email, password }, ...extra });

	it.each(['/', '/platforms', '/login', '/settings/members'])('a fresh instance sends %s to /signup', async (path) => {
		const res = await server.request(path);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/signup');
	});

	it.each([
		[{ ...OWNER, password: 'short' }, 'at least 10 characters'],
		[{ ...OWNER, password: 'password123' }, 'too common'],
		[{ ...OWNER, email: 'nope' }, 'valid email']
	])('refuses a bad first sign-up %j', async (fields, message) => {
		const res = await server.request('/signup', { method: 'POST', form: { ...fields, workspace: 'Books' } });
		expect(res.status).toBe(400);
		expect(await res.text()).toContain(message);
		expect(findUserByEmail(db, OWNER.email)).toBeUndefined();
	});

	it('creates the owner with a CNY workspace for a Chinese browser, signed in with a safe cookie', async () => {
		const res = await server.request('/signup', {
			method: 'POST',
			headers: { 'accept-language': 'zh-CN,zh;q=0.9' },
			form: { ...OWNER, workspace: '我的收入', currency: '' }
		});
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/');
		const set = res.headers.getSetCookie().find((c) => c.startsWith('cl_session='))!;
		expect(set).toMatch(/HttpOnly/i);
		expect(set).toMatch(/SameSite=Lax/i);
		expect(set).not.toMatch(/Secure/i); // the origin is plain http here
		const user = findUserByEmail(db, OWNER.email)!;
		expect(user.passwordHash).toMatch(/^\$argon2id\$/);
		expect(workspacesOfUser(db, user.id).map((w) => [w.name, w.baseCurrency, w.role])).toEqual([['我的收入', 'CNY', 'owner']]);
		const home = await server.request('/', { cookie: sessionCookie(res) });
		expect(home.status).toBe(200);
	});

	it('closes registration after the owner exists', async () => {
		const page = await server.request('/signup');
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Registration is closed');
		const res = await server.request('/signup', { method: 'POST', form: { email: 'intruder@example.com', password: 'another long phrase', workspace: 'X' } });
		expect(res.status).toBe(403);
		expect(findUserByEmail(db, 'intruder@example.com')).toBeUndefined();
		expect((await server.request('/')).headers.get('location')).toBe('/login');
	});

	it('says "wrong email or password" the same way for a wrong password and an unknown email', async () => {
		for (const [email, password] of [
			[OWNER.email, 'wrong password 1'],
			['nobody@example.com', OWNER.password]
		]) {
			const res = await login(email, password);
			expect(res.status).toBe(400);
			const body = await res.text();
			expect(body).toContain('Wrong email or password.');
			expect(body).not.toContain(OWNER.password);
		}
	});

	it('backs off after repeated failures, says how long to wait, then accepts the right password', async () => {
		// one failure so far for this email (above); failures 2..4 are free, the 5th locks for 1 s, the 6th for 2 s
		for (let i = 2; i <= 4; i++) expect((await login(OWNER.email, `wrong password ${i}`)).status).toBe(400);
		const fifth = await login(OWNER.email, 'wrong password 5');
		expect(fifth.status).toBe(400);
		expect(await fifth.text()).toContain('wait 1 seconds');
		await new Promise((r) => setTimeout(r, 1100));
		const sixth = await login(OWNER.email, 'wrong password 6');
		expect(await sixth.text()).toContain('wait 2 seconds');
		const locked = await login(OWNER.email, OWNER.password);
		expect(locked.status).toBe(429);
		expect(await locked.text()).toMatch(/Too many failed sign-ins\. Wait [12] seconds/);
		await new Promise((r) => setTimeout(r, 2100));
		const ok = await login(OWNER.email, OWNER.password);
		expect(ok.status).toBe(303);
		expect(ok.headers.get('location')).toBe('/');
	});

	it('ignores X-Forwarded-For unless ADDRESS_HEADER says to trust it: a client cannot invent new addresses to dodge the back-off', async () => {
		// Five failures, each claiming another address; without ADDRESS_HEADER they all count as this client.
		for (let i = 1; i <= 4; i++) {
			expect((await login(OWNER.email, `spoofed wrong ${i}`, { headers: { 'x-forwarded-for': `198.51.100.${i}` } })).status).toBe(400);
		}
		const fifth = await login(OWNER.email, 'spoofed wrong 5', { headers: { 'x-forwarded-for': '198.51.100.5' } });
		expect(await fifth.text()).toContain('wait 1 seconds');
		const locked = await login(OWNER.email, OWNER.password, { headers: { 'x-forwarded-for': '198.51.100.6' } });
		expect(locked.status).toBe(429);
		// The right password after the wait clears this client's count for the tests below.
		await new Promise((r) => setTimeout(r, 1100));
		expect((await login(OWNER.email, OWNER.password)).status).toBe(303);
	});

	it('follows only local `next` targets after sign-in', async () => {
		const local = await server.request('/login?next=%2Fplatforms', { method: 'POST', form: { ...OWNER } });
		expect(local.headers.get('location')).toBe('/platforms');
		const away = await server.request('/login', { method: 'POST', form: { ...OWNER, next: '//evil.example/x' } });
		expect(away.headers.get('location')).toBe('/');
	});

	it('answers a signed-in user who opens /login with a redirect home', async () => {
		const c = sessionCookie(await login(OWNER.email, OWNER.password));
		const res = await server.request('/login', { cookie: c });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/');
	});

	it('password change keeps this session and ends the others; the old password stops working', async () => {
		const here = sessionCookie(await login(OWNER.email, OWNER.password));
		const there = sessionCookie(await login(OWNER.email, OWNER.password));
		const wrong = await server.request('/settings/account?/password', { method: 'POST', cookie: here, form: { current_password: 'nope nope nope', new_password: 'a new long phrase' } });
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain('current password is not correct');
		const res = await server.request('/settings/account?/password', {
			method: 'POST',
			cookie: here,
			form: { current_password: OWNER.password, new_password: 'a new long phrase' }
		});
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('Every other session has been signed out');
		expect((await server.request('/', { cookie: here })).status).toBe(200);
		expect((await server.request('/', { cookie: there })).status).toBe(303);
		expect((await login(OWNER.email, OWNER.password)).status).toBe(400);
		expect((await login(OWNER.email, 'a new long phrase')).status).toBe(303);
		OWNER.password = 'a new long phrase';
	});

	it('sign-out ends this session and the other sessions of the user', async () => {
		const here = sessionCookie(await login(OWNER.email, OWNER.password));
		const there = sessionCookie(await login(OWNER.email, OWNER.password));
		const res = await server.request('/logout', { method: 'POST', cookie: here });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/login?signed_out=1');
		expect(res.headers.getSetCookie().find((c) => c.startsWith('cl_session='))).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
		for (const c of [here, there]) expect((await server.request('/', { cookie: c })).headers.get('location')).toBe('/login');
		expect(await (await server.request('/login?signed_out=1')).text()).toContain('You are signed out.');
	});

	it('sends an account without any workspace (made with the CLI) to create one', async () => {
		const made = await createUser(db, 'loner@example.com', 'correct horse battery');
		if (!made.ok) throw new Error(made.problem);
		const c = `cl_session=${createSession(db, made.userId).token}`;
		const home = await server.request('/', { cookie: c });
		expect(home.status).toBe(303);
		expect(home.headers.get('location')).toBe('/settings/members?none=1');
		const members = await server.request('/settings/members?none=1', { cookie: c });
		expect(members.status).toBe(200);
		expect(await members.text()).toContain('You are not a member of any workspace yet.');
	});

	it('caps a session used daily at its absolute lifetime: the cookie expires at the cap, then it is signed out', async () => {
		const user = findUserByEmail(db, OWNER.email)!;
		const day = 86_400_000;
		// Signed in SESSION_MAX_DAYS - 2 days ago and used ever since: sliding would give 30 more days, the cap gives 2.
		const born = Date.now() - (SESSION_MAX_DAYS - 2) * day;
		const old = createSession(db, user.id, born).token;
		db.update(sessions).set({ expiresAt: Date.now() + 29 * day }).where(eq(sessions.id, hashToken(old))).run();
		const res = await server.request('/', { cookie: `cl_session=${old}` });
		expect(res.status).toBe(200);
		const set = res.headers.getSetCookie().find((c) => c.startsWith('cl_session='))!;
		const expires = Date.parse(/Expires=([^;]+)/i.exec(set)![1]);
		expect(Math.abs(expires - (born + SESSION_MAX_DAYS * day))).toBeLessThan(1000);
		// Past the cap: treated like any expired session, and the row is gone.
		const stale = createSession(db, user.id, Date.now() - (SESSION_MAX_DAYS + 1) * day).token;
		db.update(sessions).set({ expiresAt: Date.now() + 29 * day }).where(eq(sessions.id, hashToken(stale))).run();
		const gone = await server.request('/', { cookie: `cl_session=${stale}` });
		expect(gone.status).toBe(303);
		expect(gone.headers.get('location')).toBe('/login');
		expect(gone.headers.getSetCookie().find((c) => c.startsWith('cl_session='))).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
		expect(db.select().from(sessions).where(eq(sessions.id, hashToken(stale))).get()).toBeUndefined();
	});

	it('speaks Chinese to a Chinese browser', async () => {
		const res = await server.request('/login', { headers: { 'accept-language': 'zh-CN' } });
		const body = await res.text();
		expect(body).toContain('lang="zh-CN"');
		expect(body).toContain('登录');
	});
});

describe('behind a reverse proxy (ADDRESS_HEADER=X-Forwarded-For): back-off per email and client address', () => {
	let server: Server;
	let db: DB;
	beforeAll(async () => {
		server = await startServer({ ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' });
		db = openDatabase(server.dbPath);
		const made = await createUser(db, OWNER.email, 'correct horse battery');
		if (!made.ok) throw new Error(made.problem);
	}, 180_000);
	afterAll(async () => {
		db?.$client.close();
		await server?.stop();
	});

	const from = (address: string, email: string, password: string, lang = 'en') =>
		server.request('/login', { method: 'POST', headers: { 'x-forwarded-for': address, 'accept-language': lang }, form: { email, password } });

	it('locks wrong passwords from one address out of that address only, in both languages; the owner signs in from another', async () => {
		const A = '203.0.113.9';
		for (let i = 1; i <= 4; i++) expect((await from(A, OWNER.email, `wrong password ${i}`)).status).toBe(400);
		expect(await (await from(A, OWNER.email, 'wrong password 5')).text()).toContain('wait 1 seconds');
		const en = await from(A, OWNER.email, 'correct horse battery');
		expect(en.status).toBe(429);
		expect(await en.text()).toMatch(/Too many failed sign-ins\. Wait 1 seconds, then try again\./);
		const zh = await from(A, OWNER.email, 'correct horse battery', 'zh-CN');
		expect(zh.status).toBe(429);
		expect(await zh.text()).toContain('登录失败次数过多。请等待 1 秒后再试。');
		// An unknown email from A gets the same answers as the owner's did: nothing says which emails exist.
		for (let i = 1; i <= 4; i++) expect((await from(A, 'nobody@example.com', `wrong password ${i}`)).status).toBe(400);
		expect(await (await from(A, 'nobody@example.com', 'wrong password 5')).text()).toContain('wait 1 seconds');
		expect((await from(A, 'nobody@example.com', 'correct horse battery')).status).toBe(429);
		// The owner, at B, signs in as if nothing had happened.
		const owner = await from('198.51.100.1', OWNER.email, 'correct horse battery');
		expect(owner.status).toBe(303);
		expect(owner.headers.get('location')).toBe('/');
	});
});

describe('REGISTRATION=open behind an https origin', () => {
	const origin = 'https://ledger.example';
	let server: Server;
	let db: DB;
	beforeAll(async () => {
		server = await startServer({ REGISTRATION: 'open', ORIGIN: origin });
		db = openDatabase(server.dbPath);
	}, 180_000);
	afterAll(async () => {
		db?.$client.close();
		await server?.stop();
	});

	it('lets a second person sign up into a private workspace of their own, with Secure cookies', async () => {
		const signup = (email: string, workspace: string) =>
			server.request('/signup', { method: 'POST', headers: { origin }, form: { email, password: 'correct horse battery', workspace, currency: 'usd' } });
		expect((await signup('first@example.com', 'First')).status).toBe(303);
		const second = await signup('second@example.com', 'Second');
		expect(second.status).toBe(303);
		expect(second.headers.getSetCookie().find((c) => c.startsWith('cl_session='))).toMatch(/;\s*Secure/i);
		const user = findUserByEmail(db, 'second@example.com')!;
		expect(workspacesOfUser(db, user.id).map((w) => [w.name, w.baseCurrency, w.role])).toEqual([['Second', 'USD', 'owner']]);
		expect(await (await server.request('/signup', { headers: { origin } })).text()).toContain('Registration is open');
	});
});
