/**
 * Problems found in a workspace file or a works CSV, in the reader's language. The domain reports
 * each with a code, an English message and the details that message carries as `params` (the
 * value, the limit, what was expected; see WorkspaceFileError). English shows the message; other
 * languages a translated text per code (and per `check` or `expected` where a code has several
 * rules) filled in from those params, so the offending value is shown in every language. The path
 * or line and column are shown beside it by the page. All of it is rendered as text, never HTML.
 */
import { m } from '$lib/paraglide/messages.js';
import { uiLocale } from '$lib/components/dashboard/format';
import type { WorksCsvErrorCode } from '$lib/domain/works-csv';
import type { WorkspaceFileErrorParams } from '$lib/domain/workspace-file';

type Params = Partial<WorkspaceFileErrorParams>;

/** A param as the message needs it; a missing one reads as nothing rather than "undefined". */
const s = (v: string | number | undefined): string | number => v ?? '';

const BAD_TYPE: Record<string, () => string> = {
	object: m.setup_problem_bad_type_object,
	list: m.setup_problem_bad_type_list,
	text: m.setup_problem_bad_type_text,
	boolean: m.setup_problem_bad_type_boolean,
	decimal: m.setup_problem_bad_type_decimal
};

const BAD_VALUE: Record<string, (p: Params) => string> = {
	integer: (p) => m.setup_problem_bad_value_integer({ value: s(p.value) }),
	min: (p) => m.setup_problem_bad_value_min({ min: s(p.min), value: s(p.value) }),
	max: (p) => m.setup_problem_bad_value_max({ max: s(p.max), value: s(p.value) }),
	decimal: (p) => m.setup_problem_bad_value_decimal({ value: s(p.value) }),
	too_large: (p) => m.setup_problem_bad_value_too_large({ value: s(p.value) }),
	currency: (p) => m.setup_problem_bad_value_currency({ value: s(p.value) }),
	one_of: (p) => m.setup_problem_bad_value_one_of({ allowed: s(p.allowed), value: s(p.value) }),
	shares: (p) => m.setup_problem_bad_value_shares({ total: s(p.total) }),
	rule: (p) => m.setup_problem_bad_value_rule({ detail: (pick(RULE, p.rule) ?? m.setup_problem_bad_value)(p) })
};

const RULE: Record<string, (p: Params) => string> = {
	date: () => m.setup_problem_rule_date(),
	range: (p) => m.setup_problem_rule_range({ min: s(p.min), max: s(p.max) }),
	payout_months: () => m.setup_problem_rule_payout_months(),
	threshold: () => m.setup_problem_rule_threshold()
};

const DUPLICATE: Record<string, (p: Params) => string> = {
	platform: (p) => m.setup_problem_duplicate_platform({ value: s(p.value) }),
	payout_date: (p) => m.setup_problem_duplicate_payout_date({ value: s(p.value) })
};

const pick = <T>(table: Record<string, T>, key: string | number | undefined): T | undefined =>
	key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;

const TEXT: Record<WorksCsvErrorCode, (p: Params) => string> = {
	invalid_json: (p) =>
		p.end !== undefined
			? m.setup_problem_invalid_json_end()
			: p.line !== undefined
				? m.setup_problem_invalid_json_at({ line: s(p.line), column: s(p.column) })
				: m.setup_problem_invalid_json(),
	required: (p) => (p.check === 'paid_deal' ? m.setup_problem_required_paid_deal() : m.setup_problem_required()),
	bad_type: (p) => (pick(BAD_TYPE, p.expected) ?? m.setup_problem_bad_type)(),
	bad_value: (p) => pick(BAD_VALUE, p.check)?.(p) ?? m.setup_problem_bad_value(),
	bad_date: (p) => m.setup_problem_bad_date({ value: s(p.value) }),
	negative: (p) => m.setup_problem_negative({ value: s(p.value) }),
	unknown_platform: (p) => m.setup_problem_unknown_platform({ value: s(p.value) }),
	duplicate: (p) => pick(DUPLICATE, p.check)?.(p) ?? m.setup_problem_duplicate(),
	version: (p) => (p.check === 'missing' ? m.setup_problem_version_missing({ expected: s(p.expected) }) : m.setup_problem_version({ value: s(p.value), expected: s(p.expected) })),
	too_large: (p) => m.setup_problem_too_large({ mb: s(p.mb) }),
	empty_file: () => m.setup_problem_empty_file(),
	unknown_column: (p) => m.setup_problem_unknown_column({ allowed: s(p.allowed) }),
	missing_column: () => m.setup_problem_missing_column()
};

export function setupProblemText(problem: { code: WorksCsvErrorCode; message: string; params?: WorkspaceFileErrorParams }): string {
	if (uiLocale() === 'en') return problem.message;
	const text = TEXT[problem.code];
	return text ? text(problem.params ?? {}) : problem.message;
}
