/** Patreon → Insights → Earnings → export: one row per month, fees written as negative numbers. */
import type { PresetDefinition } from '../types';

export const patreonEarnings: PresetDefinition = {
	id: 'patreon_earnings',
	label: 'Patreon monthly earnings',
	platform: 'Patreon',
	signature: ['Month - successful transactions', 'Total gross earnings', 'Total net earnings'],
	knownHeaders: [
		'Month - successful transactions', 'Currency', 'Total gross earnings', 'Patreon platform fees',
		'Total payment processing fees', 'Refunds', 'Total net earnings'
	],
	// Fees are the difference gross − net (platform, processing, refunds, adjustments).
	columns: { month: 'Month - successful transactions', currency: 'Currency', gross: 'Total gross earnings', net: 'Total net earnings' },
	dateFormat: 'YYYY-MM',
	decimal: '.',
	stream: 'subscription',
	period: { source: 'column' }
};
