import { issuesFromZod } from '@cooperbench-repro/contracts';
import type { Rubric } from './types.js';

/**
 * Why an answer was rejected. `semantic` rejections (the model's output is not a usable answer) earn one
 * more call; `check` rejections (a well-formed answer the rubric refuses, e.g. a quote that is not in the
 * transcript) do not: asking again with the same prompt at temperature 0 would only repeat it.
 */
export type RejectionKind = 'semantic' | 'check';

export type Evaluation<T> =
  | { status: 'ok'; answer: T; parsed: unknown }
  | { status: 'rejected'; kind: RejectionKind; category: string; reason: string; parsed: unknown };

/** Turn Cohere's text and finish reason into an accepted answer or a rejection with a reason. */
export function evaluateResponse<T>(rubric: Rubric<T>, text: string, finishReason: string, transcriptText: string): Evaluation<T> {
  let parsed: unknown = null;
  let parseError: string | null = null;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    parseError = (err as Error).message;
  }
  // A truncated answer is reported as such even when the cut happens to leave valid JSON.
  if (finishReason !== 'COMPLETE') {
    return { status: 'rejected', kind: 'semantic', category: `finish-reason ${finishReason}`, reason: `finish reason ${finishReason}, expected COMPLETE`, parsed };
  }
  if (parseError !== null) {
    return { status: 'rejected', kind: 'semantic', category: 'unparseable JSON', reason: `unparseable JSON: ${parseError}`, parsed: null };
  }
  const validated = rubric.answer.safeParse(parsed);
  if (!validated.success) {
    const issues = issuesFromZod(validated.error).map((i) => `${i.field ?? '(root)'}: expected ${i.expected}`);
    return { status: 'rejected', kind: 'semantic', category: 'schema violation', reason: `schema violation: ${issues.join('; ')}`, parsed };
  }
  const refusal = rubric.check(validated.data, transcriptText);
  if (refusal !== null) {
    return { status: 'rejected', kind: 'check', category: checkCategory(refusal), reason: refusal, parsed };
  }
  return { status: 'ok', answer: validated.data, parsed };
}

/**
 * Stats group check rejections by the text before the first ':' of the rubric's reason
 * ("quote not in transcript: '...'" -> "check: quote not in transcript"), so quoted evidence does not
 * explode the counts. Rubrics should phrase reasons that way.
 */
function checkCategory(reason: string): string {
  const head = reason.split(':')[0]!.trim().slice(0, 80);
  return `check: ${head}`;
}
