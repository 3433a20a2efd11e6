export * from './arms.js';
export * from './paths.js';
export * from './io.js';
export * from './run-manifest.js';
export * from './arm-mapping.js';
export * from './run-record.js';
export * from './collect-report.js';
export * from './difficulty.js';
