import { DataFileError, EXIT_CODES_HELP, parseOptions, defineCommand } from '@cooperbench-repro/contracts';
import { buildReport } from './build-report.js';

const HELP = `cooperbench-report: write the static HTML report (figures, runs table, pair pages) for one store

Usage:
  node packages/report/dist/cli.js [options]

Options:
  --store FILE           run records (default data/results.jsonl)
  --difficulty FILE      difficulty stage output (default data/difficulty.json)
  --communication FILE   communication stage output (default data/communication.json)
  --failure-modes FILE   failure-modes stage output (default data/failure-modes.json)
  --outcomes FILE        outcomes stage output (default data/outcomes.json)
  --comparison FILE      comparison stage output (default data/comparison.json)
  --tables DIR           where the figures package and the comparison stage wrote table5.md,
                         merge-ladder.md, per-repository.md, published-comparison.md, qualitative.md,
                         failure-modes.md
                         (default: none, the report then has no tables section)
  --sources FILE         a data profile (e.g. data/real/sources.json): its label heads the page, its log
                         root holds the records' source files
  --log-root DIR         where the source files are, for their sha256 (default: the profile's, else data/logs)
  --out DIR              report directory (default figures/report); replaced as a whole
  -h, --help             this text

Open <out>/index.html in a browser: it works from disk, with no network.
Exit codes: 0 written, 1 unreadable or invalid input, 2 bad usage.
${EXIT_CODES_HELP}
`;

async function main(argv: string[]): Promise<void> {
  const values = parseOptions(argv, {
    store: { type: 'string', default: 'data/results.jsonl' },
    difficulty: { type: 'string', default: 'data/difficulty.json' },
    communication: { type: 'string', default: 'data/communication.json' },
    'failure-modes': { type: 'string', default: 'data/failure-modes.json' },
    outcomes: { type: 'string', default: 'data/outcomes.json' },
    comparison: { type: 'string', default: 'data/comparison.json' },
    tables: { type: 'string' },
    sources: { type: 'string' },
    'log-root': { type: 'string' },
    out: { type: 'string', default: 'figures/report' },
  });
  if (values.help) return void process.stdout.write(HELP);
  const t0 = performance.now();
  const r = await buildReport({
    store: values.store,
    difficulty: values.difficulty,
    communication: values.communication,
    failureModes: values['failure-modes'],
    outcomes: values.outcomes,
    comparison: values.comparison,
    tables: values.tables ?? null,
    sources: values.sources ?? null,
    logRoot: values['log-root'] ?? null,
    out: values.out,
  });
  const mb = (r.bytes / 1024 / 1024).toFixed(2);
  process.stdout.write(
    `report: wrote ${r.out}/index.html (${r.records} records, ${r.selections} clickable marks, ${r.files} files, ${mb} MiB) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
}

export const command = defineCommand({ main, expected: [[DataFileError, 1]], usage: HELP });
