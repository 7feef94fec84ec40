/**
 * Shared by the export endpoints: the period from `?period=` (default: the last 12 complete months),
 * a 404 for anything that is not a period, and download headers.
 */
import { error } from '@sveltejs/kit';
import { resolvePeriod, ReportInputError, type ResolvedPeriod } from './build';
import { addMonths, lastCompleteMonths } from '../../domain/period';
import { todayIso } from '../clock';
import * as m from '../../paraglide/messages.js';

export function defaultPeriod(today = todayIso()): string {
	const span = lastCompleteMonths(today, 12);
	return `${span.start}..${addMonths(span.end, -1)}`;
}

export function periodFromUrl(url: URL): ResolvedPeriod {
	try {
		return resolvePeriod(url.searchParams.get('period') ?? defaultPeriod());
	} catch (e) {
		if (e instanceof ReportInputError) error(404, m.report_not_a_period());
		throw e;
	}
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function downloadHeaders(type: string, fileName: string): Record<string, string> {
	const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return {
		'content-type': type,
		'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
		'cache-control': 'private, no-store',
		'x-content-type-options': 'nosniff'
	};
}
