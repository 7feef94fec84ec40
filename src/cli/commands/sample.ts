import { findUserByEmail, normalizeEmail } from '../../lib/server/auth/accounts';
import { openDatabase } from '../../lib/server/db/client';
import { createWorkspace, workspaceNamed } from '../../lib/server/db/queries/workspaces';
import { env } from '../../lib/server/env';
import { loadSampleWorkspace } from '../../lib/server/sample';
import { SAMPLE_LANGUAGES, type SampleLanguage } from '../../lib/domain/sample';
import { CliError, parse, printJson, todayOption, type Command } from '../args';

const command: Command = {
	name: 'sample',
	summary: 'Create (or fill an empty) workspace with the deterministic sample narrator',
	usage: 'sample --workspace NAME [--owner EMAIL] [--seed N] [--today YYYY-MM-DD] [--language en|zh] [--json]',
	async run(argv, io) {
		const { values } = parse(
			argv,
			{
				workspace: { type: 'string' },
				owner: { type: 'string' },
				seed: { type: 'string' },
				today: { type: 'string' },
				language: { type: 'string' },
				json: { type: 'boolean' }
			},
			false
		);
		if (!values.workspace) throw new CliError('--workspace NAME is required');
		const today = todayOption(values.today);
		if (values.seed !== undefined && !/^\d+$/.test(values.seed)) throw new CliError('--seed must be a whole number');
		const language = values.language ?? 'en';
		if (!(SAMPLE_LANGUAGES as readonly string[]).includes(language)) throw new CliError(`--language must be one of ${SAMPLE_LANGUAGES.join(', ')}`);
		const db = openDatabase(env.databasePath);
		try {
			const owner = values.owner ? findUserByEmail(db, normalizeEmail(values.owner)) : undefined;
			if (values.owner && !owner) throw new CliError(`no user with email ${values.owner} (create one with: user create)`);
			// A new workspace belongs to --owner; without one, the first account to sign up adopts it.
			// Two workspaces of that name are an error (workspaceNamed throws), not a reason for a third.
			const ws = workspaceNamed(db, values.workspace) ?? createWorkspace(db, values.workspace, 'CNY', owner?.id ?? null);
			const result = loadSampleWorkspace(db, ws.id, { today, seed: values.seed ? Number(values.seed) : undefined, language: language as SampleLanguage });
			if (values.json) printJson(io, { workspace: ws.name, workspaceId: ws.id, earnings: result.earnings });
			else io.out(`Loaded the sample into workspace "${ws.name}": ${result.earnings} income rows.`);
			return 0;
		} finally {
			db.$client.close();
		}
	}
};
export default command;
