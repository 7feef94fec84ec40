/**
 * A brand deal as the deals page saves it: an invoiced CNY deal on net 30 with no platform, milestones
 * or payment, with the fields a test cares about given.
 */
import type { DealInput } from '../../src/lib/server/payouts/edit';

export function dealInput(d: Partial<DealInput> & Pick<DealInput, 'counterparty' | 'amountMinor'>): DealInput {
	return { platformId: null, title: null, currency: 'CNY', agreedOn: null, invoicedOn: null, netDays: 30, status: 'invoiced', paidOn: null, milestones: [], ...d };
}
