export { Rng, hash32 } from './prng.js';
export { SYNTHETIC_MARKER, SYNTHETIC_MARKER_VALUE, marked } from './marker.js';
export { ERAS, ERA_UPSTREAM_VERSION, isEra, type Era } from './era.js';
export { DEFAULT_QUIRKS, type QuirkRates } from './quirks.js';
export { COOPERBENCH_REPOS, normalizePairs, readSubsetFile, synthesizePairs, toSubsetFile, type PairSpec, type SubsetFile, type SynthesizePairsOptions } from './pairs.js';
export { cleanModelName, InvalidNameError } from './names.js';
export { writeRun, type RunSpec, type RunWriteResult, type WriteOptions } from './write-run.js';
export { planRuns, writeTree, type TreeSpec } from './write-tree.js';
export { RUN_MANIFEST_FILE } from './run-files.js';
