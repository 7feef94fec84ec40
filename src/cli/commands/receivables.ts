/**
 * `receivables --workspace NAME [--today YYYY-MM-DD] [--json]`: earned but not yet received, per platform,
 * aged 0–30, 31–60, 61–90 and more than 90 days. Money as decimal strings in major units.
 * `tracked` false (text: "(no payouts imported)"): some of the platform's income is under its payout rule
 * with no payout on record, so its past payouts are assumed received, as the payouts page's notice says.
 * A platform whose income is all brand deals is tracked by the deals' status (paid or not), imported
 * payouts or none; `hasPayoutData` only says whether any payment (imported, or a deal marked paid) is on record.
 */
import { openDatabase } from '../../lib/server/db/client';
import { env } from '../../lib/server/env';
import { workspaceByName } from '../../lib/server/db/queries/workspaces';
import { workspaceReceivables } from '../../lib/server/payouts/cash';
import { formatMinorAsDecimal } from '../../lib/domain/money';
import { AGE_BUCKETS, type AgeBucket } from '../../lib/domain/reconciliation';
import { CliError, parse, printJson, todayOption, type Command } from '../args';

const buckets = (b: Record<AgeBucket, number>, currency: string) =>
	Object.fromEntries(AGE_BUCKETS.map((k) => [k, formatMinorAsDecimal(b[k], currency)]));

const command: Command = {
	name: 'receivables',
	summary: 'Earned but not yet received, by platform and age (0–30, 31–60, 61–90, >90 days)',
	usage: 'receivables --workspace NAME [--today YYYY-MM-DD] [--json]',
	async run(argv, io) {
		const { values } = parse(argv, { workspace: { type: 'string' }, today: { type: 'string' }, json: { type: 'boolean' } }, false);
		if (!values.workspace) throw new CliError('--workspace NAME is required');
		const today = todayOption(values.today);
		const db = openDatabase(env.databasePath);
		try {
			const ws = workspaceByName(db, values.workspace);
			const r = workspaceReceivables(db, ws.id, today);
			const out = {
				today,
				platforms: r.rows.map((row) => ({
					platform: row.platform,
					currency: row.currency,
					outstanding: formatMinorAsDecimal(row.outstandingMinor, row.currency),
					buckets: buckets(row.buckets, row.currency),
					oldestUnpaid: row.oldestUnpaid,
					earned: formatMinorAsDecimal(row.earnedMinor, row.currency),
					received: formatMinorAsDecimal(row.receivedMinor, row.currency),
					overReceived: formatMinorAsDecimal(row.overReceivedMinor, row.currency),
					hasPayoutData: row.hasPayoutData,
					tracked: row.tracked
				})),
				totals: r.totals.map((t) => ({ currency: t.currency, outstanding: formatMinorAsDecimal(t.outstandingMinor, t.currency), buckets: buckets(t.buckets, t.currency) }))
			};
			if (values.json) printJson(io, out);
			else if (out.platforms.length === 0) io.out(`Nothing outstanding on ${today}.`);
			else {
				io.out(`Receivables on ${today} (0–30 / 31–60 / 61–90 / >90 days):`);
				for (const p of out.platforms)
					io.out(`${p.platform.padEnd(20)}  ${p.outstanding.padStart(12)} ${p.currency}  ${AGE_BUCKETS.map((k) => p.buckets[k]).join(' / ')}${p.tracked ? '' : '  (no payouts imported)'}`);
				for (const t of out.totals) io.out(`${'Total'.padEnd(20)}  ${t.outstanding.padStart(12)} ${t.currency}`);
			}
			return 0;
		} finally {
			db.$client.close();
		}
	}
};
export default command;
