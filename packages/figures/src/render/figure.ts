import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { writeFileAtomic } from '@cooperbench-repro/contracts';
import { toCsv, type CsvRow } from './csv.js';
import { FONT_FILES, type FontStyle } from './fonts.js';

/** What a figure module builds from its data: the chart and the rows it plots. */
export interface FigureDefinition {
  /** File stem under the output directory, e.g. `fig4`. */
  name: string;
  title: string;
  spec: TopLevelSpec;
  csv: { columns: readonly string[]; rows: readonly CsvRow[] };
}

/** Options of a figure drawn beside the paper's values. */
export interface PaperFigureOptions {
  /** Show the paper's values as reference rows (default true). */
  paperReference?: boolean;
  /** How the data file is named in the figure's subtitle (default: the stage's output file). */
  source?: string;
}

/** A figure from its data step and its spec, with the paper reference on unless turned off. */
export function paperFigure<F, D extends { csv: CsvRow[] }>(
  def: { name: string; title: string; columns: readonly string[]; defaultSource: string; data: (file: F, o: { paperReference: boolean; source: string }) => D; spec: (d: D) => TopLevelSpec },
  file: F,
  opts: PaperFigureOptions,
): FigureDefinition {
  const d = def.data(file, { paperReference: opts.paperReference ?? true, source: opts.source ?? def.defaultSource });
  return { name: def.name, title: def.title, spec: def.spec(d), csv: { columns: def.columns, rows: d.csv } };
}

/**
 * Puts the data profile's label (data/real/sources.json `label`) on the first line of the figure's
 * subtitle, so a figure from real runs names them and can never be mistaken for the demo.
 */
export function withDataLabel(fig: FigureDefinition, label: string): FigureDefinition {
  const title = fig.spec.title;
  if (!title || typeof title !== 'object' || Array.isArray(title)) return fig;
  const subtitle = title.subtitle === undefined ? [] : Array.isArray(title.subtitle) ? title.subtitle : [title.subtitle];
  return { ...fig, spec: { ...fig.spec, title: { ...title, subtitle: [`Data: ${label}`, ...subtitle] } } as TopLevelSpec };
}

export interface RenderedFigure {
  svg: string;
  png: Buffer;
  pdf: Buffer;
  csv: string;
  width: number;
  height: number;
  warnings: string[];
}

/** The modules a figure is drawn with: imported on first use, so the table commands never load vega or pdfkit. */
async function renderModules() {
  const { drawPng, warmPngThread } = await import('./png-thread.js');
  warmPngThread(); // first, so the PNG thread loads resvg while this thread loads the rest
  const [{ specToSvg }, { svgSize }, { svgToPdf }, { parsedFont }] = await Promise.all([import('./svg.js'), import('./svg-size.js'), import('./pdf.js'), import('./parsed-font.js')]);
  return { drawPng, specToSvg, svgSize, svgToPdf, parsedFont };
}

/**
 * Loads what drawing a figure needs (vega, pdfkit, the parsed fonts, the PNG thread) ahead of the first
 * figure: the figures command's `prepare`, which the pipeline calls while the stages still compute.
 */
export async function prepareRendering(): Promise<void> {
  const { parsedFont } = await renderModules();
  for (const style of Object.keys(FONT_FILES) as FontStyle[]) parsedFont(style);
}

/**
 * A figure's SVG with vega, then its PNG on the PNG thread (png-thread.ts) while its PDF is drawn here.
 * `pngScale` defaults to png.ts's PNG_SCALE.
 */
export async function renderFigure(fig: FigureDefinition, pngScale?: number): Promise<RenderedFigure> {
  const { drawPng, specToSvg, svgSize, svgToPdf } = await renderModules();
  const { svg, warnings } = await specToSvg(fig.spec);
  const { width, height } = svgSize(svg);
  const pngPending = drawPng(svg, pngScale);
  pngPending.catch(() => undefined); // still awaited below; only keeps a PDF failure from leaving it unhandled
  const pdf = await svgToPdf(svg, fig.title);
  const png = await pngPending;
  const csv = toCsv(fig.csv.columns, fig.csv.rows);
  return { svg, png, pdf, csv, width, height, warnings };
}

export interface WrittenFigure extends RenderedFigure {
  files: { svg: string; png: string; pdf: string; csv: string };
}

/** Renders and writes `<outDir>/<name>.{svg,png,pdf,csv}`, each atomically. */
export async function writeFigure(fig: FigureDefinition, outDir: string, pngScale?: number): Promise<WrittenFigure> {
  const rendered = await renderFigure(fig, pngScale);
  await mkdir(outDir, { recursive: true });
  const files = {
    svg: join(outDir, `${fig.name}.svg`),
    png: join(outDir, `${fig.name}.png`),
    pdf: join(outDir, `${fig.name}.pdf`),
    csv: join(outDir, `${fig.name}.csv`),
  };
  await writeFileAtomic(files.svg, rendered.svg);
  await writeFileAtomic(files.png, rendered.png);
  await writeFileAtomic(files.pdf, rendered.pdf);
  await writeFileAtomic(files.csv, rendered.csv);
  return { ...rendered, files };
}
