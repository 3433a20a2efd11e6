import { pairDirRefOf } from './discover.js';
import { runPairJob, type PairJob, type PairJobResult } from './pair-job.js';
import type { RunContext } from './run-context.js';

/**
 * Pair jobs shared by the threads of a collection: every thread (the main one and the workers) has the
 * whole list and claims the next chunk from one counter in shared memory. A thread never waits for
 * another to hand it work, and the load balances itself: a chunk of re-parsed pairs (~1 ms each) and a
 * chunk of stat-only checks (~20 µs each) are claimed alike. The list travels as arrays of strings,
 * which a worker receives in a few ms (the same jobs as objects took ~80 ms).
 */
export interface SharedJobs {
  root: string;
  relDirs: string[];
  /** Each job's `previous` (null: none), as three arrays. */
  previousStats: (string | null)[];
  previousDirs: (string | null)[];
  previousNames: (string | null)[];
  listedSince: number;
  contexts: Record<string, RunContext>;
  /** [0]: index of the next unclaimed job (an Int32Array on a SharedArrayBuffer). */
  next: Int32Array;
}

/** Small, so that the last chunks end close together; a claim is one atomic add. */
const CHUNK = 16;

export function shareJobs(root: string, jobs: readonly PairJob[], contexts: Map<string, RunContext>, listedSince: number): SharedJobs {
  return {
    root,
    relDirs: jobs.map((j) => j.ref.relDir),
    previousStats: jobs.map((j) => j.previous?.stat ?? null),
    previousDirs: jobs.map((j) => j.previous?.listing.dir ?? null),
    previousNames: jobs.map((j) => j.previous?.listing.names ?? null),
    listedSince,
    contexts: Object.fromEntries(contexts),
    next: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)),
  };
}

/** The job at `i`, rebuilt from the shared strings (a worker); the main thread passes its own list instead. */
export function sharedJobAt(shared: SharedJobs, i: number): PairJob {
  const ref = pairDirRefOf(shared.root, shared.relDirs[i]!);
  const stat = shared.previousStats[i]!;
  return { ref, run: ref.run, previous: stat === null ? null : { stat, listing: { dir: shared.previousDirs[i]!, names: shared.previousNames[i]! } } };
}

/**
 * Claims and runs chunks until no job is left (returns true) or `pause()` asks to stop after a chunk
 * (returns false; call again to go on). `onChunk` gets each chunk's first job index and its results.
 */
export function runClaimedChunks(
  shared: SharedJobs,
  jobAt: (i: number) => PairJob,
  onChunk: (start: number, results: PairJobResult[]) => void,
  pause: () => boolean = () => false,
): boolean {
  const count = shared.relDirs.length;
  for (;;) {
    const start = Atomics.add(shared.next, 0, CHUNK);
    if (start >= count) return true;
    const end = Math.min(start + CHUNK, count);
    const results: PairJobResult[] = [];
    for (let i = start; i < end; i++) {
      const job = jobAt(i);
      results.push(runPairJob(job, shared.contexts[job.run]!, shared.listedSince));
    }
    onChunk(start, results);
    if (pause()) return false;
  }
}
