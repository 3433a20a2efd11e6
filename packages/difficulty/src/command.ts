import { DataFileError, DifficultyFileSchema, EXIT_CODES_HELP, parseOptions, stageFileOptions, DifficultyOptionsSchema, EraMixError, RunRecordSchema, StageCheckError, readJsonFileSync, readJsonlFile, readReferenceSubsets, validate, writeJsonAtomic, defineCommand } from '@cooperbench-repro/contracts';
import { referencePath } from '@cooperbench-repro/public-data';
import { checkDifficulty } from './checks.js';
import { computeDifficulty } from './compute.js';

const HELP = `cooperbench-difficulty: Figure 4 numbers from the results store

Usage: node packages/difficulty/dist/cli.js [--store data/results.jsonl] [--config packages/difficulty/config.json] [--out data/difficulty.json]

Policies (config keys, recorded in the output's options): unknown_outcomes (exclude | count-as-failure;
count-as-failure also counts planned pairs never run, the plan inferred from data/reference/dataset/subsets),
solo_agent1 (pass | separate), eras (split | refuse-mixed | allow-mixed), difficulty_average (per-model | pooled).

Exit codes: 0 written; 1 a check of the output failed or eras refused to mix (nothing written); 2 bad input or usage.
${EXIT_CODES_HELP}
`;

async function main(argv: string[]): Promise<void> {
  const values = parseOptions(argv, stageFileOptions('difficulty'));
  if (values.help) return void process.stdout.write(HELP);
  const options = readJsonFileSync(values.config, DifficultyOptionsSchema);
  const records = await readJsonlFile(values.store, RunRecordSchema);
  const subsets = readReferenceSubsets(referencePath('dataset/subsets'));
  const file = validate('difficulty result', DifficultyFileSchema, computeDifficulty(records, options, subsets));
  checkDifficulty(file).assert();
  await writeJsonAtomic(values.out, file);
  const pooled = file.comparisons.filter((c) => c.model === 'pooled');
  const populated = file.curves.find((c) => c.arm === 'solo' && c.model === 'pooled')?.populated_buckets ?? [];
  process.stdout.write(
    `difficulty: ${file.inputs.records} records (${file.inputs.synthetic_records} synthetic), ${file.pairs.length} pairs with solo observations, ${file.pairs_without_solo.length} without; ` +
      `populated buckets ${JSON.stringify(populated)}; rescale ${options.rescale}\n` +
      `  policies: unknown_outcomes ${options.unknown_outcomes}, solo_agent1 ${options.solo_agent1}, eras ${options.eras}, difficulty_average ${options.difficulty_average}; ${file.inputs.missing_pairs} planned pairs without a record\n` +
      pooled.map((c) => `  pooled ${c.arm} (${c.era}, ${c.models.length} model${c.models.length === 1 ? "" : "s"}): AUC solo ${c.auc_solo?.toFixed(4)} vs ${c.auc_arm?.toFixed(4)}, delta ${c.delta_auc?.toFixed(4)}, retention ${c.retention?.toFixed(3) ?? `n/a (${c.note})`}\n`).join('') +
      `  wrote ${values.out}\n`,
  );
}

export const command = defineCommand({ main, expected: [[EraMixError, 1], [StageCheckError, 1], [DataFileError, 2]], usage: HELP });
