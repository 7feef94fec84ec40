/**
 * AdSense → Payments → Transactions, downloaded as CSV. Earnings lines carry a month range
 * ("Jan 1 – 31, 2025"); "Automatic payment" lines are the cash reaching the bank (negative, U+2212).
 */
import type { PresetDefinition, Rule } from '../types';

export const adsenseRules: Rule[] = [
	{ when: { column: 'Description', startsWith: ['Starting balance', 'Ending balance'] }, kind: 'ignore', reason: 'balance_line' },
	{ when: { column: 'Description', startsWith: ['Automatic payment', 'Payment', 'Manual payment'] }, kind: 'payout', label: 'payment', status: 'received' },
	{ when: { column: 'Description', startsWith: 'Earnings' }, kind: 'income', label: 'earnings' },
	{ when: { column: 'Description', startsWith: ['Invalid traffic', 'Adjustment', 'Deduction'] }, kind: 'income', label: 'adjustment' },
	{ kind: 'ignore', reason: 'not_income' }
];

export const adsenseTransactions: PresetDefinition = {
	id: 'adsense_transactions',
	label: 'Google AdSense transactions',
	platform: 'Google AdSense',
	signature: ['Date', 'Description', 'Amount (USD)'],
	knownHeaders: ['Date', 'Description', 'Amount (USD)'],
	columns: { date: 'Date', description: 'Description', gross: 'Amount (USD)' },
	currency: 'USD',
	decimal: 'auto',
	dateFormat: 'MMM D, YYYY',
	payoutSign: 'negative',
	payoutAmount: 'gross',
	stream: 'ads',
	period: { source: 'column' },
	rules: adsenseRules
};
