import { openDatabase } from '../../lib/server/db/client';
import { workspaceByName } from '../../lib/server/db/queries/workspaces';
import { env } from '../../lib/server/env';
import { computeDashboard, DashboardInputError, metricsJson, type Basis } from '../../lib/server/metrics/index';
import { formatMinorAsDecimal } from '../../lib/domain/money';
import { CliError, parse, printJson, type Command } from '../args';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null, digits = 3) => (x === null ? '—' : x.toFixed(digits));

const command: Command = {
	name: 'metrics',
	summary: 'Concentration, volatility and the platform dependency risk score for a workspace',
	usage: 'metrics --workspace NAME [--from YYYY-MM] [--to YYYY-MM] [--basis accrual|cash] [--today YYYY-MM-DD] [--json]',
	async run(argv, io) {
		const { values } = parse(
			argv,
			{
				workspace: { type: 'string' },
				from: { type: 'string' },
				to: { type: 'string' },
				basis: { type: 'string' },
				today: { type: 'string' },
				json: { type: 'boolean' }
			},
			false
		);
		if (!values.workspace) throw new CliError('--workspace NAME is required');
		const basis = (values.basis ?? 'accrual') as Basis;
		if (basis !== 'accrual' && basis !== 'cash') throw new CliError(`--basis must be accrual or cash, got "${values.basis}"`);
		const db = openDatabase(env.databasePath);
		try {
			const ws = workspaceByName(db, values.workspace);
			let d;
			try {
				d = computeDashboard(db, ws.id, { from: values.from, to: values.to, basis, today: values.today });
			} catch (e) {
				if (e instanceof DashboardInputError) throw new CliError(e.message);
				throw e;
			}
			// Rows without an FX rate are left out of every figure; say so even in --json mode.
			for (const m of d.matrix.missingRates) {
				io.err(
					`warning: no ${m.currency}→${d.baseCurrency} rate for ${m.month}: ${formatMinorAsDecimal(m.amountMinor, m.currency)} ${m.currency} from ${m.platform} left out`
				);
			}
			const j = metricsJson(d);
			if (values.json) {
				printJson(io, j);
				return 0;
			}
			const lines = [
				`${d.workspaceName}: ${j.basis} basis, ${j.from} – ${j.to}, ${j.currency}`,
				'',
				...j.platforms.map((p) => `  ${p.name.padEnd(24)} ${p.total.padStart(14)}  ${pct(p.share)}`),
				'',
				`HHI ${num(j.concentration.hhi, 6)} (${num(j.concentration.hhiPoints, 0)} points), effective platforms ${num(j.concentration.effectivePlatforms, 2)}, top-1 ${pct(j.concentration.top1Share)}, top-3 ${pct(j.concentration.top3Share)}`,
				`Monthly mean ${j.volatility.mean ?? '—'}, CV ${num(j.volatility.cv)}, swings > 30%: ${j.volatility.swingCount}/${j.volatility.swingTransitions}, max drawdown ${pct(j.volatility.maxDrawdown)}${j.volatility.peakMonth ? ` (${j.volatility.peakMonth} → ${j.volatility.troughMonth})` : ''}`,
				`Platform dependency risk score: ${j.risk.score === null ? '—' : j.risk.score.toFixed(1)} / 100`,
				...Object.entries(j.risk.components).map(([k, v]) => `  ${k.padEnd(14)} ${num(v)}`)
			];
			io.out(lines.join('\n'));
			return 0;
		} finally {
			db.$client.close();
		}
	}
};
export default command;
