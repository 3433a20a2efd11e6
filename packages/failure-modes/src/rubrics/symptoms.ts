import { SYMPTOMS, SymptomSchema, type Symptom } from '@cooperbench-repro/contracts';
import { z } from 'zod';
import type { Rubric } from '../judge/types.js';
import { checkQuotes, countOccurrences, normaliseForMatch, normaliseQuote } from './quote-match.js';
import { extractSection, UNTRUSTED_DATA_RULE } from './untrusted-data.js';

/**
 * Table 1 symptoms (paper-definitions.md section 7), judged on a failed coop run's conversation,
 * patches and test outcome. A coordination label needs explicit conversation evidence; otherwise the
 * run is an implementation failure only. One primary symptom plus any secondary ones.
 */

export const ARTIFACTS = ['conversation', 'patch', 'outcome'] as const;

export interface SymptomLabel {
  symptom: Symptom;
  is_primary: boolean;
  quotes: string[];
  artifact: (typeof ARTIFACTS)[number];
}

export interface SymptomAnswer {
  labels: SymptomLabel[];
  implementation_failure_only: boolean;
  rationale?: string;
}

export const SymptomAnswerSchema: z.ZodType<SymptomAnswer> = z.object({
  labels: z.array(z.object({ symptom: SymptomSchema, is_primary: z.boolean(), quotes: z.array(z.string()), artifact: z.enum(ARTIFACTS) })),
  implementation_failure_only: z.boolean(),
  rationale: z.string().optional(),
});

export const SYMPTOMS_JSON_SCHEMA: Record<string, unknown> = {
  type: 'object',
  properties: {
    labels: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          symptom: { type: 'string', enum: [...SYMPTOMS] },
          is_primary: { type: 'boolean' },
          quotes: { type: 'array', items: { type: 'string' } },
          artifact: { type: 'string', enum: [...ARTIFACTS] },
        },
        required: ['symptom', 'is_primary', 'quotes', 'artifact'],
      },
    },
    implementation_failure_only: { type: 'boolean' },
    rationale: { type: 'string' },
  },
  required: ['labels', 'implementation_failure_only'],
};

const SYSTEM = `You label why a cooperative run of two coding agents failed. Each agent implemented one feature on its own branch; they could only talk by messages; the two patches were merged and the tests failed.
${UNTRUSTED_DATA_RULE}
Inside: <conversation> (messages "[i] sender -> recipient: text"), <patches> (each agent's unified diff) and <outcome> (merge and test results).

Coordination symptoms:
- work_overlap: both agents implement the same functionality, duplicating work or overwriting details.
- divergent_architecture: incompatible design decisions lose behaviour even under a clean merge.
- repetition: verbose status messages add little new information.
- unresponsiveness: direct questions or requests are not answered.
- unverifiable_claims: an agent asserts a change or interface decision the partner cannot check.
- broken_commitment: a confident completion claim, but the promised change is absent.
- dependency_access: missing risk communication about how merged dependencies interact (e.g. circular imports).
- placeholder_misuse: an explicit integration contract exists but is applied differently than agreed.
- parameter_flow: one agent implements against an outdated version of a changing interface.
- timing_dependency: an agreed order is not made enforceable after the merge.

Rules:
- A coordination label REQUIRES explicit conversation evidence: every label needs at least one exact quote from <conversation>; it may add exact quotes from <patches> or <outcome>. "artifact" names where its main evidence is.
- If the only evidence is in code or test output, or there are no messages, give no labels and set implementation_failure_only to true.
- When there are labels: exactly one has is_primary true (the main cause of the failure); each symptom at most once; implementation_failure_only false.
- Quotes are copied character for character (no message numbers, no ellipses).
Answer with the JSON object only: {"labels": [{"symptom", "is_primary", "quotes", "artifact"}], "implementation_failure_only": bool, "rationale": one short sentence}.`;

export const SYMPTOMS_TASK = 'Label the failed run in the transcript below with the symptom rubric. Return the JSON object only.';

export type SymptomRejection =
  | 'implementation_failure_only contradicts labels'
  | 'no primary label'
  | 'more than one primary label'
  | 'duplicate symptom'
  | 'label without conversation quote'
  | NonNullable<ReturnType<typeof checkQuotes>>;

export function checkSymptomAnswer(answer: SymptomAnswer, transcriptText: string): SymptomRejection | null {
  const labels = answer.labels;
  if (answer.implementation_failure_only !== (labels.length === 0)) return 'implementation_failure_only contradicts labels';
  if (labels.length === 0) return null;
  const primaries = labels.filter((l) => l.is_primary).length;
  if (primaries === 0) return 'no primary label';
  if (primaries > 1) return 'more than one primary label';
  if (new Set(labels.map((l) => l.symptom)).size !== labels.length) return 'duplicate symptom';
  // Per label: two labels may rightly quote the same message.
  for (const l of labels) {
    const quoteProblem = checkQuotes(l.quotes, transcriptText);
    if (quoteProblem) return quoteProblem;
  }
  const conversation = normaliseForMatch(extractSection(transcriptText, 'conversation') ?? '');
  for (const l of labels) if (!l.quotes.some((q) => countOccurrences(conversation, normaliseQuote(q)) > 0)) return 'label without conversation quote';
  return null;
}

export const symptomsRubric: Rubric<SymptomAnswer> = {
  id: 'symptoms',
  version: '1',
  system: SYSTEM,
  jsonSchema: SYMPTOMS_JSON_SCHEMA,
  answer: SymptomAnswerSchema,
  check: checkSymptomAnswer,
};
