import { appendFileSync } from 'node:fs';
import type { PairSpec } from '../synthetic-logs/pairs.js';

/**
 * STANDIN_EXEC_LOG: one JSON line per pair execution and evaluation, so tests can count how often
 * each pair was really executed (upstream's files alone cannot tell a skip from a re-run).
 */

export type ExecEvent = 'agents-done' | 'eval-done' | 'eval-raised' | 'grandchild';

export interface ExecEntry {
  run: string | null;
  setting?: string;
  pair?: PairSpec;
  event: ExecEvent;
  pid?: number;
}

export function pairLabel(pair: PairSpec): string {
  return `${pair.repo}/${pair.task_id}/f${pair.features[0]}_f${pair.features[1]}`;
}

export function logExec(file: string | null, entry: ExecEntry): void {
  if (!file) return;
  const line = { run: entry.run, setting: entry.setting ?? null, pair: entry.pair ? pairLabel(entry.pair) : null, event: entry.event, pid: entry.pid ?? process.pid };
  // One short append per event: O_APPEND keeps lines from concurrent processes whole.
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}
