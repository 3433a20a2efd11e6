import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectInto } from './test-support/collect-helper.js';
import { arms, SAMPLE_PATCH, soloEval, soloResult, tempDir, writeFile } from './test-support/fixture-tree.js';

/**
 * Input a hostile or careless user can produce: each case is one problem naming the file and the
 * reason, the rest of the collection completes, and the counts reconcile.
 */

const REPO = 'pillow_task';
const CLI = resolve(fileURLToPath(new URL('.', import.meta.url)), '../dist/cli.js');

function tree() {
  const root = tempDir();
  const pair = (p: string, run = 'run_a') => `${run}/solo/${REPO}/290/${p}`;
  const goodPair = (p: string, run = 'run_a') => {
    writeFile(root, `${pair(p, run)}/result.json`, soloResult(REPO, 290, [Number(p[1]), Number(p[4])]));
    writeFile(root, `${pair(p, run)}/eval.json`, soloEval(REPO, 290, [Number(p[1]), Number(p[4])], [true, true]));
    writeFile(root, `${pair(p, run)}/solo.patch`, SAMPLE_PATCH);
  };
  goodPair('f1_f2');
  const mapping = writeFile(tempDir(), 'arms.json', arms({ run_a: { arm: 'solo', seed: 0 }, 'run\\b': { arm: 'solo', seed: 1 } }));
  return { root, mapping, pair, goodPair };
}

async function collectHostile(setup: (t: ReturnType<typeof tree>) => void) {
  const t = tree();
  setup(t);
  const c = await collectInto(t.root, t.mapping);
  expect(c.records.has(t.pair('f1_f2'))).toBe(true); // the rest of the collection completed
  expect(c.report.counts.reconciled).toBe(true);
  return { c, t, problems: c.report.problems };
}

describe('hostile input to the collector', () => {
  it('a symlink loop inside a pair directory: that pair is rejected, named, no crash', async () => {
    const { problems, c } = await collectHostile((t) => {
      t.goodPair('f1_f3');
      const dir = join(t.root, t.pair('f1_f3'));
      symlinkSync('loop-b', join(dir, 'loop-a'));
      symlinkSync('loop-a', join(dir, 'loop-b'));
      execFileSync('rm', [join(dir, 'eval.json')]);
      symlinkSync('loop-a', join(dir, 'eval.json'));
    });
    expect(problems).toContainEqual(expect.objectContaining({ code: 'unreadable-file', file: 'run_a/solo/pillow_task/290/f1_f3/eval.json', message: expect.stringContaining('ELOOP') }));
    expect(c.report.counts).toMatchObject({ pair_dirs_found: 2, records_written: 1, pairs_rejected: 1 });
  });

  it('a directory named result.json or eval.json is refused as not a regular file', async () => {
    const { problems } = await collectHostile((t) => {
      mkdirSync(join(t.root, t.pair('f1_f3'), 'result.json'), { recursive: true });
      t.goodPair('f2_f3');
      execFileSync('rm', [join(t.root, t.pair('f2_f3'), 'eval.json')]);
      mkdirSync(join(t.root, t.pair('f2_f3'), 'eval.json'));
    });
    expect(problems).toContainEqual(expect.objectContaining({ code: 'not-a-regular-file', file: 'run_a/solo/pillow_task/290/f1_f3/result.json', expected: 'a regular file', message: 'a directory; not read' }));
    expect(problems).toContainEqual(expect.objectContaining({ code: 'not-a-regular-file', file: 'run_a/solo/pillow_task/290/f2_f3/eval.json' }));
  });

  it('a FIFO named eval.json is refused without opening it (no hang)', async () => {
    const { problems } = await collectHostile((t) => {
      t.goodPair('f1_f3');
      const fifo = join(t.root, t.pair('f1_f3'), 'eval.json');
      execFileSync('rm', [fifo]);
      execFileSync('mkfifo', [fifo]);
    });
    expect(problems).toContainEqual(expect.objectContaining({ code: 'not-a-regular-file', file: 'run_a/solo/pillow_task/290/f1_f3/eval.json', message: 'a FIFO; not read' }));
  });

  it('a file symlink to a file outside the log root is not read, and its bytes appear in no output', async () => {
    const secret = join(tempDir(), 'secret.txt');
    writeFileSync(secret, 'TOP-SECRET-OUTSIDE-THE-ROOT');
    const { problems, c } = await collectHostile((t) => {
      t.goodPair('f1_f3');
      const evalFile = join(t.root, t.pair('f1_f3'), 'eval.json');
      execFileSync('rm', [evalFile]);
      symlinkSync(secret, evalFile);
    });
    expect(problems).toContainEqual(expect.objectContaining({ code: 'symlink-outside-root', file: 'run_a/solo/pillow_task/290/f1_f3/eval.json' }));
    for (const f of ['results.jsonl', 'collect-report.json', 'collect-index.json']) {
      expect(readFileSync(join(c.out, f), 'utf8')).not.toContain('TOP-SECRET');
    }
  });

  it('a symlink inside the root to another file inside the root is read', async () => {
    const { c } = await collectHostile((t) => {
      t.goodPair('f1_f3');
      const patch = join(t.root, t.pair('f1_f3'), 'solo.patch');
      execFileSync('rm', [patch]);
      symlinkSync(join(t.root, t.pair('f1_f2'), 'solo.patch'), patch);
    });
    expect(c.records.has('run_a/solo/pillow_task/290/f1_f3')).toBe(true);
  });

  it('an unreadable file (permissions) is named when the process is not root', async () => {
    if (process.getuid?.() === 0) {
      // Root reads every file regardless of mode: check the refusal path with a file that vanishes instead.
      const { problems } = await collectHostile((t) => {
        t.goodPair('f1_f3');
        const evalFile = join(t.root, t.pair('f1_f3'), 'eval.json');
        execFileSync('rm', [evalFile]);
        symlinkSync(join(t.root, t.pair('f1_f3'), 'gone.json'), evalFile);
      });
      expect(problems).toContainEqual(expect.objectContaining({ code: 'unreadable-file', file: 'run_a/solo/pillow_task/290/f1_f3/eval.json', message: expect.stringContaining('ENOENT') }));
      return;
    }
    const { problems } = await collectHostile((t) => {
      t.goodPair('f1_f3');
      chmodSync(join(t.root, t.pair('f1_f3'), 'eval.json'), 0);
    });
    expect(problems).toContainEqual(expect.objectContaining({ code: 'unreadable-file', message: expect.stringContaining('EACCES') }));
  });

  it('a file above the size cap is refused with its size, not read whole', async () => {
    const { problems } = await collectHostile((t) => {
      t.goodPair('f1_f3');
      // A sparse file: 300 MB apparent size, no disk used.
      execFileSync('truncate', ['-s', String(300 * 1024 * 1024), join(t.root, t.pair('f1_f3'), 'eval.json')]);
    });
    expect(problems).toContainEqual(expect.objectContaining({ code: 'file-too-large', file: 'run_a/solo/pillow_task/290/f1_f3/eval.json', message: '314572800 bytes; not read' }));
  });

  it('invalid UTF-8 is a warning naming the file, not a silent U+FFFD', async () => {
    const { problems, c } = await collectHostile((t) => {
      t.goodPair('f1_f3');
      const patch = join(t.root, t.pair('f1_f3'), 'solo.patch');
      writeFileSync(patch, Buffer.concat([Buffer.from(SAMPLE_PATCH), Buffer.from([0xff, 0xfe, 0x0a])]));
    });
    expect(problems).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'invalid-utf8', file: 'run_a/solo/pillow_task/290/f1_f3/solo.patch' }));
    expect(c.records.has('run_a/solo/pillow_task/290/f1_f3')).toBe(true);
  });

  it('a hidden run directory is named and its pairs count as found and rejected', async () => {
    const { problems, c } = await collectHostile((t) => {
      t.goodPair('f1_f3', '.hidden_run');
    });
    expect(problems).toContainEqual(expect.objectContaining({ code: 'run-directory-skipped', file: '.hidden_run', rejected_pairs: 1 }));
    expect(c.report.counts).toMatchObject({ pair_dirs_found: 2, records_written: 1, pairs_rejected: 1 });
  });

  it('a run directory whose name has a backslash is named as an error, its pairs counted', async () => {
    const { problems, c } = await collectHostile((t) => {
      t.goodPair('f1_f3', 'run\\b');
    });
    expect(problems).toContainEqual(expect.objectContaining({ severity: 'error', code: 'run-directory-skipped', file: 'run\\\\b', rejected_pairs: 1 }));
    expect(c.report.counts).toMatchObject({ pair_dirs_found: 2, pairs_rejected: 1 });
  });

  it('a hidden directory inside a run is named with the pair directories below it', async () => {
    const { problems, c } = await collectHostile((t) => {
      writeFile(t.root, `run_a/solo/.cache_task/290/f1_f3/result.json`, soloResult(REPO, 290, [1, 3]));
    });
    expect(problems).toContainEqual(expect.objectContaining({ code: 'hidden-directory-skipped', file: 'run_a/solo/.cache_task', rejected_pairs: 1 }));
    expect(c.report.counts).toMatchObject({ pair_dirs_found: 2, pairs_rejected: 1 });
  });

  it('an empty log root: a loud no-records warning, and exit 1 under --strict', () => {
    const root = tempDir();
    const out = tempDir();
    const args = ['collect', '--log-root', root, '--out', join(out, 'r.jsonl'), '--report', join(out, 'rep.json'), '--index', join(out, 'i.json'), '--quiet'];
    const loose = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
    expect(loose.status).toBe(0);
    expect(loose.stderr).toContain('WARNING: no run records collected; the log root is empty');
    const strict = spawnSync(process.execPath, [CLI, ...args, '--strict'], { encoding: 'utf8' });
    expect(strict.status).toBe(1);
    expect(strict.stderr).not.toMatch(/\n\s+at /);
  });

  it('a log root one level too high: the warning says which folder holds the runs', async () => {
    const t = tree();
    const parent = tempDir();
    execFileSync('mv', [t.root, join(parent, 'logs')]);
    const c = await collectInto(parent, t.mapping);
    expect(c.report.counts.records_written).toBe(0);
    expect(c.report.problems).toContainEqual(expect.objectContaining({ code: 'no-records', message: expect.stringContaining('logs/ holds run directories: the log root looks one level too high') }));
  });
});
