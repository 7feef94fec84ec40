import { openDatabase } from '../../lib/server/db/client';
import { createWorkspace, workspaceByName } from '../../lib/server/db/queries/workspaces';
import { env } from '../../lib/server/env';
import { loadSampleWorkspace } from '../../lib/server/sample';
import { CliError, parse, printJson, type Command } from '../args';

const command: Command = {
	name: 'sample',
	summary: 'Create (or fill an empty) workspace with the deterministic sample narrator',
	usage: 'sample --workspace NAME [--seed N] [--today YYYY-MM-DD] [--json]',
	async run(argv, io) {
		const { values } = parse(
			argv,
			{ workspace: { type: 'string' }, seed: { type: 'string' }, today: { type: 'string' }, json: { type: 'boolean' } },
			false
		);
		if (!values.workspace) throw new CliError('--workspace NAME is required');
		const db = openDatabase(env.databasePath);
		try {
			let ws;
			try {
				ws = workspaceByName(db, values.workspace);
			} catch {
				ws = createWorkspace(db, values.workspace, 'CNY', null);
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
