import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FailureModesFileSchema } from '@cooperbench-repro/contracts';
import { WORKSPACE } from './temp-workspace.js';
import { arms, CLI, collectTree, conversation, coopPair, EVAL, runCli, tempDir, TIMEOUT, type Pair } from './upstream-log-tree.js';

/**
 * A log tree outside the workspace (COOPERBENCH_LOG_ROOT, a public tree): the collector's report carries
 * the log root relative to the report's own folder, so failure-modes:classify reads the patches from any
 * working directory without being told where the logs are (issue 12: it used to look under data/logs).
 */

const P1: Pair = ['epsilon_task', 9, 1, 2];

describe('an external log root travels in collect-report.json', () => {
  it(
    'failure-modes reads the patches through the report, run from an unrelated working directory',
    () => {
      const root = tempDir('cb-external-logs-');
      coopPair(root, 'x-msg', P1, EVAL.naiveConflict(P1), conversation(P1, ['I edit src/app.py line 2.', 'I edit src/app.py line 2 too.']));
      const tree = collectTree(root, arms({ 'x-msg': { arm: 'coop-msg', seed: 1, upstream_version: '0.0.19', model: 'model-x' } }));
      expect(tree.report.log_root).toBe(relative(dirname(tree.reportFile), root));

      // Two levels deeper than the report's folder, so a path taken relative to the working directory misses.
      const elsewhere = join(tempDir('cb-external-cwd-'), 'one', 'two');
      mkdirSync(elsewhere, { recursive: true });
      const out = join(elsewhere, 'failure-modes.json');
      const args = ['--store', tree.store, '--collect-report', tree.reportFile, '--config', join(WORKSPACE, 'packages/failure-modes/config.json'), '--out', out, '--mode', 'off'];
      const r = runCli(CLI.failureModes, args, elsewhere);
      expect(r.stderr).not.toContain('cannot read the patch');
      expect(r.status, r.stderr).toBe(0);
      const file = FailureModesFileSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
      expect(file.runs.map((x) => x.record_id)).toEqual([`x-msg/coop/${P1[0]}/${P1[1]}/f1_f2`]);
    },
    TIMEOUT,
  );
});
