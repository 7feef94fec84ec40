/**
 * `workspace export NAME FILE` and `workspace import NAME FILE` (domain.md §7): platforms, payout rules,
 * works, commission rules and deals as one JSON file. FILE "-" is standard output / input. Import is
 * validated first and applied atomically; every problem is printed with its place in the file.
 */
import fs from 'node:fs';
import { openDatabase } from '../../lib/server/db/client';
import { env } from '../../lib/server/env';
import { workspaceByName } from '../../lib/server/db/queries/workspaces';
import { exportWorkspaceFile, importWorkspaceFile } from '../../lib/server/payouts/workspace-file';
import { CliError, parse, printJson, type Command } from '../args';

function nameAndFile(positionals: string[], usage: string): [string, string] {
	if (positionals.length !== 2) throw new CliError(`expected NAME and FILE (usage: ${usage}); quote a NAME with spaces`);
	return [positionals[0], positionals[1]];
}

const exportCommand: Command = {
	name: 'workspace export',
	summary: 'Write a workspace file (platforms, payout rules, works, commission rules, deals) as JSON',
	usage: 'workspace export NAME FILE   (FILE "-" for standard output)',
	async run(argv, io) {
		const { positionals } = parse(argv, {});
		const [name, file] = nameAndFile(positionals, this.usage);
		const db = openDatabase(env.databasePath);
		try {
			const text = exportWorkspaceFile(db, workspaceByName(db, name).id);
			if (file === '-') io.out(text.trimEnd());
			else {
				fs.writeFileSync(file, text, 'utf8');
				io.err(`Wrote ${file}.`);
			}
			return 0;
		} finally {
			db.$client.close();
		}
	}
};

const importCommand: Command = {
	name: 'workspace import',
	summary: 'Apply a workspace file: adds or updates platforms, replaces works, commission rules and deals',
	usage: 'workspace import NAME FILE [--json]   (FILE "-" for standard input)',
	async run(argv, io) {
		const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
		const [name, file] = nameAndFile(positionals, this.usage);
		let text: string;
		try {
			text = file === '-' ? await io.readStdin() : fs.readFileSync(file, 'utf8');
		} catch (e) {
			throw new CliError(`cannot read ${file}: ${(e as Error).message}`);
		}
		const db = openDatabase(env.databasePath);
		try {
			const ws = workspaceByName(db, name);
			const r = importWorkspaceFile(db, ws.id, text);
			if (!r.ok) {
				if (values.json) printJson(io, { ok: false, errors: r.errors });
				io.err(`${file} was not applied (${r.errors.length} problem${r.errors.length === 1 ? '' : 's'}):`);
				for (const e of r.errors) io.err(`  ${e.path ? e.path + ': ' : ''}${e.message}`);
				return 1;
			}
			if (values.json) printJson(io, { ok: true, ...r.summary });
			else {
				const s = r.summary;
				io.out(
					`Applied ${file} to "${ws.name}": ${s.platformsCreated} platform(s) added, ${s.platformsUpdated} updated, ` +
						`${s.payoutRules} payout rule version(s), ${s.works} work(s), ${s.commissionRules} commission rule(s), ${s.deals} deal(s); ` +
						`${s.computedEarnings} computed earning(s).` +
						(s.payoutLinksDropped > 0 ? ` ${s.payoutLinksDropped} deal(s) had named the imported payout that held them: set that again on the deals page.` : '')
				);
			}
			return 0;
		} finally {
			db.$client.close();
		}
	}
};

export const commands = [exportCommand, importCommand];
