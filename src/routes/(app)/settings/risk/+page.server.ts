import { fail } from '@sveltejs/kit';
import { requireWorkspace } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { getRiskSettings, riskSettingsFromForm, saveRiskSettings } from '$lib/server/metrics';
import { DEFAULT_RISK_THRESHOLDS, DEFAULT_RISK_WEIGHTS } from '$lib/domain/risk';
import { percentFieldsToFractions } from '$lib/domain/risk-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const ws = requireWorkspace(event);
	return { baseCurrency: ws.baseCurrency, canWrite: ws.canWrite, settings: getRiskSettings(getDb(), ws.workspaceId) };
};

export const actions: Actions = {
	save: async (event) => {
		const ws = requireWorkspace(event, { write: true });
		const form = await event.request.formData();
		const percentProblems = percentFieldsToFractions(form);
		const r = riskSettingsFromForm(form, ws.baseCurrency);
		if (!r.ok || percentProblems.length) return fail(400, { problems: [...percentProblems, ...(r.ok ? [] : r.problems)] });
		saveRiskSettings(getDb(), ws.workspaceId, r.value);
		return { saved: true };
	},
	reset: async (event) => {
		const ws = requireWorkspace(event, { write: true });
		const current = getRiskSettings(getDb(), ws.workspaceId);
		saveRiskSettings(getDb(), ws.workspaceId, { ...current, weights: DEFAULT_RISK_WEIGHTS, thresholds: DEFAULT_RISK_THRESHOLDS });
		return { saved: true };
	}
};
