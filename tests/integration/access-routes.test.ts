/**
 * Access control over every route the app has (discovered from src/routes, so new pages and
 * endpoints are covered without editing this file), end to end over HTTP against the production
 * build: real hooks, real form actions, real CSRF check, real SQLite.
 *
 * Cast: Ann owns workspace A, full of rows whose text carries the marker ZZSECRET; Bob owns
 * workspace B; Vic is a viewer of A; Eddie an editor of A. Bob must get 404 for every URL that names
 * one of A's rows and never see a marker anywhere, even with A's id forced into his workspace
 * cookie; Vic can read A but every write answers 403; A's rows never change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { openDatabase, type DB } from '../../src/lib/server/db/client';
import { createUser } from '../../src/lib/server/auth/accounts';
import { createSession } from '../../src/lib/server/auth/session';
import { createWorkspace } from '../../src/lib/server/db/queries/workspaces';
import { addMember } from '../../src/lib/server/db/queries/members';
import * as t from '../../src/lib/server/db/schema/index';
import { startServer, type Server } from './helpers/built-server';
import { discoverRoutes, routeUrl, type RouteInfo } from './helpers/routes';

const MARK = 'ZZSECRET';
const PW = 'correct horse battery';

interface AIds {
	workspace: number;
	platform: number;
	batch: number;
	earning: number;
	payout: number;
	work: number;
	deal: number;
	milestone: number;
	preset: number;
	payoutRule: number;
	commissionRule: number;
	hoursLog: number;
}

/** Workspace A: one row in every table, each carrying the marker where it has text. */
function seedA(db: DB, ownerId: number): AIds {
	const now = new Date().toISOString();
	const ws = createWorkspace(db, `${MARK} Ann Books`, 'CNY', ownerId);
	const id = ws.id;
	return db.transaction((tx) => {
		const platform = tx.insert(t.platforms).values({ workspaceId: id, name: `${MARK} Platform`, currency: 'CNY', createdAt: now }).returning().get().id;
		const batch = tx
			.insert(t.importBatches)
			.values({ workspaceId: id, number: 1, fileName: `${MARK}-statement.csv`, fileSize: 10, sha256: 'a'.repeat(64), presetId: 'generic', platformId: platform, encoding: 'utf-8', periodFrom: '2025-03-01', periodTo: '2025-03-31', rowsRead: 1, rowsIncome: 1, createdBy: ownerId, createdAt: now })
			.returning()
			.get().id;
		tx.update(t.workspaces).set({ batchesNumbered: 1 }).where(eq(t.workspaces.id, id)).run();
		const work = tx.insert(t.works).values({ workspaceId: id, platformId: platform, title: `${MARK} Audiobook`, currency: 'CNY', createdAt: now }).returning().get().id;
		const deal = tx.insert(t.deals).values({ workspaceId: id, platformId: platform, counterparty: `${MARK} Brand`, title: `${MARK} Deal`, amountMinor: 98_765_400, currency: 'CNY', agreedOn: '2025-03-01', createdAt: now }).returning().get().id;
		const milestone = tx.insert(t.dealMilestones).values({ workspaceId: id, dealId: deal, description: `${MARK} milestone`, shareBps: 10_000, dueOn: '2025-04-01' }).returning().get().id;
		const earning = tx
			.insert(t.earnings)
			.values({ workspaceId: id, batchId: batch, platformId: platform, stream: 'ads', earnedOn: '2025-03-15', month: '2025-03', workId: work, counterparty: `${MARK} Counterparty`, description: `${MARK} earning`, grossMinor: 98_765_432, netMinor: 98_765_432, currency: 'CNY', externalId: `${MARK}-1`, fingerprint: 1, createdAt: now })
			.returning()
			.get().id;
		const payout = tx
			.insert(t.payouts)
			.values({ workspaceId: id, batchId: batch, platformId: platform, paidOn: '2025-04-21', month: '2025-04', amountMinor: 98_765_432, currency: 'CNY', counterparty: `${MARK} Bank`, description: `${MARK} payout`, fingerprint: 2, createdAt: now })
			.returning()
			.get().id;
		const preset = tx.insert(t.importPresets).values({ workspaceId: id, name: `${MARK} preset`, definitionJson: '{}', createdAt: now }).returning().get().id;
		const payoutRule = tx.insert(t.payoutRules).values({ workspaceId: id, platformId: platform, effectiveFrom: '2020-01-01' }).returning().get().id;
		const commissionRule = tx.insert(t.commissionRules).values({ workspaceId: id, platformId: platform, rateBps: 1000 }).returning().get().id;
		const hoursLog = tx.insert(t.hoursLogs).values({ workspaceId: id, platformId: platform, month: '2025-03', hoursCenti: 750 }).returning().get().id;
		tx.insert(t.fxRates).values({ workspaceId: id, month: '2025-03', currency: 'USD', rate: '7.1234' }).run();
		tx.insert(t.monthlyRollup).values({ workspaceId: id, month: '2025-03', platformId: platform, stream: 'ads', currency: 'CNY', grossMinor: 98_765_432, netMinor: 98_765_432, rowCount: 1 }).run();
		return { workspace: id, platform, batch, earning, payout, work, deal, milestone, preset, payoutRule, commissionRule, hoursLog };
	});
}

/** Everything stored for workspace A, as one string: equal before and after means nothing changed. */
function snapshotA(db: DB, workspaceId: number): string {
	const tables = db.$client
		.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name`)
		.all() as { name: string }[];
	const parts: unknown[] = [db.all(sql`SELECT * FROM workspaces WHERE id = ${workspaceId}`)];
	for (const { name } of tables) {
		const cols = db.$client.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[];
		if (!cols.some((c) => c.name === 'workspace_id')) continue;
		parts.push([name, db.$client.prepare(`SELECT * FROM "${name}" WHERE workspace_id = ? ORDER BY rowid`).all(workspaceId)]);
	}
	return JSON.stringify(parts);
}

/**
 * A route parameter's value. Ids resolve to workspace A's rows (by the parameter's name, or the
 * segment before a generic `[id]`); calendar parameters get a month A has data for. A parameter
 * nobody taught this table makes the test fail loudly, so no new route slips through untested.
 */
function paramValue(ids: AIds, name: string, before: string | undefined): { value: string; namesARow: boolean } {
	const n = name.toLowerCase();
	const hint = `${n} ${['id', 'slug', 'key'].includes(n) ? (before ?? '').toLowerCase() : ''}`;
	const rows: [RegExp, keyof AIds][] = [
		[/workspace|\bws/, 'workspace'],
		[/milestone/, 'milestone'],
		[/batch|import/, 'batch'],
		[/platform/, 'platform'],
		[/earning|income|row|line/, 'earning'],
		[/payout/, 'payout'],
		[/work/, 'work'],
		[/deal/, 'deal'],
		[/preset/, 'preset'],
		[/commission/, 'commissionRule'],
		[/rule/, 'payoutRule'],
		[/hour/, 'hoursLog']
	];
	for (const [re, key] of rows) if (re.test(hint)) return { value: String(ids[key]), namesARow: true };
	if (/period|month/.test(n)) return { value: '2025-03', namesARow: false };
	if (/year/.test(n)) return { value: '2025', namesARow: false };
	if (/quarter/.test(n)) return { value: '2025-Q1', namesARow: false };
	if (/lang|locale/.test(n)) return { value: 'en', namesARow: false };
	throw new Error(`access test: no value for route parameter [${name}] (after "${before}"); add it to paramValue()`);
}

/** Form fields posted to every action: A's ids under every plausible name, plus plausible values. */
function attackForm(ids: AIds, route: RouteInfo, otherMemberOfA: number): Record<string, string> {
	const section = route.segments[0] ?? '';
	const contextual = /platform/.test(section) ? ids.platform : /work/.test(section) ? ids.work : /deal/.test(section) ? ids.deal : /payout/.test(section) ? ids.payout : /import|batch/.test(section) ? ids.batch : ids.earning;
	return {
		id: String(contextual),
		workspaceId: String(ids.workspace),
		platformId: String(ids.platform),
		batchId: String(ids.batch),
		// Batches are undone by their number in the workspace: A's first.
		batch: '1',
		earningId: String(ids.earning),
		payoutId: String(ids.payout),
		workId: String(ids.work),
		dealId: String(ids.deal),
		milestoneId: String(ids.milestone),
		presetId: String(ids.preset),
		ruleId: String(ids.payoutRule),
		userId: String(otherMemberOfA),
		email: 'vic@example.com',
		role: 'editor',
		name: 'Hijacked',
		title: 'Hijacked',
		counterparty: 'Hijacked',
		currency: 'USD',
		amount: '1.00',
		month: '2025-03',
		date: '2025-03-01',
		stream: 'ads',
		status: 'paid',
		confirm: 'yes'
	};
}

/** Requests that do not write to a workspace (they act on the session, the user or a new workspace). */
const NOT_WORKSPACE_WRITES = new Set([
	'/(auth)/login default',
	'/(auth)/signup default',
	'/logout POST',
	'/locale POST',
	'/workspace/switch POST',
	'/(app)/settings/account password',
	'/(app)/settings/members create'
]);
const PUBLIC = new Set(['/(auth)/login', '/(auth)/signup', '/health']);
/** The language switch only sets a cookie, and the sign-in pages offer it. */
const PUBLIC_WRITES = new Set(['/locale POST']);

interface Write {
	key: string;
	route: RouteInfo;
	method: string;
	/** Path plus `?/action` for named form actions. */
	path: (ids: AIds) => string;
}

const routes = discoverRoutes();
const reads = routes.filter((r) => r.hasPage || r.methods.includes('GET'));
const writes: Write[] = routes.flatMap((r) => [
	...r.actions.map((a) => ({ key: `${r.id} ${a}`, route: r, method: 'POST', action: a })),
	...r.methods.filter((m) => !['GET', 'HEAD', 'OPTIONS'].includes(m)).map((m) => ({ key: `${r.id} ${m}`, route: r, method: m === 'fallback' ? 'POST' : m, action: '' }))
]).map((w) => ({ ...w, path: (ids: AIds) => urlOf(w.route, ids) + (w.action && w.action !== 'default' ? `?/${w.action}` : '') }));

let ids: AIds;
function urlOf(route: RouteInfo, a: AIds): string {
	return routeUrl(route, (name, before) => paramValue(a, name, before).value);
}
function namesARow(route: RouteInfo): boolean {
	return route.segments.some((seg, i) =>
		[...seg.matchAll(/\[+(?:\.\.\.)?(\w+)(?:=\w+)?\]+/g)].some((m) => paramValue(ids, m[1], route.segments[i - 1]).namesARow)
	);
}

let server: Server;
let db: DB;
const cookie: Record<'ann' | 'bob' | 'bobForged' | 'vic' | 'eddie', string> = { ann: '', bob: '', bobForged: '', vic: '', eddie: '' };
let eddieId: number;

beforeAll(async () => {
	server = await startServer();
	db = openDatabase(server.dbPath);
	const user = async (email: string) => {
		const r = await createUser(db, email, PW);
		if (!r.ok) throw new Error(r.problem);
		return r.userId;
	};
	const ann = await user('ann@example.com');
	const bob = await user('bob@example.com');
	const vic = await user('vic@example.com');
	eddieId = await user('eddie@example.com');
	ids = seedA(db, ann);
	const b = createWorkspace(db, 'Bob Books', 'USD', bob);
	db.insert(t.platforms).values({ workspaceId: b.id, name: 'Bob Platform', currency: 'USD', createdAt: new Date().toISOString() }).run();
	addMember(db, ids.workspace, 'vic@example.com', 'viewer');
	addMember(db, ids.workspace, 'eddie@example.com', 'editor');
	const c = (userId: number, ws: number) => `cl_session=${createSession(db, userId).token}; cl_ws=${ws}`;
	cookie.ann = c(ann, ids.workspace);
	cookie.bob = c(bob, b.id);
	cookie.bobForged = c(bob, ids.workspace);
	cookie.vic = c(vic, ids.workspace);
	cookie.eddie = c(eddieId, ids.workspace);
}, 180_000);

afterAll(async () => {
	db?.$client.close();
	await server?.stop();
});

describe('route discovery', () => {
	it('finds the pages, actions and endpoints this suite relies on', () => {
		const ids = routes.map((r) => r.id);
		expect(ids).toEqual(expect.arrayContaining(['/(auth)/login', '/(auth)/signup', '/health', '/logout', '/workspace/switch', '/(app)/settings/members']));
		expect(writes.map((w) => w.key)).toEqual(expect.arrayContaining(['/(app)/settings/members add', '/logout POST']));
	});
});

describe('without a session', () => {
	it.each(reads.filter((r) => !PUBLIC.has(r.id)).map((r) => [r.id, r] as const))('GET %s redirects to /login', async (_id, route) => {
		const res = await server.request(urlOf(route, ids));
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toMatch(/^\/login(\?|$)/);
	});

	it.each(writes.filter((w) => !PUBLIC.has(w.route.id) && !PUBLIC_WRITES.has(w.key)).map((w) => [w.key, w] as const))('%s redirects to /login and changes nothing', async (_key, w) => {
		const before = snapshotA(db, ids.workspace);
		const res = await server.request(w.path(ids), { method: w.method, form: attackForm(ids, w.route, eddieId) });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toMatch(/^\/login(\?|$)/);
		expect(snapshotA(db, ids.workspace)).toBe(before);
	});

	it('answers /health without a session', async () => {
		const res = await server.request('/health');
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ status: 'ok' });
	});
});

describe("the owner reaches every route naming her rows (so the 404s below mean something)", () => {
	it.each(reads.filter((r) => !PUBLIC.has(r.id)).map((r) => [r.id, r] as const))('GET %s as Ann', async (_id, route) => {
		const res = await server.request(urlOf(route, ids), { cookie: cookie.ann });
		expect(res.status, `GET ${urlOf(route, ids)}`).toBeLessThan(400);
		// the app's pages name the current workspace, so a marker check on Bob's side is not vacuous
		if (route.id.startsWith('/(app)') && route.hasPage && res.status === 200) expect(await res.text()).toContain(MARK);
	});
});

describe("another workspace's owner (Bob) cannot read A", () => {
	it.each(reads.filter((r) => !PUBLIC.has(r.id)).map((r) => [r.id, r] as const))('GET %s: 404 for A rows, never a marker', async (_id, route) => {
		for (const c of [cookie.bob, cookie.bobForged]) {
			const res = await server.request(urlOf(route, ids), { cookie: c });
			const body = await res.text();
			if (namesARow(route)) expect(res.status, `GET ${urlOf(route, ids)}`).toBe(404);
			else expect(res.status, `GET ${urlOf(route, ids)}`).toBeLessThan(500);
			expect(body, `GET ${urlOf(route, ids)} leaks A`).not.toContain(MARK);
		}
	});

	it('cannot switch into A (404), even by forging the workspace cookie', async () => {
		const res = await server.request('/workspace/switch', { method: 'POST', cookie: cookie.bob, form: { workspaceId: String(ids.workspace), next: '/' } });
		expect(res.status).toBe(404);
		expect(res.headers.get('set-cookie') ?? '').not.toContain('cl_ws=');
		const home = await (await server.request('/', { cookie: cookie.bobForged })).text();
		expect(home).toContain('Bob Books');
		expect(home).not.toContain(MARK);
	});
});

describe("another workspace's owner (Bob) cannot change A", () => {
	it.each(writes.filter((w) => w.key !== '/logout POST').map((w) => [w.key, w] as const))('%s with A ids: A unchanged', async (_key, w) => {
		for (const c of [cookie.bob, cookie.bobForged]) {
			const before = snapshotA(db, ids.workspace);
			const res = await server.request(w.path(ids), { method: w.method, cookie: c, form: attackForm(ids, w.route, eddieId) });
			if (namesARow(w.route)) expect(res.status, `${w.method} ${w.path(ids)}`).toBe(404);
			else expect(res.status, `${w.method} ${w.path(ids)}`).toBeLessThan(500);
			expect(await res.text()).not.toContain(MARK);
			expect(snapshotA(db, ids.workspace), `${w.method} ${w.path(ids)} changed A`).toBe(before);
		}
	});
});

describe('a viewer of A (Vic) reads but cannot write', () => {
	it.each(reads.filter((r) => !PUBLIC.has(r.id)).map((r) => [r.id, r] as const))('GET %s', async (_id, route) => {
		const res = await server.request(urlOf(route, ids), { cookie: cookie.vic });
		expect(res.status, `GET ${urlOf(route, ids)}`).toBeLessThan(400);
	});

	it.each(writes.filter((w) => !NOT_WORKSPACE_WRITES.has(w.key)).map((w) => [w.key, w] as const))('%s answers 403 and A is unchanged', async (_key, w) => {
		const before = snapshotA(db, ids.workspace);
		const res = await server.request(w.path(ids), { method: w.method, cookie: cookie.vic, form: attackForm(ids, w.route, eddieId) });
		expect(res.status, `${w.method} ${w.path(ids)}`).toBe(403);
		expect(snapshotA(db, ids.workspace), `${w.method} ${w.path(ids)} changed A`).toBe(before);
	});

	it('may switch into A, which she belongs to', async () => {
		const res = await server.request('/workspace/switch', { method: 'POST', cookie: cookie.vic, form: { workspaceId: String(ids.workspace), next: '/platforms/12' } });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/platforms');
		expect(res.headers.get('set-cookie')).toMatch(new RegExp(`cl_ws=${ids.workspace};.*HttpOnly`, 'i'));
	});
});

describe('members are managed by the owner only', () => {
	it.each([
		['editor', () => cookie.eddie, 403],
		['viewer', () => cookie.vic, 403]
	] as const)('as %s, adding a member answers 403', async (_who, c, status) => {
		const before = snapshotA(db, ids.workspace);
		const res = await server.request('/settings/members?/add', { method: 'POST', cookie: c(), form: { email: 'bob@example.com', role: 'editor' } });
		expect(res.status).toBe(status);
		expect(snapshotA(db, ids.workspace)).toBe(before);
	});
});

describe("SvelteKit's CSRF check is on", () => {
	it('refuses a cross-site form POST even with a valid session', async () => {
		const before = snapshotA(db, ids.workspace);
		const res = await server.request('/settings/members?/add', {
			method: 'POST',
			cookie: cookie.ann,
			headers: { origin: 'https://evil.example' },
			form: { email: 'bob@example.com', role: 'editor' }
		});
		expect(res.status).toBe(403);
		expect(snapshotA(db, ids.workspace)).toBe(before);
	});
});
