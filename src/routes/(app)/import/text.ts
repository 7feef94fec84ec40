/** Translations of the import pipeline's codes (issues, ignore reasons, fields) for the import page. */
import { m } from '$lib/paraglide/messages.js';

type Params = Record<string, string | number>;
// Paraglide message functions take typed inputs; these keys are built from the pipeline's codes.
const messages = m as unknown as Record<string, ((p?: Params) => string) | undefined>;

function byKey(key: string, params: Params, fallback: string): string {
	const fn = messages[key];
	return fn ? fn(params) : fallback;
}

/**
 * A preset's name in the page's language: the wizard's own mapping ('custom') has no name of its
 * own, and Creator Ledger's plain layout is ours to translate; platforms' layouts keep their names.
 */
export function presetName(id: string, label: string): string {
	return id === 'custom' ? m.import_preset_custom() : id === 'generic' ? m.import_preset_generic() : label;
}

/**
 * The layout a batch was imported with, as the user knows it: a built-in preset's name, a saved preset's
 * name, or, for a saved preset deleted since, words saying so (never its `ws:<id>`).
 */
export function batchLayoutName(id: string, known: readonly { id: string; label: string }[]): string {
	const label = known.find((p) => p.id === id)?.label;
	if (label === undefined && id.startsWith('ws:')) return m.import_preset_gone();
	return presetName(id, label ?? id);
}

/** An issue (fatal problem, row error or warning) in the user's language; the English message otherwise. */
export function issueText(issue: { code: string; message: string; params?: Params; line?: number; column?: string; value?: string }): string {
	const params: Params = { line: issue.line ?? '', column: issue.column ?? '', value: issue.value ?? '', ...(issue.params ?? {}) };
	// The wizard's own mapping has no layout name of its own: named in the page's language.
	if (params.presetId !== undefined) params.preset = presetName(String(params.presetId), String(params.preset ?? ''));
	return byKey(`import_issue_${issue.code}`, params, issue.message);
}

export function reasonText(reason: string): string {
	return byKey(`import_reason_${reason}`, {}, reason);
}

export function fieldText(field: string): string {
	return byKey(`import_field_${field}`, {}, field);
}

export function problemText(problem: string, params: Params = {}): string {
	return byKey(`import_problem_${problem}`, params, byKey(`import_issue_${problem}`, params, problem));
}

/** A preview row's kind ("income", or "expected income" when dated after today) and why it was ignored. */
export function kindText(row: { kind: 'income' | 'payout' | 'ignored' | 'error'; expected?: boolean; reason?: string }): string {
	const kind =
		row.kind === 'income' ? (row.expected ? m.import_kind_expected() : m.import_kind_income()) : row.kind === 'payout' ? m.import_kind_payout() : row.kind === 'ignored' ? m.import_kind_ignored() : m.import_kind_error();
	return row.reason ? `${kind} — ${reasonText(row.reason)}` : kind;
}
