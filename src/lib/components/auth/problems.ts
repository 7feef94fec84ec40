/** Translated text for the problems the auth forms return (codes from $lib/server/auth/accounts). */
import { m } from '$lib/paraglide/messages.js';

const TEXT: Record<string, () => string> = {
	closed: m.auth_problem_closed,
	bad_email: m.auth_problem_bad_email,
	taken: m.auth_problem_taken,
	too_short: m.auth_problem_too_short,
	too_common: m.auth_problem_too_common,
	no_workspace_name: m.auth_problem_no_workspace_name,
	wrong_current: m.auth_problem_wrong_current,
	same_as_current: m.auth_problem_same_as_current,
	no_such_user: m.auth_problem_no_such_user,
	already_member: m.auth_problem_already_member,
	bad_role: m.auth_problem_bad_role,
	no_member: m.auth_problem_no_member,
	bad_currency: m.auth_problem_bad_currency,
	missing: m.auth_login_missing
};

export function problemText(problem: string | undefined | null, seconds = 0): string | undefined {
	if (!problem) return undefined;
	if (problem === 'throttled') return m.auth_login_throttled({ seconds });
	if (problem === 'password_throttled') return m.auth_password_throttled({ seconds });
	if (problem === 'invalid') return seconds > 0 ? m.auth_login_invalid_wait({ seconds }) : m.auth_login_invalid();
	return (TEXT[problem] ?? m.auth_login_invalid)();
}
