/**
 * The old AdSense payments export: UTF-16 LE with a BOM, tab-separated, "Amount" without the
 * currency in the header. Layout assumed from descriptions of the legacy export.
 */
import type { PresetDefinition } from '../types';
import { adsenseRules } from './adsense-transactions';

export const adsenseLegacy: PresetDefinition = {
	id: 'adsense_legacy_payments',
	label: 'Google AdSense payments (legacy UTF-16 export)',
	platform: 'Google AdSense',
	signature: ['Date', 'Description', 'Amount'],
	knownHeaders: ['Date', 'Description', 'Amount'],
	columns: { date: 'Date', description: 'Description', gross: 'Amount' },
	currency: 'USD',
	decimal: 'auto',
	payoutSign: 'negative',
	payoutAmount: 'gross',
	stream: 'ads',
	period: { source: 'column' },
	rules: adsenseRules,
	notes: 'assumed layout'
};
