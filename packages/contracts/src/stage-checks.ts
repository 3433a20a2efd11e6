/**
 * Sanity checks of a stage output, run before it is written: every violated check is collected, and the
 * stage stops (exit 1) with all of them, each naming where it is. One set of checks for every stage.
 */

/** The total the checks compare a count against (one helper for every stage's checks). */
export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

export class StageCheckError extends Error {
  constructor(
    readonly stage: string,
    readonly problems: string[],
  ) {
    super(`${stage}: ${problems.length} check${problems.length === 1 ? '' : 's'} failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export class StageChecks {
  readonly problems: string[] = [];

  constructor(readonly stage: string) {}

  check(ok: boolean, message: () => string): void {
    if (!ok) this.problems.push(message());
  }

  /** k <= n, the rate is k/n, the interval lies in [0, 1] and contains the rate. */
  interval(where: string, iv: { successes: number; total: number; rate: number | null; ci_low: number | null; ci_high: number | null }): void {
    const { successes: k, total: n, rate, ci_low: lo, ci_high: hi } = iv;
    this.check(k <= n, () => `${where}: successes ${k} > total ${n}`);
    if (n === 0) return this.check(rate === null, () => `${where}: rate ${rate} with total 0`);
    this.check(rate !== null && Math.abs(rate - k / n) < 1e-12, () => `${where}: rate ${rate} is not ${k}/${n}`);
    this.rate(`${where} rate`, rate);
    this.check(lo !== null && hi !== null && lo >= 0 && hi <= 1 && lo <= (rate ?? NaN) + 1e-12 && (rate ?? NaN) <= hi + 1e-12, () => `${where}: interval [${lo}, ${hi}] does not contain ${rate} within [0, 1]`);
  }

  /** A rate, share or AUC: null or in [0, 1]. */
  rate(where: string, x: number | null): void {
    this.check(x === null || (Number.isFinite(x) && x >= 0 && x <= 1), () => `${where}: ${x} outside [0, 1]`);
  }

  /** Retention: finite and non-negative, or null with a reason. */
  retention(where: string, x: number | null, note: string | null): void {
    this.check(x === null ? note !== null && note.length > 0 : Number.isFinite(x) && x >= 0, () => `${where}: retention ${x} neither finite nor explained`);
  }

  /** `why`: where the expected value comes from ("runs with outcome fail"), printed after it. */
  equal(where: string, actual: number, expected: number, why?: string): void {
    this.check(actual === expected, () => `${where}: ${actual}, expected ${expected}${why ? ` (${why})` : ''}`);
  }

  /** Throws a StageCheckError listing every problem found. */
  assert(): void {
    if (this.problems.length > 0) throw new StageCheckError(this.stage, this.problems);
  }
}

/** A group of checks over one stage output (its totals, its tables, ...), each adding what it finds. */
export type OutputCheck<T> = (checks: StageChecks, output: T) => void;

/** Runs every group of checks on `output` under the stage's name; `.assert()` on the result throws. */
export function runStageChecks<T>(stage: string, output: T, groups: readonly OutputCheck<T>[]): StageChecks {
  const checks = new StageChecks(stage);
  for (const group of groups) group(checks, output);
  return checks;
}
