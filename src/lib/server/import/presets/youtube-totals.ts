/** YouTube Studio export "Totals.csv": one row per day with the chosen metric (here revenue). */
import type { PresetDefinition } from '../types';

export const youtubeTotals: PresetDefinition = {
	id: 'youtube_totals',
	label: 'YouTube Studio totals (per day)',
	platform: 'YouTube',
	signature: ['Date', 'Estimated revenue (USD)'],
	knownHeaders: ['Date', 'Estimated revenue (USD)'],
	columns: { date: 'Date', gross: 'Estimated revenue (USD)' },
	currency: 'USD',
	decimal: '.',
	dateFormat: 'YYYY-MM-DD',
	stream: 'ads',
	period: { source: 'column' },
	rules: [{ when: { column: 'Estimated revenue (USD)', blank: true }, kind: 'ignore', reason: 'no_amount' }]
};
