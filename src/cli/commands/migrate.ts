import { openDatabase } from '../../lib/server/db/client';
import { env } from '../../lib/server/env';
import { parse, printJson, type Command } from '../args';

const command: Command = {
	name: 'migrate',
	summary: 'Create the database if needed and apply all migrations',
	usage: 'migrate [--json]',
	async run(argv, io) {
		const { values } = parse(argv, { json: { type: 'boolean' } }, false);
		const db = openDatabase(env.databasePath);
		const applied = db.$client.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number };
		db.$client.close();
		if (values.json) printJson(io, { database: env.databasePath, migrations: applied.n });
		else io.out(`Database ${env.databasePath} is up to date (${applied.n} migrations applied).`);
		return 0;
	}
};
export default command;
