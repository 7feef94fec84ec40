/**
 * `user create --email E`: an account for someone (the password comes from standard input, or is
 * asked for without echo on a terminal). `user password --email E` resets a forgotten password and
 * ends that user's sessions. `user list` shows the accounts. The CLI works on the database directly,
 * so registration being closed does not apply to it.
 */
import { stdin, stdout } from 'node:process';
import readline from 'node:readline';
import { openDatabase } from '../../lib/server/db/client';
import { env } from '../../lib/server/env';
import { createUser, findUserByEmail, setPassword } from '../../lib/server/auth/accounts';
import { passwordProblem } from '../../lib/server/auth/password';
import { deleteOtherSessions } from '../../lib/server/auth/session';
import { users, workspaceMembers } from '../../lib/server/db/schema/index';
import { count, eq } from 'drizzle-orm';
import { CliError, parse, printJson, type CliIO, type Command } from '../args';

const PROBLEMS: Record<string, string> = {
	bad_email: 'that does not look like an email address',
	taken: 'an account with this email already exists',
	too_short: 'the password must have at least 10 characters',
	too_common: 'the password is too common; choose another one'
};

/** Asks on the terminal without echoing what is typed. */
function promptHidden(question: string): Promise<string> {
	return new Promise((resolve) => {
		const rl = readline.createInterface({ input: stdin, output: stdout, terminal: true });
		const mutable = rl as unknown as { _writeToOutput: (s: string) => void };
		let asked = false;
		mutable._writeToOutput = (s: string) => {
			if (!asked) stdout.write(s);
		};
		rl.question(question, (answer) => {
			rl.close();
			stdout.write('\n');
			resolve(answer);
		});
		asked = true;
	});
}

/** The first line of standard input, or a hidden prompt (typed twice) when stdin is a terminal. */
async function readPassword(io: CliIO): Promise<string> {
	const piped = await io.readStdin();
	if (piped !== '') return piped.split(/\r?\n/)[0];
	if (!stdin.isTTY) throw new CliError('no password: pipe it on standard input');
	const first = await promptHidden('Password: ');
	const again = await promptHidden('Repeat password: ');
	if (first !== again) throw new CliError('the two passwords differ');
	return first;
}

const create: Command = {
	name: 'user create',
	summary: 'Create an account (password from standard input or prompt)',
	usage: 'user create --email E [--json]   (e.g. echo "$PASSWORD" | npm run ledger -- user create --email me@example.com)',
	async run(argv, io) {
		const { values } = parse(argv, { email: { type: 'string' }, json: { type: 'boolean' } }, false);
		if (!values.email) throw new CliError('--email is required');
		const password = await readPassword(io);
		const db = openDatabase(env.databasePath);
		try {
			const result = await createUser(db, values.email, password);
			if (!result.ok) throw new CliError(PROBLEMS[result.problem]);
			const email = values.email.trim().toLowerCase();
			if (values.json) printJson(io, { id: result.userId, email });
			else io.out(`Created user ${email} (id ${result.userId}). Add a workspace with: workspace create NAME --owner ${email}`);
			return 0;
		} finally {
			db.$client.close();
		}
	}
};

const password: Command = {
	name: 'user password',
	summary: "Set a user's password (from standard input or prompt) and end their sessions",
	usage: 'user password --email E',
	async run(argv, io) {
		const { values } = parse(argv, { email: { type: 'string' } }, false);
		if (!values.email) throw new CliError('--email is required');
		const next = await readPassword(io);
		const weak = passwordProblem(next);
		if (weak) throw new CliError(PROBLEMS[weak]);
		const db = openDatabase(env.databasePath);
		try {
			const user = findUserByEmail(db, values.email);
			if (!user) throw new CliError(`no user with email ${values.email}`);
			await setPassword(db, user.id, next);
			deleteOtherSessions(db, user.id);
			io.out(`Password of ${user.email} changed; their sessions were ended.`);
			return 0;
		} finally {
			db.$client.close();
		}
	}
};

const list: Command = {
	name: 'user list',
	summary: 'List the accounts and how many workspaces each belongs to',
	usage: 'user list [--json]',
	async run(argv, io) {
		const { values } = parse(argv, { json: { type: 'boolean' } }, false);
		const db = openDatabase(env.databasePath);
		try {
			const rows = db
				.select({ id: users.id, email: users.email, createdAt: users.createdAt, workspaces: count(workspaceMembers.workspaceId) })
				.from(users)
				.leftJoin(workspaceMembers, eq(workspaceMembers.userId, users.id))
				.groupBy(users.id)
				.orderBy(users.id)
				.all();
			if (values.json) printJson(io, rows);
			else if (rows.length === 0) io.out('No users yet. The first one signs up at /signup, or use: user create --email E');
			else for (const r of rows) io.out(`${String(r.id).padStart(4)}  ${r.email}  (${r.workspaces} workspaces, since ${r.createdAt.slice(0, 10)})`);
			return 0;
		} finally {
			db.$client.close();
		}
	}
};

export const commands = [create, password, list];
