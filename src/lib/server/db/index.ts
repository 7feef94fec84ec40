/** The app's database, opened lazily on first use with the configured path. */
import { env } from '../env';
import { openDatabase, type DB } from './client';

let instance: DB | undefined;

export function getDb(): DB {
	instance ??= openDatabase(env.databasePath);
	return instance;
}

export { schema } from './schema-namespace';
export type { DB };
