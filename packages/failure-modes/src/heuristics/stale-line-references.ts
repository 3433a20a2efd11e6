import type { Transcript, TranscriptPatch } from '../transcript.js';
import { patchFileMatching, patchOfSender } from './agents.js';
import { conversationHeuristic, evidenceFromMessages } from './heuristic.js';
import { pathSpans, quote, type LineRef, type MessageAnalysis } from './text.js';
import { completionClaim } from './unverifiable-claims.js';

/**
 * Line numbers that no longer point where the sender says (docs §5, H1 "stale references"). A line
 * citation of the sender's own work is stale when
 *  (a) the message reports a finished edit with line numbers and a later message of the same sender
 *      reports a further edit of that file ("re-applied", "moved", "another change"; a restatement of the
 *      same edit does not count), or
 *  (b) the cited range is outside every hunk of the sender's final patch on that file (old or new
 *      side, with a tolerance for "~" approximations and diff context).
 * The file is the path right after the numbers ("lines 725-740 in ImageOps.py"), else the nearest path
 * before them in the same sentence, else any file of the patch (a path in another sentence is often a
 * different file: "Added X in Image.save() (~line 2549). Added a test in Tests/test_image.py").
 * Sentences about the partner's code ("your block at line 40") are not the sender's own citations.
 * A feature (no estimate): it feeds the specificity analysis and the expectation-side cross-check.
 */

export const STALE_LINES = {
  /** Lines of slack around a hunk: agents round ("~line 350") and hunks carry 3 lines of context. */
  tolerance: 10,
} as const;

interface Citation {
  message: MessageAnalysis;
  ref: LineRef;
  /** The file the lines belong to, or null when the message does not say. */
  file: string | null;
}

const ABOUT_PARTNER = /\b(?:you|your|yours)\b/i;

/** The harness's output file is never what line numbers point into. */
const HARNESS_FILE = /(?:^|\/)patch\.(?:txt|diff)$/i;

function citationsOf(a: MessageAnalysis): Citation[] {
  if (a.lineRefs.length === 0) return [];
  const paths = pathSpans(a.body).filter((p) => !HARNESS_FILE.test(p.path));
  const out: Citation[] = [];
  for (const ref of a.lineRefs) {
    const sentence = sentenceAround(a.body, ref.at);
    if (ABOUT_PARTNER.test(sentence.text)) continue;
    const refEnd = ref.at + ref.raw.length;
    // "lines 725-740 in ImageOps.py" names the file after; "Image.py (save() ~line 2469)" before.
    const after = paths.find((p) => p.at >= refEnd && /^\s*(?:in|of|from)\s+(?:the\s+)?$/i.test(a.body.slice(refEnd, p.at)));
    const before = paths.filter((p) => p.end <= ref.at && p.at >= sentence.start).pop();
    const file = after?.path ?? before?.path ?? null;
    out.push({ message: a, ref, file });
  }
  return out;
}

function sentenceAround(text: string, at: number): { text: string; start: number } {
  const start = Math.max(text.lastIndexOf('. ', at), text.lastIndexOf('\n', at), -1) + 1;
  const endDot = text.indexOf('. ', at);
  const endNl = text.indexOf('\n', at);
  const ends = [endDot, endNl].filter((e) => e >= 0);
  return { text: text.slice(start, ends.length ? Math.min(...ends) : text.length), start };
}

const sameFile = (a: string, b: string) => {
  const x = a.toLowerCase().replace(/^\.?\//, '');
  const y = b.toLowerCase().replace(/^\.?\//, '');
  return x === y || x.endsWith(`/${y}`) || y.endsWith(`/${x}`);
};

/** Is [from, to] within `tolerance` of a hunk (old or new side) of the patch's files (one file, or all)? */
function insidePatch(patch: TranscriptPatch, file: string | null, ref: LineRef): boolean {
  const target = file === null ? null : patchFileMatching(patch, file);
  const files = target === null ? (file === null ? patch.files : []) : patch.files.filter((f) => f.path === target);
  const T = STALE_LINES.tolerance;
  return files.some((f) =>
    f.hunks.some((h) =>
      [
        [h.old_start, h.old_start + Math.max(h.old_lines, 1) - 1],
        [h.new_start, h.new_start + Math.max(h.new_lines, 1) - 1],
      ].some(([a, b]) => ref.from <= b! + T && ref.to >= a! - T),
    ),
  );
}

export const staleLineReferences = conversationHeuristic({
  name: 'stale_line_references',
  description: "Line citations of the sender's own work that went stale: reported with a finished edit and followed by another edit of that file by the sender, or outside every hunk (±10 lines, old or new side) of the sender's final patch.",
  estimates: {},
  detect: (t) => evidenceFromMessages(t, (a, all) => staleCitations(t, a, all)),
});

/** The message's own line citations that a later re-edit or its final patch contradicts. */
function staleCitations(t: Transcript, a: MessageAnalysis, all: readonly MessageAnalysis[]): string[] {
  const evidence: string[] = [];
  for (const c of citationsOf(a)) {
    const where = `${c.file ?? 'unnamed file'} ${c.ref.raw.trim()}`;
    const reEdit = completionClaim(a) === null ? undefined : laterEditOf(all, a, c.file);
    if (reEdit) {
      evidence.push(`message ${a.message.index} (${a.message.from}) cites ${quote(where, 80)}; edited again in message ${reEdit.message.index}`);
      continue;
    }
    const patch = patchOfSender(t, a.message.from);
    if (patch && !insidePatch(patch, c.file, c.ref)) evidence.push(`message ${a.message.index} (${a.message.from}) cites ${quote(where, 80)}; outside its final patch`);
  }
  return evidence;
}

/** "edited it again": a later report of a NEW edit, not a restatement of the same one. */
const RE_EDIT = /\b(?:again|re-?appl\w*|re-?add\w*|re-?did|re-?wrote|re-?worked|moved|shifted|(?:further|another|additional|more) (?:edits?|changes?|fix(?:es)?|pass|tweaks?))\b/i;

/** A later message of the sender reporting another finished edit of the file (any file when unnamed). */
function laterEditOf(all: readonly MessageAnalysis[], a: MessageAnalysis, file: string | null): MessageAnalysis | undefined {
  return all.find(
    (b) =>
      b.message.from === a.message.from &&
      b.message.index > a.message.index &&
      completionClaim(b) !== null &&
      RE_EDIT.test(b.prose) &&
      (file === null || b.paths.some((p) => sameFile(p, file))),
  );
}
