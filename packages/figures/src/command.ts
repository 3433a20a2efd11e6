import { isAbsolute, relative, resolve } from 'node:path';
import { DataFileError, DataSourcesSchema, EXIT_CODES_HELP, parseCommandLine, readJsonFileSync, UsageError, type ComparisonFile, type CommunicationFile, type DifficultyFile, type FailureModesFile, type OutcomesFile, defineCommand } from '@cooperbench-repro/contracts';
import { fig4 } from './figures/fig4/index.js';
import { fig4PerModel } from './figures/fig4-per-model/index.js';
import { fig5 } from './figures/fig5/index.js';
import { fig6 } from './figures/fig6/index.js';
import { perRepository, writePerRepositoryMarkdown } from './figures/per-repository/index.js';
import { publishedComparison } from './figures/published-comparison/index.js';
import { loadComparison, loadCommunication, loadDifficulty, loadFailureModes, loadOutcomes } from './load.js';
import type { FigureDefinition } from './render/figure.js';
import { prepareRendering, withDataLabel, writeFigure } from './render/figure.js';
import { writeFailureModesTable } from './tables/failure-modes.js';
import { writeMergeLadder } from './tables/merge-ladder.js';
import { writeQualitativeTable } from './tables/qualitative.js';
import { writeTable5 } from './tables/table5.js';

interface BuildOptions {
  paperReference: boolean;
  source: string;
}

/** Which data file a command reads, its default path, and how it is loaded. */
const INPUTS = {
  difficulty: { file: 'data/difficulty.json', load: loadDifficulty },
  communication: { file: 'data/communication.json', load: loadCommunication },
  'failure-modes': { file: 'data/failure-modes.json', load: loadFailureModes },
  outcomes: { file: 'data/outcomes.json', load: loadOutcomes },
  comparison: { file: 'data/comparison.json', load: loadComparison },
} as const;

type FigureCommand =
  | { kind: 'figure'; input: 'difficulty'; describe: string; build(data: DifficultyFile, opts: BuildOptions): FigureDefinition }
  | { kind: 'figure'; input: 'communication'; describe: string; build(data: CommunicationFile, opts: BuildOptions): FigureDefinition }
  | { kind: 'figure'; input: 'failure-modes'; describe: string; build(data: FailureModesFile, opts: BuildOptions): FigureDefinition }
  | { kind: 'figure'; input: 'comparison'; describe: string; build(data: ComparisonFile, opts: BuildOptions): FigureDefinition }
  | { kind: 'figure'; input: 'outcomes'; describe: string; build(data: OutcomesFile, opts: BuildOptions): FigureDefinition }
  | { kind: 'table'; input: 'communication' | 'failure-modes' | 'difficulty' | 'outcomes'; describe: string };

const FIGURES: Record<string, FigureCommand> = {
  fig4: {
    kind: 'figure',
    input: 'difficulty',
    describe: 'Solo vs coop per model (left) and pooled success vs relative difficulty (right), paper Figure 4',
    build: (data, opts) => fig4(data, opts),
  },
  'fig4-per-model': {
    kind: 'figure',
    input: 'difficulty',
    describe: 'one difficulty-curve panel per model, paper Figure 7',
    build: (data, opts) => fig4PerModel(data, { source: opts.source }),
  },
  fig5: {
    kind: 'figure',
    input: 'communication',
    describe: 'success and naive-merge conflicts with vs without messaging, communication share by speech act, paper Figure 5',
    build: (data, opts) => fig5(data, opts),
  },
  table5: {
    kind: 'table',
    input: 'difficulty',
    describe: 'Solo vs Coop success with Wilson intervals, AUC and retention beside the paper (Table 5) as <out>/table5.{md,tex,csv}',
  },
  'qualitative-table': {
    kind: 'table',
    input: 'communication',
    describe: 'qualitative coordination measures (paper §5) as <out>/qualitative.md and qualitative.tex',
  },
  fig6: {
    kind: 'figure',
    input: 'failure-modes',
    describe: 'communication errors per model (turns, repetition, unresponsiveness, hallucination), paper Figure 6',
    build: (data, opts) => fig6(data, opts),
  },
  'failure-modes-table': {
    kind: 'table',
    input: 'failure-modes',
    describe: 'failure symptoms and root causes (paper Tables 1 and 2) as <out>/failure-modes.md and failure-modes.tex',
  },
  'merge-ladder': {
    kind: 'table',
    input: 'outcomes',
    describe: 'merge-outcome ladder per model, arm and eval era beside the paper (Table 6) as <out>/merge-ladder.{md,tex,csv}',
  },
  'per-repository': {
    kind: 'figure',
    input: 'outcomes',
    describe: 'solo and coop success per repository, one panel per model; also <out>/per-repository.md',
    build: (data, opts) => perRepository(data, { source: opts.source }),
  },
  'published-comparison': {
    kind: 'figure',
    input: 'comparison',
    describe: 'own runs among the published models on the matched pairs, and the pair x model grid',
    build: (data) => publishedComparison(data),
  },
};

const HELP = `cooperbench-figures: render a figure as SVG, PNG, PDF and the CSV of its plotted data, or a table as Markdown and LaTeX

Usage:
  node packages/figures/dist/cli.js <figure or table> [options]

Figures and tables:
${Object.entries(FIGURES)
  .map(([name, f]) => `  ${name.padEnd(20)} ${f.describe}`)
  .join('\n')}

Options:
  --data FILE             input numbers (default data/difficulty.json for fig4*, data/communication.json
                          for fig5 and qualitative-table, data/failure-modes.json for fig6 and
                          failure-modes-table, data/comparison.json for published-comparison,
                          data/outcomes.json for merge-ladder and per-repository)
  --out DIR               output directory (default figures); writes <figure>.{svg,png,pdf,csv}
  --no-paper-reference    fig4, fig5, fig6, merge-ladder: leave out the paper's reference values
  --sources FILE          a data profile (e.g. data/real/sources.json): its label heads every figure's
                          subtitle and every table's source line
  -h, --help              this text

Exit codes: 0 written, 2 bad usage or unreadable/invalid input.
${EXIT_CODES_HELP}
`;

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandLine(argv, {
    data: { type: 'string' },
    out: { type: 'string', default: 'figures' },
    'no-paper-reference': { type: 'boolean', default: false },
    sources: { type: 'string' },
  });
  if (values.help) return void process.stdout.write(HELP);
  if (positionals.length !== 1) throw new UsageError(`expected exactly one figure name, got ${positionals.length}`);
  const name = positionals[0]!;
  const figure = FIGURES[name];
  if (!figure) throw new UsageError(`unknown figure ${JSON.stringify(name)}; expected one of ${Object.keys(FIGURES).join(', ')}`);

  const dataFile = values.data ?? INPUTS[figure.input].file;
  const data: DifficultyFile | CommunicationFile | FailureModesFile | ComparisonFile | OutcomesFile = await INPUTS[figure.input].load(dataFile);
  const show = (f: string) => {
    const rel = relative(process.cwd(), f);
    return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? resolve(f) : rel;
  };
  const synthetic = data.inputs.synthetic_records > 0 ? ` [SYNTHETIC: ${data.inputs.synthetic_records}/${data.inputs.records} records]` : '';
  const label = values.sources ? readJsonFileSync(values.sources, DataSourcesSchema).label : null;
  const opts = { paperReference: !values['no-paper-reference'], source: dataFile };
  // Tables have no subtitle: their source line carries the label.
  const tableOpts = { ...opts, source: label ? `${label}; ${dataFile}` : dataFile };

  if (figure.kind === 'table') {
    if (figure.input === 'outcomes') {
      const table = await writeMergeLadder(data as OutcomesFile, values.out, tableOpts);
      process.stdout.write(`${name}: wrote ${show(table.files.md)}, ${show(table.files.tex)} and ${show(table.files.csv)} (${table.rows.length} rows) from ${dataFile}${synthetic}\n`);
      return;
    }
    if (figure.input === 'difficulty') {
      const table = await writeTable5(data as DifficultyFile, values.out, tableOpts);
      process.stdout.write(`${name}: wrote ${show(table.files.md)}, ${show(table.files.tex)} and ${show(table.files.csv)} (${table.rows.length} rows) from ${dataFile}${synthetic}\n`);
      return;
    }
    if (figure.input === 'failure-modes') {
      const table = await writeFailureModesTable(data as FailureModesFile, values.out, tableOpts);
      const judge = (data as FailureModesFile).judge.status === 'not-run' ? ' [LLM judge not run: heuristic estimates only]' : '';
      process.stdout.write(
        `${name}: wrote ${show(table.files.md)} and ${show(table.files.tex)} (${table.table1.length} symptoms, ${table.table2.length} causes) from ${dataFile}${synthetic}${judge}\n`,
      );
      return;
    }
    const table = await writeQualitativeTable(data as CommunicationFile, values.out, tableOpts);
    process.stdout.write(`${name}: wrote ${show(table.files.md)} and ${show(table.files.tex)} (${table.rows.length} rows) from ${dataFile}${synthetic}\n`);
    return;
  }
  const built =
    figure.input === 'difficulty'
      ? figure.build(data as DifficultyFile, opts)
      : figure.input === 'communication'
        ? figure.build(data as CommunicationFile, opts)
        : figure.input === 'comparison'
          ? figure.build(data as ComparisonFile, opts)
          : figure.input === 'outcomes'
            ? figure.build(data as OutcomesFile, opts)
            : figure.build(data as FailureModesFile, opts);
  const definition = label ? withDataLabel(built, label) : built;
  const written = await writeFigure(definition, values.out);
  process.stdout.write(
    `${name}: wrote ${show(written.files.svg)} (${written.width}x${written.height}, ${kib(Buffer.byteLength(written.svg))}), ` +
      `${show(written.files.png)} (${kib(written.png.length)}), ${show(written.files.pdf)} (${kib(written.pdf.length)}), ` +
      `${show(written.files.csv)} (${definition.csv.rows.length} rows) from ${dataFile}${synthetic}\n`,
  );
  for (const w of written.warnings) process.stderr.write(`warning (vega): ${w}\n`);
  if (figure.input === 'outcomes') {
    const md = await writePerRepositoryMarkdown(data as OutcomesFile, resolve(values.out, `${name}.md`), tableOpts.source);
    process.stdout.write(`${name}: wrote ${show(md)}\n`);
  }
}

// A render failure is unexpected: its stack is the report (exit 1).
export const command = defineCommand({ main, expected: [[DataFileError, 2]], usage: HELP, prepare: prepareRendering });
