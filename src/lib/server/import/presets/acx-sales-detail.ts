/**
 * ACX royalty "Sales Details" (any locale: commas or semicolons, decimal point or comma).
 * No month in the file: the user gives it. Returns are negative rows and count as income.
 */
import type { PresetDefinition } from '../types';

export const acxSalesDetail: PresetDefinition = {
	id: 'acx_sales_detail',
	label: 'ACX sales detail',
	platform: 'ACX',
	signature: ['Royalty Earner', 'Transaction Type', 'Currency', 'Net Royalties Earned'],
	knownHeaders: [
		'Royalty Earner', 'Product ID', 'Author', 'Title', 'Digital ISBN', 'Provider Product ID', 'Transaction Type', 'Marketplace',
		'Purchase Type', 'Offer', 'Royalty Rule', 'Additional Rule Details', 'Currency', 'Royalty Rate', 'Payee Split', 'Net Units',
		'Net Sales', 'Net Royalties Earned'
	],
	columns: { work: 'Title', counterparty: 'Marketplace', description: 'Purchase Type', currency: 'Currency', gross: 'Net Royalties Earned', externalId: 'Product ID' },
	decimal: 'auto',
	stream: 'commission',
	period: { source: 'asked' }
};
