import { describe, expect, it } from 'vitest';
import { authorRemunerationTax, labourRemunerationTax } from './tax';

describe('labourRemunerationTax (domain.md §6)', () => {
	it.each([
		[300_000, 44_000],
		[720_000, 115_200],
		[3_000_000, 520_000],
		[80_000, 0],
		[400_000, 64_000],
		[400_001, 64_000],
		[2_500_000, 200_000 * 2 + 0],
		[10_000_000, 2_500_000],
		[0, 0]
	])('%i fen → %i fen', (x, tax) => {
		expect(labourRemunerationTax(x)).toBe(tax);
	});
	it('author remuneration taxes 70% of the taxable amount at 20%', () => {
		expect(authorRemunerationTax(300_000)).toBe(30_800);
	});
});
