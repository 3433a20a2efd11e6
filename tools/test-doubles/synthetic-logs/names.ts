import { ARM_PATTERN, isSafeName } from '@cooperbench-repro/contracts';

/**
 * Names that become path segments are checked here, before any path is built: a run, repo or model
 * string taken from a subset file or the command line must not be able to leave the log root.
 */

const RUN_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const REPO_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*_task$/;

export class InvalidNameError extends Error {
  constructor(kind: string, value: unknown, expected: string) {
    super(`${kind} ${JSON.stringify(value)}: expected ${expected}`);
    this.name = 'InvalidNameError';
  }
}

export function assertRunName(name: string): string {
  if (!RUN_NAME.test(name) || !isSafeName(name)) throw new InvalidNameError('run name', name, 'letters, digits, _ . - (at most 128, not starting with . or -)');
  return name;
}

export function assertRepoName(name: string): string {
  if (!REPO_NAME.test(name) || !isSafeName(name)) throw new InvalidNameError('repo', name, 'a directory name ending in _task, e.g. dspy_task');
  return name;
}

export function assertTaskId(id: unknown): number {
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) throw new InvalidNameError('task_id', id, 'a non-negative integer');
  return id;
}

/** A pair as upstream names its directory: two distinct non-negative feature ids, returned sorted. */
export function assertFeaturePair(pair: unknown): [number, number] {
  if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((f) => typeof f === 'number' && Number.isSafeInteger(f) && f >= 0) || pair[0] === pair[1]) {
    throw new InvalidNameError('pair', pair, 'two distinct non-negative integer feature ids, e.g. [6, 7]');
  }
  const [a, b] = pair as [number, number];
  return a < b ? [a, b] : [b, a];
}

export function assertArm(arm: string): string {
  if (!ARM_PATTERN.test(arm)) throw new InvalidNameError('arm', arm, 'solo, coop-msg, coop-nomsg or another arm starting with solo-, coop- or team-');
  return arm;
}
