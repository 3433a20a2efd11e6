export { collect, CollectUsageError, type CollectOptions, type CollectResult } from './collect.js';
export { importLegacyFile, legacyToRecord, LegacyRecordShape, type LegacyRecord } from './legacy-import.js';
export { summarisePatch } from './patch-summary.js';
export { ArmMappingLookup } from './arm-mapping.js';
export { collectRecords } from './collect-records.js';
export { checkCollectReport } from './checks.js';
