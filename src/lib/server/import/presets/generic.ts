/**
 * Creator Ledger's own plain layout (also what the benchmark generates): one row per earning.
 * date,description,counterparty,gross,fee,tax,net,currency,external_id
 */
import type { PresetDefinition } from '../types';

export const genericLedger: PresetDefinition = {
	id: 'generic',
	label: 'Creator Ledger plain CSV',
	platform: 'Other',
	signature: ['date', 'description', 'gross', 'net', 'currency'],
	knownHeaders: ['date', 'description', 'counterparty', 'gross', 'fee', 'tax', 'net', 'currency', 'external_id'],
	columns: {
		date: 'date',
		description: 'description',
		counterparty: 'counterparty',
		gross: 'gross',
		fee: 'fee',
		tax: 'tax',
		net: 'net',
		currency: 'currency',
		externalId: 'external_id'
	},
	decimal: '.',
	dateFormat: 'YYYY-MM-DD',
	stream: 'other',
	period: { source: 'column' }
};
