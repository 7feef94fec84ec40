/** Ko-fi → Transactions → Download CSV: donations, memberships, shop orders and commissions. */
import type { PresetDefinition } from '../types';

export const kofiTransactions: PresetDefinition = {
	id: 'kofi_transactions',
	label: 'Ko-fi transactions',
	platform: 'Ko-fi',
	signature: ['DateTime (UTC)', 'From', 'Received', 'Currency', 'TransactionType'],
	knownHeaders: ['DateTime (UTC)', 'From', 'Message', 'Item', 'Received', 'Given', 'Currency', 'TransactionType', 'TransactionId', 'Reference', 'SalesTax'],
	columns: { date: 'DateTime (UTC)', counterparty: 'From', description: 'Item', gross: 'Received', tax: 'SalesTax', currency: 'Currency', externalId: 'TransactionId' },
	decimal: 'auto',
	stream: 'tips',
	streamFrom: { column: 'TransactionType', map: { 'shop order': 'sales', commission: 'commission', 'monthly donation': 'subscription', subscription: 'subscription', membership: 'subscription' } },
	period: { source: 'column' },
	rules: [
		{ when: { column: 'Received', blank: true }, kind: 'ignore', reason: 'purchase' },
		{ kind: 'income', label: 'received' }
	],
	notes: 'assumed layout'
};
