import { expect } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SPEECH_ACTS, minimalRunRecord, type Message, type RunRecord, type SpeechAct } from '@cooperbench-repro/contracts';
import { publicPath } from '@cooperbench-repro/public-data';
import { classifyConversation } from '../speech-acts.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
export const WORKSPACE = resolve(HERE, '../../../..');
export const LABELLED = resolve(HERE, '../labelled/labelled-messages.json');
/** Labelled later, from conversations outside the tuning set, and never used to tune the rules. */
export const HELD_OUT = resolve(HERE, '../labelled/held-out-messages.json');

export const msg = (from: string, text: string, timestamp: number | null = null, to?: string): Message => ({
  from,
  to: to ?? (from === 'agent1' ? 'agent2' : 'agent1'),
  feature_id: from === 'agent1' ? 1 : 2,
  text,
  timestamp,
});

/** A minimal valid coop run record; only what the communication stage reads is meaningful. */
export function coopRecord(over: Partial<RunRecord> & { arm: string; task_id: number }): RunRecord {
  const base = minimalRunRecord(over.arm, 'm', ['repo_task', over.task_id, 1, 2], 'fail', {
    record_id: `r/${over.arm}/${over.task_id}`,
    run: 'r',
    setting: 'coop',
    eval_format: 'naive-union',
    total_steps: 10,
    merge: { status: null, strategy: null, outcome: 'clean', naive_conflict: false },
    messaging_enabled: !over.arm.includes('nomsg'),
  });
  const r = { ...base, ...over };
  return { ...r, message_count: r.messages.length };
}

interface LabelledItem {
  source: string;
  locator: { file: string; record_index?: number; message_index: number };
  label: SpeechAct;
  text_sha256: string;
}

export interface LabelledEvaluation {
  items: number;
  hashMismatches: string[];
  confusion: Record<SpeechAct, Record<SpeechAct, number>>;
  perClass: Record<SpeechAct, { precision: number | null; recall: number | null; support: number }>;
  accuracy: number;
}

type RawMessage = { from: string; to: string; message?: string; text?: string; timestamp?: number | null; feature_id?: number | null };

/** Classify every labelled message in its conversation (read by locator through the public-data resolver) and compare. */
export function evaluateLabelled(file: string = LABELLED): LabelledEvaluation {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { items: LabelledItem[] } | LabelledItem[];
  const items = Array.isArray(doc) ? doc : doc.items;
  const files = new Map<string, unknown>();
  const conversations = new Map<string, ReturnType<typeof classifyConversation>>();
  const confusion = Object.fromEntries(SPEECH_ACTS.map((g) => [g, Object.fromEntries(SPEECH_ACTS.map((p) => [p, 0]))])) as Record<SpeechAct, Record<SpeechAct, number>>;
  const hashMismatches: string[] = [];
  let correct = 0;
  for (const item of items) {
    const { file, record_index, message_index } = item.locator;
    if (!files.has(file)) files.set(file, JSON.parse(readFileSync(publicPath(file), 'utf8')));
    const data = files.get(file);
    const raw = (record_index === undefined ? data : (data as { messages: RawMessage[] }[])[record_index]!.messages) as RawMessage[];
    const messages: Message[] = raw.map((m) => ({ from: m.from, to: m.to, feature_id: m.feature_id ?? null, text: m.text ?? m.message ?? '', timestamp: m.timestamp ?? null }));
    const text = messages[message_index]!.text;
    if (createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16) !== item.text_sha256) hashMismatches.push(`${file}#${record_index ?? ''}/${message_index}`);
    const key = `${file}#${record_index ?? ''}`;
    if (!conversations.has(key)) conversations.set(key, classifyConversation(messages));
    const predicted = conversations.get(key)!.messages.find((m) => m.index === message_index)!.act;
    confusion[item.label][predicted]++;
    if (predicted === item.label) correct++;
  }
  const perClass = Object.fromEntries(
    SPEECH_ACTS.map((a) => {
      const tp = confusion[a][a];
      const predicted = SPEECH_ACTS.reduce((s, g) => s + confusion[g][a], 0);
      const support = SPEECH_ACTS.reduce((s, p) => s + confusion[a][p], 0);
      return [a, { precision: predicted ? tp / predicted : null, recall: support ? tp / support : null, support }];
    }),
  ) as LabelledEvaluation['perClass'];
  return { items: items.length, hashMismatches, confusion, perClass, accuracy: correct / items.length };
}

export function formatConfusion(e: LabelledEvaluation): string {
  const pad = (s: string | number, n = 9) => String(s).padStart(n);
  const rows = [`${pad('gold\\pred')}${SPEECH_ACTS.map((a) => pad(a)).join('')}`];
  for (const g of SPEECH_ACTS) rows.push(`${pad(g)}${SPEECH_ACTS.map((p) => pad(e.confusion[g][p])).join('')}`);
  rows.push('', ...SPEECH_ACTS.map((a) => `${pad(a)} precision ${e.perClass[a].precision?.toFixed(3) ?? 'n/a'} recall ${e.perClass[a].recall?.toFixed(3) ?? 'n/a'} (support ${e.perClass[a].support})`));
  rows.push(`accuracy ${e.accuracy.toFixed(3)} on ${e.items} items`);
  return rows.join('\n');
}

/** Per-act precision and recall at or above their floors (soft: every miss is reported). */
export function expectFloors(e: LabelledEvaluation, floors: Record<string, { precision: number; recall: number }>): void {
  for (const [act, floor] of Object.entries(floors)) {
    const got = e.perClass[act as keyof typeof e.perClass];
    expect.soft(got.precision ?? 0, `${act} precision`).toBeGreaterThanOrEqual(floor.precision);
    expect.soft(got.recall ?? 0, `${act} recall`).toBeGreaterThanOrEqual(floor.recall);
  }
}
