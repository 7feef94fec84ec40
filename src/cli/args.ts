/** Shared CLI plumbing: argument parsing, output conventions (human by default, --json for machines). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isIsoDate } from '../lib/domain/period';
import { todayIso } from '../lib/server/clock';

export interface CliIO {
	out: (text: string) => void;
	err: (text: string) => void;
	/** Reads all of standard input (for passwords piped in). */
	readStdin: () => Promise<string>;
}

export interface Command {
	name: string;
	summary: string;
	usage: string;
	/** Returns the process exit code. Throw `CliError` for a clean failure message. */
	run(argv: string[], io: CliIO): Promise<number>;
}

export class CliError extends Error {}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, allowPositionals = true) {
	try {
		return parseArgs({ args: argv, options, allowPositionals, strict: true });
	} catch (e) {
		throw new CliError((e as Error).message);
	}
}

export function printJson(io: CliIO, value: unknown): void {
	io.out(JSON.stringify(value, null, 2));
}

/** `--today YYYY-MM-DD` (a real date), or the server's today when it is not given. */
export function todayOption(value: string | undefined): string {
	if (value === undefined) return todayIso();
	if (!isIsoDate(value)) throw new CliError(`--today must be a date YYYY-MM-DD, not "${value}"`);
	return value;
}
