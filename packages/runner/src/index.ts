export { ExperimentSchema, loadExperiment, parseExperiment, type Experiment, type PairSpec } from './experiment.js';
export { buildPlan, evalArgv, pairDirName, type Invocation, type Plan } from './plan.js';
export { runExperiment, nextStep, reportFile, type RunReport, type InvocationReport } from './run-experiment.js';
export { runStatus, type RunStatus, type PairState } from './pair-status.js';
export { runName, cleanModelName } from './run-name.js';
