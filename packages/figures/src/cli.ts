#!/usr/bin/env node
import { isAbsolute, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DataFileError, type DifficultyFile } from '@cooperbench-repro/contracts';
import { fig4 } from './figures/fig4.js';
import { fig4PerModel } from './figures/fig4-per-model.js';
import { loadDifficulty } from './load.js';
import type { FigureDefinition } from './render/figure.js';
import { writeFigure } from './render/figure.js';

interface FigureCommand {
  describe: string;
  build(data: DifficultyFile, opts: { paperReference: boolean; source: string }): FigureDefinition;
}

/** Each figure reads data/difficulty.json (the only input so far); later figures add their own files. */
const FIGURES: Record<string, FigureCommand> = {
  fig4: {
    describe: 'Solo vs coop per model (left) and pooled success vs relative difficulty (right), paper Figure 4',
    build: (data, opts) => fig4(data, opts),
  },
  'fig4-per-model': {
    describe: 'one difficulty-curve panel per model, paper Figure 7',
    build: (data, opts) => fig4PerModel(data, { source: opts.source }),
  },
};

const HELP = `cooperbench-figures: render a figure as SVG, PNG, PDF and the CSV of its plotted data

Usage:
  node packages/figures/dist/cli.js <figure> [options]

Figures:
${Object.entries(FIGURES)
  .map(([name, f]) => `  ${name.padEnd(16)} ${f.describe}`)
  .join('\n')}

Options:
  --data FILE             difficulty numbers (default data/difficulty.json)
  --out DIR               output directory (default figures); writes <figure>.{svg,png,pdf,csv}
  --no-paper-reference    fig4: leave out the paper's pooled curve overlay
  -h, --help              this text

Exit codes: 0 written, 2 bad usage or unreadable/invalid input.
`;

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        data: { type: 'string', default: 'data/difficulty.json' },
        out: { type: 'string', default: 'figures' },
        'no-paper-reference': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    fail(`${(err as Error).message}\n\n${HELP}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (positionals.length !== 1) fail(`expected exactly one figure name, got ${positionals.length}\n\n${HELP}`);
  const name = positionals[0]!;
  const figure = FIGURES[name];
  if (!figure) fail(`unknown figure ${JSON.stringify(name)}; expected one of ${Object.keys(FIGURES).join(', ')}`);

  let data: DifficultyFile;
  try {
    data = await loadDifficulty(values.data);
  } catch (err) {
    if (err instanceof DataFileError) fail(`cannot read the figure's input: ${err.message}`);
    throw err;
  }
  const definition = figure.build(data, { paperReference: !values['no-paper-reference'], source: values.data });
  const written = await writeFigure(definition, values.out);
  const show = (f: string) => {
    const rel = relative(process.cwd(), f);
    return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? resolve(f) : rel;
  };
  process.stdout.write(
    `${name}: wrote ${show(written.files.svg)} (${written.width}x${written.height}, ${kib(Buffer.byteLength(written.svg))}), ` +
      `${show(written.files.png)} (${kib(written.png.length)}), ${show(written.files.pdf)} (${kib(written.pdf.length)}), ` +
      `${show(written.files.csv)} (${definition.csv.rows.length} rows) from ${values.data}` +
      `${data.inputs.synthetic_records > 0 ? ` [SYNTHETIC: ${data.inputs.synthetic_records}/${data.inputs.records} records]` : ''}\n`,
  );
  for (const w of written.warnings) process.stderr.write(`warning (vega): ${w}\n`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
