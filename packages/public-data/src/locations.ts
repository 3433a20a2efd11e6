import { resolveInside } from '@cooperbench-repro/contracts';
import { REFERENCE_DIR } from './workspace.js';

/** The manifest local paths that code refers to by name (one place, so a layout change is one edit). */
export const PUBLIC_LOCAL_PATHS = {
  commandALiteResults: 'command-a-lite-results/results.json',
  racsoRoot: 'cooperbench-upstream/real-runs/racso1999-CooperBench',
  racsoLogs: 'cooperbench-upstream/real-runs/racso1999-CooperBench/logs',
} as const;

/** A committed reference table, e.g. `paper/paper_reference_numbers.csv` or `dataset/subsets/lite.json`. */
export function referencePath(relativePath: string): string {
  return resolveInside(REFERENCE_DIR, ...relativePath.split('/'));
}
