export { ExperimentSchema, loadExperiment, parseExperiment, type Experiment, type PairSpec } from './experiment.js';
export { buildPlan, evalArgv, pairDirName, type Invocation, type Plan } from './plan.js';
export { runExperiment, nextStep, reportFile, abandonRunningAttempts, DEFAULT_REPORT_DIR, type RunReport, type InvocationReport, type InvocationState } from './run-experiment.js';
export { ExecutableError, checkExecutable } from './executable.js';
export { SPEND_FILE } from './spend-ledger.js';
export { runStatus, type RunStatus, type PairState } from './pair-status.js';
export { runName, cleanModelName } from './run-name.js';
