import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../args';

// env.ts reads DATABASE_PATH when first imported, so point it at a temporary file before importing the CLI.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-cli-'));
process.env.DATABASE_PATH = path.join(dir, 'ledger.db');
let main: (argv: string[], io: CliIO) => Promise<number>;

beforeAll(async () => {
	({ main } = await import('../ledger'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], stdin = '') {
	const out: string[] = [];
	const err: string[] = [];
	const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), readStdin: async () => stdin });
	return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('ledger user / workspace commands', () => {
	it.each([
		[['user', 'create', '--email', 'ann@example.com'], 'correct horse battery\n', 0, /Created user ann@example.com/],
		[['user', 'create', '--email', 'ANN@example.com'], 'another long phrase\n', 1, /already exists/],
		[['user', 'create', '--email', 'bob@example.com'], 'short\n', 1, /at least 10 characters/],
		[['user', 'create', '--email', 'bob@example.com'], 'password123\n', 1, /too common/],
		[['user', 'create'], 'correct horse battery\n', 1, /--email is required/],
		[['workspace', 'create', 'Ann', 'Books', '--owner', 'ann@example.com'], '', 0, /"Ann Books".*CNY.*ann@example.com/],
		[['workspace', 'create', 'Agency', '--owner', 'ann@example.com', '--currency', 'usd'], '', 0, /"Agency".*USD/],
		[['workspace', 'create', 'X', '--owner', 'nobody@example.com'], '', 1, /no user with email/],
		[['workspace', 'create', 'X', '--owner', 'ann@example.com', '--currency', 'dollars'], '', 1, /three-letter/],
		[['workspace', 'create', '--owner', 'ann@example.com'], '', 1, /NAME is required/]
	])('%j → exit %i', async (argv, stdin, code, pattern) => {
		const r = await run(argv, stdin);
		expect(r.code).toBe(code);
		expect(code === 0 ? r.out : r.err).toMatch(pattern);
	});

	it('lists workspaces with members (human and JSON)', async () => {
		const human = await run(['workspace', 'list']);
		expect(human.out).toMatch(/Agency {2}\[USD\] {2}ann@example.com \(owner\)/);
		const json = JSON.parse((await run(['workspace', 'list', '--json'])).out) as { name: string; members: { email: string; role: string }[] }[];
		expect(json.map((w) => w.name)).toEqual(['Ann Books', 'Agency']);
		expect(json[0].members).toEqual([{ email: 'ann@example.com', role: 'owner' }]);
	});

	it('stores an Argon2id hash that the web sign-in accepts, and resets it', async () => {
		const { openDatabase } = await import('../../lib/server/db/client');
		const { signIn } = await import('../../lib/server/auth/accounts');
		const db = openDatabase(process.env.DATABASE_PATH!);
		expect(await signIn(db, 'ann@example.com', 'correct horse battery', undefined)).toMatchObject({ ok: true });
		expect((await run(['user', 'password', '--email', 'ann@example.com'], 'a brand new phrase\n')).code).toBe(0);
		expect(await signIn(db, 'ann@example.com', 'a brand new phrase', undefined)).toMatchObject({ ok: true });
		expect(JSON.parse((await run(['user', 'list', '--json'])).out)).toMatchObject([{ email: 'ann@example.com', workspaces: 2 }]);
		db.$client.close();
	});
});
