import { SYMPTOMS, type FailureModesFile, type RunFailureModes, type Symptom } from '@cooperbench-repro/contracts';
import { paperTable1Percent } from '../paper-reference.js';
import { heuristicCounts, heuristicsFor, judgeAnswered, symptomVerdict, type HeuristicEstimates } from './population.js';
import { share } from './share.js';

/**
 * Table 1 over failed coop runs. primary_share: runs whose primary symptom is s / runs with a
 * coordination label (the paper's column sums to ~100). any_label: runs with s among their labels /
 * failed runs judged. implementation_failure_only: judged runs without a coordination label (rejected
 * answers and rule-decided runs without messages included). `unknown` = failed runs not judged.
 * heuristic: detected / failed runs not skipped. Judge numbers are null unless the judge answered.
 * `paperPercent`: the paper's Table 1 (read from paper_reference_numbers.csv unless given).
 */
export function table1(
  failedRuns: readonly RunFailureModes[],
  heuristics: HeuristicEstimates,
  confidence: number,
  paperPercent: Readonly<Record<Symptom, number>> = paperTable1Percent(),
): FailureModesFile['table1'] {
  const answered = judgeAnswered(failedRuns, 'symptoms');
  const verdicts = answered ? failedRuns.map(symptomVerdict).flatMap((v) => (v.judged ? [v] : [])) : [];
  const judged = verdicts.length;
  const unknown = failedRuns.length - judged;
  const labelled = verdicts.filter((v) => v.primary !== null);
  const rows = SYMPTOMS.map((symptom) => {
    const h = heuristicCounts(failedRuns, heuristicsFor(heuristics, { symptom }));
    return {
      symptom,
      primary_share: answered ? share(labelled.filter((v) => v.primary === symptom).length, labelled.length, unknown, confidence) : null,
      any_label: answered ? share(verdicts.filter((v) => v.all.includes(symptom)).length, judged, unknown, confidence) : null,
      heuristic: h && share(h.detected, h.ran, h.skipped, confidence),
      paper_percent: paperPercent[symptom],
    };
  });
  return { source: answered ? 'judge' : 'none', failed_runs_judged: judged, implementation_failure_only: judged - labelled.length, rows };
}
