import type { DifficultyFile } from '@cooperbench-repro/contracts';
import { POOLED_MODEL, type Provenance } from './style.js';

/** Counts for the provenance subtitle of a figure drawn from data/difficulty.json (Fig. 4 and its per-model panels draw whiskers, no bands). */
export function difficultyProvenance(data: DifficultyFile, source: string): Provenance {
  const models = new Set([...data.overall, ...data.curves].map((x) => x.model).filter((m) => m !== POOLED_MODEL));
  return {
    records: data.inputs.records,
    synthetic_records: data.inputs.synthetic_records,
    runs: data.inputs.runs.length,
    models: models.size,
    confidence: data.options.confidence,
    source,
    intervals: 'whiskers',
  };
}
