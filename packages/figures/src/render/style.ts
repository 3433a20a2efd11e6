import type { Config } from 'vega-lite';
import { FONT_FAMILY } from './fonts.js';
import { dataSubtitle, wilsonText } from './subtitle.js';

/**
 * Look shared by every figure: font, sizes, arm names and colours, axis titles, number format and the
 * data-provenance subtitle (which says loudly when the data are synthetic).
 */

export const AXIS_TITLES = {
  difficulty: 'Relative task difficulty (0 = easiest, 1 = hardest)',
  difficultyShort: 'Relative difficulty (0 = easiest, 1 = hardest)',
  success: "Success rate (both features' tests pass)",
  successShort: 'Success rate (both tests pass)',
} as const;

export const POOLED_MODEL = 'pooled';
export const POOLED_LABEL = 'All models (pooled)';

const ARM_LABELS: Record<string, string> = {
  solo: 'Solo',
  'coop-msg': 'Coop (with messaging)',
  'coop-nomsg': 'Coop (no messaging)',
  'coop-msg-git': 'Coop (messaging + git)',
  'coop-nomsg-git': 'Coop (no messaging, git)',
  team: 'Team',
};
const ARM_ORDER = ['solo', 'coop-msg', 'coop-nomsg', 'coop-msg-git', 'coop-nomsg-git', 'team'];
const ARM_COLORS: Record<string, string> = {
  solo: '#2166ac',
  'coop-msg': '#d6604d',
  'coop-nomsg': '#7b3294',
  'coop-msg-git': '#1b9e77',
  'coop-nomsg-git': '#b8860b',
  team: '#4d4d4d',
};
const EXTRA_COLORS = ['#e7298a', '#66a61e', '#a6761d', '#1f78b4', '#666666'];

/** Human name of an arm; custom arms keep their id. */
export function armLabel(arm: string): string {
  return ARM_LABELS[arm] ?? arm;
}

/** Solo first, then the known arms in a fixed order, then custom arms alphabetically. */
export function sortArms(arms: Iterable<string>): string[] {
  const rank = (a: string) => {
    const i = ARM_ORDER.indexOf(a);
    return i === -1 ? ARM_ORDER.length : i;
  };
  return [...new Set(arms)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** A stable colour per arm (custom arms take the extra colours in their sorted order). */
export function armColors(arms: readonly string[]): string[] {
  let extra = 0;
  return arms.map((a) => ARM_COLORS[a] ?? EXTRA_COLORS[extra++ % EXTRA_COLORS.length]!);
}

/** The coop arm the paper's gap is about: coop with messaging if present, else the first non-solo arm. */
export function mainCoopArm(arms: readonly string[]): string | null {
  if (arms.includes('coop-msg')) return 'coop-msg';
  return sortArms(arms).find((a) => a !== 'solo') ?? null;
}

export function fmt2(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(2);
}

export function modelLabel(model: string): string {
  return model === POOLED_MODEL ? POOLED_LABEL : model;
}

export interface Provenance {
  records: number;
  synthetic_records: number;
  runs: number;
  models: number;
  confidence: number;
  source: string;
  /** The marks that show the Wilson intervals, as this figure draws them (e.g. "whiskers"). */
  intervals: string;
}

/**
 * Subtitle lines under a figure's title: where the numbers come from; a red SYNTHETIC line when any
 * record is synthetic, a red NO DATA line when there are none.
 */
export function provenanceSubtitle(p: Provenance): { lines: string[]; color: string } {
  const detail = `${p.records} run records from ${p.runs} runs, ${p.models} model${p.models === 1 ? '' : 's'} (${p.source}); ${p.intervals}: ${wilsonText(p.confidence)} intervals`;
  return dataSubtitle(p.records, p.synthetic_records, p.source, [detail]);
}

/** vega-lite config shared by all figures. */
export function baseConfig(): Config {
  return {
    font: FONT_FAMILY,
    background: 'white',
    padding: 12,
    view: { stroke: '#bbbbbb' },
    axis: { labelFontSize: 12, titleFontSize: 13, titleFontWeight: 'normal', titleColor: '#222222', labelColor: '#222222', gridColor: '#e6e6e6' },
    legend: { labelFontSize: 12, titleFontSize: 12, labelLimit: 420, symbolStrokeWidth: 2.5 },
    header: { labelFontSize: 12, titleFontSize: 12 },
    title: { fontSize: 17, subtitleFontSize: 13, anchor: 'start', offset: 10, subtitlePadding: 4 },
    concat: { spacing: 40 },
  };
}
