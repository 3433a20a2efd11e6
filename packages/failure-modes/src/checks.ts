import { CAUSES, COMM_ERROR_GROUPS, runStageChecks, SYMPTOMS, StageChecks, sum, type FailureModesFile, type HumanCoded, type Interval, type RunFailureModes } from '@cooperbench-repro/contracts';
import { GROUP_CODES } from './aggregate/fig6-numbers.js';
import { NOT_A_CONVERSATION } from './classify-runs.js';

/**
 * Checks of data/failure-modes.json before it is written: every share is k/n in [0, 1] inside its Wilson
 * interval; the Figure 6, Table 1 and Table 2 sections (judge, heuristic and human-coded) reconcile with
 * the runs they cover and with `inputs`; the derived Table 2 sums its Table 1 through the mapping; the
 * judge's counters match the per-run verdicts; the gold validation's confusion counts add up.
 */

type Run = RunFailureModes;
type Table2Row = { cause: string; share: Interval | null };

const JUDGED = new Set(['labelled', 'no-issue', 'rejected']);
const isConversationRun = (r: Run) => r.comm_error.judge.reason !== NOT_A_CONVERSATION;
const count = <T>(xs: readonly T[], f: (x: T) => boolean) => xs.filter(f).length;

/** A share: k/n in [0, 1] inside its interval, and `total + unknown` = the population it was counted over. */
function share(checks: StageChecks, where: string, s: Interval, population: number): void {
  checks.interval(where, s);
  checks.equal(`${where}: total + unknown`, s.total + s.unknown, population, 'the population it is counted over');
}

/** Who is in the runs: Figure 6's conversations and Table 1's failed coop runs, as `inputs` counts them. */
function checkRuns(checks: StageChecks, file: FailureModesFile): void {
  const { runs, inputs } = file;
  checks.equal('inputs.conversations', inputs.conversations, count(runs, isConversationRun), "runs in Figure 6's population");
  checks.equal('inputs.failed_coop_runs', inputs.failed_coop_runs, count(runs, (r) => r.outcome === 'fail'), 'runs with outcome fail');
  for (const r of runs) checks.check(isConversationRun(r) || r.outcome === 'fail', () => `runs ${r.record_id}: neither a conversation nor a failed coop run`);
  checks.check(inputs.synthetic_records <= inputs.records && inputs.coop_records <= inputs.records, () => `inputs: synthetic ${inputs.synthetic_records} or coop ${inputs.coop_records} records > records ${inputs.records}`);
  checks.check(runs.length <= inputs.coop_records, () => `runs: ${runs.length} rows > coop records ${inputs.coop_records}`);
  checks.equal('parameters.truncated_transcripts', Number(file.parameters.truncated_transcripts ?? 0), count(runs, (r) => r.comm_error.judge.truncated || r.symptoms.judge.truncated), 'runs marked truncated');
}

/** The judge's counters are the per-run verdicts counted; a judge that did not run labels nothing. */
function checkJudge(checks: StageChecks, file: FailureModesFile): void {
  const verdicts = file.runs.flatMap((r) => [r.comm_error.judge, r.symptoms.judge]);
  checks.equal('judge.rejected summed over reasons', sum(Object.values(file.judge.rejected)), count(verdicts, (j) => j.status === 'rejected'), 'verdicts of the runs with status rejected');
  checks.equal('judge.not_judged summed over reasons', sum(Object.values(file.judge.not_judged)), count(verdicts, (j) => j.status === 'not-judged' || j.status === 'failed'), 'verdicts of the runs not judged or failed');
  if (file.judge.status !== 'not-run') return;
  const sources = [...file.fig6.flatMap((m) => m.groups.map((g) => `fig6 ${m.model} ${g.group}: ${g.source}`)), `table1: ${file.table1.source}`, `table2: ${file.table2.source}`];
  for (const s of sources) checks.check(s.endsWith(': none'), () => `${s}, expected none (judge.status is not-run)`);
  checks.equal('judge.calls', file.judge.calls, 0, 'judge.status is not-run');
}

/** Figure 6 per model: conversations and average turns from the runs; shares over the judged ones; codes add up. */
function checkFig6(checks: StageChecks, file: FailureModesFile): void {
  checks.equal('fig6 conversations summed over models', sum(file.fig6.map((m) => m.conversations)), file.inputs.conversations, 'inputs.conversations');
  for (const m of file.fig6) {
    const at = `fig6 ${m.model}`;
    const mine = file.runs.filter((r) => r.model === m.model && isConversationRun(r));
    const judged = count(mine, (r) => JUDGED.has(r.comm_error.judge.status));
    checks.equal(`${at} conversations`, m.conversations, mine.length, "the model's runs in Figure 6's population");
    const turns = mine.length ? sum(mine.map((r) => r.turns)) / mine.length : null;
    checks.check(m.avg_turns !== null && turns !== null && Math.abs(m.avg_turns - turns) < 1e-9, () => `${at}: avg_turns ${m.avg_turns}, expected ${turns} (mean turns of its runs)`);
    for (const g of m.groups) {
      const where = `${at} ${g.group}`;
      if (g.heuristic) share(checks, `${where} heuristic`, g.heuristic, m.conversations);
      checks.check((g.source === 'none') === (g.share === null), () => `${where}: source ${g.source} but share ${g.share === null ? 'null' : 'given'}`);
      if (g.share === null) continue;
      share(checks, `${where} share`, g.share, m.conversations);
      checks.equal(`${where} share: total`, g.share.total, judged, 'conversations the judge answered');
      for (const [code, s] of Object.entries(g.by_code)) share(checks, `${where} by_code ${code}`, s, m.conversations);
      // One App. F code per conversation: the codes of a group add up to the group.
      checks.equal(`${where} by_code successes summed`, sum(Object.values(g.by_code).map((s) => s.successes)), g.share.successes, 'the group share, one code per conversation');
    }
    const labelled = sum(m.groups.map((g) => g.share?.successes ?? 0));
    checks.check(labelled <= judged, () => `${at}: ${labelled} group labels > ${judged} conversations judged (one code per conversation)`);
  }
}

/** Table 1 rows: primary shares add up to the runs with a coordination label; any-label over runs judged. */
function checkTable1Rows(checks: StageChecks, at: string, rows: readonly { symptom: string; primary_share: Interval | null; any_label?: Interval | null }[], judged: number, implOnly: number, failed: number): void {
  checks.check(judged <= failed && implOnly <= judged, () => `${at}: implementation_failure_only ${implOnly} <= runs judged/coded ${judged} <= failed runs ${failed} does not hold`);
  for (const r of rows) {
    // Primary shares leave out the judged runs without a coordination label (implementation failures).
    if (r.primary_share) share(checks, `${at} ${r.symptom} primary_share`, r.primary_share, failed - implOnly);
    if (r.primary_share) checks.equal(`${at} ${r.symptom} primary_share: total`, r.primary_share.total, judged - implOnly, 'runs with a coordination label');
    if (r.any_label) share(checks, `${at} ${r.symptom} any_label`, r.any_label, failed);
    if (r.any_label) checks.equal(`${at} ${r.symptom} any_label: total`, r.any_label.total, judged, 'failed runs judged or coded');
    if (r.primary_share && r.any_label) checks.check(r.primary_share.successes <= r.any_label.successes, () => `${at} ${r.symptom}: ${r.primary_share!.successes} primary > ${r.any_label!.successes} with the label at all`);
  }
  const primaries = rows.map((r) => r.primary_share);
  if (primaries.every((p) => p !== null)) checks.equal(`${at} primary_share successes summed`, sum(primaries.map((p) => p!.successes)), judged - implOnly, 'runs with a coordination label, one primary each');
}

/** Table 2 derived from Table 1 through the mapping: each cause is the sum of its symptoms' primaries. */
/** `population`: the failed runs less the implementation failures (as for Table 1's primary shares). */
function checkTable2(checks: StageChecks, at: string, rows: readonly Table2Row[], table1: readonly { symptom: string; primary_share: Interval | null }[], mapping: FailureModesFile['table2']['mapping'], population: number): void {
  for (const cause of CAUSES) {
    const row = rows.find((r) => r.cause === cause);
    checks.check(row !== undefined, () => `${at}: no row for cause ${cause}`);
    if (!row?.share) continue;
    share(checks, `${at} ${cause}`, row.share, population);
    const symptoms = mapping.filter((m) => m.cause === cause).map((m) => m.symptom);
    const expected = sum(table1.filter((r) => symptoms.includes(r.symptom as never)).map((r) => r.primary_share?.successes ?? 0));
    checks.equal(`${at} ${cause}: successes`, row.share.successes, expected, `Table 1 primaries of ${symptoms.join(', ')}`);
    checks.equal(`${at} ${cause}: total`, row.share.total, table1[0]?.primary_share?.total ?? 0, "Table 1's runs with a coordination label");
  }
}

function checkTables(checks: StageChecks, file: FailureModesFile): void {
  const failed = file.inputs.failed_coop_runs;
  const t1 = file.table1;
  const judged = count(file.runs, (r) => r.outcome === 'fail' && JUDGED.has(r.symptoms.judge.status));
  if (t1.source === 'none') checks.check(t1.failed_runs_judged === 0 && t1.rows.every((r) => r.primary_share === null && r.any_label === null), () => 'table1: source none but judge counts or shares given');
  else checks.equal('table1.failed_runs_judged', t1.failed_runs_judged, judged, 'failed runs with a judge verdict');
  checkTable1Rows(checks, 'table1', t1.rows, t1.failed_runs_judged, t1.implementation_failure_only, failed);
  for (const r of t1.rows) if (r.heuristic) share(checks, `table1 ${r.symptom} heuristic`, r.heuristic, failed);
  checks.equal('table1.rows', t1.rows.length, SYMPTOMS.length, 'one per symptom');
  const mapped = file.table2.mapping.map((m) => m.symptom).sort();
  checks.check(JSON.stringify(mapped) === JSON.stringify([...SYMPTOMS].sort()), () => `table2.mapping: symptoms ${mapped.join(', ')}, expected each of the ${SYMPTOMS.length} symptoms once`);
  checks.check(file.table2.source === t1.source, () => `table2.source ${file.table2.source}, expected table1's ${t1.source}`);
  checks.check(file.table2.rows.every((r) => (r.share === null) === (file.table2.source === 'none')), () => `table2: shares given or missing against source ${file.table2.source}`);
  checkTable2(checks, 'table2', file.table2.rows, t1.rows, file.table2.mapping, failed - t1.implementation_failure_only);
}

/** Confusion counts add up, precision and recall are theirs, and `validated` follows the floors. */
function checkGoldValidation(checks: StageChecks, file: FailureModesFile): void {
  const gv = file.gold_validation;
  if (!gv) return;
  checks.check(gv.matched_runs <= file.runs.length, () => `gold_validation.matched_runs ${gv.matched_runs} > runs ${file.runs.length}`);
  if (file.human_coded) checks.equal('gold_validation.matched_runs', gv.matched_runs, file.human_coded.matched_runs, 'human_coded.matched_runs');
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  const close = (x: number | null, y: number | null) => (x === null ? y === null : y !== null && Math.abs(x - y) <= 1e-6);
  for (const h of gv.heuristics) {
    const at = `gold_validation ${h.heuristic}`;
    checks.equal(`${at}: tp + fp + fn + tn`, h.tp + h.fp + h.fn + h.tn, h.compared, 'compared');
    checks.check(h.compared + h.skipped <= gv.matched_runs, () => `${at}: compared ${h.compared} + skipped ${h.skipped} > matched runs ${gv.matched_runs}`);
    checks.check(close(h.precision, ratio(h.tp, h.tp + h.fp)), () => `${at}: precision ${h.precision}, expected tp/(tp+fp) = ${ratio(h.tp, h.tp + h.fp)}`);
    checks.check(close(h.recall, ratio(h.tp, h.tp + h.fn)), () => `${at}: recall ${h.recall}, expected tp/(tp+fn) = ${ratio(h.tp, h.tp + h.fn)}`);
    checks.rate(`${at} precision`, h.precision);
    checks.rate(`${at} recall`, h.recall);
    checks.check(h.kappa === null || (h.kappa >= -1 && h.kappa <= 1), () => `${at}: kappa ${h.kappa} outside [-1, 1]`);
    const passes = h.precision !== null && h.kappa !== null && h.precision >= gv.floors.precision && h.kappa >= gv.floors.kappa;
    checks.check(h.validated === passes && (h.reason === null) === h.validated, () => `${at}: validated ${h.validated} (reason ${JSON.stringify(h.reason)}), expected ${passes} from floors precision ${gv.floors.precision}, kappa ${gv.floors.kappa}`);
  }
}

/** Human-coded Figure 6 per model: its conversations are the judge section's, its groups the coded runs counted. */
function checkHumanFig6(checks: StageChecks, file: FailureModesFile, hc: HumanCoded): void {
  const codes = new Map(hc.runs.map((r) => [r.record_id, r]));
  for (const m of hc.fig6) {
    const at = `human_coded.fig6 ${m.model}`;
    const mine = file.runs.filter((r) => r.model === m.model && isConversationRun(r));
    const coded = mine.flatMap((r) => codes.get(r.record_id) ?? []);
    checks.equal(`${at} conversations`, m.conversations, coded.length, "coded runs of the model in Figure 6's population");
    for (const g of m.groups) {
      const where = `${at} ${g.group}`;
      share(checks, where, g.share, mine.length);
      checks.equal(`${where}: total`, g.share.total, m.conversations, 'coded conversations');
      const inGroup = coded.filter((c) => (GROUP_CODES[g.group] as readonly string[]).includes(c.comm_error) || (g.group === 'hallucination' && c.plan_drift));
      checks.equal(`${where}: successes`, g.share.successes, inGroup.length, 'coded runs in the group');
      for (const [code, s] of Object.entries(g.by_code)) share(checks, `${where} by_code ${code}`, s, mine.length);
      const byCode = Object.values(g.by_code).map((s) => s.successes);
      // Plan drift may co-occur with C3a/C3b, so only hallucination's codes may sum to more than the group.
      const ok = g.group === 'hallucination' ? Math.max(0, ...byCode) <= g.share.successes && g.share.successes <= sum(byCode) : sum(byCode) === g.share.successes;
      checks.check(ok, () => `${where}: by_code successes ${byCode.join('+')} do not add up to the group's ${g.share.successes}`);
    }
  }
  checks.check(COMM_ERROR_GROUPS.length > 0 && hc.fig6.every((m) => m.groups.length === COMM_ERROR_GROUPS.length), () => 'human_coded.fig6: a model without every group');
}

/** Human-coded tables: coded + without messages + unknown = the failed runs; per-model rows sum to the pooled ones. */
function checkHumanTables(checks: StageChecks, file: FailureModesFile, hc: HumanCoded): void {
  const failed = file.inputs.failed_coop_runs;
  const t1 = hc.table1;
  const fails = new Map(file.runs.filter((r) => r.outcome === 'fail').map((r) => [r.record_id, r]));
  checks.equal('human_coded.table1.failed_runs_without_messages', t1.failed_runs_without_messages, count([...fails.values()], (r) => r.turns === 0), 'failed runs with no turn');
  checks.equal('human_coded.table1.failed_runs_coded', t1.failed_runs_coded, count(hc.runs, (r) => r.primary !== null && fails.has(r.record_id)), 'coded failed runs with a primary');
  // The runs without messages are counted apart: the shares' population is the failed runs with messages.
  const withMessages = failed - t1.failed_runs_without_messages;
  checkTable1Rows(checks, 'human_coded.table1', t1.rows, t1.failed_runs_coded, t1.implementation_failure_only, withMessages);
  checks.equal('human_coded.table1.models failed_runs_coded summed', sum(t1.models.map((m) => m.failed_runs_coded)), t1.failed_runs_coded, 'human_coded.table1.failed_runs_coded');
  checks.equal('human_coded.table1.models implementation_failure_only summed', sum(t1.models.map((m) => m.implementation_failure_only)), t1.implementation_failure_only, 'human_coded.table1.implementation_failure_only');
  for (const m of t1.models) {
    const mine = [...fails.values()].filter((r) => r.model === m.model && r.turns > 0).length;
    checkTable1Rows(checks, `human_coded.table1 ${m.model}`, m.rows, m.failed_runs_coded, m.implementation_failure_only, mine);
  }
  for (const s of SYMPTOMS) {
    const pooled = t1.rows.find((r) => r.symptom === s)?.primary_share.successes ?? 0;
    checks.equal(`human_coded.table1.models ${s} primary successes summed`, sum(t1.models.map((m) => m.rows.find((r) => r.symptom === s)?.primary_share.successes ?? 0)), pooled, 'the pooled row');
  }
  checkTable2(checks, 'human_coded.table2', hc.table2.rows, t1.rows, file.table2.mapping, withMessages - t1.implementation_failure_only);
}

function checkHumanCoded(checks: StageChecks, file: FailureModesFile): void {
  const hc = file.human_coded;
  if (!hc) return;
  const ids = new Set(file.runs.map((r) => r.record_id));
  checks.equal('human_coded.matched_runs', hc.matched_runs, hc.runs.length, 'coded runs listed in human_coded.runs');
  for (const r of hc.runs) checks.check(ids.has(r.record_id), () => `human_coded.runs ${r.record_id}: not among the runs of this file`);
  checkHumanFig6(checks, file, hc);
  checkHumanTables(checks, file, hc);
}

/** Every check of a failure-modes output; `.assert()` throws a StageCheckError listing the violations. */
export function checkFailureModes(file: FailureModesFile, stage = 'failure-modes'): StageChecks {
  return runStageChecks(stage, file, [checkRuns, checkJudge, checkFig6, checkTables, checkGoldValidation, checkHumanCoded]);
}
