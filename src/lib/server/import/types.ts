/**
 * The vocabulary of statement import: a preset is a declarative description of one platform's
 * file layout (which columns mean what, how rows are classified, where the period comes from);
 * the pipeline turns a file plus a preset into an ImportPlan, which the commit writes.
 */
import type { DateFormat, DecimalMark } from '../../domain/import-values';

export const FIELDS = [
	'date',
	'month',
	'gross',
	'fee',
	'tax',
	'net',
	'currency',
	'description',
	'counterparty',
	'work',
	'externalId',
	'plays',
	'completionRate',
	'hours'
] as const;
export type Field = (typeof FIELDS)[number];

// The streams are the domain's (domain.md §1); one list serves import, risk and the UI.
import { STREAMS, type Stream } from '../../domain/risk';
export { STREAMS, type Stream };

/** JSON-friendly conditions on a row's cells (column names as in the header; compared trimmed, case-insensitive). */
export type Condition =
	| { column: string; equals: string | string[] }
	| { column: string; startsWith: string | string[] }
	| { column: string; contains: string | string[] }
	| { column: string; blank: true }
	| { column: string; negative: true }
	| { all: Condition[] }
	| { any: Condition[] }
	| { not: Condition };

export type RowKind = 'income' | 'payout' | 'ignore';

/**
 * One classification rule; the first whose `when` matches decides (no `when` always matches).
 * `reason` is a stable code for ignored rows, shown translated (import_reason_<code>).
 */
export interface Rule {
	when?: Condition;
	kind: RowKind;
	reason?: string;
	/** A short label of the row type for the preview ("charge", "refund"). */
	label?: string;
	/** For payouts: the status to record (received, in_transit, failed). */
	status?: 'received' | 'in_transit' | 'failed';
	/** For income rows: also record a payout (cash received) dated by this column, for the net amount. */
	alsoPayoutOn?: string;
}

export type PeriodSource =
	| { source: 'column' }
	/** A preamble line holds the month, e.g. KDP's "Oct 2025" on line 1. */
	| { source: 'preamble'; pattern: string; format: DateFormat }
	/** The file has no dates: the user is asked (CLI --period). */
	| { source: 'asked' };

export interface PresetDefinition {
	id: string;
	label: string;
	/** The platform rows are booked to (the user may override it). */
	platform: string;
	/** Header names that must all be present for automatic detection. */
	signature: string[];
	/** The full header as last seen, to warn when the platform changed its layout. */
	knownHeaders?: string[];
	/** Field → header name. */
	columns: Partial<Record<Field, string>>;
	/** Date format of the date/month column; detected from the data when absent. */
	dateFormat?: DateFormat;
	/** Decimal mark; 'auto' detects it from the amount cells. */
	decimal?: DecimalMark | 'auto';
	/** Currency of every row when there is no currency column. */
	currency?: string;
	/** How fees are written: 'negative' (PayPal, Patreon: −2.24) or 'positive' (Stripe: 3.11). Default positive. */
	feeSign?: 'positive' | 'negative';
	/** Payout amounts are written negative (AdSense "−296.93", Stripe balance "payout −2254.21"). */
	payoutSign?: 'positive' | 'negative';
	/** The amount column for payouts (default: net, then gross). */
	payoutAmount?: Field;
	/** Cells marking a payout's status: column and value → status. */
	payoutStatus?: { column: string; map: Record<string, 'received' | 'in_transit' | 'failed'> };
	stream: Stream;
	/** Stream per row from a column's value (Ximalaya's 收入类型). */
	streamFrom?: { column: string; map: Record<string, Stream> };
	period: PeriodSource;
	rules?: Rule[];
	/** First-cell values of summary rows besides the usual 合计/Total/Totals. */
	summaryRows?: string[];
	/** Free text about the layout's provenance ("assumed" layouts say so). */
	notes?: string;
}

export type IssueCode =
	| 'empty_file'
	| 'header_only'
	| 'binary_file'
	| 'spreadsheet_file'
	| 'bad_encoding'
	| 'too_large'
	| 'no_header'
	| 'unknown_layout'
	| 'schema_drift'
	| 'needs_period'
	| 'bad_period'
	| 'bad_mapping'
	| 'bad_option'
	| 'unknown_preset'
	| 'ambiguous_date'
	| 'period_range'
	| 'already_imported'
	| 'too_many_columns'
	| 'bad_date'
	| 'bad_amount'
	| 'bad_measure'
	| 'amounts_disagree'
	| 'future_dates'
	| 'missing_amount'
	| 'missing_date'
	| 'bad_currency'
	| 'parse_error'
	| 'unterminated_quote';

/** A problem, with a stable code and params (for translation) and an English message. */
export interface Issue {
	code: IssueCode;
	message: string;
	params?: Record<string, string | number>;
	line?: number;
	column?: string;
	value?: string;
}
