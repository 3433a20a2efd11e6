import type { Curve, DifficultyFile } from '@cooperbench-repro/contracts';
import { armLabel, fig4Data, fig4PerModelData, fig4PerModelSpec, fig4Spec, modelLabel, POOLED_MODEL } from '@cooperbench-repro/figures';
import type { TopLevelSpec } from 'vega-lite';
import { countedOutcomes, policyOf } from './policy.js';
import type { RunFilter, SelectionBook } from './selection.js';

/**
 * Figure 4 and its per-model panels (paper Fig. 7): each bar and curve point tagged with its records.
 * A plotted row is matched to the stage's interval by its numbers (midpoint, n, k) and, where two
 * arms share them, by the arm its printed names carry (arm label, series, line id "arm|era#...").
 */

type Row = Record<string, unknown>;
type Extra = { missing?: number; era?: string };
type Point = Curve['points'][number];

function baseFilter(data: DifficultyFile, model: string, arm: string, era: string | undefined): RunFilter {
  const f: RunFilter = { arm, outcome: countedOutcomes(policyOf(data.options)) };
  if (model !== POOLED_MODEL) f.model = model;
  if (era && era !== 'all-eras' && era !== 'solo') f.era = era;
  return f;
}

const missingOf = (iv: object) => (iv as Extra).missing ?? 0;

/** Does the row name this arm (and era) anywhere in its printed fields? */
function names(row: Row, arm: string, era: string | undefined): boolean {
  const id = typeof row['line_id'] === 'string' ? row['line_id'] : null;
  if (id) return id.split('#')[0] === `${arm}|${era ?? ''}` || id.split('|')[0] === arm;
  const label = armLabel(arm);
  return ['arm', 'marker', 'series'].some((k) => {
    const v = row[k];
    return typeof v === 'string' && (v === arm || v === label || v.startsWith(`${label}:`));
  });
}

function pickPoint(curves: Curve[], row: Row): { curve: Curve; point: Point } | null {
  const found = curves.flatMap((curve) =>
    curve.points.filter((p) => p.midpoint === row['midpoint'] && p.total === row['n'] && p.successes === row['k']).map((point) => ({ curve, point })),
  );
  if (found.length <= 1) return found[0] ?? null;
  const named = found.filter((f) => names(row, f.curve.arm, (f.curve as Extra).era));
  return named.length === 1 ? named[0]! : null;
}

export function fig4Annotated(data: DifficultyFile, opts: { paperReference: boolean; source: string }, book: SelectionBook): TopLevelSpec {
  const d = fig4Data(data, opts);
  for (const row of d.barRows as Row[]) {
    const found = data.overall.filter((x) => modelLabel(x.model) === row['model'] && x.total === row['n'] && x.successes === row['k'] && names(row, x.arm, undefined));
    const o = found.length === 1 ? found[0]! : null;
    if (!o) continue;
    const label = `Figure 4 (left): ${modelLabel(o.model)}, ${armLabel(o.arm)}`;
    book.add(row, { figure: 'fig4', label, filter: baseFilter(data, o.model, o.arm, (o as Extra).era), n: o.total, missing: missingOf(o) });
  }
  const pooled = data.curves.filter((c) => c.model === POOLED_MODEL);
  for (const row of d.curveRows as Row[]) {
    const hit = pickPoint(pooled, row);
    if (!hit) continue;
    const { curve, point } = hit;
    const label = `Figure 4 (right): all models, ${armLabel(curve.arm)}, difficulty bucket ${point.bucket} (midpoint ${point.midpoint})`;
    const filter = { ...baseFilter(data, POOLED_MODEL, curve.arm, (curve as Extra).era), bucket: point.bucket };
    book.add(row, { figure: 'fig4', label, filter, n: point.total, missing: missingOf(point) });
  }
  return fig4Spec(d);
}

export function fig4PerModelAnnotated(data: DifficultyFile, opts: { source: string }, book: SelectionBook): TopLevelSpec {
  const d = fig4PerModelData(data, opts);
  for (const panel of d.panels) {
    const curves = data.curves.filter((c) => c.model === panel.model);
    for (const row of panel.rows as Row[]) {
      const hit = pickPoint(curves, row);
      if (!hit) continue;
      const { curve, point } = hit;
      const label = `Figure 7: ${panel.model}, ${armLabel(curve.arm)}, difficulty bucket ${point.bucket} (midpoint ${point.midpoint})`;
      const filter = { ...baseFilter(data, panel.model, curve.arm, (curve as Extra).era), bucket: point.bucket };
      book.add(row, { figure: 'fig4-per-model', label, filter, n: point.total, missing: missingOf(point) });
    }
  }
  return fig4PerModelSpec(d);
}
