import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeJsonAtomic } from '@cooperbench-repro/contracts';
import type { RunStatus } from './pair-status.js';

/**
 * What a run has cost so far, over every execution of every pair, not only the result.json files
 * there now: upstream re-runs a pair whose agents ended in Error in place, overwriting the
 * result.json (and its cost) of the earlier execution; a retried or killed attempt's finished pairs
 * cost money too. The ledger notes each distinct result.json it sees (by a hash of its bytes) with its
 * cost, and is saved in the run directory before every attempt, i.e. before upstream can overwrite
 * anything, so the spend survives re-runs and resumes. A pair killed before it wrote result.json has
 * no recorded cost (upstream writes it only when the pair ends) and cannot be counted.
 */
export const SPEND_FILE = '.cooperbench-repro.spend.json';

export interface SpendLedger {
  runDir: string;
  /** `<pair path in the run>#<result hash>` -> total_cost of that execution. */
  executions: Map<string, number>;
  dirty: boolean;
}

export function loadLedger(runDir: string): SpendLedger {
  const executions = new Map<string, number>();
  try {
    const saved = JSON.parse(readFileSync(join(runDir, SPEND_FILE), 'utf8')) as { executions?: Record<string, unknown> };
    for (const [k, v] of Object.entries(saved.executions ?? {})) if (typeof v === 'number' && Number.isFinite(v)) executions.set(k, v);
  } catch {
    // none yet (or unreadable): start from what the files say now
  }
  return { runDir, executions, dirty: false };
}

/** Adds the executions in `status` the ledger has not seen; returns the ledger's total. */
export function noteExecutions(ledger: SpendLedger, status: RunStatus): number {
  for (const p of status.pairs) {
    if (p.resultId === null) continue;
    const key = `${relative(ledger.runDir, p.dir)}#${p.resultId}`;
    if (!ledger.executions.has(key)) {
      ledger.executions.set(key, p.cost);
      ledger.dirty = true;
    }
  }
  return ledgerTotal(ledger);
}

export function ledgerTotal(ledger: SpendLedger): number {
  let n = 0;
  for (const c of ledger.executions.values()) n += c;
  return n;
}

export async function saveLedger(ledger: SpendLedger): Promise<void> {
  if (!ledger.dirty) return;
  ledger.dirty = false;
  await writeJsonAtomic(join(ledger.runDir, SPEND_FILE), {
    schema: 'cooperbench-repro/runner-spend@1',
    note: 'cost of every pair execution the runner has seen in this run (re-runs overwrite result.json); written by the cooperbench-repro runner',
    executions: Object.fromEntries(ledger.executions),
  });
}
