export { buildReport, buildReportFigures, resolvePeriod, verifyReport, verificationCodeOf, ReportInputError } from './build';
export type { BuiltReport, ResolvedPeriod, VerifyResult } from './build';
export { computeCompare, type CompareData } from './compare';
export { ledgerCsv, ledgerJson, monthlyCsv, reportJson, type LedgerJson, type ReportJson } from './exports';
export { expectedCashFlows } from './cash-flows';
export { setPlatformHours, type HoursProblem } from './hours';
