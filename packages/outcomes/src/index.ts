export { computeOutcomes } from './compute.js';
export { checkOutcomes, countViolations } from './checks.js';
export { groupByEra, type EraGroup } from './era.js';
export { ladderRow, LadderError, STEPS_OF_ERA } from './ladder.js';
export { repositoryRows } from './per-repository.js';
export { countObservations, outcomeCount } from './count.js';
