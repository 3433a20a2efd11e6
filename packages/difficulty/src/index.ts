export { computeDifficulty, POOLED } from './compute.js';
export { pairDifficulties, pairKey } from './pair-difficulty.js';
export { bucketOf, bucketEdges } from './buckets.js';
export { trapezoidAuc } from '@cooperbench-repro/contracts';
export { checkDifficulty } from './checks.js';
