/** The server's clock, read in one place: today as an ISO date in UTC. Pages read it once and pass it down, so every number on a page agrees. */
import type { IsoDate } from '../domain/period';

export function todayIso(): IsoDate {
	return new Date().toISOString().slice(0, 10);
}
