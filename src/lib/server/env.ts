/**
 * The only module that reads environment variables. Everything else asks here, so the
 * configuration a deployment can set is listed in one place (and in the README).
 */
import path from 'node:path';

export interface AppEnv {
	/** SQLite file; its folder is created on first use. `:memory:` works for tests. */
	databasePath: string;
	/** `open` lets anyone sign up after the owner account exists; anything else keeps it closed. */
	registrationOpen: boolean;
	/** Largest statement upload accepted, in megabytes. */
	maxUploadMb: number;
	/** The public origin (e.g. https://ledger.example.com); decides the `Secure` cookie flag. */
	origin: string | undefined;
}

export function readEnv(source: Record<string, string | undefined> = process.env): AppEnv {
	const maxUpload = Number(source.MAX_UPLOAD_MB ?? '100');
	return {
		databasePath:
			source.DATABASE_PATH && source.DATABASE_PATH.trim() !== ''
				? source.DATABASE_PATH
				: path.join('data', 'creator-ledger.db'),
		registrationOpen: (source.REGISTRATION ?? '').toLowerCase() === 'open',
		maxUploadMb: Number.isFinite(maxUpload) && maxUpload > 0 ? maxUpload : 100,
		origin: source.ORIGIN || undefined
	};
}

export const env: AppEnv = readEnv();
