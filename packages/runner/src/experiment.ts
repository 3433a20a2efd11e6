import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ArmSchema, DataFileError, formatFieldPath, issuesFromZod, parseJsonText, type FieldIssue } from '@cooperbench-repro/contracts';
import { nearest } from './did-you-mean.js';

/**
 * The declarative experiment file (JSON or YAML) that drives a whole matrix of upstream invocations:
 * one per (model, arm, seed). Relative paths in it are relative to the current directory (the
 * workspace root under Nx). Every object level is strict: an unknown key (a typo such as
 * `budget_usb`) is an error that names the key and the nearest known one, never silently ignored.
 */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export const PairSpecSchema = z.strictObject({
  repo: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*_task$/, 'a repository directory name ending in _task'),
  task_id: z.number().int().nonnegative(),
  features: z.tuple([z.number().int().positive(), z.number().int().positive()]),
});
export type PairSpec = z.infer<typeof PairSpecSchema>;

const unique = (list: readonly unknown[]) => new Set(list).size === list.length;

const EvalOptionsSchema = z.strictObject({
  auto: z.boolean().default(true),
  concurrency: z.number().int().positive().default(10),
});

const RetriesSchema = z.strictObject({
  /** Further attempts after an infrastructure failure (crash, timeout, agents ended in Error). */
  max: z.number().int().nonnegative().default(2),
  backoff_seconds: z.number().nonnegative().default(30),
});

const ExperimentObjectSchema = z.strictObject({
    /** Prefix of every run name; keep it short and unique per experiment. */
    name: z.string().regex(NAME, 'letters, digits, _ . - (it becomes part of directory names)'),
    /** A subset under <dataset_dir>/subsets/<subset>.json ... */
    subset: z.string().regex(NAME, 'a subset name such as lite or flash').nullable().default(null),
    /** ... or an explicit list of pairs (written to a generated subset file for upstream). */
    pairs: z.array(PairSpecSchema).min(1).nullable().default(null),
    dataset_dir: z.string().default('dataset'),
    log_dir: z.string().default('data/logs'),
    models: z.array(z.string().min(1)).min(1).refine(unique, 'each model listed once'),
    arms: z.array(ArmSchema).min(1).refine(unique, 'each arm listed once'),
    /** Seeds of the solo arm (repeated solo runs of the same pairs define difficulty). */
    solo_seeds: z.array(z.number().int().nonnegative()).min(1).refine(unique, 'each seed listed once').default([0]),
    /** Seeds of every other arm. */
    coop_seeds: z.array(z.number().int().nonnegative()).min(1).refine(unique, 'each seed listed once').default([0]),
    agent: z.string().min(1).default('mini_swe_agent_v2'),
    /** Upstream `-c`: agents running at once inside one invocation. */
    concurrency: z.number().int().positive().default(4),
    /** Upstream invocations running at once (p-limit on top of `-c`). */
    parallel_invocations: z.number().int().positive().default(1),
    backend: z.enum(['docker', 'modal', 'gcp']).default('docker'),
    eval: EvalOptionsSchema.default({ auto: true, concurrency: 10 }),
    /** Stop scheduling new invocations once the spend reaches this many USD. */
    budget_usd: z.number().positive().nullable().default(null),
    /** The upstream executable, or an argv prefix such as ["python", "-m", "cooperbench"]. */
    cooperbench: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).default('cooperbench'),
    /** Extra flags appended to every `cooperbench run` (for example ["--agent-config", "cfg.yaml"]). */
    extra_flags: z.array(z.string()).default([]),
    /** Kill an invocation that runs longer than this (hung child). */
    timeout_minutes: z.number().positive().nullable().default(null),
    retries: RetriesSchema.default({ max: 2, backoff_seconds: 30 }),
});

export const ExperimentSchema = ExperimentObjectSchema.refine((e) => (e.subset === null) !== (e.pairs === null), { message: 'exactly one of subset or pairs', path: ['subset'] });
export type Experiment = z.infer<typeof ExperimentSchema>;

/** The keys allowed at a path of the experiment (array indices ignored), for "did you mean". */
function knownKeysAt(path: readonly PropertyKey[]): string[] {
  const named = path.filter((p) => typeof p === 'string').join('.');
  const shape = { '': ExperimentObjectSchema.shape, eval: EvalOptionsSchema.shape, retries: RetriesSchema.shape, pairs: PairSpecSchema.shape }[named];
  return shape ? Object.keys(shape) : [];
}

/** Field issues of a failed parse; each unknown key is its own issue, with the nearest known key. */
function experimentIssues(error: z.ZodError): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code !== 'unrecognized_keys') {
      issues.push(...issuesFromZod(new z.ZodError([issue])));
      continue;
    }
    const known = knownKeysAt(issue.path);
    for (const key of issue.keys) {
      const guess = nearest(key, known);
      issues.push({
        field: formatFieldPath([...issue.path, key]),
        expected: 'a known key',
        message: `unknown key ${key}; ${guess ? `did you mean ${guess}?` : `known keys: ${known.join(', ')}`}`,
      });
    }
  }
  return issues;
}

export function parseExperiment(file: string, text: string): Experiment {
  let raw: unknown;
  if (['.yaml', '.yml'].includes(extname(file).toLowerCase())) {
    try {
      raw = parseYaml(text);
    } catch (err) {
      throw new DataFileError(file, [{ field: null, expected: 'valid YAML', message: (err as Error).message }]);
    }
  } else {
    raw = parseJsonText(file, text);
  }
  const result = ExperimentSchema.safeParse(raw);
  if (!result.success) throw new DataFileError(file, experimentIssues(result.error));
  return result.data;
}

export function loadExperiment(file: string): Experiment {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new DataFileError(file, [{ field: null, expected: 'a readable experiment file (JSON or YAML)', message: (err as Error).message }]);
  }
  return parseExperiment(file, text);
}

/** The executable and leading arguments of the upstream CLI. */
export function cooperbenchCommand(e: Experiment): [string, ...string[]] {
  const argv = typeof e.cooperbench === 'string' ? [e.cooperbench] : e.cooperbench;
  return argv as [string, ...string[]];
}
