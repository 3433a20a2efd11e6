/**
 * Small vega-lite building blocks shared by the figures: whiskers (error bars), bars with their whiskers
 * and value labels, the dashed rule above the paper's reference rows, and legends.
 *
 * Whiskers are a rule plus two ticks rather than vega-lite's composite `errorbar` mark. Checked with
 * vega-lite 6.4.3: `errorbar` now follows `xOffset` in grouped bars (it no longer centres on the group),
 * but it compiles to differently named marks and other tick sizes, so switching would change every
 * figure's SVG; this one helper keeps the output byte-identical.
 */

export const WHISKER_COLOR = '#333333';
const LABEL_COLOR = '#222222';

type Channel = 'x' | 'y';
/** The rest of a field definition for the whisker's channel (type, scale, title, axis). */
type FieldRest = { type: 'quantitative' } & Record<string, unknown>;

export interface WhiskerOptions {
  /** The value channel: 'y' for vertical bars, 'x' for horizontal ones. */
  channel: Channel;
  /** Spread into the ci_low / ci_high field definitions. */
  field: FieldRest;
  /** Tick length in pixels. */
  tickSize: number;
  /** Rows may have no interval (e.g. the paper's rows): filter them out of each layer. */
  nullable: boolean;
  /**
   * The enclosing layer encodes `color` (e.g. by arm): the whisker colour must then be set in the
   * encoding, because an inherited colour encoding wins over the mark's own colour.
   */
  inheritsColor?: boolean;
}

/** Rule from ci_low to ci_high plus a tick at each end, in WHISKER_COLOR. */
export function whiskerLayers(o: WhiskerOptions) {
  const filter = (f: string) => (o.nullable ? { transform: [{ filter: `datum.${f} !== null` }] } : {});
  const markColor = o.inheritsColor ? {} : { color: WHISKER_COLOR };
  const encColor = o.inheritsColor ? { color: { value: WHISKER_COLOR } } : {};
  const tick = (f: 'ci_low' | 'ci_high') => ({
    ...filter(f),
    mark: { type: 'tick' as const, thickness: 1.2, size: o.tickSize, ...markColor },
    encoding: { [o.channel]: { field: f, ...o.field }, ...encColor },
  });
  return [
    {
      ...filter('ci_low'),
      mark: { type: 'rule' as const, strokeWidth: 1.2, ...markColor },
      encoding: { [o.channel]: { field: 'ci_low', ...o.field }, [`${o.channel}2`]: { field: 'ci_high' }, ...encColor },
    },
    tick('ci_low'),
    tick('ci_high'),
  ];
}

/** A text mark for the value printed at the end of a horizontal bar. */
export function barLabelMark(fontSize: number) {
  return { type: 'text' as const, align: 'left' as const, baseline: 'middle' as const, dx: 4, fontSize, color: LABEL_COLOR };
}

/** The text layer of a horizontal bar chart: `label` printed at `label_x`. */
export function barLabelLayer(x: FieldRest, fontSize: number) {
  return {
    mark: barLabelMark(fontSize),
    encoding: { x: { field: 'label_x', ...x }, text: { field: 'label', type: 'nominal' as const } },
  };
}

/** Bars, their whiskers and their value labels (bar layer first, label last). */
export function barsWithWhiskers<B, L>(bar: B, whiskers: WhiskerOptions, label: L) {
  return [bar, ...whiskerLayers(whiskers), label];
}

/**
 * A dashed rule above the first of the paper's reference rows (`first`), separating them from ours;
 * nothing when there is no such row. `zeroOffset` pins it for bands split by yOffset.
 */
export function paperSeparator(first: string | null, order: readonly string[], zeroOffset = false) {
  if (first === null) return [];
  return [
    {
      data: { values: [{ row: first }] },
      mark: { type: 'rule' as const, color: '#888888', strokeDash: [4, 3], strokeWidth: 1 },
      encoding: {
        y: { field: 'row', type: 'nominal' as const, sort: [...order], bandPosition: 0 },
        ...(zeroOffset ? { yOffset: { value: 0 } } : {}),
      },
    },
  ];
}

/** Legend of line series (stroke symbols): on top in a row, or at the bottom in a column. */
export function lineLegend(orient: 'top' | 'bottom', symbolSize: number) {
  return {
    title: null,
    orient,
    direction: orient === 'top' ? ('horizontal' as const) : ('vertical' as const),
    symbolType: 'stroke',
    symbolSize,
    symbolStrokeWidth: 2.5,
    symbolOpacity: 1,
    labelFontSize: 12,
  };
}

/** Legend of bar series (square symbols). */
export function squareLegend(o: { title?: string | null; orient: 'top' | 'bottom' | 'right'; columns?: number; labelFontSize?: number }) {
  return {
    title: o.title ?? null,
    orient: o.orient,
    direction: o.orient === 'top' ? ('horizontal' as const) : ('vertical' as const),
    ...(o.columns !== undefined ? { columns: o.columns, columnPadding: 18 } : {}),
    symbolType: 'square',
    ...(o.labelFontSize !== undefined ? { labelFontSize: o.labelFontSize } : {}),
  };
}

/** Tooltip field definitions: [field, type, title?, format?]. */
export function tooltip(...fields: [string, 'nominal' | 'quantitative', string?, string?][]) {
  return fields.map(([field, type, title, format]) => ({
    field,
    type,
    ...(format !== undefined ? { format } : {}),
    ...(title !== undefined ? { title } : {}),
  }));
}
