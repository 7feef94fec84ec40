import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/ledger';
import { openDatabase } from '../../src/lib/server/db/client';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-cli-sample-'));
const dbPath = path.join(dir, 'ledger.db');
process.env.DATABASE_PATH = dbPath;

async function run(...argv: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), readStdin: async () => 'a long enough secret\n' });
	return { code, out: out.join('\n'), err: err.join('\n') };
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('ledger sample / migrate / --help', () => {
	it('lists its commands with --help and refuses unknown ones with exit 2', async () => {
		const help = await run('--help');
		expect(help.code).toBe(0);
		for (const name of ['migrate', 'sample', 'import', 'metrics', 'payouts', 'report']) expect(help.out).toContain(name);
		const bad = await run('nosuch');
		expect(bad.code).toBe(2);
		expect(bad.err).toMatch(/Unknown command "nosuch"/);
		// A group's first word alone lists what it can be followed by.
		const group = await run('user');
		expect(group.code).toBe(2);
		expect(group.err).toMatch(/^"user" needs one of:/);
		for (const name of ['user create', 'user password', 'user list']) expect(group.err).toContain(name);
	});

	it('migrates and says so as JSON', async () => {
		const r = await run('migrate', '--json');
		expect(r.code).toBe(0);
		expect(JSON.parse(r.out).migrations).toBeGreaterThanOrEqual(1);
	});

	it('creates the sample workspace owned by --owner, and refuses to fill it twice', async () => {
		expect((await run('user', 'create', '--email', 'Owner@Example.com')).code).toBe(0);
		const r = await run('sample', '--workspace', 'Demo', '--owner', 'owner@example.com', '--today', '2026-11-21', '--json');
		expect(r.code).toBe(0);
		const { workspaceId, earnings } = JSON.parse(r.out);
		expect(earnings).toBeGreaterThan(1000);
		const db = openDatabase(dbPath);
		const member = db.$client
			.prepare(`SELECT u.email, m.role FROM workspace_members m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = ?`)
			.all(workspaceId);
		db.$client.close();
		expect(member).toEqual([{ email: 'owner@example.com', role: 'owner' }]);
		const again = await run('sample', '--workspace', 'Demo');
		expect(again.code).toBe(1);
		expect(again.err).toMatch(/already has income/);
	});

	it('--language zh names the books, brands and the brand-deal platform in Chinese', async () => {
		const r = await run('sample', '--workspace', '示例', '--today', '2026-11-21', '--language', 'zh', '--json');
		expect(r.code).toBe(0);
		const { workspaceId } = JSON.parse(r.out);
		const db = openDatabase(dbPath);
		const names = db.$client.prepare('SELECT name FROM platforms WHERE workspace_id = ? ORDER BY name').pluck().all(workspaceId);
		const deal = db.$client.prepare('SELECT counterparty, title FROM deals WHERE workspace_id = ? ORDER BY id LIMIT 1').get(workspaceId) as { counterparty: string; title: string };
		db.$client.close();
		expect(names).toEqual(['Bilibili', 'Douyin', 'Ximalaya', '品牌合作']);
		expect(deal).toEqual({ counterparty: expect.stringMatching(/^(艾可茶饮|流明音频|青山书局|云飞睡眠)$/), title: '赞助节目' });
	});

	it('a bad --today or an ambiguous name creates no workspace', async () => {
		const count = (name: string) => {
			const db = openDatabase(dbPath);
			const n = db.$client.prepare('SELECT COUNT(*) FROM workspaces WHERE name = ?').pluck().get(name);
			db.$client.close();
			return n;
		};
		expect((await run('sample', '--workspace', 'Feb', '--today', '2025-02-30')).code).toBe(1);
		expect(count('Feb')).toBe(0);
		expect((await run('workspace', 'create', 'Twin', '--owner', 'owner@example.com')).code).toBe(0);
		expect((await run('workspace', 'create', 'Twin', '--owner', 'owner@example.com')).code).toBe(0);
		const r = await run('sample', '--workspace', 'Twin');
		expect(r.code).toBe(1);
		expect(r.err).toMatch(/2 workspaces are named "Twin"/);
		expect(count('Twin')).toBe(2);
	});

	it.each([
		[['sample'], /--workspace NAME is required/],
		[['sample', '--workspace', 'X', '--owner', 'nobody@example.com'], /no user with email/],
		[['sample', '--workspace', 'X', '--today', '21/11/2026'], /--today must be a date YYYY-MM-DD/],
		[['sample', '--workspace', 'X', '--today', '2025-02-30'], /--today must be a date YYYY-MM-DD/],
		[['sample', '--workspace', 'X', '--bogus'], /Unknown option/],
		[['sample', '--workspace', 'X', '--language', 'fr'], /--language must be one of en, zh/]
	])('fails cleanly on %j', async (argv, message) => {
		const r = await run(...argv);
		expect(r.code).not.toBe(0);
		expect(r.err).toMatch(message);
	});
});
