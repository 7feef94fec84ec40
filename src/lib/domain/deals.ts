/**
 * Brand deals and commissions (domain.md §1): an agreed amount, split into milestones (share and date)
 * or earned at once on the invoice date, paid `netDays` after each is earned. Status moves
 * agreed → delivered → invoiced → paid; an unpaid deal past its payment date is overdue.
 * Example: 8,000 CNY invoiced 2025-05-02, net 45 → earned 2025-05-02, expected 2025-06-16.
 */
import { applyBps, type CurrencyCode, type MinorUnits } from './money';
import { addDays, daysBetween, type IsoDate } from './period';

export const DEAL_STATUSES = ['agreed', 'delivered', 'invoiced', 'paid'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

export interface DealMilestone {
	shareBps: number;
	dueOn: IsoDate;
	description?: string | null;
}

export interface DealTerms {
	amountMinor: MinorUnits;
	currency: CurrencyCode;
	agreedOn: IsoDate | null;
	invoicedOn: IsoDate | null;
	netDays: number;
	status: DealStatus;
	paidOn: IsoDate | null;
	milestones: readonly DealMilestone[];
}

export interface DealInstalment {
	/** Index of the milestone, or null for a deal without milestones. */
	milestoneIndex: number | null;
	earnedOn: IsoDate;
	amountMinor: MinorUnits;
	currency: CurrencyCode;
	/** The date payment is expected: earnedOn + netDays. */
	expectedOn: IsoDate;
}

/**
 * The deal as earnings: one per milestone (share of the amount, the last absorbing rounding when shares
 * total 100%), else one on the invoice date (or the agreed date before invoicing). No date, no earning.
 */
export function dealInstalments(deal: DealTerms): DealInstalment[] {
	if (deal.milestones.length > 0) {
		const totalBps = deal.milestones.reduce((s, m) => s + m.shareBps, 0);
		let allocated = 0;
		return deal.milestones.map((m, i) => {
			const isLast = i === deal.milestones.length - 1;
			const amount = isLast && totalBps === 10_000 ? deal.amountMinor - allocated : applyBps(deal.amountMinor, m.shareBps);
			allocated += amount;
			return {
				milestoneIndex: i,
				earnedOn: m.dueOn,
				amountMinor: amount,
				currency: deal.currency,
				expectedOn: addDays(m.dueOn, deal.netDays)
			};
		});
	}
	const on = deal.invoicedOn ?? deal.agreedOn;
	if (!on) return [];
	return [{ milestoneIndex: null, earnedOn: on, amountMinor: deal.amountMinor, currency: deal.currency, expectedOn: addDays(on, deal.netDays) }];
}

export interface DealOverdue {
	overdue: boolean;
	/** 'payment': invoiced and the payment date has passed; 'not_invoiced': the work is due for payment but no invoice went out. */
	reason: 'payment' | 'not_invoiced' | null;
	/** The earliest expected payment date that has passed. */
	since: IsoDate | null;
	days: number;
	outstandingMinor: MinorUnits;
}

/** Is an unpaid deal past the expected payment date of any instalment (strictly before `today`)? */
export function dealOverdue(deal: DealTerms, today: IsoDate): DealOverdue {
	const none: DealOverdue = { overdue: false, reason: null, since: null, days: 0, outstandingMinor: 0 };
	if (deal.status === 'paid') return none;
	const late = dealInstalments(deal).filter((i) => i.expectedOn < today);
	if (late.length === 0) return none;
	const since = late.map((i) => i.expectedOn).sort()[0];
	return {
		overdue: true,
		reason: deal.status === 'invoiced' ? 'payment' : 'not_invoiced',
		since,
		days: daysBetween(since, today),
		outstandingMinor: late.reduce((s, i) => s + i.amountMinor, 0)
	};
}

/** Problems with a deal's numbers, as field + reason; empty when it can be saved. */
export function validateDeal(deal: DealTerms): { field: string; problem: string }[] {
	const out: { field: string; problem: string }[] = [];
	if (!Number.isSafeInteger(deal.amountMinor) || deal.amountMinor < 0) out.push({ field: 'amount', problem: 'must be zero or more' });
	if (!Number.isInteger(deal.netDays) || deal.netDays < 0 || deal.netDays > 3650) out.push({ field: 'netDays', problem: 'must be 0 to 3650 days' });
	if (!DEAL_STATUSES.includes(deal.status)) out.push({ field: 'status', problem: 'must be agreed, delivered, invoiced or paid' });
	if (deal.status === 'paid' && !deal.paidOn) out.push({ field: 'paidOn', problem: 'a paid deal needs the date it was paid' });
	const total = deal.milestones.reduce((s, m) => s + m.shareBps, 0);
	deal.milestones.forEach((m, i) => {
		if (!Number.isInteger(m.shareBps) || m.shareBps <= 0) out.push({ field: `milestones[${i}].share`, problem: 'must be more than 0%' });
	});
	if (deal.milestones.length > 0 && total !== 10_000) out.push({ field: 'milestones', problem: `shares add up to ${total / 100}%, not 100%` });
	return out;
}
