import type { Transcript, TranscriptPatch } from '../transcript.js';
import { COMM_ERRORS_TASK } from './comm-errors.js';
import { SYMPTOMS_TASK } from './symptoms.js';
import { neutraliseData, TRANSCRIPT_CLOSE, TRANSCRIPT_OPEN } from './untrusted-data.js';

/**
 * Renders a run for the judge: numbered messages in conversation order, optionally the patches and the
 * test outcome, each in a section tag, all data neutralised (untrusted-data.ts). A run longer than
 * `maxChars` is shortened by one fixed, recorded rule, and every cut is marked in the text itself.
 */

export interface RenderOptions {
  /** Upper bound on the rendered text's length (the delimiters and task line come on top). */
  maxChars: number;
  includePatches: boolean;
  includeOutcome: boolean;
}

export interface RenderedTranscript {
  text: string;
  truncated: boolean;
  /** The truncation rule in words (the same for every run with these options): record it in parameters. */
  rule: string;
}

/** Share of the budget the patches may take together, split evenly per patch file. */
export const PATCH_BUDGET_SHARE = 0.4;
/** Longest a single message line may be, as a share of the conversation budget. */
export const MESSAGE_CAP_SHARE = 0.25;
export const MIN_MAX_CHARS = 1000;
/** Room kept for the omission marker of the conversation. */
const MARKER_RESERVE = 120;

export function truncationRule(opts: RenderOptions): string {
  return (
    `runs longer than ${opts.maxChars} characters are shortened: ` +
    (opts.includePatches ? `each patch keeps its first lines within ${PATCH_BUDGET_SHARE * 100}% of the budget split evenly over the patch files; ` : '') +
    `a message longer than ${MESSAGE_CAP_SHARE * 100}% of the remaining budget keeps its head; ` +
    `then messages are kept alternately from the start and from the end (first, last, second, second to last...) until the budget is used; ` +
    `every cut is marked in the text ("[... omitted by the truncation rule ...]")`
  );
}

const messageLine = (m: Transcript['messages'][number]) => `[${m.index}] ${neutraliseData(m.from)} -> ${neutraliseData(m.to)}: ${neutraliseData(m.text)}`;

function cutMessage(line: string, cap: number): string {
  if (line.length <= cap) return line;
  const marker = (n: number) => ` [... ${n} chars of this message omitted by the truncation rule ...]`;
  const keep = Math.max(0, cap - marker(line.length).length);
  return line.slice(0, keep) + marker(line.length - keep);
}

function cutPatch(body: string, budget: number): string {
  if (body.length <= budget) return body;
  const lines = body.split('\n');
  const marker = (k: number, n: number) => `[... ${k} lines (${n} chars) of this patch omitted by the truncation rule ...]`;
  const reserve = marker(lines.length, body.length).length + 1;
  let used = 0;
  let kept = 0;
  while (kept < lines.length && used + lines[kept]!.length + 1 + reserve <= budget) used += lines[kept++]!.length + 1;
  const omitted = lines.slice(kept);
  return [...lines.slice(0, kept), marker(omitted.length, omitted.join('\n').length)].join('\n');
}

const sanitiseAttribute = (s: string) => s.replace(/["<>\n]/g, '_');

function patchOpen(p: TranscriptPatch): string {
  return `<patch feature="${p.feature_id ?? 'unknown'}" path="${sanitiseAttribute(p.file)}">`;
}
const patchBody = (p: TranscriptPatch) => (p.text === null ? '(patch text not available)' : neutraliseData(p.text.replace(/\n$/, '')));

function renderOutcome(t: Transcript): string {
  const conflict = t.naive_conflict === null ? 'unknown' : t.naive_conflict ? 'yes' : 'no';
  const lines = [`result: ${t.outcome}`, `naive merge conflict: ${conflict}; merge outcome: ${neutraliseData(t.merge_outcome)}`];
  for (const f of t.feature_results) lines.push(`feature ${f.feature_id} tests: ${f.passed ? 'passed' : 'failed'}`);
  return lines.join('\n');
}

function assemble(t: Transcript, conversation: string[], patches: string[] | null, opts: RenderOptions): string {
  const parts = [`<conversation messages="${t.messages.length}">`, ...(conversation.length > 0 ? conversation : ['(no messages)']), '</conversation>'];
  if (patches !== null) {
    parts.push('<patches>');
    if (t.patches.length === 0) parts.push('(no patches)');
    t.patches.forEach((p, i) => parts.push(patchOpen(p), patches[i]!, '</patch>'));
    parts.push('</patches>');
  }
  if (opts.includeOutcome) parts.push('<outcome>', renderOutcome(t), '</outcome>');
  return parts.join('\n');
}

export function renderTranscript(t: Transcript, opts: RenderOptions): RenderedTranscript {
  if (!Number.isInteger(opts.maxChars) || opts.maxChars < MIN_MAX_CHARS) throw new RangeError(`renderTranscript: maxChars must be an integer >= ${MIN_MAX_CHARS}, got ${opts.maxChars}`);
  const rule = truncationRule(opts);
  const lines = t.messages.map(messageLine);
  const bodies = opts.includePatches ? t.patches.map(patchBody) : null;
  const full = assemble(t, lines, bodies, opts);
  if (full.length <= opts.maxChars) return { text: full, truncated: false, rule };

  // Fixed parts: tags, patch headers, outcome (with the "(no messages)" placeholder line, an upper bound).
  const fixed = assemble(t, [], bodies && bodies.map(() => ''), opts).length;
  const available = opts.maxChars - fixed - MARKER_RESERVE;
  const perPatch = bodies && bodies.length > 0 ? Math.floor((PATCH_BUDGET_SHARE * available) / bodies.length) : 0;
  const cutBodies = bodies && bodies.map((b) => cutPatch(b, perPatch));
  const conversationBudget = available - (cutBodies ?? []).reduce((s, b) => s + b.length, 0);
  const capped = lines.map((l) => cutMessage(l, Math.floor(MESSAGE_CAP_SHARE * conversationBudget)));

  // Alternate first/last so both the opening plans and the final state stay visible.
  let head = 0;
  let tail = 0;
  let used = 0;
  for (let turn = 0; head + tail < capped.length; turn++) {
    const i = turn % 2 === 0 ? head : capped.length - 1 - tail;
    const cost = capped[i]!.length + 1;
    if (used + cost > conversationBudget) break;
    used += cost;
    if (turn % 2 === 0) head++;
    else tail++;
  }
  const omitted = lines.slice(head, lines.length - tail);
  const conversation =
    omitted.length === 0
      ? capped
      : [
          ...capped.slice(0, head),
          `[... ${omitted.length} messages (${omitted.reduce((s, l) => s + l.length + 1, 0)} chars) omitted by the truncation rule ...]`,
          ...capped.slice(capped.length - tail),
        ];
  return { text: assemble(t, conversation, cutBodies, opts), truncated: true, rule };
}

export interface JudgeRequest {
  /** Task line + delimited transcript: what `judge.judge(rubric, userMessage, transcriptText)` sends. */
  userMessage: string;
  /** The rendered run (inside the delimiters): what the rubric's `check` matches quotes against. */
  transcriptText: string;
  truncated: boolean;
  rule: string;
}

const TRUNCATION_NOTE = 'This run was shortened; "[... omitted by the truncation rule ...]" marks removed text, which is not evidence of anything.';

function request(task: string, rendered: RenderedTranscript): JudgeRequest {
  const userMessage = [task, ...(rendered.truncated ? [TRUNCATION_NOTE] : []), TRANSCRIPT_OPEN, rendered.text, TRANSCRIPT_CLOSE].join('\n');
  return { userMessage, transcriptText: rendered.text, truncated: rendered.truncated, rule: rendered.rule };
}

/** Communication errors judge the conversation alone (App. F). */
export function buildCommErrorRequest(t: Transcript, opts: { maxChars: number }): JudgeRequest {
  return request(COMM_ERRORS_TASK, renderTranscript(t, { maxChars: opts.maxChars, includePatches: false, includeOutcome: false }));
}

/** Symptoms are judged on conversation, patches and outcome (App. G) unless told otherwise. */
export function buildSymptomRequest(t: Transcript, opts: { maxChars: number; includePatches?: boolean; includeOutcome?: boolean }): JudgeRequest {
  return request(SYMPTOMS_TASK, renderTranscript(t, { maxChars: opts.maxChars, includePatches: opts.includePatches ?? true, includeOutcome: opts.includeOutcome ?? true }));
}
