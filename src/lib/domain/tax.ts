/**
 * Individual income tax withheld on one labour-remuneration payment in China (劳务报酬,
 * SAT Announcement 2018 No. 61): expense E = 800 if x ≤ 4,000 else 20% of x; A = max(0, x − E);
 * tax = 20% of A up to 20,000, 30% of A − 2,000 up to 50,000, else 40% of A − 7,000.
 * Examples: 3,000 → 440; 7,200 → 1,152; 30,000 → 5,200. Author remuneration (稿酬) taxes 70% of A at 20%.
 * All in integer minor units (fen).
 */
import { mulDivRound } from './money';

export function labourRemunerationTax(paymentMinor: number): number {
	if (paymentMinor <= 0) return 0;
	const expense = paymentMinor <= 400_000 ? 80_000 : mulDivRound(paymentMinor, 20, 100);
	const taxable = Math.max(0, paymentMinor - expense);
	if (taxable <= 2_000_000) return mulDivRound(taxable, 20, 100);
	if (taxable <= 5_000_000) return mulDivRound(taxable, 30, 100) - 200_000;
	return mulDivRound(taxable, 40, 100) - 700_000;
}

export function authorRemunerationTax(paymentMinor: number): number {
	if (paymentMinor <= 0) return 0;
	const expense = paymentMinor <= 400_000 ? 80_000 : mulDivRound(paymentMinor, 20, 100);
	const taxable = Math.max(0, paymentMinor - expense);
	return mulDivRound(taxable, 70 * 20, 100 * 100);
}
