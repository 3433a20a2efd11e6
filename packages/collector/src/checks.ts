import { StageChecks, sum, type CollectReport } from '@cooperbench-repro/contracts';

/**
 * Checks of data/collect-report.json: pair directories found + imported records = records written +
 * pairs rejected, overall and per run; each run's outcomes add up to its records; the runs and imported
 * stores add up to the records written; the error and warning counts are the problems listed. The CLI
 * exits 1 on any violation (the report is still written: it is what explains the store).
 */
export function checkCollectReport(report: CollectReport, stage = 'collector'): StageChecks {
  const checks = new StageChecks(stage);
  const { counts, runs, imported, problems } = report;
  checks.equal('counts.pair_dirs_found + counts.imported_records', counts.pair_dirs_found + counts.imported_records, counts.records_written + counts.pairs_rejected, 'records_written + pairs_rejected');
  const reconciles = counts.pair_dirs_found + counts.imported_records === counts.records_written + counts.pairs_rejected;
  checks.check(counts.reconciled === reconciles, () => `counts.reconciled: ${counts.reconciled}, expected ${reconciles}`);
  checks.equal('counts.imported_records', counts.imported_records, sum(imported.map((i) => i.records)), 'imported[].records summed');
  checks.equal('counts.records_written', counts.records_written, sum(runs.map((r) => r.records)) + counts.imported_records, 'runs[].records summed + imported_records');
  checks.equal('counts.run_dirs', counts.run_dirs, runs.length, 'runs listed');
  // Pair directories outside any run's scan (hidden, odd names) are counted found and rejected on top of the runs'.
  const skipped = counts.pair_dirs_found - sum(runs.map((r) => r.pair_dirs));
  checks.check(skipped >= 0, () => `counts.pair_dirs_found: ${counts.pair_dirs_found}, expected at least ${sum(runs.map((r) => r.pair_dirs))} (runs[].pair_dirs summed)`);
  checks.equal('counts.pairs_rejected', counts.pairs_rejected, sum(runs.map((r) => r.rejected)) + Math.max(0, skipped), 'runs[].rejected summed + pair directories outside the runs');
  checks.equal('counts.errors', counts.errors, problems.filter((p) => p.severity === 'error').length, 'problems of severity error');
  checks.equal('counts.warnings', counts.warnings, problems.filter((p) => p.severity === 'warning').length, 'problems of severity warning');
  for (const r of runs) {
    checks.equal(`runs ${r.run}: records + rejected`, r.records + r.rejected, r.pair_dirs, 'pair_dirs');
    checks.equal(`runs ${r.run}: outcomes pass + fail + unknown`, r.outcomes.pass + r.outcomes.fail + r.outcomes.unknown, r.records, 'records');
  }
  return checks;
}
