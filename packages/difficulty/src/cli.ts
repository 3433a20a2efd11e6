#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { DataFileError, DifficultyFileSchema, DifficultyOptionsSchema, RunRecordSchema, readJsonFileSync, readJsonlFile, validate, writeJsonAtomic } from '@cooperbench-repro/contracts';
import { computeDifficulty } from './compute.js';

const HELP = `cooperbench-difficulty: Figure 4 numbers from the results store

Usage: node packages/difficulty/dist/cli.js [--store data/results.jsonl] [--config packages/difficulty/config.json] [--out data/difficulty.json]
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      store: { type: 'string', default: 'data/results.jsonl' },
      config: { type: 'string', default: 'packages/difficulty/config.json' },
      out: { type: 'string', default: 'data/difficulty.json' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void process.stdout.write(HELP);
  const options = readJsonFileSync(values.config, DifficultyOptionsSchema);
  const records = await readJsonlFile(values.store, RunRecordSchema);
  const file = validate('difficulty result', DifficultyFileSchema, computeDifficulty(records, options));
  await writeJsonAtomic(values.out, file);
  const pooled = file.comparisons.filter((c) => c.model === 'pooled');
  const populated = file.curves.find((c) => c.arm === 'solo' && c.model === 'pooled')?.populated_buckets ?? [];
  process.stdout.write(
    `difficulty: ${file.inputs.records} records (${file.inputs.synthetic_records} synthetic), ${file.pairs.length} pairs with solo observations, ${file.pairs_without_solo.length} without; ` +
      `populated buckets ${JSON.stringify(populated)}; rescale ${options.rescale}\n` +
      pooled.map((c) => `  pooled ${c.arm}: AUC solo ${c.auc_solo?.toFixed(4)} vs ${c.auc_arm?.toFixed(4)}, delta ${c.delta_auc?.toFixed(4)}, retention ${c.retention?.toFixed(3)}\n`).join('') +
      `  wrote ${values.out}\n`,
  );
}

main().catch((err: unknown) => {
  if (err instanceof DataFileError) {
    process.stderr.write(`error: ${err.message}\n`);
    process.exit(2);
  }
  throw err;
});
