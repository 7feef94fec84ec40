/** The `import` command end to end on a real database file: JSON shape, exit codes, options. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import { createWorkspace } from '../../src/lib/server/db/queries/workspaces';
import { fixture } from './import-support';
import { savePreset } from '../../src/lib/server/import/saved-presets';
import { presetFromMapping } from '../../src/lib/server/import/pipeline';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-import-cli-'));
const dbFile = path.join(dir, 'ledger.db');
// env.ts reads the environment once, when first imported: set it before loading the CLI.
process.env.DATABASE_PATH = dbFile;

type Main = (argv: string[], io: { out: (t: string) => void; err: (t: string) => void; readStdin: () => Promise<string> }) => Promise<number>;
let main: Main;

async function ledger(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
	let out = '';
	let err = '';
	const code = await main(argv, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), readStdin: async () => '' });
	return { code, out, err };
}

beforeAll(async () => {
	const db = openDatabase(dbFile);
	// Another workspace imported first: its batch has id 1, so this workspace's first batch is id 2, number 1.
	const other = createWorkspace(db, 'Other', 'USD', null).id;
	const { commitImport } = await import('../../src/lib/server/import/commit');
	const { analyseStatement, fileSource } = await import('../../src/lib/server/import/pipeline');
	commitImport(db, other, null, await analyseStatement(fileSource(fixture('patreon_earnings.csv'))));
	createWorkspace(db, 'Crumb Studio', 'USD', null);
	db.$client.close();
	main = (await import('../../src/cli/ledger')).main as Main;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('ledger import', () => {
	it('imports and prints the issue’s JSON shape, money as decimal strings', async () => {
		const r = await ledger('import', fixture('gumroad_sales.csv'), '--workspace', 'Crumb Studio', '--json');
		expect(r.code).toBe(0);
		const j = JSON.parse(r.out);
		expect(j).toMatchObject({
			// The batch's number in the workspace, not its global id.
			batchId: 1,
			preset: 'gumroad_sales',
			platform: 'Gumroad',
			encoding: 'utf-8',
			rows: { read: 25, income: 24, payouts: 0, ignored: 1, duplicates: 0, errors: 0 },
			totals: [{ currency: 'USD', gross: '581.40', fee: '94.21', tax: '0.00', net: '487.19' }],
			payoutTotals: [],
			period: { from: '2025-09', to: '2025-09' },
			errors: []
		});
	});

	it('a second import of the same file adds nothing and exits non-zero', async () => {
		const r = await ledger('import', fixture('gumroad_sales.csv'), '--workspace', 'Crumb Studio', '--json');
		expect(r.code).not.toBe(0);
		expect(JSON.parse(r.out)).toMatchObject({ batchId: null, alreadyImportedAs: 1, rows: { income: 0, duplicates: 24 } });
	});

	it('--dry-run writes nothing; --period answers the question YouTube files ask', async () => {
		const without = await ledger('import', fixture('youtube_studio_table_data.csv'), '--workspace', 'Crumb Studio', '--json', '--dry-run');
		expect(without.code).toBe(1);
		expect(JSON.parse(without.out).errors[0]).toMatchObject({ line: null, code: 'needs_period' });
		const dry = await ledger('import', fixture('youtube_studio_table_data.csv'), '--workspace', 'Crumb Studio', '--period', '2024-12', '--json', '--dry-run');
		expect(dry.code).toBe(0);
		expect(JSON.parse(dry.out)).toMatchObject({ batchId: null, dryRun: true, rows: { income: 21 }, period: { from: '2024-12', to: '2024-12' } });
		const db = openDatabase(dbFile);
		expect(db.$client.prepare(`SELECT COUNT(*) FROM import_batches b JOIN workspaces w ON w.id = b.workspace_id WHERE w.name = 'Crumb Studio'`).pluck().get()).toBe(1);
		db.$client.close();
	});

	it('--map, --currency, --platform and --date-format import an unknown layout', async () => {
		const file = path.join(dir, 'bank.csv');
		fs.writeFileSync(file, 'Booked;Text;Amount\n03.02.2025;Honorar Verlag;1.250,00\n17.02.2025;Lesung;300,50\n');
		const r = await ledger(
			'import', file, '--workspace', 'Crumb Studio', '--map', 'date=Booked', '--map', 'gross=Amount', '--map', 'description=Text',
			'--currency', 'EUR', '--platform', 'Verlag', '--date-format', 'DD.MM.YYYY', '--decimal', ',', '--stream', 'writing', '--json'
		);
		expect(r.code).toBe(0);
		expect(JSON.parse(r.out)).toMatchObject({ preset: 'custom', platform: 'Verlag', totals: [{ currency: 'EUR', gross: '1550.50', net: '1550.50' }], period: { from: '2025-02', to: '2025-02' } });
	});

	it('--preset ws:ID uses a mapping saved by the wizard', async () => {
		const db = openDatabase(dbFile);
		const ws = db.$client.prepare("SELECT id FROM workspaces WHERE name = 'Crumb Studio'").pluck().get() as number;
		const id = savePreset(db, ws, 'My bank', presetFromMapping({ date: 'Booked', gross: 'Amount', description: 'Text' }, { currency: 'EUR', platform: 'Bank', dateFormat: 'DD.MM.YYYY', decimal: ',' }));
		db.$client.close();
		const file = path.join(dir, 'bank2.csv');
		fs.writeFileSync(file, 'Booked;Text;Amount\n04.03.2025;Honorar;99,90\n');
		const r = await ledger('import', file, '--workspace', 'Crumb Studio', '--preset', `ws:${id}`, '--json');
		expect(r.code).toBe(0);
		expect(JSON.parse(r.out)).toMatchObject({ preset: `ws:${id}`, platform: 'Bank', totals: [{ currency: 'EUR', gross: '99.90' }] });
		const bad = await ledger('import', file, '--workspace', 'Crumb Studio', '--preset', 'ws:999');
		expect(bad.err).toMatch(/unknown preset/);
	});

	it('several files: one result each, in an array', async () => {
		const r = await ledger('import', fixture('patreon_earnings.csv'), fixture('bilibili_growup_up_income.csv'), '--workspace', 'Crumb Studio', '--json');
		expect(r.code).toBe(0);
		const j = JSON.parse(r.out);
		expect(j.map((x: { preset: string }) => x.preset)).toEqual(['patreon_earnings', 'bilibili_growup']);
	});

	it.each([
		[['import', 'nope.csv', '--workspace', 'Crumb Studio'], /No such file/],
		[['import', 'x.csv', '--workspace', 'Nobody'], /no workspace named/],
		[['import', 'x.csv'], /--workspace NAME is required/],
		[['import', 'x.csv', '--workspace', 'Crumb Studio', '--map', 'amount=Gross'], /unknown field "amount"/]
	])('%j fails with a clear message', async (argv, message) => {
		const r = await ledger(...(argv as string[]));
		expect(r.code).not.toBe(0);
		expect(r.err).toMatch(message);
	});
});

describe('npm run ledger (scripts/ledger.js: the compiled bundle, parse worker included)', () => {
	it('builds the bundle, imports with the worker, and answers like the sources do', () => {
		const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
		const own = path.join(dir, 'bundle.db');
		const db = openDatabase(own);
		createWorkspace(db, 'Bundle', 'USD', null);
		db.$client.close();
		const run = (...args: string[]) =>
			spawnSync(process.execPath, [path.join(root, 'scripts/ledger.js'), ...args], { cwd: root, env: { ...process.env, DATABASE_PATH: own }, encoding: 'utf8' });
		const r = run('import', fixture('gumroad_sales.csv'), '--workspace', 'Bundle', '--json');
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		expect(JSON.parse(r.stdout)).toMatchObject({ preset: 'gumroad_sales', rows: { income: 24, duplicates: 0 }, totals: [{ currency: 'USD', net: '487.19' }] });
		const again = run('import', fixture('gumroad_sales.csv'), '--workspace', 'Bundle', '--json');
		expect(again.status).toBe(1);
		expect(JSON.parse(again.stdout)).toMatchObject({ batchId: null, rows: { duplicates: 24 } });
		const help = run('--help');
		expect(help.status).toBe(0);
		expect(help.stdout).toMatch(/import\s/);
		expect(help.stdout).toMatch(/metrics\s/);
	});
});
