/**
 * The one set of names for income kinds (streams), used by the dashboard, the import page, the platforms page
 * and the printed report, so a kind is called the same everywhere in both languages. Relative imports only:
 * the report renderer runs in the CLI outside Vite.
 */
import * as m from './paraglide/messages.js';
import type { Stream } from './domain/risk';

type Locale = 'en' | 'zh';
type Label = (o?: { locale: Locale }) => string;

export const STREAM_LABELS: Record<Stream, Label> = {
	ads: (o) => m.core_stream_ads({}, o),
	narration_fee: (o) => m.core_stream_narration_fee({}, o),
	commission: (o) => m.core_stream_commission({}, o),
	brand_deal: (o) => m.core_stream_brand_deal({}, o),
	subscription: (o) => m.core_stream_subscription({}, o),
	tips: (o) => m.core_stream_tips({}, o),
	sales: (o) => m.core_stream_sales({}, o),
	writing: (o) => m.core_stream_writing({}, o),
	events: (o) => m.core_stream_events({}, o),
	other: (o) => m.core_stream_other({}, o)
};

/** An income kind's name, in the given language or the request's; an unknown key shows as stored. */
export function streamName(stream: string, locale?: Locale): string {
	const label = (STREAM_LABELS as Record<string, Label | undefined>)[stream];
	return label ? label(locale ? { locale } : undefined) : stream;
}
