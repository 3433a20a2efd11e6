import { z } from 'zod';

/**
 * The fields of a z.object that are counts (whole numbers, never negative), named once:
 * `z.object({ ...countFields('tp', 'fp'), rate: z.number() })`.
 */
export function countFields<K extends string>(...names: readonly K[]): Record<K, z.ZodNumber> {
  return Object.fromEntries(names.map((n) => [n, z.number().int().nonnegative()])) as Record<K, z.ZodNumber>;
}
