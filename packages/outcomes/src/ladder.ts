import type { LadderRow, LadderStep, LadderStepName, MergeOutcome, OutcomeEra, OutcomesOptions, RunRecord } from '@cooperbench-repro/contracts';
import { countObservations, outcomeCount } from './count.js';
import type { EraGroup } from './era.js';

/**
 * The merge ladder of one model, arm and era: how many pairs pass with the naive merge alone, and how
 * many more each later step of that era's eval rescues (upstream section 3.2 / 3.3).
 */

/** The merge steps each era's eval tries, in order. */
export const STEPS_OF_ERA: Record<OutcomeEra, readonly LadderStepName[]> = {
  'union-era': ['naive', 'union'],
  'agent1-era': ['naive', 'identical', 'solo-agent1'],
  mixed: ['naive', 'union', 'identical', 'solo-agent1'],
  unknown: ['naive'],
  solo: [],
};

/** The step that produced a pass, by the record's merge outcome. */
const STEP_OF_MERGE: Partial<Record<MergeOutcome, LadderStepName>> = { clean: 'naive', union: 'union', identical: 'identical', 'solo-agent1': 'solo-agent1' };

/** Raised when a pass has a merge outcome no step of its era produces: a store that contradicts itself. */
export class LadderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LadderError';
  }
}

function stepOfPass(r: RunRecord, era: OutcomeEra): LadderStepName {
  const step = STEP_OF_MERGE[r.merge.outcome];
  if (!step || !STEPS_OF_ERA[era].includes(step)) {
    throw new LadderError(
      `record ${r.record_id}: field merge.outcome: expected one of ${STEPS_OF_ERA[era].map((s) => JSON.stringify(Object.keys(STEP_OF_MERGE).find((m) => STEP_OF_MERGE[m as MergeOutcome] === s))).join(', ')} for a pass in the ${era}, got ${JSON.stringify(r.merge.outcome)}`,
    );
  }
  return step;
}

/** Paper Table 6 setting of an arm: only the paper's two coop arms have one. */
function paperSetting(arm: string): LadderRow['paper_setting'] {
  return arm === 'coop-msg' ? 'comm' : arm === 'coop-nomsg' ? 'nocomm' : null;
}

/** The paper column comparable with the final rate: union for the union era, naive for the agent-1 era. */
function paperColumn(era: OutcomeEra): LadderRow['paper_column'] {
  return era === 'union-era' ? 'union' : era === 'agent1-era' ? 'naive' : null;
}

export function ladderRow(group: EraGroup, opts: OutcomesOptions): LadderRow {
  const { era } = group;
  const records = group.observations.flatMap((o) => (o.record ? [o.record] : []));
  const final = countObservations(group.observations, opts.confidence);
  const added = new Map<LadderStepName, number>();
  const mergeOutcomes: Partial<Record<MergeOutcome, number>> = {};
  for (const r of records) {
    mergeOutcomes[r.merge.outcome] = (mergeOutcomes[r.merge.outcome] ?? 0) + 1;
    if (r.outcome !== 'pass') continue;
    const step = stepOfPass(r, era);
    added.set(step, (added.get(step) ?? 0) + 1);
  }
  // Every step shares the final's denominator; its k is cumulative, scored as upstream scores (solo-agent1 a pass).
  let cumulative = 0;
  const steps: LadderStep[] = STEPS_OF_ERA[era].map((step) => {
    const gained = added.get(step) ?? 0;
    cumulative += gained;
    const { records: n, missing, total, unknown, excluded } = final;
    return { step, added: gained, ...outcomeCount({ records: n, missing, successes: cumulative, total, unknown, excluded }, opts.confidence) };
  });
  return {
    model: group.model,
    arm: group.arm,
    era,
    runs: [...new Set(group.observations.map((o) => o.run))].sort(),
    merge_outcomes: mergeOutcomes as LadderRow['merge_outcomes'],
    unmergeable: mergeOutcomes.unmergeable ?? 0,
    solo_agent1_passes: added.get('solo-agent1') ?? 0,
    steps,
    final,
    paper_column: paperColumn(era),
    paper_setting: paperSetting(group.arm),
  };
}
