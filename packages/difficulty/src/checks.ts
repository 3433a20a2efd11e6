import { StageChecks, type DifficultyFile } from '@cooperbench-repro/contracts';
import { POOLED } from './compute.js';

/**
 * Checks of data/difficulty.json before it is written: per model, arm and era the counted observations
 * reconcile with the records and the planned pairs; every interval contains its rate; rates and AUCs lie
 * in [0, 1]; retention is finite or explained; every curve's points add up to its populated buckets.
 */
export function checkDifficulty(file: DifficultyFile): StageChecks {
  const checks = new StageChecks('difficulty');
  const countFailures = file.options.unknown_outcomes === 'count-as-failure';
  const own = file.overall.filter((o) => o.model !== POOLED);
  const records = own.reduce((s, o) => s + (countFailures ? o.total - o.missing : o.total + o.unknown), 0);
  checks.equal('records counted in `overall` (per model)', records, file.inputs.records);
  const missing = own.reduce((s, o) => s + o.missing, 0);
  checks.equal('planned pairs without a record counted in `overall`', missing, countFailures ? file.inputs.missing_pairs : 0);
  for (const o of file.overall) {
    const where = `overall ${o.model} / ${o.arm} / ${o.era}`;
    checks.interval(where, o);
    checks.check(o.solo_agent1 <= o.total, () => `${where}: ${o.solo_agent1} solo-agent1 passes > total ${o.total}`);
  }
  for (const c of file.curves) {
    const where = `curve ${c.model} / ${c.arm} / ${c.era}`;
    for (const p of c.points) checks.interval(`${where} bucket ${p.bucket}`, p);
    checks.rate(`${where} AUC`, c.auc);
    const populated = c.points.filter((p) => p.total > 0).map((p) => p.bucket);
    checks.check(JSON.stringify(populated) === JSON.stringify(c.populated_buckets), () => `${where}: populated_buckets ${JSON.stringify(c.populated_buckets)} but points populate ${JSON.stringify(populated)}`);
  }
  for (const c of file.comparisons) {
    const where = `comparison ${c.model} / ${c.arm} / ${c.era}`;
    checks.rate(`${where} AUC solo`, c.auc_solo);
    checks.rate(`${where} AUC arm`, c.auc_arm);
    checks.retention(where, c.retention, c.note);
  }
  for (const p of file.pairs) checks.rate(`pair ${p.repo}/${p.task_id}/${p.features.join('_')} difficulty`, p.difficulty);
  return checks;
}
