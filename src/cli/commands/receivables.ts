/**
 * `receivables --workspace NAME [--today YYYY-MM-DD] [--json]`: earned but not yet received, per platform,
 * aged 0–30, 31–60, 61–90 and more than 90 days. Money as decimal strings in major units.
 * `tracked` false (text: "(no payouts imported)"): some of the platform's income is under its payout rule
 * with no payout on record, so its past payouts are assumed received, as the payouts page's notice says.
 * When such a platform also has brand deals still owed (tracked by their status), the text note says
 * "(rule income: no payouts imported)": what the deals owe is known, the rule income's is not.
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

/**
 * Beside a platform with income under its payout rule and no payout on record. With brand deals beside
 * that income, the note is about the rule income only: the deals are tracked by their status.
 */
const note = (row: { tracked: boolean; trackedOutstandingMinor: number }) =>
	row.tracked ? '' : row.trackedOutstandingMinor > 0 ? '  (rule income: no payouts imported)' : '  (no payouts imported)';

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
				out.platforms.forEach((p, i) =>
					io.out(`${p.platform.padEnd(20)}  ${p.outstanding.padStart(12)} ${p.currency}  ${AGE_BUCKETS.map((k) => p.buckets[k]).join(' / ')}${note(r.rows[i])}`)
				);
				for (const t of out.totals) io.out(`${'Total'.padEnd(20)}  ${t.outstanding.padStart(12)} ${t.currency}`);
			}
			return 0;
		} finally {
			db.$client.close();
		}
	}
};
export default command;
