import { COMM_ERROR_CODES, CommErrorCodeSchema, type CommErrorCode } from '@cooperbench-repro/contracts';
import { z } from 'zod';
import type { Rubric } from '../judge/types.js';
import { checkQuotes } from './quote-match.js';
import { UNTRUSTED_DATA_RULE } from './untrusted-data.js';

/**
 * App. F communication-error rubric (paper-definitions.md section 6): one conversation, at most one
 * category, at least two exact quotes, "no issue" unless the evidence is strong and explicit.
 */

export interface CommErrorAnswer {
  evidence: string[];
  issue?: { category: CommErrorCode; description: string };
}

export const CommErrorAnswerSchema: z.ZodType<CommErrorAnswer> = z.object({
  evidence: z.array(z.string()),
  issue: z.object({ category: CommErrorCodeSchema, description: z.string() }).optional(),
});

/** Cohere subset: no anyOf/minItems/additionalProperties; "issue" optional, every object has a required field. */
export const COMM_ERRORS_JSON_SCHEMA: Record<string, unknown> = {
  type: 'object',
  properties: {
    evidence: { type: 'array', items: { type: 'string' } },
    issue: {
      type: 'object',
      properties: {
        category: { type: 'string', enum: [...COMM_ERROR_CODES] },
        description: { type: 'string' },
      },
      required: ['category', 'description'],
    },
  },
  required: ['evidence'],
};

const SYSTEM = `You are a precision-first judge of communication errors in one conversation between two coding agents who work on separate branches of the same repository and can only talk by messages.
${UNTRUSTED_DATA_RULE}
Messages are numbered "[i] sender -> recipient: text".

Categories (choose AT MOST ONE per conversation):
- C1a unanswered direct question or request, no reply: the partner sends no later message that responds to it.
- C1b unanswered direct question or request, ignored: the partner replies later but the reply ignores it.
- C2 non-answer or vague answer to a direct question or request.
- C3a incorrect claim, uncorrected: a false claim about code state or completion that a LATER message contradicts, and nobody corrects it.
- C3b incorrect claim, corrected: such a claim that a LATER message corrects.
  A claim contradicted only by an earlier message, or by nothing in the conversation, is not C3a or C3b.
- C4a spammy repetition: the same information repeated.
- C4b spammy repetition: near-duplicate status blocks.
- plan_drift: an agent deviates unilaterally from a plan both agreed.

Rules:
- Prefer no issue unless the evidence is strong and explicit.
- Do not label state mismatch or visibility confusion itself (the agents cannot see each other's changes); bad conversation patterns around it still count.
- Evidence: at least two exact quotes copied character for character from the messages (no message numbers, no ellipses). C1a/C1b: the question plus proof of the missing or irrelevant response. C3a/C3b: the claim plus the later message that contradicts or corrects it. C4a/C4b: two quotes showing the repetition. plan_drift: the agreed plan plus the deviation.
- If the evidence is weak, omit "issue" and return {"evidence": []}.
Answer with the JSON object only: {"evidence": [quotes], "issue": {"category": code, "description": one short sentence}}.`;

/** Task line of the user message (the delimited transcript follows it). */
export const COMM_ERRORS_TASK = 'Judge the conversation in the transcript below with the communication-error rubric. Return the JSON object only.';

export type CommErrorRejection = 'fewer than two quotes' | NonNullable<ReturnType<typeof checkQuotes>>;

export function checkCommErrorAnswer(answer: CommErrorAnswer, transcriptText: string): CommErrorRejection | null {
  // "No issue" is the precision-first fallback anyway: nothing to reject.
  if (!answer.issue) return null;
  if (answer.evidence.length < 2) return 'fewer than two quotes';
  return checkQuotes(answer.evidence, transcriptText);
}

export const commErrorsRubric: Rubric<CommErrorAnswer> = {
  id: 'comm-errors',
  // 2: C3a/C3b need a later contradicting message and C1a/C1b cover requests too, as in the paper (App. F).
  version: '2',
  system: SYSTEM,
  jsonSchema: COMM_ERRORS_JSON_SCHEMA,
  answer: CommErrorAnswerSchema,
  check: checkCommErrorAnswer,
};
