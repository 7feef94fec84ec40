/**
 * Income lines whose amounts do not add up (gross − fee − tax ≠ net) are imported as the file
 * gives them, with one warning that counts them and shows the first: the usual sign of a column
 * mapped to the wrong field. The platforms' own files never raise it.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseStatement, bytesSource } from '../../src/lib/server/import/pipeline';
import { analyseFile, FIXTURES } from './import-support';

const encode = (text: string) => new TextEncoder().encode(text);

describe('amounts that do not add up', () => {
	it('warns once, with the count and the first line, and imports the lines as given', async () => {
		const text = ['day,title,amount,platform cut,received', '2025-03-01,A,100.00,10.00,90.00', '2025-03-02,B,100.00,10.00,80.00', '2025-03-03,C,50.00,5.00,40.00', '2025-03-04,D,20.00,2.00,18.00'].join('\n');
		const plan = await analyseStatement(bytesSource('mine.csv', encode(text)), {
			map: { date: 'day', description: 'title', gross: 'amount', fee: 'platform cut', net: 'received' },
			dateFormat: 'YYYY-MM-DD',
			currency: 'EUR'
		});
		expect(plan.ok).toBe(true);
		expect(plan.counts).toMatchObject({ income: 4, errors: 0 });
		expect(plan.totals).toEqual([{ currency: 'EUR', gross: '270.00', fee: '27.00', tax: '0.00', net: '228.00', rows: 4 }]);
		const warnings = plan.warnings.filter((w) => w.code === 'amounts_disagree');
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatchObject({ line: 3, params: { count: 2, line: 3, gross: '100.00', fee: '10.00', tax: '0.00', net: '80.00', currency: 'EUR' } });
		expect(warnings[0].message).toContain('100.00 − 10.00 − 0.00 ≠ 80.00 EUR');
	});

	it('says nothing when fee or net is left for the import to work out', async () => {
		const text = ['day,amount,received', '2025-03-01,100.00,90.00', '2025-03-02,100.00,80.00'].join('\n');
		const plan = await analyseStatement(bytesSource('mine.csv', encode(text)), { map: { date: 'day', gross: 'amount', net: 'received' }, dateFormat: 'YYYY-MM-DD', currency: 'EUR' });
		expect(plan.counts.income).toBe(2);
		expect(plan.totals[0]).toMatchObject({ gross: '200.00', fee: '30.00', net: '170.00' });
		expect(plan.warnings.filter((w) => w.code === 'amounts_disagree')).toEqual([]);
	});

	// Amounts finer than the currency (a distributor's per-stream lines, yen with decimals) are rounded
	// cell by cell: 1.006 − 0.002 = 1.004 becomes 1.01 − 0.00 ≠ 1.00, which the file never said.
	it('does not blame rounding: cells finer than the currency that add up say nothing', async () => {
		const text = ['day,amount,cut,received,cur', '2025-03-01,1.006,0.002,1.004,USD', '2025-03-02,0.0051,0.0006,0.0045,USD', '2025-03-03,1000.6,0.2,1000.4,JPY', '2025-03-04,2.675,0.335,2.34,EUR'].join('\n');
		const plan = await analyseStatement(bytesSource('streams.csv', encode(text)), {
			map: { date: 'day', gross: 'amount', fee: 'cut', net: 'received', currency: 'cur' },
			dateFormat: 'YYYY-MM-DD'
		});
		expect(plan.counts).toMatchObject({ income: 4, errors: 0 });
		expect(plan.warnings.filter((w) => w.code === 'amounts_disagree')).toEqual([]);
	});

	it('still warns when cells finer than the currency do not add up', async () => {
		const text = ['day,amount,cut,received', '2025-03-01,1.006,0.002,0.904', '2025-03-02,1.006,0.002,1.004'].join('\n');
		const plan = await analyseStatement(bytesSource('streams.csv', encode(text)), {
			map: { date: 'day', gross: 'amount', fee: 'cut', net: 'received' },
			dateFormat: 'YYYY-MM-DD',
			currency: 'USD'
		});
		const warnings = plan.warnings.filter((w) => w.code === 'amounts_disagree');
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatchObject({ line: 2, params: { count: 1, gross: '1.01', fee: '0.00', net: '0.90' } });
	});

	const fixtures = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.csv'));
	it.each(fixtures)('%s adds up', async (name) => {
		// The YouTube table data has no dates: its period is asked for.
		const plan = await analyseFile(name, { period: '2024-10' });
		expect(plan.ok).toBe(true);
		expect(plan.warnings.filter((w) => w.code === 'amounts_disagree')).toEqual([]);
	});
});
