import { describe, expect, it } from 'vitest';
import { missingRateSummary } from './dashboard-view';

describe('missingRateSummary', () => {
	it('sums per currency and counts distinct months, first and last', () => {
		const got = missingRateSummary([
			{ month: '2025-03', currency: 'EUR', platform: 'YouTube', amountMinor: 1_000 },
			{ month: '2025-01', currency: 'EUR', platform: 'YouTube', amountMinor: 250 },
			{ month: '2025-03', currency: 'EUR', platform: 'YouTube', amountMinor: 5 },
			{ month: '2025-02', currency: 'JPY', platform: 'Patreon', amountMinor: 700 }
		]);
		expect(got).toEqual([
			{ currency: 'EUR', amountMinor: 1_255, months: 2, first: '2025-01', last: '2025-03' },
			{ currency: 'JPY', amountMinor: 700, months: 1, first: '2025-02', last: '2025-02' }
		]);
	});

	it('nothing missing, nothing to say', () => {
		expect(missingRateSummary([])).toEqual([]);
	});
});
