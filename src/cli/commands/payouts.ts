/**
 * `payouts --workspace NAME [--from YYYY-MM] [--to YYYY-MM] [--today YYYY-MM-DD] [--json]`: every expected
 * and received payout, reconciled — status "received", "late" (the expected date passed, nothing came)
 * or "expected". Money as decimal strings in major units.
 */
import { openDatabase } from '../../lib/server/db/client';
import { env } from '../../lib/server/env';
import { workspaceByName } from '../../lib/server/db/queries/workspaces';
import { payoutList } from '../../lib/server/payouts/cash';
import { isIsoDate, isMonth } from '../../lib/domain/period';
import { CliError, parse, printJson, todayOption, type Command } from '../args';


const command: Command = {
	name: 'payouts',
	summary: 'Expected and received payouts of a workspace, reconciled (received / late / expected)',
	usage: 'payouts --workspace NAME [--from YYYY-MM] [--to YYYY-MM] [--today YYYY-MM-DD] [--json]',
	async run(argv, io) {
		const { values } = parse(
			argv,
			{ workspace: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, today: { type: 'string' }, json: { type: 'boolean' } },
			false
		);
		if (!values.workspace) throw new CliError('--workspace NAME is required');
		for (const [flag, v] of [['--from', values.from], ['--to', values.to]] as const)
			if (v !== undefined && !isMonth(v)) throw new CliError(`${flag} must be a month YYYY-MM, not "${v}"`);
		if (values.from && values.to && values.from > values.to) throw new CliError('--from is after --to');
		const today = todayOption(values.today);
		const db = openDatabase(env.databasePath);
		try {
			const ws = workspaceByName(db, values.workspace);
			const rows = payoutList(db, ws.id, today, { from: values.from, to: values.to });
			if (values.json) {
				printJson(io, rows.map(({ platform, date, amount, currency, status, months }) => ({ platform, date, amount, currency, status, months })));
			} else if (rows.length === 0) {
				io.out('No payouts expected or received (add payout rules on the Platforms page, or import statements).');
			} else {
				for (const r of rows)
					io.out(`${r.date}  ${r.status.padEnd(8)}  ${r.platform.padEnd(20)}  ${r.amount.padStart(12)} ${r.currency}  ${r.months.join(', ')}`);
			}
			return 0;
		} finally {
			db.$client.close();
		}
	}
};
export default command;
