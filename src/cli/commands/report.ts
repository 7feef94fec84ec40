import fs from 'node:fs';
import { openDatabase } from '../../lib/server/db/client';
import { workspaceByName } from '../../lib/server/db/queries/workspaces';
import { env } from '../../lib/server/env';
import { buildReport, ledgerCsv, ledgerJson, monthlyCsv, reportJson, ReportInputError, verifyReport } from '../../lib/server/report/index';
import { reportDocument, type ReportLocale } from '../../lib/server/report/html';
import { CliError, parse, printJson, type Command } from '../args';


/**
 * Where a printed report's reader checks its code: the app's public address (ORIGIN) when it is
 * set, else a path on whatever address the app is served at (a file printed from the CLI has none).
 */
function verifyUrl(): string {
	return env.origin ? `${env.origin.replace(/\/+$/, '')}/reports/verify` : '/reports/verify';
}

const FORMATS = ['csv', 'json', 'html'] as const;

const command: Command = {
	name: 'report',
	summary: 'Income report for a period: monthly table (csv), figures (json) or the printable page (html)',
	usage:
		'report --workspace NAME --period 2025|2025-Q2|2025-03|2025-01..2025-06 --format csv|json|html [--ledger] [--lang en|zh] [--out FILE]\n' +
		'       report --workspace NAME --period P --verify CODE\n' +
		'  --ledger   export the ledger rows of the period instead of the report (csv or json)\n' +
		'  --verify   recompute the report and check a printed verification code (exit 0 when it matches, 3 when not)',
	async run(argv, io) {
		const { values } = parse(
			argv,
			{
				workspace: { type: 'string' },
				period: { type: 'string' },
				format: { type: 'string' },
				ledger: { type: 'boolean' },
				lang: { type: 'string' },
				out: { type: 'string' },
				verify: { type: 'string' }
			},
			false
		);
		if (!values.workspace) throw new CliError('--workspace NAME is required');
		if (!values.period) throw new CliError('--period is required (2025, 2025-Q2, 2025-03 or 2025-01..2025-06)');
		const lang = (values.lang ?? 'en') as ReportLocale;
		if (lang !== 'en' && lang !== 'zh') throw new CliError(`--lang must be en or zh, got "${values.lang}"`);
		const db = openDatabase(env.databasePath);
		try {
			const ws = workspaceByName(db, values.workspace);
			if (values.verify !== undefined) {
				const v = verifyReport(db, ws.id, values.period, values.verify);
				if (v.status === 'bad_period') throw new CliError(v.error);
				if (v.status === 'bad_code') throw new CliError('a verification code has 20 hex digits, like 3F9A-1C2B-77D0-4E12-9AB3');
				io.out(v.status === 'match' ? `match: the report for ${v.period} still shows these figures` : `MISMATCH: the figures for ${v.period} are not the ones code ${v.code} was printed with`);
				return v.status === 'match' ? 0 : 3;
			}
			const format = values.format ?? 'json';
			if (!(FORMATS as readonly string[]).includes(format)) throw new CliError(`--format must be csv, json or html, got "${format}"`);
			// CSV and JSON are data (field names, ISO dates, decimal strings): one form in every language.
			if (values.lang !== undefined && format !== 'html') io.err(`note: --lang applies to --format html only; ${format} is the same in every language`);
			let text: string;
			try {
				if (values.ledger) {
					if (format === 'html') throw new CliError('--ledger exports csv or json');
					text = format === 'csv' ? ledgerCsv(db, ws.id, values.period) : JSON.stringify(ledgerJson(db, ws.id, values.period), null, 2);
				} else {
					const report = buildReport(db, ws.id, values.period);
					for (const m of report.missingRates) {
						io.err(`warning: no ${m.currency}→${report.baseCurrency} rate for ${m.month}: ${m.platform} left out`);
					}
					text =
						format === 'csv'
							? monthlyCsv(report)
							: format === 'html'
								? reportDocument(report, { locale: lang, verifyUrl: verifyUrl() })
								: JSON.stringify(reportJson(report), null, 2);
				}
			} catch (e) {
				if (e instanceof ReportInputError) throw new CliError(e.message);
				throw e;
			}
			if (values.out) {
				fs.writeFileSync(values.out, text);
				io.err(`wrote ${values.out}`);
			} else if (format === 'json') {
				printJson(io, JSON.parse(text));
			} else {
				io.out(text.replace(/\r\n$/, '').replace(/\n$/, ''));
			}
			return 0;
		} finally {
			db.$client.close();
		}
	}
};
export default command;
