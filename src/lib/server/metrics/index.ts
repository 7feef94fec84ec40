export { computeDashboard, resolveWindow, DashboardInputError, DEFAULT_PAYOUT_RULE, UNASSIGNED_PLATFORM } from './dashboard';
export type { Basis, Dashboard, DashboardOptions, CashSource } from './dashboard';
export { metricsJson, type MetricsJson } from './json';
export { dashboardView, parseDashboardQuery, type DashboardQuery, type DashboardView } from './view';
