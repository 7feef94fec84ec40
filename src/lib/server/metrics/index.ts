export { clearDashboardCache, computeDashboard, resolveWindow, DashboardInputError, UNASSIGNED_PLATFORM } from './dashboard';
export type { Basis, Dashboard, DashboardOptions, CashSource } from './dashboard';
export { metricsJson, type MetricsJson } from './json';
export { dashboardView, parseDashboardQuery, type DashboardQuery, type DashboardView } from './view';
export { loadRiskDashboard } from './page';
export { checkFxRate, deleteFxRate, listFxRates, neededFxRates, parseFxLines, saveFxRates, type FxProblem, type FxRateRow } from './fx';
export { getRiskSettings, riskSettingsFromForm, saveRiskSettings, THRESHOLD_FIELDS, type RiskFormProblem } from './risk-settings';
