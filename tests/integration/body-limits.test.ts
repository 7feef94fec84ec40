/**
 * Request bodies over HTTP against the production build: the Node adapter's limit is set for
 * statement uploads, so every other route must refuse a big body before reading it — above all the
 * sign-in page, which anyone can reach.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../src/lib/server/db/client';
import { createUser } from '../../src/lib/server/auth/accounts';
import { createSession } from '../../src/lib/server/auth/session';
import { createWorkspace } from '../../src/lib/server/db/queries/workspaces';
import { startServer, type Server } from './helpers/built-server';

const MB = 1024 * 1024;

/**
 * A form post that announces `bytes` bytes but sends only its first kilobyte, then waits for the
 * answer: a limit that reads no body answers at once (and a server that read it would wait
 * forever). node:http, because fetch cannot send a body in part.
 */
function announceBody(url: string, bytes: number, cookie = ''): Promise<{ status: number; text: string; location: string | undefined }> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': bytes, origin: new URL(url).origin, accept: 'text/html', cookie } },
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (d) => (text += d));
				res.on('end', () => {
					resolve({ status: res.statusCode ?? 0, text, location: res.headers.location });
					req.destroy();
				});
			}
		);
		req.on('error', reject);
		req.write(`email=a%40b.c&password=${'x'.repeat(1000)}`);
	});
}

describe('request body limits', () => {
	let server: Server;
	let db: DB;
	let cookie = '';
	beforeAll(async () => {
		// As `npm start` runs it: the adapter accepts a statement's worth everywhere.
		server = await startServer({ BODY_SIZE_LIMIT: '101M' });
		db = openDatabase(server.dbPath);
		const user = await createUser(db, 'owner@example.com', 'correct horse battery');
		if (!user.ok) throw new Error(user.problem);
		const ws = createWorkspace(db, 'Books', 'CNY', user.userId);
		cookie = `cl_session=${createSession(db, user.userId).token}; cl_ws=${ws.id}`;
	}, 180_000);
	afterAll(async () => {
		db?.$client.close();
		await server?.stop();
	});

	it('refuses 2 MB posted to the sign-in page, and still signs in from a normal form', async () => {
		const big = await announceBody(`${server.baseURL}/login`, 2 * MB);
		expect(big.status).toBe(413);
		expect(big.text).toMatch(/too large/);
		const normal = await server.request('/login', { method: 'POST', form: { email: 'owner@example.com', password: 'correct horse battery' } });
		expect(normal.status).toBe(303);
	});

	it('refuses a body of unknown length where a form is expected', async () => {
		const body = new ReadableStream({
			start(c) {
				c.enqueue(new TextEncoder().encode('email=a%40b.c&password=x'));
				c.close();
			}
		});
		const res = await server.request('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, duplex: 'half' } as RequestInit);
		expect(res.status).toBe(411);
	});

	it('sends a signed-out upload to sign in unread, and takes a 2 MB statement from a signed-in editor', async () => {
		const file = () => {
			const form = new FormData();
			let csv = 'date,description,gross,currency\n';
			while (csv.length < 2 * MB) csv += '2025-03-01,Tip from a long-time listener,12.50,CNY\n';
			form.append('files', new Blob([csv], { type: 'text/csv' }), 'big.csv');
			return form;
		};
		// (Announced, not sent: fetch would leave a connection the server no longer reads from in its pool.)
		const signedOut = await announceBody(`${server.baseURL}/import?/preview`, 2 * MB);
		expect(signedOut.status, signedOut.text.slice(0, 300)).toBe(303);
		expect(signedOut.location).toMatch(/^\/login/);
		const signedIn = await server.request('/import?/preview', { method: 'POST', body: file(), cookie });
		expect(signedIn.status).toBe(200);
		expect(await signedIn.text()).toContain('big.csv');
		// 2 MB on a page without files.
		expect((await announceBody(`${server.baseURL}/deals?/create`, 2 * MB, cookie)).status).toBe(413);
	});

	// Last: it signs the user out.
	it('refuses a write from another site whatever its content type, and keeps the session', async () => {
		const user = db.$client.prepare(`SELECT id FROM users WHERE email = 'owner@example.com'`).pluck().get() as number;
		const sessions = () => db.$client.prepare('SELECT COUNT(*) FROM sessions WHERE user_id = ?').pluck().get(user);
		const before = sessions();
		const res = await server.request('/logout', { method: 'POST', cookie, headers: { origin: 'https://evil.example' } });
		expect(res.status).toBe(403);
		expect(sessions()).toBe(before);
		// The same sign-out from the app itself works.
		const own = await server.request('/logout', { method: 'POST', cookie });
		expect(own.status).toBe(303);
		expect(sessions()).toBe(0);
	});
});
