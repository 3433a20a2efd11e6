import { COMM_ERROR_CODES, INTER_CODER_FIELDS, INTER_CODER_SCOPES, SYMPTOMS } from '@cooperbench-repro/contracts';
import { categoricalAgreement, perLabelAgreement, type BinaryAgreement, type CategoricalAgreement, type RatedPair } from '../validate/agreement.js';
import type { CodedJudgement, GoldSource } from './gold-files.js';
import type { GoldConversation, SecondCoding } from './gold-set.js';

/** The scales compared: App. F codes + none; plan drift yes/no; primary symptom (failed runs) + implementation failure. */
export const COMM_ERROR_SCALE = ['none', ...COMM_ERROR_CODES.filter((c) => c !== 'plan_drift')] as const;
export const PLAN_DRIFT_SCALE = ['no', 'yes'] as const;
export const PRIMARY_SCALE = ['implementation_failure', ...SYMPTOMS] as const;

export type AgreementField = (typeof INTER_CODER_FIELDS)[number];
export type AgreementScope = (typeof INTER_CODER_SCOPES)[number];

export const FIELD_SCALES: Record<AgreementField, readonly string[]> = { comm_error: COMM_ERROR_SCALE, plan_drift: PLAN_DRIFT_SCALE, primary: PRIMARY_SCALE };

export interface ScopeAgreement {
  source: AgreementScope;
  overall: CategoricalAgreement;
  /** One-vs-rest per label of the whole scale (tp = both coders, fn = only the reference A, fp = only B). */
  perLabel: ({ label: string } & BinaryAgreement)[];
}

export interface FieldAgreement {
  field: AgreementField;
  /** Pooled over both sources (what gold/AGREEMENT.md shows). */
  overall: CategoricalAgreement;
  perLabel: ({ label: string } & BinaryAgreement)[];
  /** Pooled, then each source. */
  scopes: ScopeAgreement[];
  /** Conversations where the coders differ on the field, by what the gold set took. */
  disagreements: { total: number; settled_as_reference: number; settled_as_second: number; settled_otherwise: number };
}

export interface InterCoderAgreement {
  /** Conversations coded by both coders, per source. */
  conversations: Record<GoldSource, number>;
  /** Double-coded conversations by the adjudication's verdict (agreed, A, B, neither). */
  resolutions: Record<SecondCoding['resolved'], number>;
  fields: FieldAgreement[];
}

/** A field of a judgement on its scale; null where it is not coded (primary of a run that did not fail). */
function value(j: CodedJudgement, field: AgreementField): string | null {
  if (field === 'plan_drift') return j.plan_drift ? 'yes' : 'no';
  return j[field];
}

/** The rated pairs of a field over the double-coded conversations (both coders coded it). */
function pairsOf(coded: readonly GoldConversation[], field: AgreementField): RatedPair[] {
  return coded.flatMap((g) => {
    const reference = value(g.second_coding!.reference, field);
    const candidate = value(g.second_coding!.second, field);
    return reference === null || candidate === null ? [] : [{ reference, candidate }];
  });
}

function settlement(coded: readonly GoldConversation[], field: AgreementField): FieldAgreement['disagreements'] {
  const d = { total: 0, settled_as_reference: 0, settled_as_second: 0, settled_otherwise: 0 };
  for (const g of coded) {
    const a = value(g.second_coding!.reference, field);
    const b = value(g.second_coding!.second, field);
    // Only the conversations the agreement compares (both coded the field).
    if (a === b || a === null || b === null) continue;
    const gold = value(g, field);
    d.total++;
    if (gold === a) d.settled_as_reference++;
    else if (gold === b) d.settled_as_second++;
    else d.settled_otherwise++;
  }
  return d;
}

function scopeAgreement(source: AgreementScope, coded: readonly GoldConversation[], field: AgreementField, confidence: number): ScopeAgreement {
  const pairs = pairsOf(coded, field);
  return { source, overall: categoricalAgreement(pairs, FIELD_SCALES[field], confidence), perLabel: perLabelAgreement(pairs, FIELD_SCALES[field], confidence) };
}

/**
 * Agreement of the second coder (B) with the reference (A) on every conversation of the gold set that
 * both coded, per field, pooled and per source. The one computation behind gold/AGREEMENT.md and the
 * inter_coder section of data/failure-modes.json. `confidence` of the Wilson intervals of observed agreement.
 */
export function interCoderAgreement(gold: ReadonlyMap<string, GoldConversation>, confidence = 0.95): InterCoderAgreement {
  const coded = [...gold.values()].filter((g) => g.second_coding !== undefined);
  // 'all' pools both sources; each other scope is one source.
  const inScope = (scope: AgreementScope) => (scope === 'all' ? coded : coded.filter((g) => g.source === scope));
  const resolutions = { agreed: 0, A: 0, B: 0, neither: 0 };
  for (const g of coded) resolutions[g.second_coding!.resolved]++;
  const fields = INTER_CODER_FIELDS.map((field): FieldAgreement => {
    const scopes = INTER_CODER_SCOPES.map((scope) => scopeAgreement(scope, inScope(scope), field, confidence));
    return { field, overall: scopes[0]!.overall, perLabel: scopes[0]!.perLabel, scopes, disagreements: settlement(coded, field) };
  });
  const sources = INTER_CODER_SCOPES.filter((s): s is GoldSource => s !== 'all');
  return {
    conversations: Object.fromEntries(sources.map((s) => [s, inScope(s).length])) as Record<GoldSource, number>,
    resolutions,
    fields,
  };
}
