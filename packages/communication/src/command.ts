import { CommunicationFileSchema, DataFileError, EraMixError, EXIT_CODES_HELP, parseOptions, stageFileOptions, RunRecordSchema, StageCheckError, readJsonFileSync, readJsonlFile, readReferenceSubsets, validate, writeJsonAtomic, defineCommand } from '@cooperbench-repro/contracts';
import { referencePath } from '@cooperbench-repro/public-data';
import { checkCommunication } from './checks.js';
import { computeCommunication, paperValues } from './compute.js';
import { CommunicationOptionsSchema } from './config.js';

const HELP = `cooperbench-communication: Figure 5 numbers and the qualitative coordination table from the results store

Usage: node packages/communication/dist/cli.js [--store data/results.jsonl] [--config packages/communication/config.json] [--out data/communication.json]

Policies of the with/without-messaging success rates (config keys, recorded in the output's policy):
unknown_outcomes (exclude | count-as-failure; count-as-failure also counts planned pairs never run, the
plan inferred from data/reference/dataset/subsets), solo_agent1 (pass | separate), eras (split | refuse-mixed | allow-mixed).

Exit codes: 0 written; 1 a check of the output failed or eras refused to mix (nothing written); 2 bad input or usage.
${EXIT_CODES_HELP}
`;

const pct = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : `${(100 * x).toFixed(1)}%`);
const num = (x: number | null | undefined, d = 3) => (x === null || x === undefined ? 'n/a' : x.toFixed(d));

async function main(argv: string[]): Promise<void> {
  const values = parseOptions(argv, stageFileOptions('communication'));
  if (values.help) return void process.stdout.write(HELP);
  const options = readJsonFileSync(values.config, CommunicationOptionsSchema);
  const records = await readJsonlFile(values.store, RunRecordSchema);
  const paper = paperValues();
  const subsets = readReferenceSubsets(referencePath('dataset/subsets'));
  const file = validate('communication result', CommunicationFileSchema, computeCommunication(records, options, paper, subsets));
  checkCommunication(file).assert();
  await writeJsonAtomic(values.out, file);

  const lines = [
    `communication: ${file.inputs.records} records (${file.inputs.synthetic_records} synthetic), ${file.inputs.coop_records} coop, ${file.inputs.conversations_with_messages} conversations with messages`,
  ];
  if (Number(file.parameters.messages_in_no_messaging_arms) > 0)
    lines.push(`  warning: ${file.parameters.messages_in_no_messaging_arms} messages in ${file.parameters.conversations_in_no_messaging_arms} conversations of no-messaging arms (reported in speech_acts, kept out of the transcript measures)`);
  for (const c of file.communication_share.filter((c) => c.messages > 0)) {
    const acts = file.speech_acts.find((s) => s.model === c.model && s.arm === c.arm)!;
    lines.push(`  ${c.model} ${c.arm}: ${c.messages} messages / ${c.steps} steps = ${pct(c.share)}; acts ${Object.entries(acts.shares).map(([a, s]) => `${a} ${pct(s)}`).join(', ')}`);
  }
  lines.push(`  policies: unknown_outcomes ${file.policy.unknown_outcomes}, solo_agent1 ${file.policy.solo_agent1}, eras ${file.policy.eras}; ${file.inputs.missing_pairs} planned pairs without a record`);
  for (const c of file.comm_vs_nocomm)
    lines.push(
      `  ${c.model} ${c.with_arm} vs ${c.without_arm} [${c.era}] (${c.matched_pairs} pairs, ${c.unmatched_pairs} left out): success ${c.success.with.successes}/${c.success.with.total} vs ${c.success.without.successes}/${c.success.without.total} ${pct(c.success.with.rate)} vs ${pct(c.success.without.rate)} (p=${num(c.success.test.p_value, 4)}); ` +
        `conflict ${pct(c.conflict.with.rate)} vs ${pct(c.conflict.without.rate)} (p=${num(c.conflict.test.p_value, 4)})`,
    );
  lines.push(
    `  first-turn plan: conflict ${pct(file.first_turn_plan.with_plan.rate)} (n=${file.first_turn_plan.with_plan.total}) vs ${pct(file.first_turn_plan.without_plan.rate)} (n=${file.first_turn_plan.without_plan.total}), p=${num(file.first_turn_plan.test.p_value, 4)} [paper ${pct(paper.first_turn_plan_conflict_rate.with_plan)} vs ${pct(paper.first_turn_plan_conflict_rate.without_plan)}]`,
    `  plan:question ratio: no-conflict ${num(file.plan_question_ratio.no_conflict, 2)} vs conflict ${num(file.plan_question_ratio.conflict, 2)} [paper ${num(paper.plan_question_ratio.no_conflict, 2)} vs ${num(paper.plan_question_ratio.conflict, 2)}]`,
    `  wrote ${values.out}`,
  );
  process.stdout.write(lines.join('\n') + '\n');
}

export const command = defineCommand({ main, expected: [[EraMixError, 1], [StageCheckError, 1], [DataFileError, 2]], usage: HELP });
