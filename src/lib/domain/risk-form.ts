/**
 * The risk settings form shows the share thresholds as percentages, as the dashboard does (50%, 25%),
 * while the settings keep fractions (0.5, 0.25): converted here, at the form, both ways.
 */
export const PERCENT_FIELDS = ['top1', 'swing'] as const;

/** 0.5 → "50", 0.125 → "12.5" (no float noise such as 28.999999999999996). */
export const fractionToPercentText = (x: number): string => String(Math.round(x * 1e6) / 1e4);

/**
 * Rewrite the percentage fields of a submitted form into fractions ("50", "50%", "50 %" → "0.5"), in place.
 * An empty field stays empty (the default applies); anything else that is not 0–100 is a problem.
 */
export function percentFieldsToFractions(form: FormData): { field: string; problem: 'percent' }[] {
	const problems: { field: string; problem: 'percent' }[] = [];
	for (const name of PERCENT_FIELDS) {
		const raw = String(form.get(name) ?? '')
			.trim()
			.replace(/\s*%$/, '');
		if (raw === '') {
			form.set(name, '');
			continue;
		}
		const n = Number(raw);
		if (!/^\d*\.?\d+$/.test(raw) || !Number.isFinite(n) || n > 100) {
			problems.push({ field: name, problem: 'percent' });
			continue;
		}
		form.set(name, String(Number((n / 100).toFixed(10))));
	}
	return problems;
}
