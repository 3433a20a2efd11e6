import type { Transcript, TranscriptPatch } from '../transcript.js';

/**
 * Who is who: message senders ("agent1", "agent2") and the two patches (keyed by feature id), and the
 * parts of a patch text the detectors read. Shared so each detector maps and parses the same way.
 */

/**
 * The feature a sender owns. Upstream names the agents of a coop pair by position: "agent1" owns
 * `features[0]` and "agent2" `features[1]` (checked on every message of the real Command A and
 * claude_code runs: their `feature_id` always matches). Anything else (e.g. "agent3") owns none.
 */
export function featureOfSender(t: Transcript, sender: string): number | null {
  const m = /^agent[\s_-]*(\d+)$/i.exec(sender.trim());
  if (!m) return null;
  const k = Number(m[1]);
  return k === 1 || k === 2 ? (t.features[k - 1] ?? null) : null;
}

/** The patch a sender produced, or null (no such patch, or the sender owns no feature). */
export function patchOfSender(t: Transcript, sender: string): TranscriptPatch | null {
  const f = featureOfSender(t, sender);
  if (f === null) return null;
  return t.patches.find((p) => p.feature_id === f) ?? null;
}

/** Is `other` a different participant than `sender` (the partner, for a two-agent conversation)? */
export const isPartner = (sender: string, other: string) => sender.trim().toLowerCase() !== other.trim().toLowerCase();

export interface ParsedPatch {
  /** Changed lines ("+"/"-" without the marker) and hunk headers' function context, one string. */
  changedText: string;
  /** Only the added lines. */
  addedText: string;
  /** The lines the patch keeps or removes: the code that existed before it. */
  baseText: string;
}

const parsed = new WeakMap<TranscriptPatch, ParsedPatch>();

/** The changed text of a unified diff (context lines and file headers left out), cached per patch. */
export function parsePatch(p: TranscriptPatch): ParsedPatch | null {
  if (p.text === null) return null;
  let out = parsed.get(p);
  if (out) return out;
  const changed: string[] = [];
  const added: string[] = [];
  const base: string[] = [];
  for (const line of p.text.split('\n')) {
    if (line.startsWith('+++') || line.startsWith('---')) continue;
    if (line.startsWith('+')) {
      changed.push(line.slice(1));
      added.push(line.slice(1));
    } else if (line.startsWith('-')) {
      changed.push(line.slice(1));
      base.push(line.slice(1));
    } else if (line.startsWith('@@')) {
      const fn = line.replace(/^@@[^@]*@@/, '');
      changed.push(fn);
      base.push(fn);
    } else if (line.startsWith(' ')) base.push(line.slice(1));
  }
  out = { changedText: changed.join('\n'), addedText: added.join('\n'), baseText: base.join('\n') };
  parsed.set(p, out);
  return out;
}

/** Does a code symbol occur in a text as a whole identifier? */
export function containsSymbol(text: string, symbol: string): boolean {
  let from = 0;
  for (;;) {
    const i = text.indexOf(symbol, from);
    if (i < 0) return false;
    const before = i === 0 ? '' : text[i - 1]!;
    const after = text[i + symbol.length] ?? '';
    if (!/[\w]/.test(before) && !/[\w]/.test(after)) return true;
    from = i + 1;
  }
}

/** Does a patch touch a file named in a message ("core.py" matches "src/click/core.py")? */
export function patchFileMatching(p: TranscriptPatch, mentioned: string): string | null {
  const m = mentioned.replace(/^\.?\//, '').toLowerCase();
  for (const f of p.files) {
    const path = f.path.toLowerCase();
    if (path === m || path.endsWith(`/${m}`) || m.endsWith(`/${path}`)) return f.path;
  }
  return null;
}
