import { expect, it } from 'vitest';
import type { SpeechAct } from '@cooperbench-repro/contracts';
import { evaluateLabelled, expectFloors, formatConfusion, HELD_OUT, LABELLED } from './test-support/support.js';

/**
 * Regression guard against the human-labelled speech-act sets (src/labelled/, written by someone else,
 * read-only here). Floors sit just below what the rules achieve today; raise them when the rules improve.
 * The held-out set (src/labelled/held-out-messages.json: 186 real messages from 44 conversations outside
 * the tuning set, labelled by reading them; README "Held-out set") was never used to tune the rules, so its
 * accuracy is the honest one; it is reported apart from the tuning set's.
 */

type Floor = [precision: number, recall: number];

/**
 * Per-act floors on the tuning set and on the held-out set. null: no floor, the held-out set has fewer than
 * 5 items of that act (Question 3, Ack 1, Other 2), too few to say anything. Achieved at writing:
 * - tuning set (249 items): Plan .843/.903, Question .966/.903, Answer .761/.729, Update .795/.738, Ack 1.0/.556, Other .333/.5; accuracy .819;
 *   with the shared question definition (contracts transcript-view.ts): Plan .857/.903, Question .967/.935, Answer .755/.771, Update .838/.738; accuracy .831
 * - held-out set: Plan .905/.835, Answer .481/.433, Update .788/.872; accuracy .774
 */
const FLOORS: Record<SpeechAct, { tuning: Floor; heldOut: Floor | null }> = {
  Plan: { tuning: [0.83, 0.88], heldOut: [0.88, 0.81] },
  Question: { tuning: [0.94, 0.9], heldOut: null },
  Answer: { tuning: [0.74, 0.74], heldOut: [0.45, 0.4] },
  Update: { tuning: [0.81, 0.71], heldOut: [0.76, 0.85] },
  Ack: { tuning: [0.95, 0.5], heldOut: null },
  Other: { tuning: [0.3, 0.45], heldOut: null },
};

const SETS = [
  { name: 'the human-labelled (tuning) set', file: LABELLED, floors: 'tuning', accuracy: 0.82, expectItems: (n: number) => expect(n).toBeGreaterThan(0) },
  { name: 'the held-out labelled set', file: HELD_OUT, floors: 'heldOut', accuracy: 0.75, expectItems: (n: number) => expect(n).toBe(186) },
] as const;

it.each(SETS.map((set) => [set.name, set] as const))('speech-act classifier vs %s: every locator still points at the labelled text; accuracy and per-act precision/recall stay above their floors', (_name, set) => {
  const e = evaluateLabelled(set.file);
  process.stdout.write(`\n${set.name} (${e.items} messages): confusion matrix (rows gold, columns predicted)\n${formatConfusion(e)}\n`);
  expect(e.hashMismatches).toEqual([]);
  set.expectItems(e.items);
  const floors = Object.entries(FLOORS).flatMap(([act, f]) => {
    const floor = f[set.floors];
    return floor ? [[act, { precision: floor[0], recall: floor[1] }] as const] : [];
  });
  expect(floors.length).toBeGreaterThan(0);
  expectFloors(e, Object.fromEntries(floors));
  expect(e.accuracy).toBeGreaterThanOrEqual(set.accuracy);
});
