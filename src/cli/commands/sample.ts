import { findUserByEmail, normalizeEmail } from '../../lib/server/auth/accounts';
import { openDatabase } from '../../lib/server/db/client';
import { createWorkspace, workspaceByName } from '../../lib/server/db/queries/workspaces';
import { env } from '../../lib/server/env';
import { loadSampleWorkspace } from '../../lib/server/sample';
import { CliError, parse, printJson, type Command } from '../args';

const command: Command = {
	name: 'sample',
	summary: 'Create (or fill an empty) workspace with the deterministic sample narrator',
	usage: 'sample --workspace NAME [--owner EMAIL] [--seed N] [--today YYYY-MM-DD] [--json]',
	async run(argv, io) {
		const { values } = parse(
			argv,
			{
				workspace: { type: 'string' },
				owner: { type: 'string' },
				seed: { type: 'string' },
				today: { type: 'string' },
				json: { type: 'boolean' }
			},
			false
		);
		if (!values.workspace) throw new CliError('--workspace NAME is required');
		if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
			throw new CliError(`--today must be YYYY-MM-DD, got "${values.today}"`);
		}
		if (values.seed !== undefined && !/^\d+$/.test(values.seed)) throw new CliError('--seed must be a whole number');
		const db = openDatabase(env.databasePath);
		try {
			const owner = values.owner ? findUserByEmail(db, normalizeEmail(values.owner)) : undefined;
			if (values.owner && !owner) throw new CliError(`no user with email ${values.owner} (create one with: user create)`);
			let ws;
			try {
				ws = workspaceByName(db, values.workspace);
			} catch {
				// A new workspace belongs to --owner; without one, the first account to sign up adopts it.
				ws = createWorkspace(db, values.workspace, 'CNY', owner?.id ?? null);
			}
			const today = values.today ?? new Date().toISOString().slice(0, 10);
			const result = loadSampleWorkspace(db, ws.id, { today, seed: values.seed ? Number(values.seed) : undefined });
			if (values.json) printJson(io, { workspace: ws.name, workspaceId: ws.id, earnings: result.earnings });
			else io.out(`Loaded the sample into workspace "${ws.name}": ${result.earnings} income rows.`);
			return 0;
		} finally {
			db.$client.close();
		}
	}
};
export default command;
