// Test helpers for the packages' own tests (not part of any stage's runtime): `@cooperbench-repro/contracts/testing`.
export { cliConventionBreaches } from './cli-conventions.js';
