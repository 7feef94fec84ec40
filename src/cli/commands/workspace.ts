/**
 * `workspace create NAME --owner E [--currency CNY]` and `workspace list [--json]`. A workspace is
 * one creator's books; the owner can then add editors and viewers in Settings → Members.
 */
import { asc, eq } from 'drizzle-orm';
import { openDatabase } from '../../lib/server/db/client';
import { env } from '../../lib/server/env';
import { findUserByEmail } from '../../lib/server/auth/accounts';
import { createWorkspace } from '../../lib/server/db/queries/workspaces';
import { users, workspaceMembers, workspaces } from '../../lib/server/db/schema/index';
import { CliError, parse, printJson, type Command } from '../args';

const create: Command = {
	name: 'workspace create',
	summary: 'Create a workspace owned by an existing user',
	usage: 'workspace create NAME --owner EMAIL [--currency CNY] [--json]',
	async run(argv, io) {
		const { values, positionals } = parse(argv, {
			owner: { type: 'string' },
			currency: { type: 'string' },
			json: { type: 'boolean' }
		});
		const name = positionals.join(' ').trim();
		if (name === '') throw new CliError('the workspace NAME is required');
		if (!values.owner) throw new CliError('--owner is required (the email of an existing user)');
		const currency = (values.currency ?? 'CNY').trim().toUpperCase();
		if (!/^[A-Z]{3}$/.test(currency)) throw new CliError(`--currency must be a three-letter code, not "${values.currency}"`);
		const db = openDatabase(env.databasePath);
		try {
			const owner = findUserByEmail(db, values.owner);
			if (!owner) throw new CliError(`no user with email ${values.owner} (create one with: user create --email ${values.owner})`);
			const ws = createWorkspace(db, name, currency, owner.id);
			if (values.json) printJson(io, { id: ws.id, name: ws.name, baseCurrency: ws.baseCurrency, owner: owner.email });
			else io.out(`Created workspace "${ws.name}" (id ${ws.id}, ${ws.baseCurrency}) owned by ${owner.email}.`);
			return 0;
		} finally {
			db.$client.close();
		}
	}
};

const list: Command = {
	name: 'workspace list',
	summary: 'List workspaces with their members and roles',
	usage: 'workspace list [--json]',
	async run(argv, io) {
		const { values } = parse(argv, { json: { type: 'boolean' } }, false);
		const db = openDatabase(env.databasePath);
		try {
			const all = db
				.select({ id: workspaces.id, name: workspaces.name, baseCurrency: workspaces.baseCurrency, createdAt: workspaces.createdAt })
				.from(workspaces)
				.orderBy(asc(workspaces.id))
				.all();
			const members = db
				.select({ workspaceId: workspaceMembers.workspaceId, email: users.email, role: workspaceMembers.role })
				.from(workspaceMembers)
				.innerJoin(users, eq(users.id, workspaceMembers.userId))
				.orderBy(workspaceMembers.role, users.email)
				.all();
			const rows = all.map((w) => ({
				...w,
				members: members.filter((mb) => mb.workspaceId === w.id).map(({ email, role }) => ({ email, role }))
			}));
			if (values.json) printJson(io, rows);
			else if (rows.length === 0) io.out('No workspaces yet.');
			else
				for (const r of rows) {
					const who = r.members.map((mb) => `${mb.email} (${mb.role})`).join(', ') || 'no members';
					io.out(`${String(r.id).padStart(4)}  ${r.name}  [${r.baseCurrency}]  ${who}`);
				}
			return 0;
		} finally {
			db.$client.close();
		}
	}
};

export const commands = [create, list];
