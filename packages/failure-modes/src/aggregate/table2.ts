import { CAUSES, type Cause, type FailureModesFile, type RunFailureModes } from '@cooperbench-repro/contracts';
import { CAUSE_MAPPING, causeOf } from '../cause-mapping.js';
import { paperTable2Percent } from '../paper-reference.js';
import { judgeAnswered, symptomVerdict } from './population.js';
import { share } from './share.js';

/**
 * Table 2-style cause shares DERIVED from primary symptoms through CAUSE_MAPPING: runs whose primary
 * symptom maps to the cause / failed runs with a coordination label (`unknown` = failed runs not
 * judged). The paper's shares were coded by hand: a comparison, not a reproduction. `paperPercent`: the
 * paper's Table 2 (read from paper_reference_numbers.csv unless given).
 */
export function table2(
  failedRuns: readonly RunFailureModes[],
  confidence: number,
  paperPercent: Readonly<Record<Cause, number>> = paperTable2Percent(),
): FailureModesFile['table2'] {
  const answered = judgeAnswered(failedRuns, 'symptoms');
  const verdicts = failedRuns.map(symptomVerdict).flatMap((v) => (v.judged ? [v] : []));
  const unknown = failedRuns.length - verdicts.length;
  const causes = verdicts.flatMap((v) => (v.primary === null ? [] : [causeOf(v.primary)]));
  return {
    source: answered ? 'judge' : 'none',
    mapping: CAUSE_MAPPING.map(({ symptom, cause, provenance }) => ({ symptom, cause, provenance })),
    rows: CAUSES.map((cause) => ({
      cause,
      share: answered ? share(causes.filter((c) => c === cause).length, causes.length, unknown, confidence) : null,
      paper_percent: paperPercent[cause],
    })),
  };
}
