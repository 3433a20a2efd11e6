import type { DifficultyFile } from '@cooperbench-repro/contracts';
import { INTERVAL_COLUMNS } from './csv.js';
import { POOLED_MODEL, armColors, armLabel, sortArms } from './style.js';

/**
 * The series of the difficulty figures (Fig. 4 and its per-model version): one per arm and, when the
 * data hold coop results of more than one eval era (eras: split), one per arm and era. Each series has
 * a label, a colour (its arm's) and a marker shape (distinct within the figure, so series that
 * coincide stay visible); points are offset along x per series for the same reason.
 */

/** The CSV columns of one difficulty curve point, shared by Fig. 4 and its per-model version. */
export const DIFFICULTY_CURVE_COLUMNS = [
  'model',
  'arm',
  'label',
  'bucket',
  'midpoint',
  ...INTERVAL_COLUMNS,
  'auc',
  'retention',
  'era',
  'missing',
  'solo_agent1',
] as const;

export interface Series {
  arm: string;
  era: string;
  key: string;
  label: string;
  color: string;
  shape: string;
  /** x offset of this series' points (in difficulty units). */
  dx: number;
}

const SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'triangle-down', 'cross', 'triangle-left', 'triangle-right'];
const ERA_SHORT: Record<string, string> = { 'union-era': 'upstream ≤ 0.0.15', 'agent1-era': 'upstream ≥ 0.0.16', 'all-eras': 'eras pooled', unknown: 'era unknown' };
/** Spread between neighbouring series' points (about 6 px on a 460 px axis), all of them within 0.08 of a 0.1 bucket. */
export const SERIES_DX = 0.013;
const MAX_SPREAD = 0.08;

/** A colour mixed toward white by `f` (the older eval era's series of an arm are drawn lighter). */
function lighten(hex: string, f: number): string {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `#${c.map((v) => Math.round(v + (255 - v) * f).toString(16).padStart(2, '0')).join('')}`;
}

export const seriesKey = (arm: string, era: string) => `${arm}|${era}`;

export function difficultySeries(data: DifficultyFile, rows: readonly { arm: string; era: string }[]): Series[] {
  const coopEras = new Set([...data.curves, ...data.overall].filter((c) => c.era !== 'solo').map((c) => c.era));
  const multiEra = coopEras.size > 1;
  const arms = sortArms(rows.map((r) => r.arm));
  const colors = armColors(arms);
  const pairs = arms.flatMap((arm) => [...new Set(rows.filter((r) => r.arm === arm).map((r) => r.era))].sort().map((era) => ({ arm, era })));
  const dx = pairs.length > 1 ? Math.min(SERIES_DX, MAX_SPREAD / (pairs.length - 1)) : 0;
  return pairs.map(({ arm, era }, i) => ({
    arm,
    era,
    key: seriesKey(arm, era),
    label: multiEra && era !== 'solo' ? `${armLabel(arm)}, ${ERA_SHORT[era] ?? era}` : armLabel(arm),
    color: multiEra && era === 'union-era' ? lighten(colors[arms.indexOf(arm)]!, 0.45) : colors[arms.indexOf(arm)]!,
    shape: SHAPES[i % SHAPES.length]!,
    dx: Number(((i - (pairs.length - 1) / 2) * dx).toFixed(6)),
  }));
}

/** Models named in a caption: "1 model (x)" or "3 models". */
export function modelsText(models: readonly string[]): string {
  return models.length === 1 ? `1 model (${models[0]})` : `${models.length} models`;
}

/** Models of the data (pooled excluded). */
export const modelsOf = (data: DifficultyFile) => [...new Set(data.overall.map((o) => o.model))].filter((m) => m !== POOLED_MODEL).sort();

/**
 * Segment ids that break a curve wherever a bucket between two points is empty: the line joins adjacent
 * populated buckets only, a point with no populated neighbour stands alone.
 */
export function segments(buckets: readonly number[]): number[] {
  let seg = 0;
  return buckets.map((b, i) => (i > 0 && b - buckets[i - 1]! > 1 ? ++seg : seg));
}

/** Caption lines wrapped at spaces to at most `max` characters (vega-lite never wraps a subtitle). */
export function wrapLines(lines: readonly string[], max: number): string[] {
  return lines.flatMap((line) => {
    const out: string[] = [];
    let cur = '';
    for (const word of line.split(' ')) {
      if (cur.length > 0 && cur.length + 1 + word.length > max) {
        out.push(cur);
        cur = `  ${word}`;
      } else cur = cur.length > 0 ? `${cur} ${word}` : word;
    }
    return [...out, cur];
  });
}
