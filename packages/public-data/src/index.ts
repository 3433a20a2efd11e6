export { WORKSPACE_ROOT, MANIFEST_FILE, FETCHED_FILES_DIR, REFERENCE_DIR } from './workspace.js';
export { loadManifest, totalBytes } from './manifest.js';
export {
  PUBLIC_DATA_ENV,
  MIRROR_ENV,
  candidateRoots,
  checkRoot,
  publicDataRoot,
  publicPath,
  displayPath,
  PublicDataMissingError,
  type CandidateRoot,
  type RootCheck,
  type ResolverOptions,
} from './resolver.js';
export { DEFAULT_MIRROR, fetchPublicData, fileUrl, type FetchOptions, type FetchSummary, type FetchFailure } from './fetch.js';
export { referencePath, PUBLIC_LOCAL_PATHS } from './locations.js';
export { paperNumbers, PaperNumbers, PAPER_NUMBERS_FILE, type PaperNumber } from './paper-numbers.js';
