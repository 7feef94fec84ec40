/**
 * The income report (收入证明): one period's figures for a landlord, a bank or a visa office, in the
 * base currency, with where every number came from and a verification code. The figures are shaped
 * here from lines the server has already converted to the base currency; the code is a hash of a
 * canonical serialisation of the figures (`canonicalJson`), so the app can recompute the report later
 * and say whether a printed code still matches the books. Hashing itself happens in server code
 * (domain stays pure): code = first 20 hex digits of SHA-256(`REPORT_HASH_PREFIX` + canonical JSON).
 * Example: a report for 2025-Q2 shows "Verification code 3F9A-1C2B-77D0-4E12-9AB3".
 */
import type { AgeBucket } from './reconciliation';
import { compareMonths, type IsoDate, type Month } from './period';
import { ratio } from './metrics';

export interface Breakdown {
	grossMinor: number;
	feeMinor: number;
	taxMinor: number;
	netMinor: number;
}

/** One roll-up line already converted to the base currency. */
export interface BaseLine extends Breakdown {
	month: Month;
	platform: string;
	stream: string;
}

export interface KeyedBreakdown extends Breakdown {
	key: string;
	/** Share of the total net (0 when the total is not positive). */
	share: number;
}

export interface ReportMonth extends Breakdown {
	month: Month;
	/** Cash basis: received (imported) or expected by the payout rule, in the month. */
	receivedMinor: number;
}

export interface ReportReceivable {
	platform: string;
	currency: string;
	outstandingMinor: number;
	buckets: Record<AgeBucket, number>;
}

export interface ReportProvenance {
	fileName: string;
	sha256: string;
	importedAt: string;
	platform: string | null;
	rows: number;
}

export interface ReportRisk {
	/** PDRS 0–100 (accrual). */
	score: number | undefined;
	hhi: number | undefined;
	effectivePlatforms: number | undefined;
	top1Share: number | undefined;
	top1Platform: string | undefined;
	cv: number | undefined;
	swingShare: number | undefined;
	maxDrawdown: number;
}

export interface ReportFigures {
	workspaceName: string;
	baseCurrency: string;
	/** Inclusive first and last month. */
	from: Month;
	to: Month;
	totals: Breakdown;
	byPlatform: KeyedBreakdown[];
	byStream: KeyedBreakdown[];
	months: ReportMonth[];
	/** Σ net (accrual) and Σ received (cash) over the period. */
	accrualMinor: number;
	cashMinor: number;
	/**
	 * Earned but not received on `asOf` (the period's last day), for platforms with received payouts on
	 * record; `untracked` names the platforms with income but no payout data, whose receivables are unknown.
	 */
	receivables: {
		asOf: IsoDate;
		rows: ReportReceivable[];
		untracked: string[];
		/** Platforms among `rows` with a brand deal unpaid past its payment date on `asOf` (absent: none). */
		dealsOverdue?: string[];
	};
	risk: ReportRisk;
	provenance: ReportProvenance[];
	/** Lines not computed from an imported statement (entered, computed from works/deals, sample). */
	otherSources: { source: string; rows: number }[];
	/** Amounts left out for want of an exchange rate, in their own currency. */
	missingRates: { month: Month; currency: string; platform: string; amountMinor: number }[];
}

export interface Report extends ReportFigures {
	/** The period as the user asked for it: "2025", "2025-Q2", "2025-03", "2025-01..2025-06". */
	period: string;
	generatedAt: string;
	verificationCode: string;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const zero = (): Breakdown => ({ grossMinor: 0, feeMinor: 0, taxMinor: 0, netMinor: 0 });

function add(into: Breakdown, x: Breakdown): void {
	into.grossMinor += x.grossMinor;
	into.feeMinor += x.feeMinor;
	into.taxMinor += x.taxMinor;
	into.netMinor += x.netMinor;
}

function keyed(map: Map<string, Breakdown>, totalNet: number): KeyedBreakdown[] {
	return [...map]
		.map(([key, b]) => ({ key, ...b, share: totalNet > 0 ? ratio(BigInt(b.netMinor), BigInt(totalNet)) : 0 }))
		.sort((a, b) => b.netMinor - a.netMinor || cmp(a.key, b.key));
}

/**
 * Totals by platform, by stream and by month from base-currency lines. `months` lists every month of
 * the period (a month without lines shows zeros); `cashByMonth` fills the received column.
 */
export function summariseLines(
	lines: readonly BaseLine[],
	months: readonly Month[],
	cashByMonth: ReadonlyMap<Month, number> = new Map()
): Pick<ReportFigures, 'totals' | 'byPlatform' | 'byStream' | 'months' | 'accrualMinor' | 'cashMinor'> {
	const totals = zero();
	const platforms = new Map<string, Breakdown>();
	const streams = new Map<string, Breakdown>();
	const byMonth = new Map<Month, Breakdown>(months.map((m) => [m, zero()]));
	for (const l of lines) {
		const month = byMonth.get(l.month);
		if (!month) continue;
		add(totals, l);
		add(month, l);
		if (!platforms.has(l.platform)) platforms.set(l.platform, zero());
		add(platforms.get(l.platform)!, l);
		if (!streams.has(l.stream)) streams.set(l.stream, zero());
		add(streams.get(l.stream)!, l);
	}
	const monthRows = months.map((m) => ({ month: m, ...byMonth.get(m)!, receivedMinor: cashByMonth.get(m) ?? 0 }));
	return {
		totals,
		byPlatform: keyed(platforms, totals.netMinor),
		byStream: keyed(streams, totals.netMinor),
		months: monthRows,
		accrualMinor: totals.netMinor,
		cashMinor: monthRows.reduce((s, m) => s + m.receivedMinor, 0)
	};
}

/**
 * A deterministic serialisation: object keys sorted, no whitespace, `undefined` as null, integers as
 * written, any other number fixed to 6 decimals (ratios are shown to fewer digits, and a float's last
 * bits must not decide whether a printed report verifies).
 */
export function canonicalJson(value: unknown): string {
	if (value === null || value === undefined) return 'null';
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return 'null';
		return Number.isInteger(value) ? String(value) : JSON.stringify(value.toFixed(6));
	}
	if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => cmp(a, b));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	throw new TypeError(`cannot serialise ${typeof value}`);
}

/** Bumped whenever the figures' shape changes, so old codes fail loudly instead of colliding. */
export const REPORT_HASH_PREFIX = 'creator-ledger/report/v1\n';

/** The exact text whose SHA-256 is the verification code: every figure, nothing about who printed it or when. */
export function reportHashInput(figures: ReportFigures): string {
	const f: ReportFigures = {
		workspaceName: figures.workspaceName,
		baseCurrency: figures.baseCurrency,
		from: figures.from,
		to: figures.to,
		totals: figures.totals,
		byPlatform: figures.byPlatform,
		byStream: figures.byStream,
		months: figures.months,
		accrualMinor: figures.accrualMinor,
		cashMinor: figures.cashMinor,
		receivables: figures.receivables,
		risk: figures.risk,
		provenance: figures.provenance,
		otherSources: figures.otherSources,
		missingRates: figures.missingRates
	};
	return REPORT_HASH_PREFIX + canonicalJson(f);
}

const CODE_HEX_DIGITS = 20;

/** "3f9a1c2b…" (a SHA-256 in hex) → "3F9A-1C2B-77D0-4E12-9AB3". */
export function verificationCodeFromHash(hexDigest: string): string {
	if (!/^[0-9a-fA-F]{64}$/.test(hexDigest)) throw new Error('not a SHA-256 hex digest');
	const head = hexDigest.slice(0, CODE_HEX_DIGITS).toUpperCase();
	return head.match(/.{4}/g)!.join('-');
}

/** What a person typed → the canonical code, or undefined when it cannot be one (spaces, dashes, case ignored). */
export function normaliseVerificationCode(typed: string): string | undefined {
	const hex = typed.replace(/[\s\-–—]/g, '').toUpperCase();
	if (!/^[0-9A-F]+$/.test(hex) || hex.length !== CODE_HEX_DIGITS) return undefined;
	return hex.match(/.{4}/g)!.join('-');
}

/** The period text for a span given as inclusive months: one month, a quarter, a year, else a range. */
export function periodLabel(from: Month, to: Month): string {
	if (from === to) return from;
	const [fy, fm] = [from.slice(0, 4), Number(from.slice(5, 7))];
	if (fy === to.slice(0, 4)) {
		const tm = Number(to.slice(5, 7));
		if (fm === 1 && tm === 12) return fy;
		if ((fm - 1) % 3 === 0 && tm === fm + 2) return `${fy}-Q${(fm - 1) / 3 + 1}`;
	}
	return compareMonths(from, to) <= 0 ? `${from}..${to}` : `${to}..${from}`;
}
