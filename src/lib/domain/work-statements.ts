/**
 * A work's plays and completion rate as the imported statements give them (domain.md §4: the gates
 * are judged on the evaluation window's numbers). A statement line belongs to a work when it comes
 * from the work's platform and names the work: the importer stores a mapped work column as the
 * line's description, alone ("盐的档案") or before the line's own text ("盐的档案 · 打赏"); a line
 * whose description is just the title names it too.
 *
 * - Window: from the completion day to 90 days after it (the commission's evaluation window, see
 *   commission.ts). A line with only a month is dated on the month's last day, as its earnings are
 *   (so a June line is outside a window that ends on 12 June). A work without a completion day takes
 *   every line.
 * - One period, one figure: statements that split a work's month by income type (Ximalaya: 打赏,
 *   广告分成 … for one album) repeat the month's plays on each line, so the lines of one day (or one
 *   month) count once — the largest play count, with the rate of that line.
 * - Plays: the sum over the window's periods (statements give plays per period).
 * - Completion: the plays-weighted mean over the periods that give both; when some period gives a rate
 *   without plays, the latest period's rate (a mean would weigh it by nothing). Rounded down to a
 *   basis point, so rounding never lifts a work over a gate (39.995% is 39.99%, not 40%).
 */
import { COMMISSION_WINDOW_DAYS } from './commission';
import { addDays, lastDay, type IsoDate } from './period';

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

/** Between a work's title and the line's own text in a stored description (the importer writes it: normalise.ts). */
export const WORK_TEXT_SEPARATOR = ' · ';

/** The description the ledger stores for a line: the work's title and the line's text in one ("The Salt Archive · Credit Redemption"), or whichever it has. */
export function storedDescriptionOf(work: string | null, text: string | null): string | null {
	return work !== null && text !== null ? `${work}${WORK_TEXT_SEPARATOR}${text}` : (work ?? text);
}

/** Every title a description can name: itself and each part before a " · " (a title may hold one too). */
function namedTitles(description: string): string[] {
	const out = [titleKey(description)];
	for (let at = description.indexOf(WORK_TEXT_SEPARATOR); at > 0; at = description.indexOf(WORK_TEXT_SEPARATOR, at + 1)) out.push(titleKey(description.slice(0, at)));
	return out;
}

/** The day a line counts on: its own, or its month's last day. */
const dayOf = (line: StatementMeasureLine): IsoDate => line.earnedOn ?? lastDay(line.month);

function inWindow(line: StatementMeasureLine, window: { from: IsoDate; to: IsoDate } | null): boolean {
	if (window === null) return true;
	const day = dayOf(line);
	return day >= window.from && day <= window.to;
}

/** One figure per period: the largest play count of the period's lines, with that line's rate. */
function perPeriod(lines: readonly StatementMeasureLine[]): { day: IsoDate; plays: number | null; completionBps: number | null }[] {
	const periods = new Map<string, { day: IsoDate; plays: number | null; completionBps: number | null }>();
	for (const l of lines) {
		const key = l.earnedOn ?? l.month;
		const p = periods.get(key);
		if (!p) periods.set(key, { day: dayOf(l), plays: l.plays, completionBps: l.completionBps });
		else if (l.plays !== null && (p.plays === null || l.plays > p.plays)) {
			p.plays = l.plays;
			if (l.completionBps !== null) p.completionBps = l.completionBps;
		} else if (p.completionBps === null) p.completionBps = l.completionBps;
	}
	return [...periods.values()];
}

/** The evaluation window of a work completed on a day: that day to 90 days after it, inclusive. */
export function evaluationWindow(completedOn: IsoDate | null): { from: IsoDate; to: IsoDate } | null {
	return completedOn === null ? null : { from: completedOn, to: addDays(completedOn, COMMISSION_WINDOW_DAYS) };
}

/**
 * The months any of these works' evaluation windows touch (first to last), for reading only those
 * lines; undefined when a work has no completion day (it takes every line).
 */
export function windowsMonths(works: readonly { completedOn: IsoDate | null }[]): { from: string; to: string } | undefined {
	let from: string | undefined;
	let to: string | undefined;
	for (const w of works) {
		const window = evaluationWindow(w.completedOn);
		if (window === null) return undefined;
		if (from === undefined || window.from < from) from = window.from;
		if (to === undefined || window.to > to) to = window.to;
	}
	return from === undefined || to === undefined ? undefined : { from: from.slice(0, 7), to: to.slice(0, 7) };
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
	const periods = perPeriod(mine);
	const withPlays = periods.filter((p) => p.plays !== null);
	const plays = withPlays.length === 0 ? null : withPlays.reduce((s, p) => s + (p.plays as number), 0);
	const rated = periods.filter((p) => p.completionBps !== null);
	let completionBps: number | null = null;
	if (rated.length > 0) {
		const weights = rated.reduce((s, p) => s + (p.plays ?? 0), 0);
		if (rated.every((p) => p.plays !== null) && weights > 0) {
			const weighted = rated.reduce((s, p) => s + (p.completionBps as number) * (p.plays as number), 0);
			completionBps = Math.floor(weighted / weights);
		} else {
			const latest = [...rated].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0)).at(-1)!;
			completionBps = latest.completionBps;
		}
	}
	return { lines: mine.length, plays, completionBps, window };
}

/**
 * What copying the statements' figures into a work would change: each figure the statements give and the
 * work does not already hold. Empty when they agree (nothing to offer).
 */
export function statementChanges(
	figures: Pick<StatementFigures, 'plays' | 'completionBps'>,
	work: { plays: number | null; completionBps: number | null }
): { plays?: number; completionBps?: number } {
	const changes: { plays?: number; completionBps?: number } = {};
	if (figures.plays !== null && figures.plays !== work.plays) changes.plays = figures.plays;
	if (figures.completionBps !== null && figures.completionBps !== work.completionBps) changes.completionBps = figures.completionBps;
	return changes;
}
