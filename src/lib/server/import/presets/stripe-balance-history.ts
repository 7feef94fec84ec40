/**
 * Stripe → Balance → "Balance history" export. Charges are income (fees positive); refunds,
 * adjustments and Stripe's own fees reduce it; payouts are cash sent to the bank (negative).
 */
import type { PresetDefinition } from '../types';

export const stripeBalanceHistory: PresetDefinition = {
	id: 'stripe_balance_history',
	label: 'Stripe balance history',
	platform: 'Stripe',
	signature: ['id', 'Type', 'Amount', 'Fee', 'Net', 'Currency', 'Created (UTC)'],
	knownHeaders: ['id', 'Type', 'Source', 'Amount', 'Fee', 'Net', 'Currency', 'Created (UTC)', 'Available On (UTC)', 'Description'],
	columns: { date: 'Created (UTC)', externalId: 'id', description: 'Description', gross: 'Amount', fee: 'Fee', net: 'Net', currency: 'Currency' },
	decimal: '.',
	dateFormat: 'YYYY-MM-DD',
	payoutSign: 'negative',
	feeSign: 'positive',
	stream: 'sales',
	period: { source: 'column' },
	rules: [
		{ when: { column: 'Type', equals: ['charge', 'payment'] }, kind: 'income', label: 'charge' },
		{ when: { column: 'Type', equals: ['refund', 'payment_refund'] }, kind: 'income', label: 'refund' },
		{ when: { column: 'Type', equals: 'adjustment' }, kind: 'income', label: 'adjustment' },
		{ when: { column: 'Type', equals: 'stripe_fee' }, kind: 'income', label: 'stripe_fee' },
		{ when: { column: 'Type', equals: 'payout' }, kind: 'payout', label: 'payout', status: 'received' },
		{ when: { column: 'Type', equals: 'payout_failure' }, kind: 'ignore', reason: 'failed_payout' },
		{ kind: 'ignore', reason: 'not_income' }
	]
};
