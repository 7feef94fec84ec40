/**
 * Problems found in a workspace file or a works CSV, in the reader's language. The domain reports
 * each with a code and an English message that carries the details (the value, the limit); English
 * shows that message, other languages the translated kind of problem (the path or line and column
 * are shown beside it by the page).
 */
import { m } from '$lib/paraglide/messages.js';
import { uiLocale } from '$lib/components/dashboard/format';
import type { WorksCsvErrorCode } from '$lib/domain/works-csv';

const TEXT: Record<WorksCsvErrorCode, (params: { mb: string | number }) => string> = {
	invalid_json: m.setup_problem_invalid_json,
	required: m.setup_problem_required,
	bad_type: m.setup_problem_bad_type,
	bad_value: m.setup_problem_bad_value,
	bad_date: m.setup_problem_bad_date,
	negative: m.setup_problem_negative,
	unknown_platform: m.setup_problem_unknown_platform,
	duplicate: m.setup_problem_duplicate,
	version: m.setup_problem_version,
	too_large: m.setup_problem_too_large,
	empty_file: m.setup_problem_empty_file,
	unknown_column: m.setup_problem_unknown_column,
	missing_column: m.setup_problem_missing_column
};

export function setupProblemText(problem: { code: WorksCsvErrorCode; message: string; params?: Record<string, string | number> }): string {
	if (uiLocale() === 'en') return problem.message;
	const text = TEXT[problem.code];
	return text ? text({ mb: problem.params?.mb ?? '' }) : problem.message;
}
