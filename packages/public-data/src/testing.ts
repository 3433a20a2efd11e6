// Test helpers for the stages' real-data tests (not part of any stage's runtime): `@cooperbench-repro/public-data/testing`.
export { realRecords, REAL_RUN_ARMS, type RealRecords, type RunRecordReaders } from './real-records.js';
