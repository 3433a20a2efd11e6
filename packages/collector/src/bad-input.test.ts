import { execFileSync, spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectInto } from './test-support/collect-helper.js';
import { arms, coopResult, SAMPLE_PATCH, soloEval, soloResult, tempDir, writeFile } from './test-support/fixture-tree.js';

/** Each kind of bad input becomes a report entry naming file, field and expectation; collection goes on. */

const REPO = 'pillow_task';
const CLI = resolve(fileURLToPath(new URL('.', import.meta.url)), '../dist/cli.js');

/** A run with one good solo pair, so every test also checks that the rest of the collection went on. */
function treeWithGoodPair(run = 'run_a') {
  const root = tempDir();
  const good = `${run}/solo/${REPO}/290/f1_f2`;
  writeFile(root, `${good}/result.json`, soloResult(REPO, 290, [1, 2]));
  writeFile(root, `${good}/eval.json`, soloEval(REPO, 290, [1, 2], [true, false]));
  writeFile(root, `${good}/solo.patch`, SAMPLE_PATCH);
  const mapping = writeFile(tempDir(), 'arms.json', arms({ [run]: { arm: 'solo', seed: 0 } }));
  return { root, mapping, pairDir: (p: string) => `${run}/solo/${REPO}/290/${p}` };
}

async function collectBad(setup: (t: ReturnType<typeof treeWithGoodPair>) => void) {
  const t = treeWithGoodPair();
  setup(t);
  const c = await collectInto(t.root, t.mapping);
  expect(c.records.has(t.pairDir('f1_f2'))).toBe(true);
  expect(c.report.counts.reconciled).toBe(true);
  return { c, t, errors: c.report.problems.filter((p) => p.severity === 'error') };
}

describe('bad input', () => {
  it('a truncated JSON file', async () => {
    const { errors, c } = await collectBad((t) => {
      writeFile(t.root, `${t.pairDir('f1_f3')}/result.json`, JSON.stringify(soloResult(REPO, 290, [1, 3])).slice(0, 80));
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'invalid-json', file: 'run_a/solo/pillow_task/290/f1_f3/result.json', field: null, expected: 'valid JSON', rejected_pairs: 1 });
    expect(c.report.counts).toMatchObject({ pair_dirs_found: 2, records_written: 1, pairs_rejected: 1 });
  });

  it('an empty JSON file', async () => {
    const { errors } = await collectBad((t) => {
      writeFile(t.root, `${t.pairDir('f1_f3')}/result.json`, soloResult(REPO, 290, [1, 3]));
      writeFile(t.root, `${t.pairDir('f1_f3')}/eval.json`, '');
    });
    expect(errors[0]).toMatchObject({ code: 'invalid-json', file: 'run_a/solo/pillow_task/290/f1_f3/eval.json', expected: 'a JSON document (the file is empty)' });
  });

  it('a wrong type', async () => {
    const { errors } = await collectBad((t) => {
      writeFile(t.root, `${t.pairDir('f1_f3')}/result.json`, soloResult(REPO, 290, [1, 3], { agent: { status: 'Submitted', cost: '0.5', steps: 3 } }));
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'invalid-field', file: 'run_a/solo/pillow_task/290/f1_f3/result.json', field: 'agent.cost', expected: 'number' });
  });

  it('an unknown status', async () => {
    const { errors } = await collectBad((t) => {
      writeFile(t.root, `${t.pairDir('f1_f3')}/result.json`, soloResult(REPO, 290, [1, 3], { agent: { status: 'Crashed', cost: 0, steps: 0 } }));
    });
    expect(errors[0]).toMatchObject({ field: 'agent.status', expected: 'one of "Submitted", "LimitsExceeded", "CostLimitExceeded", "Error"' });
  });

  it('an unknown merge status in eval.json', async () => {
    const { errors } = await collectBad((t) => {
      const dir = 'run_a/coop/pillow_task/290/f1_f3';
      writeFile(t.root, `${dir}/result.json`, coopResult(REPO, 290, [1, 3]));
      writeFile(t.root, `${dir}/eval.json`, { ...soloEval(REPO, 290, [1, 3], [true, true]), setting: 'coop', merge: { status: 'merged-ish', strategy: 'naive' } });
    });
    // The coop pair in a solo-mapped run is rejected first for its arm; the eval is never trusted.
    expect(errors[0]).toMatchObject({ code: 'arm-setting-mismatch', field: 'setting' });
  });

  it('an unknown merge status in a coop run', async () => {
    const root = tempDir();
    const dir = `coop_run/coop/${REPO}/290/f1_f3`;
    writeFile(root, `${dir}/result.json`, coopResult(REPO, 290, [1, 3]));
    writeFile(root, `${dir}/eval.json`, { ...soloEval(REPO, 290, [1, 3], [true, true]), setting: 'coop', merge: { status: 'merged-ish', strategy: 'naive' } });
    const mapping = writeFile(tempDir(), 'arms.json', arms({ coop_run: { arm: 'coop-msg' } }));
    const c = await collectInto(root, mapping);
    expect(c.report.problems.find((p) => p.severity === 'error')).toMatchObject({ code: 'invalid-field', file: `${dir}/eval.json`, field: 'merge.status', expected: 'one of "clean", "conflicts", "missing_input", "identical", "union", "error"' });
  });

  it('a missing result.json (a pair that never finished)', async () => {
    const { errors } = await collectBad((t) => {
      writeFile(t.root, `${t.pairDir('f1_f3')}/solo.patch`, SAMPLE_PATCH);
    });
    expect(errors[0]).toMatchObject({ code: 'missing-result', file: 'run_a/solo/pillow_task/290/f1_f3/result.json' });
  });

  it('directory names that are not a task or a pair', async () => {
    const { errors, c } = await collectBad((t) => {
      writeFile(t.root, 'run_a/solo/pillow_task/task290/f1_f2/result.json', {});
      writeFile(t.root, 'run_a/solo/pillow_task/task290/f1_f3/result.json', {});
      writeFile(t.root, 'run_a/solo/pillow_task/290/features_1_2/result.json', {});
      writeFile(t.root, 'run_a/solo/pillow_task/290/f3_f1/result.json', {});
      writeFile(t.root, 'run_a/solo/pillow/290/f1_f2/result.json', {});
    });
    expect(errors.map((e) => [e.code, e.file, e.rejected_pairs])).toEqual([
      ['bad-repo-directory', 'run_a/solo/pillow', 1],
      ['bad-pair-directory', 'run_a/solo/pillow_task/290/f3_f1', 1],
      ['bad-pair-directory', 'run_a/solo/pillow_task/290/features_1_2', 1],
      ['bad-task-directory', 'run_a/solo/pillow_task/task290', 2],
    ]);
    expect(c.report.counts).toMatchObject({ pair_dirs_found: 6, records_written: 1, pairs_rejected: 5 });
  });

  it('a link that would lead outside the root is not followed', async () => {
    const outside = tempDir();
    writeFile(outside, 'f1_f3/result.json', soloResult(REPO, 290, [1, 3]));
    const { errors, c } = await collectBad((t) => {
      symlinkSync(join(outside, 'f1_f3'), join(t.root, t.pairDir('f1_f3')));
      symlinkSync(outside, join(t.root, 'escaping_run'));
    });
    expect(errors.map((e) => [e.code, e.file])).toEqual([
      ['symlink-not-followed', 'escaping_run'],
      ['symlink-not-followed', 'run_a/solo/pillow_task/290/f1_f3'],
    ]);
    expect(c.report.counts).toMatchObject({ pair_dirs_found: 2, records_written: 1, pairs_rejected: 1 });
  });

  it('a pair directory copied under the wrong name', async () => {
    const { errors } = await collectBad((t) => {
      writeFile(t.root, `${t.pairDir('f1_f3')}/result.json`, soloResult(REPO, 290, [1, 2]));
    });
    expect(errors[0]).toMatchObject({ code: 'identity-mismatch', field: 'features', expected: '[1, 3]' });
  });

  it('a run with no known arm is reported with all its pairs, never guessed', async () => {
    const { errors, c } = await collectBad((t) => {
      writeFile(t.root, `mystery_run/coop/${REPO}/290/f1_f2/result.json`, coopResult(REPO, 290, [1, 2]));
      writeFile(t.root, `mystery_run/coop/${REPO}/290/f1_f3/result.json`, coopResult(REPO, 290, [1, 3]));
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'no-arm', file: 'mystery_run', rejected_pairs: 2 });
    expect(c.report.runs.find((r) => r.run === 'mystery_run')).toMatchObject({ arm: null, arm_source: 'none', pair_dirs: 2, rejected: 2 });
  });

  it('an invalid manifest names its field', async () => {
    const { errors } = await collectBad((t) => {
      writeFile(t.root, `run_b/solo/${REPO}/290/f1_f2/result.json`, soloResult(REPO, 290, [1, 2]));
      writeFile(t.root, 'run_b/cooperbench-repro.run.json', { schema: 'cooperbench-repro/run-manifest@1', run_name: 'run_b', arm: 'duo', model: 'm', seed: 0, agent_framework: 'x', subset: null, experiment: null, upstream_version: null, argv: [], started_at: 'now', synthetic: false });
    });
    expect(errors[0]).toMatchObject({ code: 'invalid-run-file', file: 'run_b/cooperbench-repro.run.json', field: 'arm', rejected_pairs: 1 });
  });

  it('a stale eval.json left by an in-place re-run is not trusted', async () => {
    const { c, t } = await collectBad((t) => {
      writeFile(t.root, `${t.pairDir('f1_f3')}/result.json`, soloResult(REPO, 290, [1, 3], { started_at: '2026-03-02T09:00:00', ended_at: '2026-03-02T09:30:00' }));
      writeFile(t.root, `${t.pairDir('f1_f3')}/eval.json`, soloEval(REPO, 290, [1, 3], [true, true], { evaluated_at: '2026-03-01T12:00:00' }));
    });
    expect(c.records.get(t.pairDir('f1_f3'))).toMatchObject({ outcome: 'unknown', evaluated: false });
    expect(c.report.problems.find((p) => p.code === 'stale-eval')).toMatchObject({ severity: 'warning', field: 'evaluated_at' });
  });
});

describe('the CLI', () => {
  it('--strict turns problems into exit 1; without it the collection succeeds', () => {
    const t = treeWithGoodPair();
    writeFile(t.root, `${t.pairDir('f1_f3')}/result.json`, '{"repo": ');
    const out = tempDir();
    const args = ['collect', '--log-root', t.root, '--mapping', t.mapping, '--imported', join(out, 'none'), '--out', join(out, 'r.jsonl'), '--report', join(out, 'rep.json'), '--index', join(out, 'i.json'), '--quiet'];
    const lenient = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
    expect(lenient.status).toBe(0);
    expect(lenient.stdout).toContain('1 rejected');
    expect(lenient.stdout).toContain('error invalid-json: run_a/solo/pillow_task/290/f1_f3/result.json');
    const strict = spawnSync(process.execPath, [CLI, ...args, '--strict'], { encoding: 'utf8' });
    expect(strict.status).toBe(1);
  });

  it('a bad mapping file or log root is a usage error naming the file and field', () => {
    const t = treeWithGoodPair();
    const badMapping = writeFile(tempDir(), 'arms.json', { schema: 'cooperbench-repro/run-arms@1', runs: [{ match: 'x', arm: 'duo' }] });
    const r = spawnSync(process.execPath, [CLI, 'collect', '--log-root', t.root, '--mapping', badMapping, '--quiet'], { encoding: 'utf8', cwd: tempDir() });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/arms\.json: field runs\[0\]\.arm: expected an arm such as solo/);
    const missing = spawnSync(process.execPath, [CLI, 'collect', '--log-root', join(t.root, 'no_such_dir'), '--quiet'], { encoding: 'utf8', cwd: tempDir() });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('expected a directory holding upstream run directories');
    const runDir = spawnSync(process.execPath, [CLI, 'collect', '--log-root', join(t.root, 'run_a'), '--quiet'], { encoding: 'utf8', cwd: tempDir() });
    expect(runDir.status).toBe(2);
    expect(runDir.stderr).toContain('this is a single run directory');
    expect(execFileSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' })).toContain('import-legacy --input FILE');
  });
});
