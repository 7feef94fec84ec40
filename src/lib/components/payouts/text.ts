/** Translations for the payouts area's codes: rule and gate explanations, form problems, statuses. */
import { m } from '$lib/paraglide/messages.js';

type Params = Record<string, string | number>;
// Paraglide message functions take their own typed inputs; these keys come from domain functions.
const messages = m as unknown as Record<string, ((p?: Params) => string) | undefined>;

/** A message by key (from explainPayoutRule, explainCommission, payout defaults), or the key itself. */
export function say(key: string, params: Params = {}): string {
	const fn = messages[key];
	return fn ? fn(params) : key;
}

const FIELD: Record<string, () => string> = {
	name: m.payouts_field_name,
	currency: m.payouts_field_currency,
	defaultStream: m.payouts_field_default_stream,
	contingent: m.payouts_field_contingent,
	effectiveFrom: m.payouts_field_effective_from,
	mode: m.payouts_field_mode,
	netDays: m.payouts_field_net_days,
	availableAfterMonths: m.payouts_field_available_after,
	payoutDay: m.payouts_field_payout_day,
	secondPayoutDay: m.payouts_field_second_payout_day,
	payoutMonths: m.payouts_field_payout_months,
	threshold: m.payouts_field_threshold,
	thresholdMinor: m.payouts_field_threshold,
	choiceId: m.payouts_field_choice,
	platformId: m.payouts_field_platform,
	title: m.payouts_field_title,
	finishedHours: m.payouts_field_hours,
	ratePerFinishedHour: m.payouts_field_rate,
	completedOn: m.payouts_field_completed_on,
	plays: m.payouts_field_plays,
	completionPercent: m.payouts_field_completion,
	revenue: m.payouts_field_revenue,
	ratePercent: m.payouts_field_rate_percent,
	minPlays: m.payouts_field_min_plays,
	minCompletionPercent: m.payouts_field_min_completion,
	counterparty: m.payouts_field_counterparty,
	amount: m.payouts_field_amount,
	agreedOn: m.payouts_field_agreed_on,
	invoicedOn: m.payouts_field_invoiced_on,
	status: m.payouts_field_status,
	paidOn: m.payouts_field_paid_on,
	payoutId: m.payouts_field_payout,
	milestones: m.payouts_field_milestones,
	file: m.payouts_field_file,
	worksFile: m.payouts_field_works_file
};

export function problemLines(problems: { field: string; problem: string }[] | undefined): string[] {
	return (problems ?? []).map((p) => say(`payouts_problem_${p.problem}`, { field: (FIELD[p.field] ?? (() => p.field))() }));
}

export const dealStatusText = (s: string) => say(`payouts_status_${s}`);
export const reconText = (s: string) => say(`payouts_recon_${s}`);
