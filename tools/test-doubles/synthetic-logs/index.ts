export { Rng, hash32 } from './prng.js';
export { SYNTHETIC_MARKER, SYNTHETIC_MARKER_VALUE, marked } from './marker.js';
export { ERAS, ERA_UPSTREAM_VERSION, isEra, type Era } from './era.js';
export { DEFAULT_QUIRKS, type QuirkRates } from './quirks.js';
export { COOPERBENCH_REPOS, normalizePairs, readSubsetFile, synthesizePairs, toSubsetFile, type PairSpec, type SubsetFile, type SynthesizePairsOptions } from './pairs.js';
export { InvalidNameError } from './names.js';
/** Re-exported: the one model-name cleaner lives in contracts (the runner uses it for real run names). */
export { cleanModelName } from '@cooperbench-repro/contracts';
export { writeRun, type RunSpec, type RunWriteResult, type WriteOptions } from './write-run.js';
export { planRuns, writeTree, type TreeSpec } from './write-tree.js';
export { RUN_MANIFEST_FILE } from './run-files.js';
export { pythonJson } from './json-text.js';
export { drawPair, modelSkill, taskDifficulty, type DrawContext, type PairDraw } from './pair-draw.js';
export { pairDirOf, writePairAgentFiles, writePairEval, type AgentFilesOptions, type AgentFilesResult, type EvalFileOptions, type FileSink } from './pair-writer.js';
