/**
 * The two upstream eval semantics (doc section 3): up to 0.0.15 a naive conflict falls back to a union
 * merge (and an unresolvable one is an eval error); from 0.0.16 identical patches are tested once,
 * conflicts are not merged, and agent1's patch alone may pass both suites (`solo-agent1`).
 */
export const ERAS = ['identical-naive', 'naive-union'] as const;
export type Era = (typeof ERAS)[number];

/** The version recorded in the manifest; the collector decides ambiguous (clean/naive) evals from it. */
export const ERA_UPSTREAM_VERSION: Record<Era, string> = { 'identical-naive': '0.0.19', 'naive-union': '0.0.14' };

export function isEra(value: string): value is Era {
  return (ERAS as readonly string[]).includes(value);
}
