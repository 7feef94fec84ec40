/** Gumroad → Analytics/Sales → export (72 columns). A "Totals" row ends the file. */
import type { PresetDefinition } from '../types';

export const gumroadSales: PresetDefinition = {
	id: 'gumroad_sales',
	label: 'Gumroad sales',
	platform: 'Gumroad',
	signature: ['Purchase ID', 'Item Name', 'Purchase Date', 'Sale Price ($)', 'Fees ($)', 'Net Total ($)'],
	knownHeaders: ['Purchase ID', 'Item Name', 'Buyer Name', 'Purchase Email', 'Purchase Date', 'Sale Price ($)', 'Fees ($)', 'Net Total ($)', 'Refunded?'],
	columns: {
		date: 'Purchase Date',
		externalId: 'Purchase ID',
		work: 'Item Name',
		counterparty: 'Buyer Name',
		gross: 'Sale Price ($)',
		fee: 'Fees ($)',
		net: 'Net Total ($)'
	},
	currency: 'USD',
	decimal: '.',
	dateFormat: 'YYYY-MM-DD',
	stream: 'sales',
	period: { source: 'column' }
};
