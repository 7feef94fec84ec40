/** A payout rule for domain tests: paid on the 10th of the next month, every month, no minimum; override what a test is about. */
import type { PayoutRule } from '../../src/lib/domain/payout-rules';

export const payoutRule = (overrides: Partial<PayoutRule> = {}): PayoutRule => ({
	effectiveFrom: '2000-01-01',
	netDays: null,
	availableAfterMonths: 1,
	payoutDay: 10,
	secondPayoutDay: null,
	payoutMonths: 'all',
	thresholdMinor: 0,
	...overrides
});
