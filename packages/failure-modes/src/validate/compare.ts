import type { FailureModesFile, Interval, RunFailureModes } from '@cooperbench-repro/contracts';
import { categoricalAgreement, perLabelAgreement, type BinaryAgreement, type CategoricalAgreement, type RatedPair } from './agreement.js';
import { LABEL_SCALES, type HumanLabels, type RubricId } from './human-labels.js';

/**
 * The judge's label of a run on a rubric's scale, or null when the run was not judged (not-judged,
 * failed). A rejected answer is 'none', as in the aggregation (precision-first fallback). Symptoms:
 * the primary symptom.
 */
export function judgeLabel(run: RunFailureModes, rubric: RubricId): string | null {
  const part = rubric === 'comm-errors' ? run.comm_error : run.symptoms;
  const status = part.judge.status;
  if (status === 'not-judged' || status === 'failed') return null;
  if (status !== 'labelled') return 'none';
  if (rubric === 'comm-errors') return run.comm_error.code ?? 'none';
  const labels = run.symptoms.labels;
  return labels.length === 0 ? 'none' : (labels.find((l) => l.primary) ?? labels[0]!).symptom;
}

export interface HumanValidationReport {
  rubric: RubricId;
  annotator: string;
  items: number;
  /** Items compared: in the results and judged there. */
  compared: number;
  not_in_results: string[];
  not_judged: string[];
  overall: CategoricalAgreement;
  per_label: ({ label: string } & BinaryAgreement)[];
}

export function compareWithHuman(human: HumanLabels, results: FailureModesFile, confidence = 0.95): HumanValidationReport {
  const byId = new Map(results.runs.map((r) => [r.record_id, r]));
  const pairs: RatedPair[] = [];
  const notInResults: string[] = [];
  const notJudged: string[] = [];
  for (const item of human.items) {
    const run = byId.get(item.record_id);
    if (!run) notInResults.push(item.record_id);
    else {
      const label = judgeLabel(run, human.rubric);
      if (label === null) notJudged.push(item.record_id);
      else pairs.push({ reference: item.label, candidate: label });
    }
  }
  const scale = LABEL_SCALES[human.rubric];
  return {
    rubric: human.rubric,
    annotator: human.annotator,
    items: human.items.length,
    compared: pairs.length,
    not_in_results: notInResults,
    not_judged: notJudged,
    overall: categoricalAgreement(pairs, scale, confidence),
    per_label: perLabelAgreement(pairs, scale, confidence),
  };
}

export interface RetestReport {
  rubric: RubricId;
  /** Runs judged in both files (same record_id). */
  compared: number;
  only_in_first: number;
  only_in_second: number;
  agreement: Interval;
  kappa: number | null;
  ac1: number | null;
  /** Runs whose label changed between the two files. */
  changed: { record_id: string; first: string; second: string }[];
}

/** Test-retest: the same runs judged twice (e.g. a refresh run with another seed), label by label. */
export function testRetest(first: FailureModesFile, second: FailureModesFile, rubric: RubricId, confidence = 0.95): RetestReport {
  const labelsOf = (f: FailureModesFile) => new Map(f.runs.flatMap((r) => ((l) => (l === null ? [] : [[r.record_id, l] as const]))(judgeLabel(r, rubric))));
  const a = labelsOf(first);
  const b = labelsOf(second);
  const pairs: RatedPair[] = [];
  const changed: RetestReport['changed'] = [];
  for (const [id, la] of a) {
    const lb = b.get(id);
    if (lb === undefined) continue;
    pairs.push({ reference: la, candidate: lb });
    if (la !== lb) changed.push({ record_id: id, first: la, second: lb });
  }
  const c = categoricalAgreement(pairs, LABEL_SCALES[rubric], confidence);
  return {
    rubric,
    compared: pairs.length,
    only_in_first: a.size - pairs.length,
    only_in_second: b.size - pairs.length,
    agreement: c.agreement,
    kappa: c.kappa,
    ac1: c.ac1,
    changed,
  };
}
