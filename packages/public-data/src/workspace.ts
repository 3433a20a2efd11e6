import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root: this file sits at packages/public-data/{src,dist}/. */
export const WORKSPACE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The committed manifest of public raw files. */
export const MANIFEST_FILE = resolve(WORKSPACE_ROOT, 'data/public/manifest.json');

/** Where `npm run fetch-data` puts the files (gitignored). */
export const FETCHED_FILES_DIR = resolve(WORKSPACE_ROOT, 'data/public/files');

/** The committed fact tables (paper numbers, published per-pair results, dataset subsets). */
export const REFERENCE_DIR = resolve(WORKSPACE_ROOT, 'data/reference');
