/**
 * PayPal → Activity → Download (CSV, "All transactions"). Any locale: dates MM/DD/YYYY or
 * DD/MM/YYYY and amounts "1,234.56" or "1.234,56" are detected from the data. Fees are negative.
 */
import type { PresetDefinition } from '../types';

const PAYMENT_TYPES = [
	'Subscription Payment', 'Donation Payment', 'Website Payment', 'Express Checkout Payment', 'Invoice Payment',
	'Mobile Payment', 'Payment Received', 'General Payment', 'Preapproved Payment Bill User Payment', 'Mass Pay Payment'
];

export const paypalActivity: PresetDefinition = {
	id: 'paypal_activity',
	label: 'PayPal activity',
	platform: 'PayPal',
	signature: ['Date', 'Name', 'Type', 'Status', 'Currency', 'Gross', 'Fee', 'Net', 'Transaction ID'],
	knownHeaders: ['Date', 'Time', 'TimeZone', 'Name', 'Type', 'Status', 'Currency', 'Gross', 'Fee', 'Net', 'From Email Address', 'To Email Address', 'Transaction ID', 'Item Title', 'Balance', 'Balance Impact'],
	columns: { date: 'Date', counterparty: 'Name', description: 'Type', currency: 'Currency', gross: 'Gross', fee: 'Fee', net: 'Net', externalId: 'Transaction ID' },
	decimal: 'auto',
	feeSign: 'negative',
	stream: 'other',
	streamFrom: { column: 'Type', map: { 'subscription payment': 'subscription', 'donation payment': 'tips', 'website payment': 'sales', 'express checkout payment': 'sales', 'invoice payment': 'brand_deal' } },
	period: { source: 'column' },
	rules: [
		{ when: { any: [{ column: 'Balance Impact', equals: 'Memo' }, { column: 'Status', equals: ['Pending', 'Denied', 'Reversed', 'Canceled'] }] }, kind: 'ignore', reason: 'pending' },
		{ when: { column: 'Type', contains: 'Withdrawal' }, kind: 'ignore', reason: 'transfer' },
		{ when: { column: 'Type', contains: 'Currency Conversion' }, kind: 'ignore', reason: 'currency_conversion' },
		{ when: { column: 'Type', contains: 'Authorization' }, kind: 'ignore', reason: 'pending' },
		{ when: { all: [{ column: 'Type', equals: 'Payment Refund' }, { column: 'Status', equals: 'Completed' }] }, kind: 'income', label: 'refund' },
		{ when: { all: [{ column: 'Type', equals: PAYMENT_TYPES }, { column: 'Status', equals: 'Completed' }, { not: { column: 'Gross', negative: true } }] }, kind: 'income', label: 'payment' },
		{ when: { column: 'Gross', negative: true }, kind: 'ignore', reason: 'purchase' },
		{ kind: 'ignore', reason: 'not_income' }
	]
};
