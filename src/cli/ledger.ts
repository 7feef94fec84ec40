/**
 * `npm run ledger -- <command> [options]`: the local administrator's tool. It works on the
 * database directly (DATABASE_PATH), applying migrations first. Each command lives in
 * `commands/<name>.ts` and is discovered here, so adding one touches no shared file.
 * Conventions: human-readable output by default, `--json` for machines (money as decimal strings
 * in major units), non-zero exit with the reason on stderr on failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CliIO, Command } from './args';

const here = fileURLToPath(import.meta.url);
const commandsDir = path.join(path.dirname(here), 'commands');
/** '.ts' when run from the sources, '.js' from the compiled bundle (scripts/ledger.js). */
const ext = path.extname(here);
const isCommandFile = (f: string) => f.endsWith(ext) && !f.endsWith(`.spec${ext}`) && !f.endsWith(`.d${ext}`);

async function loadFile(map: Map<string, Command>, file: string): Promise<void> {
	const mod = (await import(pathToFileURL(path.join(commandsDir, file)).href)) as { default?: Command; commands?: Command[] };
	for (const cmd of mod.commands ?? (mod.default ? [mod.default] : [])) map.set(cmd.name, cmd);
}

/**
 * The commands. When the first word names a command file (`import` → commands/import.ts, plus
 * `import-*.ts`) that registers the command asked for, only those files are loaded: every other command's modules stay unloaded, which
 * keeps start-up time and memory down (the import benchmark measures the whole process).
 */
async function loadCommands(argv: string[]): Promise<Map<string, Command>> {
	const map = new Map<string, Command>();
	const first = argv[0];
	if (first && /^[a-z][a-z-]*$/.test(first) && fs.existsSync(path.join(commandsDir, `${first}${ext}`))) {
		for (const file of fs.readdirSync(commandsDir).sort()) {
			if (file === `${first}${ext}` || (file.startsWith(`${first}-`) && isCommandFile(file))) await loadFile(map, file);
		}
		if (map.has(first) || (argv.length >= 2 && map.has(`${first} ${argv[1]}`))) return map;
		map.clear();
	}
	for (const file of fs.readdirSync(commandsDir).sort()) {
		if (!isCommandFile(file)) continue;
		await loadFile(map, file);
	}
	return map;
}

/** Commands as "  name     summary" lines, names padded to one width. */
function commandLines(commands: readonly Command[]): string[] {
	const width = Math.max(...commands.map((c) => c.name.length));
	return commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
}

function usage(commands: Map<string, Command>): string {
	const lines = commandLines([...commands.values()]);
	return [
		'Creator Ledger command line',
		'',
		'Usage: npm run ledger -- <command> [options]',
		'       npm run ledger -- <command> --help',
		'',
		'Commands:',
		...lines,
		'',
		'Database: DATABASE_PATH (default ./data/creator-ledger.db); migrations are applied first.'
	].join('\n');
}

export async function main(argv: string[], io: CliIO): Promise<number> {
	const commands = await loadCommands(argv);
	// Two-word commands ("user create", "workspace list") are registered with a space.
	const two = argv.length >= 2 ? `${argv[0]} ${argv[1]}` : '';
	const [name, rest] = commands.has(two) ? [two, argv.slice(2)] : [argv[0], argv.slice(1)];
	if (!name || name === '--help' || name === '-h' || name === 'help') {
		io.out(usage(commands));
		return name ? 0 : 1;
	}
	const cmd = commands.get(name);
	if (!cmd) {
		// A group's first word alone ("user", "workspace"): list the group's commands.
		const group = [...commands.values()].filter((c) => c.name.startsWith(`${name} `));
		if (group.length > 0) {
			io.err([`"${name}" needs one of:`, ...commandLines(group)].join('\n'));
			return 2;
		}
		io.err(`Unknown command "${name}". Run with --help to see the commands.`);
		return 2;
	}
	if (rest.includes('--help') || rest.includes('-h')) {
		io.out(`${cmd.summary}\n\nUsage: npm run ledger -- ${cmd.usage}`);
		return 0;
	}
	try {
		return await cmd.run(rest, io);
	} catch (e) {
		// A usage mistake (CliError) or anything else: the reason on stderr, never a stack trace.
		io.err(`error: ${e instanceof Error ? e.message : String(e)}`);
		return 1;
	}
}

/** The process's own streams, for running `main` as a program (here and from scripts/ledger.js). */
export const processIO: CliIO = {
	out: (t) => process.stdout.write(t + '\n'),
	err: (t) => process.stderr.write(t + '\n'),
	readStdin: async () => {
		if (process.stdin.isTTY) return '';
		const chunks: Buffer[] = [];
		for await (const c of process.stdin) chunks.push(c as Buffer);
		return Buffer.concat(chunks).toString('utf8');
	}
};

const isEntry = process.argv[1] && path.resolve(process.argv[1]) === here;
if (isEntry) {
	main(process.argv.slice(2), processIO).then(
		(code) => process.exit(code),
		(e) => {
			process.stderr.write(`error: ${(e as Error).message}\n`);
			process.exit(1);
		}
	);
}
