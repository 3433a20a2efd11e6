/**
 * The parts of a fontkit GlyphRun that pdfkit reads. pdfkit scales `positions` in place once per
 * document (EmbeddedFont.layoutRun), so a remembered run is never handed out itself, only copies.
 */
interface GlyphRunLike {
  glyphs: unknown[];
  positions: object[];
}

interface LayoutFont {
  layout: (...args: never[]) => unknown;
}

/** A copy with the run's own class (its `advanceWidth` getter sums `positions`) and fresh positions. */
function copyRun(run: GlyphRunLike): GlyphRunLike {
  const positions = run.positions.map((p) => Object.assign(Object.create(Object.getPrototypeOf(p) as object) as object, p));
  return Object.assign(Object.create(Object.getPrototypeOf(run) as object) as GlyphRunLike, run, { glyphs: [...run.glyphs], positions });
}

/**
 * Makes `font.layout(text)` shape each distinct text once per process. The text measurer (vega's label
 * widths) and every PDF lay out the very same words through separate pdfkit documents, whose own caches
 * are per document, so without this each word was shaped (GSUB/GPOS) twice. Calls with features, script,
 * language or direction go straight to fontkit. Shaping is a pure function of the font and the text, so
 * the glyphs and positions are the same as fresh ones.
 */
export function memoizeLayout<F extends LayoutFont>(font: F): F {
  const shape = font.layout.bind(font) as (text: string, ...rest: unknown[]) => GlyphRunLike;
  const runs = new Map<string, GlyphRunLike>();
  const layout = (text: string, ...rest: unknown[]): GlyphRunLike => {
    if (typeof text !== 'string' || rest.some((x) => x !== undefined)) return shape(text, ...rest);
    let run = runs.get(text);
    if (!run) {
      run = shape(text);
      runs.set(text, run);
    }
    return copyRun(run);
  };
  (font as unknown as { layout: typeof layout }).layout = layout;
  return font;
}
