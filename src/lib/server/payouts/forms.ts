/**
 * Form fields → typed inputs for the platforms, works, deals pages. Problems come back as values
 * (field + code) for `fail(400, ...)`; the pages translate codes with messages/payouts. Amounts are
 * parsed from decimal strings straight to minor units; percentages to basis points ("35" → 3500).
 */
import { DEAL_STATUSES, validateDeal, type DealStatus } from '../../domain/deals';
import { isCurrencyCode, parseDecimalScaled, parseDecimalToMinor } from '../../domain/money';
import { validatePayoutRule, type PayoutMonths, type PayoutRule } from '../../domain/payout-rules';
import { isIsoDate } from '../../domain/period';
import type { CommissionRuleInput, DealInput, PlatformSettings, WorkInput } from './edit';
import { DEFAULT_RULE_EFFECTIVE_FROM } from '../../domain/payout-defaults';

export type ProblemCode = 'required' | 'bad_date' | 'bad_number' | 'negative' | 'out_of_range' | 'bad_choice' | 'shares' | 'not_found' | 'exists' | 'payout_other_platform' | 'payout_too_small' | 'payout_needs_paid' | 'outgrows_payout';
export interface FieldProblem {
	field: string;
	problem: ProblemCode;
}
export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

export const STREAM_CHOICES = ['ads', 'narration_fee', 'commission', 'brand_deal', 'subscription', 'tips', 'sales', 'writing', 'events', 'other'] as const;

class Fields {
	problems: FieldProblem[] = [];
	constructor(private form: FormData) {}
	raw(name: string): string {
		const v = this.form.get(name);
		return typeof v === 'string' ? v.trim() : '';
	}
	bad(field: string, problem: ProblemCode): null {
		this.problems.push({ field, problem });
		return null;
	}
	text(name: string, required = false): string | null {
		const v = this.raw(name);
		if (v === '') return required ? this.bad(name, 'required') : null;
		return v.slice(0, 200);
	}
	date(name: string, required = false): string | null {
		const v = this.raw(name);
		if (v === '') return required ? this.bad(name, 'required') : null;
		return isIsoDate(v) ? v : this.bad(name, 'bad_date');
	}
	int(name: string, min: number, max: number, required = false): number | null {
		const v = this.raw(name);
		if (v === '') return required ? this.bad(name, 'required') : null;
		if (!/^-?\d+$/.test(v)) return this.bad(name, 'bad_number');
		const n = Number(v);
		if (n < 0 && min >= 0) return this.bad(name, 'negative');
		return n < min || n > max ? this.bad(name, 'out_of_range') : n;
	}
	scaled(name: string, scale: number, max: number, required = false): number | null {
		const v = this.raw(name);
		if (v === '') return required ? this.bad(name, 'required') : null;
		const r = parseDecimalScaled(v.replace(/[,，\s]/g, ''), scale);
		if (!r.ok) return this.bad(name, 'bad_number');
		if (r.value < 0) return this.bad(name, 'negative');
		return r.value > max ? this.bad(name, 'out_of_range') : r.value;
	}
	money(name: string, currency: string, required = false): number | null {
		const v = this.raw(name);
		if (v === '') return required ? this.bad(name, 'required') : null;
		const r = parseDecimalToMinor(v.replace(/[,，\s]/g, ''), currency);
		if (!r.ok) return this.bad(name, 'bad_number');
		return r.value < 0 ? this.bad(name, 'negative') : r.value;
	}
	currency(name: string): string | null {
		const v = this.raw(name).toUpperCase();
		if (v === '') return this.bad(name, 'required');
		return isCurrencyCode(v) ? v : this.bad(name, 'bad_choice');
	}
	checked(name: string): boolean {
		const v = this.raw(name);
		return v === 'on' || v === 'true' || v === '1' || v === 'yes';
	}
	choice<T extends string>(name: string, options: readonly T[], fallback: T): T {
		const v = this.raw(name);
		if (v === '') return fallback;
		if ((options as readonly string[]).includes(v)) return v as T;
		this.bad(name, 'bad_choice');
		return fallback;
	}
	result<T>(value: T): Parsed<T> {
		return this.problems.length > 0 ? { ok: false, problems: this.problems } : { ok: true, value };
	}
}

/** A positive integer id from a form field, or null. */
export function formId(form: FormData, name: string): number | null {
	const v = form.get(name);
	if (typeof v !== 'string' || !/^\d{1,12}$/.test(v.trim())) return null;
	const n = Number(v);
	return n > 0 ? n : null;
}

export function parsePlatformCreate(form: FormData): Parsed<{ name: string; currency: string; defaultStream: string; choiceId: string | null }> {
	const f = new Fields(form);
	const name = f.text('name', true);
	const currency = f.currency('currency');
	const defaultStream = f.choice('defaultStream', STREAM_CHOICES, 'other');
	const choiceId = f.text('choiceId');
	return f.result({ name: name ?? '', currency: currency ?? '', defaultStream, choiceId });
}

export function parsePlatformSettings(form: FormData): Parsed<PlatformSettings> {
	const f = new Fields(form);
	const currency = f.currency('currency');
	const contingent = f.choice('contingent', ['auto', 'yes', 'no'] as const, 'auto');
	return f.result({
		currency: currency ?? '',
		defaultStream: f.choice('defaultStream', STREAM_CHOICES, 'other'),
		contract: f.checked('contract'),
		socialInsurance: f.checked('socialInsurance'),
		contingent: contingent === 'auto' ? null : contingent === 'yes'
	});
}

/** A rule version: `mode` "net" (netDays) or "monthly" (months after, payout day(s), months, threshold). */
export function parsePayoutRule(form: FormData, currency: string): Parsed<PayoutRule> {
	const f = new Fields(form);
	const effectiveFrom = f.date('effectiveFrom', true);
	const mode = f.choice('mode', ['monthly', 'net'] as const, 'monthly');
	const rule: PayoutRule = {
		effectiveFrom: effectiveFrom ?? '',
		netDays: mode === 'net' ? f.int('netDays', 0, 3650, true) : null,
		availableAfterMonths: mode === 'monthly' ? (f.int('availableAfterMonths', 0, 24, true) ?? 1) : 1,
		payoutDay: mode === 'monthly' ? (f.int('payoutDay', 1, 31, true) ?? 1) : 1,
		secondPayoutDay: mode === 'monthly' ? f.int('secondPayoutDay', 1, 31) : null,
		payoutMonths: mode === 'monthly' ? f.choice<PayoutMonths>('payoutMonths', ['all', 'even', 'odd'], 'all') : 'all',
		thresholdMinor: mode === 'monthly' ? (f.money('threshold', currency) ?? 0) : 0
	};
	if (f.problems.length === 0) for (const p of validatePayoutRule(rule)) f.bad(p.field, 'out_of_range');
	return f.result(rule);
}

export function parseWork(form: FormData, currencyOf: (platformId: number) => string | undefined): Parsed<WorkInput> {
	const f = new Fields(form);
	const platformId = formId(form, 'platformId');
	const currency = platformId === null ? undefined : currencyOf(platformId);
	if (!currency) f.bad('platformId', platformId === null ? 'required' : 'not_found');
	const title = f.text('title', true);
	return f.result({
		platformId: platformId ?? 0,
		title: title ?? '',
		finishedHoursCenti: f.scaled('finishedHours', 2, 10_000_00),
		rateMinor: f.money('ratePerFinishedHour', currency ?? 'CNY'),
		completedOn: f.date('completedOn'),
		plays: f.int('plays', 0, Number.MAX_SAFE_INTEGER),
		completionBps: f.scaled('completionPercent', 2, 10_000),
		revenueMinor: f.money('revenue', currency ?? 'CNY')
	});
}

export function parseCommissionRule(form: FormData): Parsed<CommissionRuleInput> {
	const f = new Fields(form);
	const platformId = formId(form, 'platformId');
	if (platformId === null) f.bad('platformId', 'required');
	return f.result({
		platformId: platformId ?? 0,
		rateBps: f.scaled('ratePercent', 2, 10_000, true) ?? 0,
		minPlays: f.int('minPlays', 0, Number.MAX_SAFE_INTEGER) ?? 0,
		minCompletionBps: f.scaled('minCompletionPercent', 2, 10_000) ?? 0,
		effectiveFrom: f.date('effectiveFrom') ?? DEFAULT_RULE_EFFECTIVE_FROM
	});
}

/** Milestones, one a line: "50 2025-05-01 script delivered" (percent, due date, description). */
function parseMilestones(f: Fields, text: string): DealInput['milestones'] {
	const out: DealInput['milestones'] = [];
	for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
		const m = /^(\d+(?:\.\d+)?)\s*%?\s+(\S+)\s*(.*)$/.exec(line);
		const share = m ? parseDecimalScaled(m[1], 2) : undefined;
		if (!m || !share?.ok || share.value <= 0) {
			f.bad('milestones', 'bad_number');
			continue;
		}
		if (!isIsoDate(m[2])) {
			f.bad('milestones', 'bad_date');
			continue;
		}
		out.push({ shareBps: share.value, dueOn: m[2], description: m[3] ? m[3].slice(0, 200) : null });
	}
	return out;
}

export function parseDeal(form: FormData): Parsed<DealInput> {
	const f = new Fields(form);
	// A blank or bad currency is already a problem (nothing is saved); CNY only gives the amount a scale to be read with.
	const currency = f.currency('currency') ?? 'CNY';
	const counterparty = f.text('counterparty', true);
	const status = f.choice<DealStatus>('status', DEAL_STATUSES, 'agreed');
	const deal: DealInput = {
		platformId: formId(form, 'platformId'),
		counterparty: counterparty ?? '',
		title: f.text('title'),
		amountMinor: f.money('amount', currency, true) ?? 0,
		currency,
		agreedOn: f.date('agreedOn'),
		invoicedOn: f.date('invoicedOn'),
		netDays: f.int('netDays', 0, 3650) ?? 30,
		status,
		paidOn: f.date('paidOn'),
		milestones: parseMilestones(f, f.raw('milestones'))
	};
	if (f.problems.length === 0)
		for (const p of validateDeal(deal)) f.bad(p.field === 'milestones' ? 'milestones' : p.field, p.field === 'milestones' ? 'shares' : p.field === 'paidOn' ? 'required' : 'out_of_range');
	return f.result(deal);
}

export function parseDealStatus(form: FormData): Parsed<{ status: DealStatus; paidOn: string | null; payoutId: number | null }> {
	const f = new Fields(form);
	const status = f.choice<DealStatus>('status', DEAL_STATUSES, 'agreed');
	// The imported payout that held the payment (optional; only for a paid deal): its date is the paid date.
	const raw = form.get('payoutId');
	const given = typeof raw === 'string' && raw.trim() !== '';
	const payoutId = given ? formId(form, 'payoutId') : null;
	if (given && payoutId === null) f.bad('payoutId', 'bad_choice');
	// Only a paid deal was paid in a payout: a payout chosen beside another status is a contradiction, said so.
	else if (given && status !== 'paid') f.bad('payoutId', 'payout_needs_paid');
	const paidOn = f.date('paidOn', status === 'paid' && payoutId === null);
	return f.result({ status, paidOn, payoutId: status === 'paid' ? payoutId : null });
}

export function parseEffectiveFrom(form: FormData): Parsed<string> {
	const f = new Fields(form);
	return f.result(f.date('effectiveFrom') ?? DEFAULT_RULE_EFFECTIVE_FROM);
}
