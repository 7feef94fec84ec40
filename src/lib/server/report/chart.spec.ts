import { describe, expect, it } from 'vitest';
import type { Report } from '../../domain/report';
import { monthlyChartSvg } from './html';

/** The chart reads only the months and the base currency. */
function report(nets: number[]): Report {
	return {
		baseCurrency: 'CNY',
		months: nets.map((netMinor, i) => ({ month: `2025-${String(i + 1).padStart(2, '0')}`, netMinor, receivedMinor: Math.round(netMinor * 0.8) }))
	} as unknown as Report;
}

const labels = (svg: string) => [...svg.matchAll(/text-anchor="end"[^>]*>([^<]*)</g)].map((x) => x[1]);

describe('the printed report chart', () => {
	it('labels its axis with round amounts in both languages', () => {
		const r = report([634_870, 1_200_000, 2_539_480, 1_800_000]);
		expect(labels(monthlyChartSvg(r, 'en'))).toEqual(['CN¥0', 'CN¥10K', 'CN¥20K', 'CN¥30K']);
		expect(labels(monthlyChartSvg(r, 'zh'))).toEqual(['¥0', '¥1万', '¥2万', '¥3万']);
	});
});
