import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKSPACE } from './temp-workspace.js';
import { arms, CLI, collectTree, runCli, tempDir, TIMEOUT } from './upstream-log-tree.js';

/**
 * An empty log root (or one pointed at the wrong folder) must not give empty axes that look like results
 * (issue 12): every stage still writes its file, and every figure and table says NO DATA with 0 records.
 */

const STAGES = {
  difficulty: CLI.difficulty,
  outcomes: CLI.outcomes,
  communication: CLI.communication,
  'failure-modes': CLI.failureModes,
} as const;

/** Each figure or table, the stage file it reads and the files whose text is checked. */
const OUTPUTS: [name: string, stage: keyof typeof STAGES, files: string[]][] = [
  ['fig4', 'difficulty', ['fig4.svg']],
  ['fig4-per-model', 'difficulty', ['fig4-per-model.svg']],
  ['table5', 'difficulty', ['table5.md', 'table5.tex']],
  ['fig5', 'communication', ['fig5.svg']],
  ['qualitative-table', 'communication', ['qualitative.md', 'qualitative.tex']],
  ['fig6', 'failure-modes', ['fig6.svg']],
  ['failure-modes-table', 'failure-modes', ['failure-modes.md', 'failure-modes.tex']],
  ['merge-ladder', 'outcomes', ['merge-ladder.md', 'merge-ladder.tex']],
  ['per-repository', 'outcomes', ['per-repository.svg', 'per-repository.md']],
];

describe('an empty log root', () => {
  it(
    'every stage writes its file and every figure and table says NO DATA: 0 run records',
    () => {
      const tree = collectTree(tempDir('cb-empty-logs-'), arms({}));
      expect(tree.records.size).toBe(0);
      expect(tree.report.problems.map((p) => p.code)).toContain('no-records');

      const dir = tempDir('cb-empty-stages-');
      for (const [stage, cli] of Object.entries(STAGES)) {
        const extra = stage === 'failure-modes' ? ['--collect-report', tree.reportFile, '--mode', 'off'] : [];
        const config = join(WORKSPACE, 'packages', stage, 'config.json');
        const r = runCli(cli, ['--store', tree.store, '--config', config, '--out', join(dir, `${stage}.json`), ...extra], dir);
        expect(r.status, `${stage}: ${r.stderr}`).toBe(0);
      }
      const out = join(dir, 'figures');
      for (const [name, stage, files] of OUTPUTS) {
        const r = runCli(CLI.figures, [name, '--data', join(dir, `${stage}.json`), '--out', out], dir);
        expect(r.status, `${name}: ${r.stderr}`).toBe(0);
        for (const f of files) expect(readFileSync(join(out, f), 'utf8'), f).toContain('NO DATA: 0 run records');
      }
    },
    TIMEOUT,
  );
});
