/**
 * Works from a CSV file: a header row naming the columns (any order, case and spaces ignored) —
 * platform, title, finishedHours, ratePerFinishedHour, completedOn, plays, completionRate, revenue —
 * then one work per line. The values follow the workspace file's rules (workspace-file.ts), so the
 * same checks and messages apply, reported by line: "line 3, finishedHours: negative hours "-2"".
 */
import { parseCsv } from './csv';
import { formatScaled, parseDecimalScaled } from './money';
import { parseWorkspaceFile, type WorkSetup, type WorkspaceFileErrorCode, type WorkspaceFileErrorParams } from './workspace-file';

const COLUMNS = ['platform', 'title', 'kind', 'finishedHours', 'ratePerFinishedHour', 'completedOn', 'plays', 'completionRate', 'revenue'] as const;
const KEY = new Map(COLUMNS.map((c) => [c.toLowerCase(), c]));

export type WorksCsvErrorCode = 'empty_file' | 'unknown_column' | 'missing_column' | WorkspaceFileErrorCode;

export interface WorksCsvError {
	line: number | null;
	field: string | null;
	/** What is wrong, for translation; `message` says it in English with the details. */
	code: WorksCsvErrorCode;
	message: string;
	/** The details `message` carries, as in workspace-file.ts (unknown_column: value, allowed; missing_column: value). */
	params: WorkspaceFileErrorParams;
}

export type WorksCsvResult = { ok: true; works: WorkSetup[] } | { ok: false; errors: WorksCsvError[] };

/** Parse works against the workspace's platforms (name and currency). Nothing partial: all or errors. */
export function parseWorksCsv(text: string, platforms: readonly { name: string; currency: string }[]): WorksCsvResult {
	const rows = parseCsv(text).filter((r) => r.some((c) => c.trim() !== ''));
	if (rows.length === 0) return { ok: false, errors: [{ line: null, field: null, code: 'empty_file', message: 'the file is empty', params: {} }] };
	const header = rows[0].map((h) => KEY.get(h.trim().replace(/[\s_-]+/g, '').toLowerCase()) ?? null);
	const unknown = rows[0].filter((_, i) => header[i] === null).map((h) => h.trim()).filter(Boolean);
	const allowed = COLUMNS.join(', ');
	const errors: WorksCsvError[] = unknown.map((h) => ({
		line: 1,
		field: h,
		code: 'unknown_column' as const,
		message: `unknown column "${h}" (use ${allowed})`,
		params: { value: h, allowed }
	}));
	for (const required of ['platform', 'title'] as const)
		if (!header.includes(required))
			errors.push({ line: 1, field: required, code: 'missing_column', message: `the column "${required}" is missing`, params: { value: required } });
	if (errors.length > 0) return { ok: false, errors };

	/** Completion rates written as percentages, by work index: errors show them as the user wrote them. */
	const percentText = new Map<number, string>();
	const works = rows.slice(1).map((r, index) => {
		const o: Record<string, string | number> = {};
		header.forEach((key, i) => {
			const v = (r[i] ?? '').trim();
			if (!key || v === '') return;
			o[key] = key === 'plays' && /^\d+$/.test(v.replace(/[,，]/g, '')) ? Number(v.replace(/[,，]/g, '')) : v;
		});
		if (typeof o.completionRate === 'string' && o.completionRate.endsWith('%')) {
			// "42%" → 4200 basis points → "0.4200", exactly
			const bps = parseDecimalScaled(o.completionRate.slice(0, -1), 2);
			if (bps.ok) {
				percentText.set(index, o.completionRate);
				o.completionRate = formatScaled(bps.value, 4);
			}
		}
		return o;
	});
	const doc = {
		version: 1,
		baseCurrency: platforms[0]?.currency ?? 'CNY',
		platforms: platforms.map((p) => ({ name: p.name, currency: p.currency })),
		works
	};
	const parsed = parseWorkspaceFile(JSON.stringify(doc));
	if (parsed.ok) return { ok: true, works: parsed.value.works };
	return {
		ok: false,
		errors: parsed.errors.map((e) => {
			const m = /^works\[(\d+)\]\.?(.*)$/.exec(e.path);
			let { message, params } = e;
			const written = m && m[2] === 'completionRate' ? percentText.get(Number(m[1])) : undefined;
			if (written !== undefined && params.value !== undefined) {
				// The check saw "1.2000"; the user wrote "120%".
				message = message.replace(`"${params.value}"`, `"${written}"`);
				params = { ...params, value: written, ...(params.max === '1' ? { max: '100%' } : {}) };
			}
			return { line: m ? Number(m[1]) + 2 : null, field: m ? m[2] || null : null, code: e.code, message, params };
		})
	};
}
