import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Experiment, PairSpec } from './experiment.js';
import { pairDir, type Invocation } from './plan.js';

/**
 * What the log files say about each expected pair of a run. The runner reads these files, never the
 * upstream's terminal output: upstream exits 0 even when every agent failed.
 *
 * pending: no result.json yet; agent-error: an agent ended in Error (upstream re-runs it in place);
 * needs-eval: finished but no (or a stale) eval.json; complete: result and a current eval;
 * unreadable: result.json exists but cannot be parsed (left alone and reported).
 */
export type PairState = 'pending' | 'agent-error' | 'needs-eval' | 'complete' | 'unreadable';

export interface PairStatus {
  pair: PairSpec;
  dir: string;
  state: PairState;
  cost: number;
  staleEval: boolean;
  /** Identifies this execution's result.json (a hash of its bytes): a re-run writes a new one. Null without one. */
  resultId: string | null;
}

export interface RunStatus {
  pairs: PairStatus[];
  counts: Record<PairState, number>;
  withResult: number;
  withEval: number;
  cost: number;
}

function readJson(file: string): Record<string, any> | null {
  return readJsonWithId(file)?.value ?? null;
}

function readJsonWithId(file: string): { value: Record<string, any>; id: string } | null {
  try {
    const bytes = readFileSync(file);
    const value = JSON.parse(bytes.toString('utf8')) as Record<string, any>;
    if (!value || typeof value !== 'object') return null;
    return { value, id: createHash('sha1').update(bytes).digest('hex') };
  } catch {
    return null;
  }
}

function agentStatuses(result: Record<string, any>): string[] {
  if (result.agent && typeof result.agent === 'object') return [String(result.agent.status)];
  if (result.agents && typeof result.agents === 'object') return Object.values(result.agents).map((a: any) => String(a?.status));
  return [];
}

export function pairStatus(e: Experiment, inv: Invocation, pair: PairSpec): PairStatus {
  const dir = pairDir(e, inv, pair);
  const resultFile = join(dir, 'result.json');
  if (!existsSync(resultFile)) return { pair, dir, state: 'pending', cost: 0, staleEval: false, resultId: null };
  const read = readJsonWithId(resultFile);
  if (!read) return { pair, dir, state: 'unreadable', cost: 0, staleEval: false, resultId: null };
  const { value: result, id: resultId } = read;
  const cost = typeof result.total_cost === 'number' && Number.isFinite(result.total_cost) ? result.total_cost : 0;
  if (agentStatuses(result).includes('Error')) return { pair, dir, state: 'agent-error', cost, staleEval: existsSync(join(dir, 'eval.json')), resultId };
  const ev = existsSync(join(dir, 'eval.json')) ? readJson(join(dir, 'eval.json')) : null;
  if (!ev) return { pair, dir, state: 'needs-eval', cost, staleEval: false, resultId };
  const endedAt = result.ended_at ?? result.started_at;
  const stale = typeof ev.evaluated_at === 'string' && typeof endedAt === 'string' && ev.evaluated_at < endedAt;
  return { pair, dir, state: stale ? 'needs-eval' : 'complete', cost, staleEval: stale, resultId };
}

export function runStatus(e: Experiment, inv: Invocation, pairs: PairSpec[]): RunStatus {
  const statuses = pairs.map((p) => pairStatus(e, inv, p));
  const counts: Record<PairState, number> = { pending: 0, 'agent-error': 0, 'needs-eval': 0, complete: 0, unreadable: 0 };
  for (const s of statuses) counts[s.state]++;
  return {
    pairs: statuses,
    counts,
    withResult: statuses.filter((s) => s.state !== 'pending').length,
    withEval: statuses.filter((s) => existsSync(join(s.dir, 'eval.json'))).length,
    cost: statuses.reduce((n, s) => n + s.cost, 0),
  };
}

/**
 * Upstream re-runs Error pairs in place but keeps their old eval.json, and its auto-eval then returns
 * that stale file. Move such files aside (never delete: they are the record of what happened) so the
 * re-run gets a fresh evaluation.
 */
export function setAsideStaleEvals(status: RunStatus): string[] {
  const moved: string[] = [];
  for (const s of status.pairs) {
    if (!s.staleEval) continue;
    // The first free name: earlier runner executions may have set other evals of this pair aside.
    let n = 1;
    while (existsSync(join(s.dir, `eval.stale-${n}.json`))) n++;
    const to = join(s.dir, `eval.stale-${n}.json`);
    renameSync(join(s.dir, 'eval.json'), to);
    moved.push(to);
  }
  return moved;
}
