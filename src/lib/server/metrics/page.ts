/**
 * One call for a page load: URL search params → options → computeDashboard → the view model.
 * `+page.server.ts`: `dashboard: loadRiskDashboard(getDb(), ws.workspaceId, event.url)`.
 */
import type { DB } from '../db/client';
import { computeDashboard } from './dashboard';
import { dashboardView, parseDashboardQuery } from './view';
import type { DashboardView } from '../../domain/dashboard-view';

export function loadRiskDashboard(db: Pick<DB, '$client'>, workspaceId: number, url: URL, today?: string): DashboardView {
	const { options, ignored } = parseDashboardQuery(url.searchParams);
	return dashboardView(computeDashboard(db, workspaceId, { ...options, today }), ignored);
}
