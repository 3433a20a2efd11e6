import { SPEECH_ACTS, StageChecks, type CommunicationFile } from '@cooperbench-repro/contracts';

/**
 * Checks of data/communication.json before it is written: speech-act counts add up to the messages and
 * their shares to 1; every interval contains its rate; shares and rates lie in [0, 1]; each comparison's
 * counted observations come from its matched pairs only; planned-pair counts reconcile.
 */
export function checkCommunication(file: CommunicationFile): StageChecks {
  const checks = new StageChecks('communication');
  for (const s of file.speech_acts) {
    const where = `speech_acts ${s.model} / ${s.arm}`;
    checks.equal(`${where}: acts summed`, SPEECH_ACTS.reduce((sum, a) => sum + s.counts[a], 0), s.messages);
    for (const a of SPEECH_ACTS) checks.rate(`${where} share ${a}`, s.shares[a]);
  }
  for (const c of file.communication_share) {
    const where = `communication_share ${c.model} / ${c.arm}`;
    checks.rate(where, c.share);
    const byAct = SPEECH_ACTS.reduce((sum, a) => sum + (c.by_act[a] ?? 0), 0);
    checks.check(c.share === null || Math.abs(byAct - c.share) < 1e-9, () => `${where}: by_act sums to ${byAct}, share is ${c.share}`);
  }
  const countFailures = file.policy.unknown_outcomes === 'count-as-failure';
  for (const c of file.comm_vs_nocomm) {
    const where = `comm_vs_nocomm ${c.model} ${c.with_arm} vs ${c.without_arm} (${c.era})`;
    for (const side of ['with', 'without'] as const) {
      checks.interval(`${where} success ${side}`, c.success[side]);
      checks.interval(`${where} conflict ${side}`, c.conflict[side]);
      checks.check(c.success[side].total >= c.matched_pairs, () => `${where}: ${c.success[side].total} counted ${side} observations for ${c.matched_pairs} matched pairs`);
      checks.check(countFailures || c.success[side].missing === 0, () => `${where}: planned pairs never run counted under unknown_outcomes exclude`);
    }
  }
  checks.equal('inputs.missing_pairs', file.inputs.missing_pairs, file.inputs.plans.reduce((s, p) => s + p.missing, 0));
  for (const q of file.qualitative) {
    if (!['one_sided', 'first_turn_plan', 'first_turn_plan_conflict_rate'].includes(q.measure)) continue;
    for (const [g, v] of Object.entries(q.groups)) checks.rate(`qualitative ${q.measure} ${g}`, v.mean);
  }
  checks.interval('first_turn_plan with_plan', file.first_turn_plan.with_plan);
  checks.interval('first_turn_plan without_plan', file.first_turn_plan.without_plan);
  return checks;
}
