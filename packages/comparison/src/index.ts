export { mcnemarExact } from './mcnemar.js';
export { Dataset, loadDataset, pairKey, parsePairKey, SUBSET_NAMES } from './dataset.js';
export { loadPublished, parsePublished, type PublishedOutcome, type PublishedPair, type PublishedTable } from './published.js';
export { combineRepeats, comparePairs, computeComparison, ownPairs, STATIC_CAVEATS, type ComparisonInputs, type OwnPairOutcome, type PublishedModelInfo } from './compare.js';
export { comparisonCsv, comparisonMarkdown, leaderboardCsv, leaderboardMarkdown, COMPARISON_COLUMNS, LEADERBOARD_COLUMNS } from './render.js';
export { compareRecords, loadReference, runStage, type ReferenceData, type StageOptions } from './stage.js';
