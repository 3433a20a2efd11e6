import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { writeFileAtomic } from '@cooperbench-repro/contracts';
import { toCsv, type CsvRow } from './csv.js';

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

/**
 * vega, resvg and pdfkit are imported when a figure is rendered, not when this file is: the table
 * commands share the CLI and never pay for loading them (about a third of a figure process's start-up).
 * `pngScale` defaults to png.ts's PNG_SCALE.
 */
export async function renderFigure(fig: FigureDefinition, pngScale?: number): Promise<RenderedFigure> {
  const [{ specToSvg, svgSize }, { svgToPngAsync }] = await Promise.all([import('./svg.js'), import('./png.js')]);
  const { svg, warnings } = await specToSvg(fig.spec);
  const { width, height } = svgSize(svg);
  // resvg rasterizes on a pool thread while this thread loads svg-to-pdfkit and builds the PDF (the PNG is
  // the longer of the two, so neither is on the critical path any more).
  const pngPending = svgToPngAsync(svg, pngScale);
  pngPending.catch(() => undefined); // still awaited below; only keeps a PDF failure from leaving it unhandled
  const { svgToPdf } = await import('./pdf.js');
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
