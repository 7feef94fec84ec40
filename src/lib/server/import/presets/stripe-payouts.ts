/** Stripe → Payouts → export: cash only; status decides whether it was received. */
import type { PresetDefinition } from '../types';

export const stripePayouts: PresetDefinition = {
	id: 'stripe_payouts',
	label: 'Stripe payouts',
	platform: 'Stripe',
	signature: ['id', 'Amount', 'Arrival Date (UTC)', 'Status', 'Currency'],
	knownHeaders: ['id', 'Amount', 'Created (UTC)', 'Currency', 'Arrival Date (UTC)', 'Status', 'Type', 'Method', 'Description', 'Destination Name'],
	columns: { date: 'Arrival Date (UTC)', externalId: 'id', description: 'Description', counterparty: 'Destination Name', net: 'Amount', currency: 'Currency' },
	decimal: '.',
	dateFormat: 'YYYY-MM-DD',
	stream: 'sales',
	period: { source: 'column' },
	payoutStatus: { column: 'Status', map: { paid: 'received', in_transit: 'in_transit', pending: 'in_transit', failed: 'failed', canceled: 'failed' } },
	rules: [{ kind: 'payout', label: 'payout' }]
};
