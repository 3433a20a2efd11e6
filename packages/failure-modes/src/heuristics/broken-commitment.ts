import type { Transcript } from '../transcript.js';
import { containsSymbol, featureOfSender, parsePatch, patchOfSender } from './agents.js';
import { conversationHeuristic, evidenceFromMessages } from './heuristic.js';
import { quote, symbolsIn, type MessageAnalysis } from './text.js';

/**
 * Promised code that is not in the promiser's final patch (Table 1 "broken commitment"; §6.3: "I will
 * add bypass check at lines 100-104" with the code missing after the merge). A commitment is a
 * first-person future or in-progress clause ("I'll add `foo`", "I'm adding foo_bar to X", "Will touch
 * Editor.edit_file") that is neither hedged ("possibly", "if needed") nor negated ("I won't touch");
 * its code symbols (as indexed by docs §5's claim collision) must then occur in the changed lines or
 * hunk headers of the sender's own patch. A symbol the sender later disowns in a negated sentence
 * ("no types.py changes needed", "didn't touch foo") is withdrawn, not broken.
 */

/**
 * First-person future or in-progress creation: "I'll add", "I'm adding", "we will introduce", "Will
 * add", a sentence opening "Adding ..." (agents sign "agent1: adding X"), "My plan ...: add X".
 */
const COMMIT =
  /\b(?:i|we)(?:'ll| will| shall| am going to|'m going to| are going to| plan to| intend to| am about to|'m about to)\s+(?:also\s+|now\s+|then\s+|just\s+)?(?:add|create|introduce|insert|define|implement|write|expose|append)\b|\b(?:i|we)(?:'m| am| are)\s+(?:now\s+|also\s+|currently\s+|just\s+)?(?:adding|creating|introducing|inserting|defining|implementing|writing|exposing|appending)\b|(?:^|[.;:]\s+)(?:will|going to)\s+(?:add|create|introduce|insert|define|implement|write|expose|append)\b|^(?:now\s+)?(?:adding|creating|introducing|inserting|defining|implementing)\b|\bmy plan\b[^.!?]*?\badd\b/gi;
/**
 * The promised object runs from the verb to the first location word or clause break: in "I'll add
 * `foo` param to Editor.__init__" the promise is `foo`, Editor.__init__ is where it goes.
 */
const OBJECT_END =
  /\s(?:to|in|into|inside|within|near|after|before|around|at|on|of|from|for|via|so|because|when|once|if|then|which|that|while|with|and (?:you|i|we|then)|but|you|your)\s|[,;:()\u2014]|\s-\s|$/i;
/** Cheap filter before the full pattern: a creation verb's stem somewhere in the sentence. */
const CREATION_WORD = /add|creat|introduc|insert|defin|implement|writ|expos|wire|append/i;
const HEDGED = /\b(?:possibly|maybe|might|perhaps|if needed|if necessary|if required|try to|probably|may also|could)\b/i;
const NEGATED = /\b(?:not|won't|never|avoid|without|n't|no longer|instead of|rather than)\b/i;
const DISOWN = /\b(?:not|n't|no|never|without|skip(?:ped)?|dropped|instead of|rather than)\b/i;

export interface Commitment {
  message: MessageAnalysis;
  sentence: string;
  symbols: string[];
}

/** Objects of the creation verbs in a sentence: the symbols between each verb and its location. */
function promisedObjects(sentence: string): string[] {
  const out = new Set<string>();
  for (const m of sentence.matchAll(COMMIT)) {
    // A bare call form names existing code as the owner ("implementing click.edit() lock_files"):
    // only backticked code or plain names are promised objects.
    const rest = sentence
      .slice(m.index + m[0].length)
      .split(/(`[^`\n]*`)/)
      .map((part, i) => (i % 2 === 1 ? part : part.replace(/\b[A-Za-z_][\w.]*\([^()\n]*\)/g, ' ')))
      .join('');
    // Backticked spans may hold "(" or "," (`foo(a, b)`): mask them so the object is not cut inside.
    const masked = rest.replace(/`[^`\n]*`/g, (x) => x.replace(/[(),;:]/g, ' '));
    const end = OBJECT_END.exec(masked);
    const object = rest.slice(0, end ? end.index : rest.length);
    for (const sym of symbolsIn(object)) out.add(sym);
  }
  return [...out];
}

export function commitmentsOf(a: MessageAnalysis): Commitment[] {
  return a.memo('commitments', findCommitments);
}

function findCommitments(a: MessageAnalysis): Commitment[] {
  const out: Commitment[] = [];
  for (const s of a.codeSentences) {
    if (!CREATION_WORD.test(s) || HEDGED.test(s) || NEGATED.test(s)) continue;
    const symbols = promisedObjects(s);
    if (symbols.length) out.push({ message: a, sentence: s, symbols });
  }
  return out;
}

export const brokenCommitment = conversationHeuristic({
  name: 'broken_commitment',
  description: "Code symbols an agent promised to add in a first-person, unhedged, un-negated commitment (\"I'll add `foo`\", \"I'm adding foo_bar param\") that are absent from the added lines of that agent's final patch and never disowned later.",
  estimates: { symptom: 'broken_commitment' },
  needs: 'patch text',
  detect(t) {
    // A symbol is reported once per sender, at its first broken promise.
    const reported = new Set<string>();
    return evidenceFromMessages(t, (a, all) => brokenPromises(t, a, all, reported));
  },
});

/** The symbols this message promises that its sender's patch does not add (and the sender never disowns). */
function brokenPromises(t: Transcript, a: MessageAnalysis, all: readonly MessageAnalysis[], reported: Set<string>): string[] {
  const patch = patchOfSender(t, a.message.from);
  const parsed = patch ? parsePatch(patch) : null;
  if (!parsed) return [];
  const evidence: string[] = [];
  for (const c of commitmentsOf(a)) {
    for (const symbol of c.symbols) {
      const key = `${a.message.from}\u0000${symbol}`;
      if (reported.has(key) || containsSymbol(parsed.addedText, symbol) || disownedLater(all, a, symbol)) continue;
      reported.add(key);
      evidence.push(`message ${a.message.index} (${a.message.from}) promised \`${symbol}\`, absent from its patch (feature ${featureOfSender(t, a.message.from)}): "${quote(c.sentence)}"`);
    }
  }
  return evidence;
}

/** A later message of the same sender names the symbol in a negated sentence ("didn't touch foo"). */
function disownedLater(all: readonly MessageAnalysis[], promise: MessageAnalysis, symbol: string): boolean {
  return all.some(
    (b) =>
      b.message.from === promise.message.from &&
      b.message.index > promise.message.index &&
      b.codeSentences.some((s) => containsSymbol(s, symbol) && DISOWN.test(s)),
  );
}
