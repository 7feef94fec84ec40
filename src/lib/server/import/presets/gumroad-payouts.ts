/** Gumroad → Payouts → export: one row per payout (assumed layout). */
import type { PresetDefinition } from '../types';

export const gumroadPayouts: PresetDefinition = {
	id: 'gumroad_payouts',
	label: 'Gumroad payouts',
	platform: 'Gumroad',
	signature: ['Payout Date', 'Net Payout ($)'],
	knownHeaders: ['Payout Date', 'Period Start', 'Period End', 'Sales ($)', 'Fees ($)', 'Refunds ($)', 'Net Payout ($)', 'Status', 'Payout Method'],
	columns: { date: 'Payout Date', net: 'Net Payout ($)', description: 'Payout Method' },
	currency: 'USD',
	decimal: '.',
	dateFormat: 'YYYY-MM-DD',
	stream: 'sales',
	period: { source: 'column' },
	payoutStatus: { column: 'Status', map: { completed: 'received', paid: 'received', processing: 'in_transit', pending: 'in_transit', failed: 'failed' } },
	rules: [{ kind: 'payout', label: 'payout' }],
	notes: 'assumed layout'
};
