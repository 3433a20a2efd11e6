import { COMM_ERROR_CODES, SYMPTOMS } from '@cooperbench-repro/contracts';
import { categoricalAgreement, perLabelAgreement, type BinaryAgreement, type CategoricalAgreement, type RatedPair } from '../validate/agreement.js';
import { conversationKey, judgementOf, loadCodes, type GoldSource } from './gold-files.js';

/** The scales compared: App. F codes + none; plan drift yes/no; primary symptom (failed runs) + implementation failure. */
export const COMM_ERROR_SCALE = ['none', ...COMM_ERROR_CODES.filter((c) => c !== 'plan_drift')] as const;
export const PLAN_DRIFT_SCALE = ['no', 'yes'] as const;
export const PRIMARY_SCALE = ['implementation_failure', ...SYMPTOMS] as const;

export interface FieldAgreement {
  field: 'comm_error' | 'plan_drift' | 'primary';
  overall: CategoricalAgreement;
  perLabel: ({ label: string } & BinaryAgreement)[];
}

export interface InterCoderAgreement {
  /** Conversations coded by both coders, per source. */
  conversations: Record<GoldSource, number>;
  fields: FieldAgreement[];
}

/** Agreement of coder B (candidate) with coder A (reference) on every conversation both coded. */
export function interCoderAgreement(reference = 'A', candidate = 'B'): InterCoderAgreement {
  const pairs = { comm_error: [] as RatedPair[], plan_drift: [] as RatedPair[], primary: [] as RatedPair[] };
  const conversations = { 'command-a': 0, 'claude-code': 0 } as Record<GoldSource, number>;
  for (const source of ['command-a', 'claude-code'] as const) {
    const a = new Map(loadCodes(source, reference).conversations.map((c) => [conversationKey(c.conversation), judgementOf(c)]));
    for (const c of loadCodes(source, candidate).conversations) {
      const ref = a.get(conversationKey(c.conversation));
      if (!ref) throw new Error(`${source}.${candidate}.json: ${conversationKey(c.conversation)} is not coded by ${reference}`);
      const cand = judgementOf(c);
      conversations[source]++;
      pairs.comm_error.push({ reference: ref.comm_error, candidate: cand.comm_error });
      pairs.plan_drift.push({ reference: ref.plan_drift ? 'yes' : 'no', candidate: cand.plan_drift ? 'yes' : 'no' });
      if (ref.primary !== null && cand.primary !== null) pairs.primary.push({ reference: ref.primary, candidate: cand.primary });
    }
  }
  const field = (name: FieldAgreement['field'], p: RatedPair[], scale: readonly string[]): FieldAgreement => ({
    field: name,
    overall: categoricalAgreement(p, scale),
    perLabel: perLabelAgreement(p, scale).filter((l) => l.tp + l.fp + l.fn > 0),
  });
  return {
    conversations,
    fields: [field('comm_error', pairs.comm_error, COMM_ERROR_SCALE), field('plan_drift', pairs.plan_drift, PLAN_DRIFT_SCALE), field('primary', pairs.primary, PRIMARY_SCALE)],
  };
}
