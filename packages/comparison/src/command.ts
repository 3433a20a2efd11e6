import { ComparisonOptionsSchema, DataFileError, EXIT_CODES_HELP, parseOptions, OwnRepeatsSchema, readJsonFileSync, StageCheckError, stageFileOptions, UsageError, defineCommand } from '@cooperbench-repro/contracts';
import { PublicDataMissingError } from '@cooperbench-repro/public-data';
import { runStage } from './stage.js';

export const HELP = `cooperbench-comparison: own coop-with-messaging runs vs the paper's published per-pair Coop outcomes

Usage: node packages/comparison/dist/cli.js [options]

Options:
  --store FILE          results store (default data/results.jsonl)
  --out FILE            comparison JSON (default data/comparison.json)
  --figures-dir DIR     where published-comparison.md, published-comparison-pairs.csv and
                        leaderboard.{csv,json,md} go
                        (default figures; --figures is an alias)
  --config FILE         options (default packages/comparison/config.json)
  --own-repeats MODE    override config own_repeats: first-seed | majority | any-pass
  --runs A,B            only records of these runs (e.g. flash_msg_1); recorded in the output
  -h, --help            this text

Reads data/reference/paper/coop_results_per_pair.csv, data/reference/dataset/pairs.csv and
data/reference/website/leaderboard_transcribed.csv.
Exit codes: 0 written; 1 data problem (unreadable or invalid store, config or reference file, or a
check of the output failed: nothing written);
2 usage error.
${EXIT_CODES_HELP}
`;

async function main(argv: string[]): Promise<void> {
  const values = parseOptions(argv, {
    ...stageFileOptions('comparison'),
    'figures-dir': { type: 'string' },
    figures: { type: 'string' },
    'own-repeats': { type: 'string' },
    runs: { type: 'string' },
  });
  if (values.help) return void process.stdout.write(HELP);
  if (values['figures-dir'] !== undefined && values.figures !== undefined && values['figures-dir'] !== values.figures) {
    throw new UsageError('--figures-dir and --figures name different directories');
  }
  let ownRepeats;
  if (values['own-repeats'] !== undefined) {
    const parsed = OwnRepeatsSchema.safeParse(values['own-repeats']);
    if (!parsed.success) throw new UsageError(`--own-repeats: expected one of ${OwnRepeatsSchema.options.join(', ')}, got ${JSON.stringify(values['own-repeats'])}`);
    ownRepeats = parsed.data;
  }
  const config = readJsonFileSync(values.config, ComparisonOptionsSchema);
  const options = ownRepeats ? { ...config, own_repeats: ownRepeats } : config;
  const figuresDir = values['figures-dir'] ?? values.figures ?? 'figures';
  let runs: string[] | null = null;
  if (values.runs !== undefined) {
    runs = values.runs.split(',').map((r) => r.trim()).filter(Boolean);
    if (runs.length === 0) throw new UsageError('--runs: expected a comma-separated list of run names');
  }
  const { file, written } = await runStage({ store: values.store, out: values.out, figuresDir, options, runs });
  const lines = [`comparison: ${file.inputs.records} records (${file.inputs.synthetic_records} synthetic), ${file.inputs.compared_records} compared (arms ${options.arm_prefix}*), own_repeats ${options.own_repeats}`];
  for (const g of file.own_groups) {
    const best = file.comparisons.filter((c) => c.model === g.model && c.arm === g.arm);
    lines.push(`  ${g.model} ${g.arm}: ${g.known_pairs}/${g.pairs} pairs known; ` + best.map((c) => `${c.published_model} ${c.ours_passed}v${c.published_passed}/${c.matched_pairs}`).join(', '));
  }
  if (file.comparisons.length === 0) lines.push(`  no own records with an arm starting ${options.arm_prefix}: nothing compared`);
  lines.push(`  wrote ${written.join(', ')}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

export const command = defineCommand({ main, expected: [[DataFileError, 1], [StageCheckError, 1], [PublicDataMissingError, 1], [RangeError, 1]], usage: HELP });
