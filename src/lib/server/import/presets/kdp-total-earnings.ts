/** Amazon KDP → Reports → "Total earnings": the month on line 1, the header on line 2. */
import type { PresetDefinition } from '../types';

export const kdpTotalEarnings: PresetDefinition = {
	id: 'kdp_total_earnings',
	label: 'Amazon KDP total earnings',
	platform: 'Amazon KDP',
	signature: ['Title', 'ASIN/ISBN', 'Marketplace', 'Royalty Type', 'Currency', 'Earnings'],
	knownHeaders: [
		'Title', 'Author', 'ASIN/ISBN', 'Marketplace', 'Units Sold', 'Units Refunded', 'Net Units Sold or Combined KENP', 'Royalty Type',
		'Payout Plan', 'Currency', 'Avg. List Price without tax', 'Avg. Offer Price without tax', 'Avg. File Size (MB)',
		'Avg. Delivery/Manufacturing cost', 'Earnings'
	],
	columns: { work: 'Title', counterparty: 'Marketplace', description: 'Payout Plan', currency: 'Currency', gross: 'Earnings', externalId: 'ASIN/ISBN' },
	decimal: 'auto',
	stream: 'sales',
	period: { source: 'preamble', pattern: '^\\s*([A-Za-z]{3,9}\\.? \\d{4})\\s*$', format: 'MMM YYYY' }
};
