/**
 * Export documents: the ledger (raw earnings) as CSV and JSON, the report's monthly table as CSV and the
 * whole report as JSON. Money is written as decimal strings in major units (CSV amount cells stay
 * numbers; text cells are neutralised against formula injection by csv.ts).
 */
import type { DB } from '../db/client';
import { ledgerRows } from './queries';
import { resolvePeriod } from './build';
import { toCsv } from '../../domain/csv';
import { formatMinorAsDecimal, formatScaled } from '../../domain/money';
import type { Report } from '../../domain/report';

type Conn = Pick<DB, '$client'>;

const LEDGER_HEADER = [
	'id', 'earned_on', 'month', 'platform', 'stream', 'work', 'counterparty', 'description',
	'gross', 'fee', 'tax', 'net', 'currency', 'external_id', 'source', 'statement',
	// Added later, so at the end: files read by column position keep working.
	'plays', 'completion_rate', 'hours'
];

/** A row's completion rate as the domain writes it (a 0–1 fraction, "0.4200") and its hours ("7.50"). */
function measures(r: { completionBps: number | null; hoursCenti: number | null }): { completionRate: string | null; hours: string | null } {
	return {
		completionRate: r.completionBps === null ? null : formatScaled(r.completionBps, 4),
		hours: r.hoursCenti === null ? null : formatScaled(r.hoursCenti, 2)
	};
}

export function ledgerCsv(db: Conn, workspaceId: number, periodText: string): string {
	const { span } = resolvePeriod(periodText);
	const rows = ledgerRows(db, workspaceId, span.start, span.end);
	const amount = (minor: number, currency: string) => ({ amount: formatMinorAsDecimal(minor, currency) });
	return toCsv(
		LEDGER_HEADER,
		rows.map((r) => {
			const m = measures(r);
			return [
				r.id, r.earnedOn, r.month, r.platform, r.stream, r.work, r.counterparty, r.description,
				amount(r.grossMinor, r.currency), amount(r.feeMinor, r.currency), amount(r.taxMinor, r.currency), amount(r.netMinor, r.currency),
				r.currency, r.externalId, r.source, r.statement,
				r.plays,
				m.completionRate === null ? null : { amount: m.completionRate },
				m.hours === null ? null : { amount: m.hours }
			];
		})
	);
}

export interface LedgerJson {
	period: string;
	from: string;
	to: string;
	rows: {
		id: number;
		earnedOn: string | null;
		month: string;
		platform: string;
		stream: string;
		work: string | null;
		counterparty: string | null;
		description: string | null;
		gross: string;
		fee: string;
		tax: string;
		net: string;
		currency: string;
		externalId: string | null;
		plays: number | null;
		/** A 0–1 fraction ("0.4200"). */
		completionRate: string | null;
		/** Hours with two decimals ("7.50"). */
		hours: string | null;
		source: string;
		statement: string | null;
	}[];
}

export function ledgerJson(db: Conn, workspaceId: number, periodText: string): LedgerJson {
	const p = resolvePeriod(periodText);
	const rows = ledgerRows(db, workspaceId, p.span.start, p.span.end);
	return {
		period: p.period,
		from: p.from,
		to: p.to,
		rows: rows.map(({ grossMinor, feeMinor, taxMinor, netMinor, completionBps, hoursCenti, ...r }) => ({
			...r,
			...measures({ completionBps, hoursCenti }),
			gross: formatMinorAsDecimal(grossMinor, r.currency),
			fee: formatMinorAsDecimal(feeMinor, r.currency),
			tax: formatMinorAsDecimal(taxMinor, r.currency),
			net: formatMinorAsDecimal(netMinor, r.currency)
		}))
	};
}

/** The report's monthly table: accrual gross/fees/tax/net and cash received, base currency. */
export function monthlyCsv(report: Report): string {
	const cur = report.baseCurrency;
	const a = (minor: number) => ({ amount: formatMinorAsDecimal(minor, cur) });
	return toCsv(
		['month', 'gross', 'fees', 'tax', 'net', 'received', 'currency'],
		[
			...report.months.map((m) => [m.month, a(m.grossMinor), a(m.feeMinor), a(m.taxMinor), a(m.netMinor), a(m.receivedMinor), cur]),
			['total', a(report.totals.grossMinor), a(report.totals.feeMinor), a(report.totals.taxMinor), a(report.totals.netMinor), a(report.cashMinor), cur]
		]
	);
}

const money = (minor: number, cur: string) => formatMinorAsDecimal(minor, cur);
const num = (x: number | undefined) => (x === undefined ? null : Math.round(x * 1e6) / 1e6);

/** The report as JSON: money as decimal strings, ratios rounded to 6 places, null when undefined. */
export function reportJson(report: Report) {
	const cur = report.baseCurrency;
	const breakdown = (b: { grossMinor: number; feeMinor: number; taxMinor: number; netMinor: number }) => ({
		gross: money(b.grossMinor, cur),
		fees: money(b.feeMinor, cur),
		tax: money(b.taxMinor, cur),
		net: money(b.netMinor, cur)
	});
	return {
		workspace: report.workspaceName,
		period: report.period,
		from: report.from,
		to: report.to,
		currency: cur,
		generatedAt: report.generatedAt,
		verificationCode: report.verificationCode,
		totals: breakdown(report.totals),
		platforms: report.byPlatform.map((p) => ({ name: p.key, ...breakdown(p), share: num(p.share) })),
		streams: report.byStream.map((p) => ({ name: p.key, ...breakdown(p), share: num(p.share) })),
		months: report.months.map((m) => ({ month: m.month, ...breakdown(m), received: money(m.receivedMinor, cur) })),
		accrual: money(report.accrualMinor, cur),
		received: money(report.cashMinor, cur),
		receivables: {
			asOf: report.receivables.asOf,
			rows: report.receivables.rows.map((r) => ({
				platform: r.platform,
				currency: r.currency,
				outstanding: money(r.outstandingMinor, r.currency),
				buckets: Object.fromEntries(Object.entries(r.buckets).map(([k, v]) => [k, money(v, r.currency)]))
			})),
			untracked: report.receivables.untracked,
			...(report.receivables.dealsOverdue ? { dealsOverdue: report.receivables.dealsOverdue } : {})
		},
		risk: {
			score: num(report.risk.score),
			hhi: num(report.risk.hhi),
			effectivePlatforms: num(report.risk.effectivePlatforms),
			top1Share: num(report.risk.top1Share),
			top1Platform: report.risk.top1Platform ?? null,
			cv: num(report.risk.cv),
			swingShare: num(report.risk.swingShare),
			maxDrawdown: num(report.risk.maxDrawdown)
		},
		provenance: report.provenance,
		otherSources: report.otherSources,
		missingRates: report.missingRates.map((m) => ({ ...m, amount: money(m.amountMinor, m.currency) }))
	};
}
export type ReportJson = ReturnType<typeof reportJson>;
