/**
 * The workspace file (domain.md §7): platforms with payout rules, works, commission rules and deals as one
 * JSON document, money as decimal strings in major units, rates in basis points, dates ISO. Parsing checks
 * everything and returns every problem with its path ("works[0].platform: unknown platform \"Ximalya\"");
 * nothing is applied unless the whole file is valid. `payout` is one rule or a list of versions.
 */
import { formatMinorAsDecimal, formatScaled, isCurrencyCode, isTooLargeError, parseDecimalScaled, parseDecimalToMinor } from './money';
import { DEAL_STATUSES, type DealStatus } from './deals';
import { DEFAULT_RULE_EFFECTIVE_FROM } from './payout-defaults';
import { validatePayoutRule, type PayoutMonths, type PayoutRule } from './payout-rules';
import { isIsoDate, type IsoDate } from './period';

export const WORKSPACE_FILE_VERSION = 1;

export interface PlatformSetup {
	name: string;
	currency: string;
	defaultStream: string;
	contract: boolean;
	socialInsurance: boolean;
	/** null: derived from each row's stream. */
	contingent: boolean | null;
	presetId: string | null;
	payoutRules: PayoutRule[];
}

export interface WorkSetup {
	platform: string;
	title: string;
	kind: string;
	currency: string;
	finishedHoursCenti: number | null;
	rateMinor: number | null;
	completedOn: IsoDate | null;
	plays: number | null;
	completionBps: number | null;
	revenueMinor: number | null;
}

export interface CommissionRuleSetup {
	platform: string;
	rateBps: number;
	minPlays: number;
	minCompletionBps: number;
	effectiveFrom: IsoDate;
}

export interface DealSetup {
	counterparty: string;
	platform: string | null;
	title: string | null;
	amountMinor: number;
	currency: string;
	agreedOn: IsoDate | null;
	invoicedOn: IsoDate | null;
	netDays: number;
	status: DealStatus;
	paidOn: IsoDate | null;
	milestones: { description: string | null; shareBps: number; dueOn: IsoDate }[];
}

export interface WorkspaceSetup {
	baseCurrency: string;
	platforms: PlatformSetup[];
	works: WorkSetup[];
	commissionRules: CommissionRuleSetup[];
	deals: DealSetup[];
}

export type WorkspaceFileErrorCode = 'invalid_json' | 'required' | 'bad_type' | 'bad_value' | 'bad_date' | 'negative' | 'unknown_platform' | 'duplicate' | 'version' | 'too_large';

export interface WorkspaceFileError {
	path: string;
	code: WorkspaceFileErrorCode;
	message: string;
	/**
	 * The details `message` carries, for the translated text (plain strings and numbers, shown as text):
	 * `value` the offending value as written; `check` which rule of a code failed (bad_value: integer,
	 * min, max, decimal, too_large, currency, one_of, shares, rule; duplicate: platform, payout_date;
	 * required: paid_deal; version: missing); `expected` (bad_type: object, list, text, boolean, decimal; version: the
	 * version this app reads); `min`, `max`, `allowed`, `total`, `what` (English label), `rule` (bad_value rule: the
	 * payout rule's problem code, with `min`/`max`), `line`/`column` or `end` (invalid_json: where the JSON parser
	 * stopped), `mb` (too_large). Nothing in params is English prose.
	 */
	params: WorkspaceFileErrorParams;
}

export type WorkspaceFileErrorParams = Record<string, string | number>;

export type WorkspaceFileResult = { ok: true; value: WorkspaceSetup } | { ok: false; errors: WorkspaceFileError[] };

type Obj = Record<string, unknown>;

/** A tiny reader that records problems by path instead of throwing, so a file reports all of them at once. */
class Reader {
	errors: WorkspaceFileError[] = [];
	fail(path: string, code: WorkspaceFileErrorCode, message: string, params: WorkspaceFileErrorParams = {}): null {
		this.errors.push({ path, code, message, params });
		return null;
	}
	obj(v: unknown, path: string): Obj | null {
		if (typeof v !== 'object' || v === null || Array.isArray(v)) return this.fail(path, 'bad_type', 'must be an object', { expected: 'object' });
		return v as Obj;
	}
	list(o: Obj, key: string, path: string): unknown[] {
		const v = o[key];
		if (v === undefined || v === null) return [];
		if (!Array.isArray(v)) return this.fail(`${path}${key}`, 'bad_type', 'must be a list', { expected: 'list' }) ?? [];
		return v;
	}
	text(o: Obj, key: string, path: string, required = false): string | null {
		const v = o[key];
		if (v === undefined || v === null || v === '') return required ? this.fail(`${path}.${key}`, 'required', 'is required') : null;
		if (typeof v !== 'string') return this.fail(`${path}.${key}`, 'bad_type', 'must be text', { expected: 'text' });
		if (v.trim() === '') return required ? this.fail(`${path}.${key}`, 'required', 'is required') : null;
		return v.trim();
	}
	bool(o: Obj, key: string, path: string, fallback: boolean | null): boolean | null {
		const v = o[key];
		if (v === undefined || v === null) return fallback;
		if (typeof v !== 'boolean') return this.fail(`${path}.${key}`, 'bad_type', 'must be true or false', { expected: 'boolean' }) ?? fallback;
		return v;
	}
	date(o: Obj, key: string, path: string, required = false): IsoDate | null {
		const v = this.text(o, key, path, required);
		if (v === null) return null;
		if (!isIsoDate(v)) return this.fail(`${path}.${key}`, 'bad_date', `bad date "${v}" (use YYYY-MM-DD, a real day)`, { value: v });
		return v;
	}
	int(o: Obj, key: string, path: string, opts: { min?: number; max?: number; what?: string } = {}): number | null {
		const v = o[key];
		if (v === undefined || v === null || v === '') return null;
		const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
		if (!Number.isSafeInteger(n))
			return this.fail(`${path}.${key}`, 'bad_value', `must be a whole number, got ${JSON.stringify(v)}`, { check: 'integer', value: JSON.stringify(v) });
		const what = opts.what ?? 'value';
		if (opts.min !== undefined && n < opts.min)
			return opts.min === 0 && n < 0
				? this.fail(`${path}.${key}`, 'negative', `${what} must be at least ${opts.min}, got ${n}`, { what, value: n })
				: this.fail(`${path}.${key}`, 'bad_value', `${what} must be at least ${opts.min}, got ${n}`, { check: 'min', what, min: opts.min, value: n });
		if (opts.max !== undefined && n > opts.max)
			return this.fail(`${path}.${key}`, 'bad_value', `${what} must be at most ${opts.max}, got ${n}`, { check: 'max', what, max: opts.max, value: n });
		return n;
	}
	/** A decimal string (or a JSON number) scaled to an integer; never negative unless allowed. */
	decimal(o: Obj, key: string, path: string, scale: number, what: string, opts: { max?: number; allowNegative?: boolean } = {}): number | null {
		const v = o[key];
		if (v === undefined || v === null || v === '') return null;
		if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v)))
			return this.fail(`${path}.${key}`, 'bad_type', `${what} must be a decimal string like "12.50"`, { expected: 'decimal', what });
		const text = String(v);
		const r = parseDecimalScaled(text, scale);
		if (!r.ok) return this.fail(`${path}.${key}`, 'bad_value', `${what}: ${r.error}`, decimalProblem(r.error, what, text));
		if (r.value < 0 && !opts.allowNegative) return this.fail(`${path}.${key}`, 'negative', `negative ${what} "${text}"`, { what, value: text });
		if (opts.max !== undefined && r.value > opts.max)
			return this.fail(`${path}.${key}`, 'bad_value', `${what} "${text}" is too large`, { check: 'max', what, max: trimDecimal(formatScaled(opts.max, scale)), value: text });
		return r.value;
	}
	money(o: Obj, key: string, path: string, currency: string, what: string): number | null {
		const v = o[key];
		if (v === undefined || v === null || v === '') return null;
		if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v)))
			return this.fail(`${path}.${key}`, 'bad_type', `${what} must be a decimal string like "12.50"`, { expected: 'decimal', what });
		const text = String(v);
		const r = parseDecimalToMinor(text, currency);
		if (!r.ok) return this.fail(`${path}.${key}`, 'bad_value', `${what}: ${r.error}`, decimalProblem(r.error, what, text));
		if (r.value < 0) return this.fail(`${path}.${key}`, 'negative', `negative ${what} "${text}"`, { what, value: text });
		return r.value;
	}
	currency(o: Obj, key: string, path: string, fallback: string | null): string | null {
		const v = this.text(o, key, path);
		if (v === null) return fallback ?? this.fail(`${path}.${key}`, 'required', 'is required');
		if (!isCurrencyCode(v)) return this.fail(`${path}.${key}`, 'bad_value', `not a currency code "${v}" (use three capital letters, like CNY)`, { check: 'currency', value: v });
		return v;
	}
}

/** The params of a decimal the money parser refused: not a number at all, or beyond a safe integer. */
function decimalProblem(error: string, what: string, value: string): WorkspaceFileErrorParams {
	return { check: isTooLargeError(error) ? 'too_large' : 'decimal', what, value };
}

function parsePayoutRule(r: Reader, raw: unknown, path: string, currency: string): PayoutRule | null {
	const o = r.obj(raw, path);
	if (!o) return null;
	const before = r.errors.length;
	const months = r.text(o, 'payoutMonths', path) ?? 'all';
	if (!['all', 'even', 'odd'].includes(months))
		r.fail(`${path}.payoutMonths`, 'bad_value', `must be "all", "even" or "odd", got "${months}"`, { check: 'one_of', value: months, allowed: 'all, even, odd' });
	const rule: PayoutRule = {
		effectiveFrom: r.date(o, 'effectiveFrom', path) ?? DEFAULT_RULE_EFFECTIVE_FROM,
		netDays: r.int(o, 'netDays', path, { min: 0, max: 3650, what: 'net days' }),
		availableAfterMonths: r.int(o, 'availableAfterMonths', path, { min: 0, max: 24, what: 'months' }) ?? 1,
		payoutDay: r.int(o, 'payoutDay', path, { min: 1, max: 31, what: 'payout day' }) ?? 1,
		secondPayoutDay: r.int(o, 'secondPayoutDay', path, { min: 1, max: 31, what: 'second payout day' }),
		payoutMonths: months as PayoutMonths,
		thresholdMinor: r.money(o, 'threshold', path, currency, 'threshold') ?? 0
	};
	if (r.errors.length > before) return null;
	for (const p of validatePayoutRule(rule)) r.fail(`${path}.${p.field}`, 'bad_value', p.problem, { check: 'rule', rule: p.code, ...p.params });
	return r.errors.length > before ? null : rule;
}

/**
 * Where a JSON parse failed, in words any language can say: `line` and `column` (1-based) when the engine gives a
 * position inside the text, `end: 1` when the text stops early (no position, or the position is its end), nothing when it says neither. The engine's own English text stays
 * in `message` only (the CLI prints it).
 */
export function jsonErrorPlace(text: string, engineMessage: string): WorkspaceFileErrorParams {
	if (/unexpected end/i.test(engineMessage)) return { end: 1 };
	const at = /position (\d+)/.exec(engineMessage);
	if (!at) return {};
	const position = Number(at[1]);
	if (position >= text.trimEnd().length) return { end: 1 };
	const before = text.slice(0, position);
	const line = before.split('\n').length;
	return { line, column: position - before.lastIndexOf('\n') };
}

/** Parse and validate a workspace file. All problems are returned, with paths; nothing partial. */
export function parseWorkspaceFile(text: string): WorkspaceFileResult {
	let json: unknown;
	const body = text.replace(/^\uFEFF/, '');
	try {
		json = JSON.parse(body);
	} catch (e) {
		const detail = (e as Error).message;
		return { ok: false, errors: [{ path: '', code: 'invalid_json', message: `not valid JSON: ${detail}`, params: jsonErrorPlace(body, detail) }] };
	}
	const r = new Reader();
	const root = r.obj(json, '(file)');
	if (!root) return { ok: false, errors: r.errors };
	if (root.version === undefined)
		r.fail('version', 'version', `the file version is missing (this app reads version ${WORKSPACE_FILE_VERSION})`, { check: 'missing', expected: WORKSPACE_FILE_VERSION });
	else if (root.version !== WORKSPACE_FILE_VERSION)
		r.fail('version', 'version', `unsupported version ${JSON.stringify(root.version)} (this app reads version ${WORKSPACE_FILE_VERSION})`, {
			value: JSON.stringify(root.version),
			expected: WORKSPACE_FILE_VERSION
		});
	const baseCurrency = r.currency(root, 'baseCurrency', '(file)', null) ?? 'CNY';

	const platforms: PlatformSetup[] = [];
	const currencyOf = new Map<string, string>();
	r.list(root, 'platforms', '').forEach((raw, i) => {
		const path = `platforms[${i}]`;
		const o = r.obj(raw, path);
		if (!o) return;
		const name = r.text(o, 'name', path, true);
		const currency = r.currency(o, 'currency', path, null);
		if (name && currencyOf.has(name)) r.fail(`${path}.name`, 'duplicate', `platform "${name}" is listed twice`, { check: 'platform', value: name });
		const rules: PayoutRule[] = [];
		const payout = o.payout;
		if (currency && payout !== undefined && payout !== null) {
			const list = Array.isArray(payout) ? payout : [payout];
			list.forEach((p, j) => {
				const rule = parsePayoutRule(r, p, Array.isArray(payout) ? `${path}.payout[${j}]` : `${path}.payout`, currency);
				if (rule) rules.push(rule);
			});
			const dates = rules.map((x) => x.effectiveFrom);
			const twice = dates.find((d, k) => dates.indexOf(d) !== k);
			if (twice !== undefined) r.fail(`${path}.payout`, 'duplicate', 'two payout rule versions take effect on the same day', { check: 'payout_date', value: twice });
		}
		// Known by name even when its currency is wrong, so one mistake is reported once.
		if (name && !currencyOf.has(name)) currencyOf.set(name, currency ?? baseCurrency);
		if (name && currency) {
			platforms.push({
				name,
				currency,
				defaultStream: r.text(o, 'defaultStream', path) ?? 'other',
				contract: r.bool(o, 'contract', path, false) ?? false,
				socialInsurance: r.bool(o, 'socialInsurance', path, false) ?? false,
				contingent: r.bool(o, 'contingent', path, null),
				presetId: r.text(o, 'presetId', path),
				payoutRules: rules.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1))
			});
		}
	});
	const platformRef = (o: Obj, path: string, required: boolean): string | null => {
		const name = r.text(o, 'platform', path, required);
		if (name === null) return null;
		if (!currencyOf.has(name)) return r.fail(`${path}.platform`, 'unknown_platform', `unknown platform "${name}" (list it under "platforms")`, { value: name });
		return name;
	};

	const works: WorkSetup[] = [];
	r.list(root, 'works', '').forEach((raw, i) => {
		const path = `works[${i}]`;
		const o = r.obj(raw, path);
		if (!o) return;
		const before = r.errors.length;
		const platform = platformRef(o, path, true);
		const title = r.text(o, 'title', path, true);
		const currency = r.currency(o, 'currency', path, platform ? (currencyOf.get(platform) ?? null) : baseCurrency);
		const cur = currency ?? baseCurrency;
		const work: WorkSetup = {
			platform: platform ?? '',
			title: title ?? '',
			kind: r.text(o, 'kind', path) ?? 'audiobook',
			currency: cur,
			finishedHoursCenti: r.decimal(o, 'finishedHours', path, 2, 'hours'),
			rateMinor: r.money(o, 'ratePerFinishedHour', path, cur, 'rate per finished hour'),
			completedOn: r.date(o, 'completedOn', path),
			plays: r.int(o, 'plays', path, { min: 0, what: 'plays' }),
			completionBps: r.decimal(o, 'completionRate', path, 4, 'completion rate', { max: 10_000 }),
			revenueMinor: r.money(o, 'revenue', path, cur, 'revenue')
		};
		if (r.errors.length === before) works.push(work);
	});

	const commissionRules: CommissionRuleSetup[] = [];
	r.list(root, 'commissionRules', '').forEach((raw, i) => {
		const path = `commissionRules[${i}]`;
		const o = r.obj(raw, path);
		if (!o) return;
		const before = r.errors.length;
		const platform = platformRef(o, path, true);
		const rateBps = r.int(o, 'rateBps', path, { min: 0, max: 10_000, what: 'rate (basis points)' });
		if (rateBps === null && o.rateBps === undefined) r.fail(`${path}.rateBps`, 'required', 'is required');
		const rule: CommissionRuleSetup = {
			platform: platform ?? '',
			rateBps: rateBps ?? 0,
			minPlays: r.int(o, 'minPlays', path, { min: 0, what: 'minimum plays' }) ?? 0,
			minCompletionBps: r.decimal(o, 'minCompletionRate', path, 4, 'minimum completion rate', { max: 10_000 }) ?? 0,
			effectiveFrom: r.date(o, 'effectiveFrom', path) ?? DEFAULT_RULE_EFFECTIVE_FROM
		};
		if (r.errors.length === before) commissionRules.push(rule);
	});

	const deals: DealSetup[] = [];
	r.list(root, 'deals', '').forEach((raw, i) => {
		const path = `deals[${i}]`;
		const o = r.obj(raw, path);
		if (!o) return;
		const before = r.errors.length;
		const platform = platformRef(o, path, false);
		const currency = r.currency(o, 'currency', path, platform ? (currencyOf.get(platform) ?? baseCurrency) : baseCurrency) ?? baseCurrency;
		const status = r.text(o, 'status', path) ?? 'agreed';
		if (!(DEAL_STATUSES as readonly string[]).includes(status)) {
			const allowed = DEAL_STATUSES.join(', ');
			r.fail(`${path}.status`, 'bad_value', `must be one of ${allowed}, got "${status}"`, { check: 'one_of', value: status, allowed });
		}
		const amount = r.money(o, 'amount', path, currency, 'amount');
		if (amount === null && (o.amount === undefined || o.amount === null || o.amount === '')) r.fail(`${path}.amount`, 'required', 'is required');
		const milestones: DealSetup['milestones'] = [];
		r.list(o, 'milestones', `${path}.`).forEach((m, j) => {
			const mp = `${path}.milestones[${j}]`;
			const mo = r.obj(m, mp);
			if (!mo) return;
			const shareBps = r.int(mo, 'shareBps', mp, { min: 1, max: 10_000, what: 'share (basis points)' });
			const dueOn = r.date(mo, 'dueOn', mp, true);
			if (shareBps === null && mo.shareBps === undefined) r.fail(`${mp}.shareBps`, 'required', 'is required');
			if (shareBps !== null && dueOn) milestones.push({ description: r.text(mo, 'description', mp), shareBps, dueOn });
		});
		const total = milestones.reduce((s, m) => s + m.shareBps, 0);
		if (milestones.length > 0 && total !== 10_000) r.fail(`${path}.milestones`, 'bad_value', `shares add up to ${total / 100}%, not 100%`, { check: 'shares', total: total / 100 });
		const deal: DealSetup = {
			counterparty: r.text(o, 'counterparty', path, true) ?? '',
			platform,
			title: r.text(o, 'title', path),
			amountMinor: amount ?? 0,
			currency,
			agreedOn: r.date(o, 'agreedOn', path),
			invoicedOn: r.date(o, 'invoicedOn', path),
			netDays: r.int(o, 'netDays', path, { min: 0, max: 3650, what: 'net days' }) ?? 30,
			status: status as DealStatus,
			paidOn: r.date(o, 'paidOn', path),
			milestones
		};
		if (deal.status === 'paid' && !deal.paidOn) r.fail(`${path}.paidOn`, 'required', 'a paid deal needs the date it was paid', { check: 'paid_deal' });
		if (r.errors.length === before) deals.push(deal);
	});

	if (r.errors.length > 0) return { ok: false, errors: r.errors };
	return { ok: true, value: { baseCurrency, platforms, works, commissionRules, deals } };
}

/** "7.50" → "7.5", "25000.00" stays as money; used for hours and rates, not for money. */
function trimDecimal(s: string): string {
	return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

function payoutJson(rule: PayoutRule, currency: string): Record<string, unknown> {
	if (rule.netDays !== null) return { effectiveFrom: rule.effectiveFrom, netDays: rule.netDays };
	const out: Record<string, unknown> = {
		effectiveFrom: rule.effectiveFrom,
		availableAfterMonths: rule.availableAfterMonths,
		payoutDay: rule.payoutDay
	};
	if (rule.secondPayoutDay !== null) out.secondPayoutDay = rule.secondPayoutDay;
	out.payoutMonths = rule.payoutMonths;
	out.threshold = formatMinorAsDecimal(rule.thresholdMinor, currency);
	return out;
}

/** The workspace setup as the §7 JSON document (stable key order, 2-space indent). */
export function serialiseWorkspaceFile(setup: WorkspaceSetup): string {
	const optional = <T>(v: T | null, f: (x: T) => unknown) => (v === null ? undefined : f(v));
	const doc = {
		version: WORKSPACE_FILE_VERSION,
		baseCurrency: setup.baseCurrency,
		platforms: setup.platforms.map((p) => ({
			name: p.name,
			currency: p.currency,
			defaultStream: p.defaultStream,
			contract: p.contract,
			socialInsurance: p.socialInsurance,
			contingent: p.contingent ?? undefined,
			presetId: p.presetId ?? undefined,
			payout:
				p.payoutRules.length === 0
					? undefined
					: p.payoutRules.length === 1
						? payoutJson(p.payoutRules[0], p.currency)
						: p.payoutRules.map((r) => payoutJson(r, p.currency))
		})),
		works: setup.works.map((w) => ({
			platform: w.platform,
			title: w.title,
			kind: w.kind,
			currency: w.currency,
			finishedHours: optional(w.finishedHoursCenti, (h) => trimDecimal(formatScaled(h, 2))),
			ratePerFinishedHour: optional(w.rateMinor, (m) => formatMinorAsDecimal(m, w.currency)),
			completedOn: w.completedOn ?? undefined,
			plays: w.plays ?? undefined,
			completionRate: optional(w.completionBps, (b) => trimDecimal(formatScaled(b, 4))),
			revenue: optional(w.revenueMinor, (m) => formatMinorAsDecimal(m, w.currency))
		})),
		commissionRules: setup.commissionRules.map((c) => ({
			platform: c.platform,
			rateBps: c.rateBps,
			minPlays: c.minPlays,
			minCompletionRate: trimDecimal(formatScaled(c.minCompletionBps, 4)),
			effectiveFrom: c.effectiveFrom
		})),
		deals: setup.deals.map((d) => ({
			counterparty: d.counterparty,
			platform: d.platform ?? undefined,
			title: d.title ?? undefined,
			amount: formatMinorAsDecimal(d.amountMinor, d.currency),
			currency: d.currency,
			agreedOn: d.agreedOn ?? undefined,
			invoicedOn: d.invoicedOn ?? undefined,
			netDays: d.netDays,
			status: d.status,
			paidOn: d.paidOn ?? undefined,
			milestones: d.milestones.length === 0 ? undefined : d.milestones.map((m) => ({ description: m.description ?? undefined, shareBps: m.shareBps, dueOn: m.dueOn }))
		}))
	};
	return JSON.stringify(doc, null, 2) + '\n';
}
