import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_THRESHOLDS } from './risk';
import { fractionToPercentText, percentFieldsToFractions } from './risk-form';

const form = (fields: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.set(k, v);
	return f;
};

describe('risk settings percentages', () => {
	it('shows the stored fractions as the percentages the dashboard shows', () => {
		expect(fractionToPercentText(DEFAULT_RISK_THRESHOLDS.top1Share)).toBe('50');
		expect(fractionToPercentText(DEFAULT_RISK_THRESHOLDS.swingShare)).toBe('25');
		expect(fractionToPercentText(0.29)).toBe('29');
		expect(fractionToPercentText(0.125)).toBe('12.5');
	});
	it('stores what is typed as a percentage as a fraction, with or without the % sign', () => {
		const f = form({ top1: '60', swing: '12.5 %' });
		expect(percentFieldsToFractions(f)).toEqual([]);
		expect([f.get('top1'), f.get('swing')]).toEqual(['0.6', '0.125']);
	});
	it('leaves an empty field to the default and refuses what is not 0–100', () => {
		expect(percentFieldsToFractions(form({ top1: '', swing: '' }))).toEqual([]);
		expect(percentFieldsToFractions(form({ top1: '150', swing: 'half' }))).toEqual([
			{ field: 'top1', problem: 'percent' },
			{ field: 'swing', problem: 'percent' }
		]);
		expect(percentFieldsToFractions(form({ top1: '-5' }))).toEqual([{ field: 'top1', problem: 'percent' }]);
	});
});
