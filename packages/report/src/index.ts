export { buildReport, TABLE_FILES, type ReportOptions } from './build-report.js';
export { reportFigures, type ReportFigure } from './figures.js';
export { SELECTION_FIELD, type RunFilter, type Selection } from './selection.js';
export { INDEX_COLUMNS, failureFlags } from './record-rows.js';
export { replicateStore } from './large-store.js';
export { policyOf, countedOutcomes, LEGACY_STAGE_POLICY } from './policy.js';
export { launchChromium, openReport, goTo, chromiumPath, BrowserMissingError, CHROMIUM_ENV, DEFAULT_CHROMIUM, type PageLog } from './browser.js';
