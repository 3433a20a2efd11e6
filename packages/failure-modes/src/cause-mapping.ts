import type { Cause, Symptom } from '@cooperbench-repro/contracts';

/**
 * Symptom -> cause table used to DERIVE Table 2-style shares from primary symptoms. The paper assigned
 * causes by hand on 50 traces, so a derived share is a different quantity, never a reproduction.
 * provenance 'paper': the link is stated in the paper's §6 (expectation -> work overlap and silent
 * overwrites; commitment -> unverifiable claims and broken promises; communication -> unresponsiveness
 * and repetition). 'ours': our assignment (failure-modes-and-llm-judging.md section 4.2).
 */
export interface CauseMappingRow {
  symptom: Symptom;
  cause: Cause;
  provenance: 'paper' | 'ours';
  why: string;
}

export const CAUSE_MAPPING: readonly CauseMappingRow[] = [
  { symptom: 'work_overlap', cause: 'expectation', provenance: 'paper', why: '§6: expectation failures produce work overlap' },
  { symptom: 'divergent_architecture', cause: 'expectation', provenance: 'paper', why: '§6: expectation failures produce silent overwrites' },
  { symptom: 'repetition', cause: 'communication', provenance: 'paper', why: '§6: communication failures result in repetition' },
  { symptom: 'unresponsiveness', cause: 'communication', provenance: 'paper', why: '§6: communication failures result in unresponsiveness' },
  { symptom: 'unverifiable_claims', cause: 'commitment', provenance: 'paper', why: '§6: commitment failures lead to unverifiable claims' },
  { symptom: 'broken_commitment', cause: 'commitment', provenance: 'paper', why: '§6: commitment failures lead to broken promises' },
  { symptom: 'dependency_access', cause: 'communication', provenance: 'ours', why: 'Table 1 defines it as missing risk communication' },
  { symptom: 'placeholder_misuse', cause: 'commitment', provenance: 'ours', why: 'an agreed integration contract is not kept' },
  { symptom: 'parameter_flow', cause: 'expectation', provenance: 'ours', why: 'one agent implements against an outdated partner contract' },
  { symptom: 'timing_dependency', cause: 'commitment', provenance: 'ours', why: 'an agreed order is not made enforceable' },
];

const BY_SYMPTOM = new Map(CAUSE_MAPPING.map((r) => [r.symptom, r]));

export function causeOf(symptom: Symptom): Cause {
  const row = BY_SYMPTOM.get(symptom);
  if (!row) throw new Error(`cause-mapping: no cause for symptom ${symptom}`);
  return row.cause;
}
