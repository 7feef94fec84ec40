/**
 * A work's plays and completion rate as the imported statements give them (domain.md §4: the gates
 * are judged on the evaluation window's numbers). A statement line belongs to a work when it comes
 * from the work's platform and names the work: the importer stores a mapped work column as the
 * line's description, alone ("盐的档案") or before the line's own text ("盐的档案 · 打赏").
 *
 * - Window: from the completion day to 90 days after it (the commission's evaluation window, see
 *   commission.ts); a line with only a month counts when its month overlaps the window. A work
 *   without a completion day takes every line.
 * - Plays: the sum of the window's lines (statements give plays per period).
 * - Completion: the plays-weighted mean of the lines that give both; when some line gives a rate
 *   without plays, the latest line's rate (a mean would weigh it by nothing).
 */
import { COMMISSION_WINDOW_DAYS } from './commission';
import { addDays, type IsoDate } from './period';

export interface StatementMeasureLine {
	platformId: number;
	/** The ledger's description: the work's title, alone or before " · " and the line's own text. */
	description: string | null;
	earnedOn: IsoDate | null;
	/** YYYY-MM */
	month: string;
	plays: number | null;
	completionBps: number | null;
}

export interface StatementFigures {
	/** Lines of the work in the window that give plays or a completion rate. */
	lines: number;
	plays: number | null;
	completionBps: number | null;
	/** The window the lines were taken from; null when the work has no completion day. */
	window: { from: IsoDate; to: IsoDate } | null;
}

const QUOTES = /[《》〈〉「」『』“”"'‘’]/g;

/** The form two titles are compared in: NFKC (full-width → half-width), case, quotes and spaces ignored. */
export function titleKey(title: string): string {
	return title.normalize('NFKC').toLowerCase().replace(QUOTES, '').replace(/\s+/g, '');
}

const SEPARATOR = ' · ';

/** Every title a description can name: itself and each part before a " · " (a title may hold one too). */
function namedTitles(description: string): string[] {
	const out = [titleKey(description)];
	for (let at = description.indexOf(SEPARATOR); at > 0; at = description.indexOf(SEPARATOR, at + 1)) out.push(titleKey(description.slice(0, at)));
	return out;
}

function inWindow(line: StatementMeasureLine, window: { from: IsoDate; to: IsoDate } | null): boolean {
	if (window === null) return true;
	if (line.earnedOn !== null) return line.earnedOn >= window.from && line.earnedOn <= window.to;
	return line.month >= window.from.slice(0, 7) && line.month <= window.to.slice(0, 7);
}

/** The evaluation window of a work completed on a day: that day to 90 days after it, inclusive. */
export function evaluationWindow(completedOn: IsoDate | null): { from: IsoDate; to: IsoDate } | null {
	return completedOn === null ? null : { from: completedOn, to: addDays(completedOn, COMMISSION_WINDOW_DAYS) };
}

/** Lines by platform and the titles they name, built once for a page of works. */
export type StatementIndex = ReadonlyMap<string, readonly StatementMeasureLine[]>;

const indexKey = (platformId: number, key: string) => `${platformId}\u0000${key}`;

export function statementIndex(lines: readonly StatementMeasureLine[]): StatementIndex {
	const index = new Map<string, StatementMeasureLine[]>();
	for (const l of lines) {
		if (l.description === null || (l.plays === null && l.completionBps === null)) continue;
		for (const key of new Set(namedTitles(l.description))) {
			const k = indexKey(l.platformId, key);
			const list = index.get(k);
			if (list) list.push(l);
			else index.set(k, [l]);
		}
	}
	return index;
}

/** The work's figures from its lines, or null when no line of the window names it with plays or a rate. */
export function statementFigures(work: { platformId: number; title: string; completedOn: IsoDate | null }, index: StatementIndex): StatementFigures | null {
	const key = titleKey(work.title);
	if (key === '') return null;
	const window = evaluationWindow(work.completedOn);
	const mine = (index.get(indexKey(work.platformId, key)) ?? []).filter((l) => inWindow(l, window));
	if (mine.length === 0) return null;
	const withPlays = mine.filter((l) => l.plays !== null);
	const plays = withPlays.length === 0 ? null : withPlays.reduce((s, l) => s + (l.plays as number), 0);
	const rated = mine.filter((l) => l.completionBps !== null);
	let completionBps: number | null = null;
	if (rated.length > 0) {
		const weights = rated.reduce((s, l) => s + (l.plays ?? 0), 0);
		if (rated.every((l) => l.plays !== null) && weights > 0) {
			const weighted = rated.reduce((s, l) => s + (l.completionBps as number) * (l.plays as number), 0);
			completionBps = Math.round(weighted / weights);
		} else {
			const day = (l: StatementMeasureLine) => l.earnedOn ?? l.month;
			const latest = [...rated].sort((a, b) => (day(a) < day(b) ? -1 : day(a) > day(b) ? 1 : 0)).at(-1)!;
			completionBps = latest.completionBps;
		}
	}
	return { lines: mine.length, plays, completionBps, window };
}
