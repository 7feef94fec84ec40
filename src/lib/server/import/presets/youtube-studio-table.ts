/** YouTube Studio → Analytics → Advanced mode → Export → "Table data.csv": one row per video, no dates. */
import type { PresetDefinition } from '../types';

export const youtubeStudioTable: PresetDefinition = {
	id: 'youtube_studio_table',
	label: 'YouTube Studio table data',
	platform: 'YouTube',
	signature: ['Content', 'Video title', 'Estimated revenue (USD)'],
	knownHeaders: ['Content', 'Video title', 'Video publish time', 'Duration', 'Views', 'Watch time (hours)', 'Estimated revenue (USD)'],
	columns: { externalId: 'Content', work: 'Video title', gross: 'Estimated revenue (USD)', plays: 'Views' },
	currency: 'USD',
	decimal: '.',
	stream: 'ads',
	// The period is only in the download's file name: ask for it.
	period: { source: 'asked' },
	rules: [{ when: { column: 'Estimated revenue (USD)', blank: true }, kind: 'ignore', reason: 'no_amount' }]
};
