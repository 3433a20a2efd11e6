import type { InterCoder } from '@cooperbench-repro/contracts';
import type { BinaryAgreement, CategoricalAgreement } from '../validate/agreement.js';
import { FIELD_SCALES, interCoderAgreement } from './inter-coder.js';
import { REFERENCE_CODER, SECOND_CODER, type GoldConversation } from './gold-set.js';

export const ADJUDICATION_PATH = 'packages/failure-modes/gold/adjudication.json';

const round = (x: number | null) => (x === null ? null : Math.round(x * 1e6) / 1e6);

function stats(a: CategoricalAgreement | BinaryAgreement) {
  return { agreement: a.agreement, kappa: round(a.kappa), pabak: round(a.pabak), ac1: round(a.ac1) };
}

/**
 * The inter_coder section of data/failure-modes.json: the gold set's double-coded subset and its agreement
 * per field, pooled and per source, per code (interCoderAgreement, the numbers of gold/AGREEMENT.md).
 * null when the gold set has no conversation coded twice. `confidence`: the stage's (config `confidence`).
 */
export function interCoderSection(gold: ReadonlyMap<string, GoldConversation>, confidence = 0.95): InterCoder | null {
  const a = interCoderAgreement(gold, confidence);
  const n = a.conversations['command-a'] + a.conversations['claude-code'];
  if (n === 0) return null;
  return {
    description:
      `packages/failure-modes/gold: ${n} conversations coded independently by coder ${SECOND_CODER} (the sample in gold/second-coding-sample.json) ` +
      `and by coder ${REFERENCE_CODER} (who coded all ${gold.size}); the same numbers as gold/AGREEMENT.md`,
    reference_coder: REFERENCE_CODER,
    second_coder: SECOND_CODER,
    adjudication_file: ADJUDICATION_PATH,
    conversations: a.conversations,
    resolutions: a.resolutions,
    fields: a.fields.map((f) => ({
      field: f.field,
      scale: [...FIELD_SCALES[f.field]],
      disagreements: f.disagreements,
      scopes: f.scopes.map((s) => ({
        source: s.source,
        n: s.overall.n,
        overall: stats(s.overall),
        codes: s.perLabel.map((l) => ({ code: l.label, both_yes: l.tp, only_a: l.fn, only_b: l.fp, both_no: l.tn, ...stats(l) })),
      })),
    })),
  };
}
