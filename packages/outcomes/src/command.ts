import {
  DataFileError,
  EraMixError,
  EXIT_CODES_HELP,
  OutcomesFileSchema,
  OutcomesOptionsSchema,
  parseOptions,
  RunRecordSchema,
  StageCheckError,
  readJsonFileSync,
  readJsonlFile,
  readReferenceSubsets,
  stageFileOptions,
  validate,
  writeJsonAtomic,
  type OutcomesFile,
  defineCommand,
} from '@cooperbench-repro/contracts';
import { referencePath } from '@cooperbench-repro/public-data';
import { checkOutcomes } from './checks.js';
import { computeOutcomes } from './compute.js';
import { LadderError } from './ladder.js';

const HELP = `cooperbench-outcomes: the merge-outcome ladder (paper Table 6 analogue) and success per repository

Usage: node packages/outcomes/dist/cli.js [--store data/results.jsonl] [--config packages/outcomes/config.json] [--out data/outcomes.json]

Options:
  --store FILE    the results store (default data/results.jsonl)
  --config FILE   the analysis policies unknown_outcomes, solo_agent1, eras and the Wilson confidence
                  (default packages/outcomes/config.json); copied into the output's options.
                  count-as-failure also counts the planned pairs a run never produced (its subset
                  inferred from data/reference/dataset/subsets)
  --out FILE      where to write outcomes.json (default data/outcomes.json)
  -h, --help      this text

Exit codes: 0 written; 1 data problem (unreadable or invalid store, eval eras mixed under
eras = refuse-mixed, a pass no merge step explains, a failed automatic check: nothing is written);
2 usage (unknown option, unreadable or invalid config).
${EXIT_CODES_HELP}
`;

/** The config names the analysis policies: a bad one is a usage error (exit 2), unlike a bad store (1). */
class ConfigError extends Error {}

function summary(file: OutcomesFile, out: string): string {
  const pct = (k: number, n: number) => (n === 0 ? 'n/a' : `${((100 * k) / n).toFixed(1)}%`);
  const o = file.options;
  const lines = file.ladder.map(
    (l) => `  ${l.model} ${l.arm} (${l.era}): ${l.steps.map((s) => `${s.step} ${s.successes}/${s.total}`).join(' -> ')}; final ${l.final.successes}/${l.final.total} = ${pct(l.final.successes, l.final.total)}`,
  );
  return (
    `outcomes: ${file.inputs.records} records (${file.inputs.synthetic_records} synthetic), ${file.inputs.missing_pairs} planned pairs without a record counted, ${file.ladder.length} ladder rows, ${file.repositories.length} repository rows; ` +
    `unknown_outcomes ${o.unknown_outcomes}, solo_agent1 ${o.solo_agent1}, eras ${o.eras}\n${lines.join('\n')}\n  ${file.checks.length} checks passed; wrote ${out}\n`
  );
}

async function main(argv: string[]): Promise<void> {
  const values = parseOptions(argv, stageFileOptions('outcomes'));
  if (values.help) return void process.stdout.write(HELP);
  let options;
  try {
    options = readJsonFileSync(values.config, OutcomesOptionsSchema);
  } catch (err) {
    if (err instanceof DataFileError) throw new ConfigError(err.message);
    throw err;
  }
  const records = await readJsonlFile(values.store, RunRecordSchema);
  const subsets = readReferenceSubsets(referencePath('dataset/subsets'));
  const computed = computeOutcomes(records, options, subsets);
  const { violations, checks } = checkOutcomes(computed);
  if (violations.length > 0) {
    throw new StageCheckError(`outcomes (nothing written to ${values.out})`, violations);
  }
  const file = validate('outcomes result', OutcomesFileSchema, { ...computed, checks });
  await writeJsonAtomic(values.out, file);
  process.stdout.write(summary(file, values.out));
}

export const command = defineCommand({ main, expected: [[ConfigError, 2], [DataFileError, 1], [StageCheckError, 1], [EraMixError, 1], [LadderError, 1]], usage: HELP });
