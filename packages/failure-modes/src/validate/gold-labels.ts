import type { FailureModesFile } from '@cooperbench-repro/contracts';
import type { HumanLabels, RubricId } from './human-labels.js';

/** How the gold set is named as the annotator in a validation report. */
export const GOLD_ANNOTATOR = 'the human-coded gold set (packages/failure-modes/gold)';

/**
 * The gold set's labels of the runs in a results file (its human_coded section), as one human-labels
 * file per rubric: comm-errors on the judge's one-label scale (App. F code, else plan drift, else none);
 * symptoms: the primary of failed runs, `none` for an implementation failure. null when the results
 * file holds no human-coded run.
 */
export function goldLabels(results: FailureModesFile): Record<RubricId, HumanLabels | null> | null {
  const hc = results.human_coded;
  if (!hc || hc.runs.length === 0) return null;
  const file = (rubric: RubricId, items: HumanLabels['items']): HumanLabels | null =>
    items.length === 0 ? null : { schema: 'cooperbench-repro/human-labels@1', rubric, annotator: GOLD_ANNOTATOR, items };
  return {
    'comm-errors': file('comm-errors', hc.runs.map((r) => ({ record_id: r.record_id, label: r.comm_error }))),
    symptoms: file(
      'symptoms',
      hc.runs.flatMap((r) => (r.primary === null ? [] : [{ record_id: r.record_id, label: r.primary === 'implementation_failure' ? 'none' : r.primary }])),
    ),
  };
}
