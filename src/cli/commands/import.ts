/**
 * `import FILE... --workspace NAME`: the same pipeline as the web preview and commit. Each file is
 * one batch. `--dry-run` only analyses (and counts rows already in the workspace).
 */
import fs from 'node:fs';
import { openDatabase } from '../../lib/server/db/client';
import { workspaceByName } from '../../lib/server/db/queries/workspaces';
import { env } from '../../lib/server/env';
import { importStatement } from '../../lib/server/import/commit';
import { analyseInWorker } from '../../lib/server/import/parallel';
import { analyseStatement, existingRowsCounter, fileSource, type AnalyseOptions, type ImportPlan } from '../../lib/server/import/pipeline';
import { resolvePresetChoice } from '../../lib/server/import/saved-presets';
import { FIELDS, type Field } from '../../lib/server/import/types';
import { CliError, parse, printJson, type Command } from '../args';

export interface ImportJson {
	file: string;
	/** The new batch's number in the workspace (1, 2, 3…, as the import page shows it), or null. */
	batchId: number | null;
	preset: string | null;
	platform: string | null;
	encoding: string | null;
	rows: { read: number; income: number; payouts: number; ignored: number; duplicates: number; errors: number };
	totals: { currency: string; gross: string; fee: string; tax: string; net: string }[];
	payoutTotals: { currency: string; amount: string; received: string }[];
	period: { from: string; to: string } | null;
	errors: { line: number | null; message: string; code: string }[];
	warnings: { message: string; code: string }[];
	dryRun: boolean;
	/** The number of the batch that imported this very file before, if one did. */
	alreadyImportedAs: number | null;
}

function parseMap(entries: string[] | undefined): Partial<Record<Field, string>> {
	const map: Partial<Record<Field, string>> = {};
	for (const e of entries ?? []) {
		const eq = e.indexOf('=');
		if (eq <= 0) throw new CliError(`--map expects FIELD=COLUMN, got "${e}"`);
		const field = e.slice(0, eq).trim();
		if (!(FIELDS as readonly string[]).includes(field)) throw new CliError(`unknown field "${field}" in --map (one of ${FIELDS.join(', ')})`);
		map[field as Field] = e.slice(eq + 1);
	}
	return map;
}

function toJson(file: string, plan: ImportPlan, dryRun: boolean): ImportJson {
	return {
		file,
		batchId: null,
		preset: plan.preset?.id ?? null,
		platform: plan.platform,
		encoding: plan.encoding || null,
		rows: { ...plan.counts },
		totals: plan.totals.map(({ currency, gross, fee, tax, net }) => ({ currency, gross, fee, tax, net })),
		payoutTotals: plan.payoutTotals.map(({ currency, amount, received }) => ({ currency, amount, received })),
		period: plan.period,
		errors: [
			...(plan.fatal ? [{ line: null, message: plan.fatal.message, code: plan.fatal.code }] : []),
			...plan.errors.map((e) => ({ line: e.line ?? null, message: e.message, code: e.code }))
		],
		warnings: plan.warnings.map((w) => ({ message: w.message, code: w.code })),
		dryRun,
		alreadyImportedAs: plan.alreadyImported?.batchNumber ?? null
	};
}

const command: Command = {
	name: 'import',
	summary: 'Import statement files into a workspace (preview with --dry-run)',
	usage:
		'import FILE... --workspace NAME [--preset auto|ID] [--platform NAME] [--period YYYY-MM | YYYY-MM..YYYY-MM] ' +
		'[--map FIELD=COLUMN]... [--date-format FMT] [--decimal .|,] [--delimiter C] [--encoding E] [--currency CUR] ' +
		'[--stream S] [--dry-run] [--json]',
	async run(argv, io) {
		const { values, positionals } = parse(argv, {
			workspace: { type: 'string' },
			preset: { type: 'string' },
			platform: { type: 'string' },
			period: { type: 'string' },
			map: { type: 'string', multiple: true },
			'date-format': { type: 'string' },
			decimal: { type: 'string' },
			delimiter: { type: 'string' },
			encoding: { type: 'string' },
			currency: { type: 'string' },
			stream: { type: 'string' },
			'dry-run': { type: 'boolean' },
			json: { type: 'boolean' }
		});
		if (!values.workspace) throw new CliError('--workspace NAME is required');
		if (positionals.length === 0) throw new CliError('give at least one FILE');
		const map = parseMap(values.map);
		const dryRun = Boolean(values['dry-run']);
		const db = openDatabase(env.databasePath);
		const results: ImportJson[] = [];
		try {
			const ws = workspaceByName(db, values.workspace);
			for (const file of positionals) {
				if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
					results.push({
						file, batchId: null, preset: null, platform: null, encoding: null,
						rows: { read: 0, income: 0, payouts: 0, ignored: 0, duplicates: 0, errors: 1 },
						totals: [], payoutTotals: [], period: null,
						errors: [{ line: null, message: `No such file: ${file}`, code: 'not_found' }], warnings: [], dryRun, alreadyImportedAs: null
					});
					continue;
				}
				const preset = resolvePresetChoice(db, ws.id, values.preset);
				if (preset === undefined) throw new CliError(`unknown preset "${values.preset}" (a built-in id, auto, or ws:ID of a saved preset)`);
				const options: AnalyseOptions = {
					preset,
					platform: values.platform,
					period: values.period,
					map,
					dateFormat: values['date-format'],
					decimal: values.decimal,
					delimiter: values.delimiter,
					encoding: values.encoding,
					currency: values.currency,
					stream: values.stream,
					maxBytes: env.maxUploadMb * 1024 * 1024
				};
				// One streaming pass either way, rows never all held: the dry run counts the rows already in
				// the workspace chunk by chunk; the import writes them in one transaction as they are read.
				if (dryRun) {
					const plan = await analyseStatement(fileSource(file), { ...options, db, workspaceId: ws.id, sink: existingRowsCounter(db, ws.id) });
					results.push(toJson(file, plan, dryRun));
					continue;
				}
				// The file is parsed in a worker thread while this one writes (see import/parallel.ts).
				const { plan, result: r } = await importStatement(db, ws.id, null, fileSource(file), options, analyseInWorker);
				const out = toJson(file, plan, dryRun);
				if (r) {
					// The batch's number in the workspace, as the import page shows it (ids are global).
					out.batchId = r.batchNumber;
					out.alreadyImportedAs = r.alreadyImportedAs;
					out.rows.income = r.batchId === null ? 0 : r.earningsInserted;
					out.rows.payouts = r.batchId === null ? 0 : r.payoutsInserted;
					out.rows.duplicates = r.duplicates;
					if (r.alreadyImportedAs !== null) {
						out.warnings.push({ code: 'already_imported', message: `Already imported as batch ${r.alreadyImportedAs}; nothing added.` });
					} else if (r.batchId === null) {
						out.warnings.push({ code: 'already_imported', message: 'Every row is already in the workspace; nothing added.' });
					}
				}
				results.push(out);
			}
		} finally {
			db.$client.close();
		}
		if (values.json) printJson(io, results.length === 1 ? results[0] : results);
		else {
			for (const r of results) {
				const head = r.batchId !== null ? `batch ${r.batchId}` : r.dryRun ? 'dry run' : 'not imported';
				io.out(`${r.file}: ${head} — ${r.preset ?? 'no preset'} → ${r.platform ?? '?'} (${r.encoding ?? '?'})`);
				io.out(`  rows: ${r.rows.read} read, ${r.rows.income} income, ${r.rows.payouts} payouts, ${r.rows.ignored} ignored, ${r.rows.duplicates} duplicates, ${r.rows.errors} errors`);
				for (const t of r.totals) io.out(`  ${t.currency}: gross ${t.gross}, fee ${t.fee}, tax ${t.tax}, net ${t.net}`);
				for (const t of r.payoutTotals) io.out(`  payouts ${t.currency}: ${t.amount} (received ${t.received})`);
				if (r.period) io.out(`  period: ${r.period.from}..${r.period.to}`);
				for (const w of r.warnings) io.err(`  warning: ${w.message}`);
				for (const e of r.errors.slice(0, 20)) io.err(`  error${e.line !== null ? ` (line ${e.line})` : ''}: ${e.message}`);
				if (r.errors.length > 20) io.err(`  … and ${r.errors.length - 20} more errors`);
			}
		}
		const imported = results.some((r) => (dryRun ? r.rows.income + r.rows.payouts > 0 && !r.errors.some((e) => e.line === null) : r.batchId !== null));
		return imported ? 0 : 1;
	}
};
export default command;
