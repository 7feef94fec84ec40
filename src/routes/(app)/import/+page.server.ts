import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireWorkspace, type WorkspaceContext } from '$lib/server/auth/guard';
import { env } from '$lib/server/env';
import { batchIdOfNumber, commitImport, ImportRefused, listBatches, undoBatch } from '$lib/server/import/commit';
import { analyseStatement, fileSource, presetFromMapping, wouldAddRows, type AnalyseOptions, type ImportPlan } from '$lib/server/import/pipeline';
import { PRESETS } from '$lib/server/import/presets/index';
import { deleteSavedPreset, listSavedPresets, resolvePresetChoice, savedPresetId, savePreset } from '$lib/server/import/saved-presets';
import { discardUploads, stashedFiles, stashUploads } from '$lib/server/import/uploads';
import { FIELDS, STREAMS, type Field } from '$lib/server/import/types';
import { DATE_FORMATS } from '$lib/domain/import-values';
import type { Actions, PageServerLoad } from './$types';

/** The options the user chose, as plain strings (echoed back so the commit form can repeat them). */
export interface ImportChoices {
	preset: string;
	platform: string;
	period: string;
	/** A period typed for one file of the upload (its index → YYYY-MM…): it wins over `period` for that file only. */
	periods: Record<string, string>;
	encoding: string;
	delimiter: string;
	decimal: string;
	dateFormat: string;
	currency: string;
	stream: string;
	map: Partial<Record<Field, string>>;
}

const NEEDS_MAPPING = new Set(['unknown_layout', 'schema_drift', 'bad_mapping', 'no_header']);

function choicesFrom(form: FormData): ImportChoices {
	const s = (k: string) => String(form.get(k) ?? '').trim().slice(0, 200);
	const map: Partial<Record<Field, string>> = {};
	for (const f of FIELDS) {
		const v = s(`map_${f}`);
		if (v) map[f] = v;
	}
	const periods: Record<string, string> = {};
	for (const key of form.keys()) {
		const index = /^period_(\d{1,3})$/.exec(key)?.[1];
		if (index !== undefined && s(key)) periods[index] = s(key);
	}
	return {
		preset: s('preset') || 'auto',
		platform: s('platform'),
		period: s('period'),
		periods,
		encoding: s('encoding') || 'auto',
		delimiter: s('delimiter'),
		decimal: s('decimal'),
		dateFormat: s('dateFormat'),
		currency: s('currency').toUpperCase(),
		stream: s('stream'),
		map
	};
}

function analyseOptions(c: ImportChoices, workspaceId: number): AnalyseOptions | { error: string } {
	const db = getDb();
	const preset = resolvePresetChoice(db, workspaceId, c.preset);
	if (preset === undefined) return { error: 'unknown_preset' };
	return {
		preset,
		platform: c.platform || undefined,
		period: c.period || undefined,
		encoding: c.encoding === 'auto' ? undefined : c.encoding,
		delimiter: c.delimiter || undefined,
		decimal: c.decimal || undefined,
		dateFormat: c.dateFormat || undefined,
		currency: c.currency || undefined,
		stream: c.stream || undefined,
		map: Object.keys(c.map).length ? c.map : undefined,
		maxBytes: env.maxUploadMb * 1024 * 1024,
		db,
		workspaceId,
		previewLimit: 50
	};
}

/** The options for one file of the upload: its own period, when one was typed for it. */
function forFile(options: AnalyseOptions, c: ImportChoices, index: number): AnalyseOptions {
	const period = c.periods[String(index)];
	return period ? { ...options, period } : options;
}

/** What the page shows of a plan: plain data only (no row store). */
function view(plan: ImportPlan, index: number) {
	return {
		index,
		fileName: plan.fileName,
		fileSize: plan.fileSize,
		ok: plan.ok,
		fatal: plan.fatal ?? null,
		needsMapping: Boolean(plan.fatal && NEEDS_MAPPING.has(plan.fatal.code)),
		warnings: plan.warnings,
		errors: plan.errors.slice(0, 100),
		counts: plan.counts,
		ignoredReasons: plan.ignoredReasons,
		totals: plan.totals,
		payoutTotals: plan.payoutTotals,
		period: plan.period,
		preset: plan.preset,
		platform: plan.platform,
		encoding: plan.encoding,
		delimiter: plan.delimiter,
		dateFormat: plan.dateFormat,
		dateFormatCandidates: plan.dateFormatCandidates,
		decimal: plan.decimal,
		headers: plan.headers,
		sampleRows: plan.sampleRows.slice(0, 8),
		preview: plan.preview.slice(0, 50),
		alreadyImported: plan.alreadyImported,
		addsRows: wouldAddRows(plan)
	};
}
export type PlanView = ReturnType<typeof view>;

/** Analyse the stashed files of `token` with the user's choices: the preview. */
async function runPreview(ws: WorkspaceContext, choices: ImportChoices, token: string) {
	const files = token ? stashedFiles(token, ws.workspaceId, ws.userId) : undefined;
	if (!files || files.length === 0) return fail(400, { action: 'preview', problem: token ? 'expired' : 'no_file', choices });
	const options = analyseOptions(choices, ws.workspaceId);
	if ('error' in options) return fail(400, { action: 'preview', problem: options.error, choices });
	const previews = [];
	for (const f of files) {
		const plan = await analyseStatement(fileSource(f.path, f.name), forFile(options, choices, f.index));
		previews.push(view(plan, f.index));
	}
	return { action: 'preview', token, choices, previews };
}

export const load: PageServerLoad = (event) => {
	const ws = requireWorkspace(event);
	const db = getDb();
	return {
		canWrite: ws.canWrite,
		// Without the global ids (the batch's own and its importer's): batches are named by their number here.
		batches: listBatches(db, ws.workspaceId).map(({ id: _, createdBy: __, ...b }) => b),
		presets: PRESETS.map((p) => ({ id: p.id, label: p.label, platform: p.platform })),
		savedPresets: listSavedPresets(db, ws.workspaceId).map((p) => ({ id: `ws:${p.id}`, label: p.name })),
		maxUploadMb: env.maxUploadMb,
		fields: [...FIELDS],
		streams: [...STREAMS],
		dateFormats: [...DATE_FORMATS]
	};
};

export const actions: Actions = {
	preview: async (event) => {
		const ws = requireWorkspace(event, { write: true });
		const form = await event.request.formData();
		const choices = choicesFrom(form);
		let token = String(form.get('token') ?? '');
		// A chosen file has a name even when it is empty (0 bytes): that one is previewed, and says it is
		// empty; a file input left blank sends a nameless empty part.
		const uploads = form.getAll('files').filter((f): f is File => f instanceof File && (f.size > 0 || f.name !== ''));
		const limit = env.maxUploadMb * 1024 * 1024;
		if (uploads.length > 0) {
			const tooBig = uploads.find((f) => f.size > limit);
			if (tooBig) return fail(400, { action: 'preview', problem: 'too_large', fileName: tooBig.name, mb: env.maxUploadMb, choices });
			token = await stashUploads(ws.workspaceId, ws.userId, uploads);
		}
		return runPreview(ws, choices, token);
	},

	commit: async (event) => {
		const ws = requireWorkspace(event, { write: true });
		const form = await event.request.formData();
		const choices = choicesFrom(form);
		const token = String(form.get('token') ?? '');
		const files = stashedFiles(token, ws.workspaceId, ws.userId);
		if (!files) return fail(400, { action: 'commit', problem: 'expired', choices });
		const options = analyseOptions(choices, ws.workspaceId);
		if ('error' in options) return fail(400, { action: 'commit', problem: options.error, choices });
		const db = getDb();
		const committed = [];
		for (const f of files) {
			// The same analysis as the preview, on the same bytes, then one transaction.
			const plan = await analyseStatement(fileSource(f.path, f.name), { ...forFile(options, choices, f.index), db: undefined });
			try {
				// The page gets the batch's number in the workspace, never its global id.
				const { batchId: _, ...r } = commitImport(db, ws.workspaceId, ws.userId, plan);
				committed.push({ fileName: f.name, ...r, problem: null as string | null, message: null as string | null });
			} catch (e) {
				if (!(e instanceof ImportRefused)) throw e;
				committed.push({ fileName: f.name, batchNumber: null, earningsInserted: 0, payoutsInserted: 0, duplicates: 0, alreadyImportedAs: null, problem: plan.fatal?.code ?? e.code, message: e.message });
			}
		}
		discardUploads(token);
		return { action: 'commit', committed };
	},

	undo: async (event) => {
		const ws = requireWorkspace(event, { write: true });
		const form = await event.request.formData();
		// Batches are undone by their number in this workspace (what the page shows).
		const batch = Number(form.get('batch'));
		if (!Number.isSafeInteger(batch) || batch <= 0) return fail(400, { action: 'undo', problem: 'not_found' });
		const db = getDb();
		const id = batchIdOfNumber(db, ws.workspaceId, batch);
		const r = id === undefined ? null : undoBatch(db, ws.workspaceId, id);
		if (!r) return fail(404, { action: 'undo', problem: 'not_found' });
		return { action: 'undo', batch, removed: r };
	},

	deletePreset: async (event) => {
		const ws = requireWorkspace(event, { write: true });
		const form = await event.request.formData();
		const id = savedPresetId(String(form.get('presetId') ?? ''));
		if (id === null) return fail(400, { action: 'deletePreset', problem: 'preset_not_found' });
		const name = deleteSavedPreset(getDb(), ws.workspaceId, id);
		if (name === null) return fail(404, { action: 'deletePreset', problem: 'preset_not_found' });
		return { action: 'deletePreset', deletedPreset: name };
	},

	savePreset: async (event) => {
		const ws = requireWorkspace(event, { write: true });
		const form = await event.request.formData();
		const choices = choicesFrom(form);
		const name = String(form.get('presetName') ?? '').trim();
		const token = String(form.get('token') ?? '');
		if (!name) return fail(400, { action: 'savePreset', problem: 'preset_name', choices, token });
		if (Object.keys(choices.map).length === 0) return fail(400, { action: 'savePreset', problem: 'no_mapping', choices, token });
		const def = presetFromMapping(choices.map, choices);
		const id = savePreset(getDb(), ws.workspaceId, name, def);
		const result = await runPreview(ws, { ...choices, preset: `ws:${id}` }, token);
		return 'previews' in result ? { ...result, savedPreset: name } : result;
	}
};
