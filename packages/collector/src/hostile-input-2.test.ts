import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliConventionBreaches } from '@cooperbench-repro/contracts/testing';
import { describe, expect, it } from 'vitest';
import { collectInto } from './test-support/collect-helper.js';
import { arms, coopResult, SAMPLE_PATCH, soloEval, soloResult, tempDir, writeFile } from './test-support/fixture-tree.js';

/**
 * More of issue 12's cases: each one problem naming the file (and field), the rest of the collection
 * completed, the counts reconciled; and the CLI's answers (--help, exit codes, no stack trace).
 */

const REPO = 'pillow_task';
const CLI = resolve(fileURLToPath(new URL('.', import.meta.url)), '../dist/cli.js');
const GOOD = 'run_a/solo/pillow_task/290/f1_f2';
const pairDir = (p: string, run = 'run_a', setting = 'solo') => `${run}/${setting}/${REPO}/290/${p}`;

function tree() {
  const root = tempDir();
  const good = (p: string, run = 'run_a') => {
    const f: [number, number] = [Number(p[1]), Number(p[4])];
    writeFile(root, `${pairDir(p, run)}/result.json`, soloResult(REPO, 290, f));
    writeFile(root, `${pairDir(p, run)}/eval.json`, soloEval(REPO, 290, f, [true, true]));
    writeFile(root, `${pairDir(p, run)}/solo.patch`, SAMPLE_PATCH);
  };
  good('f1_f2');
  const mapping = writeFile(tempDir(), 'arms.json', arms({ run_a: { arm: 'solo', seed: 0 }, run_c: { arm: 'coop-msg', seed: 0 } }));
  return { root, mapping, good };
}

async function collectCase(setup: (t: ReturnType<typeof tree>) => void, expected: { found: number; written: number; rejected: number }) {
  const t = tree();
  setup(t);
  const c = await collectInto(t.root, t.mapping);
  expect(c.records.has(GOOD)).toBe(true); // the rest of the collection completed
  expect(c.report.counts).toMatchObject({ pair_dirs_found: expected.found, records_written: expected.written, pairs_rejected: expected.rejected, reconciled: true });
  return { c, t, errors: c.report.problems.filter((p) => p.severity === 'error') };
}

const cli = (args: string[], cwd = tempDir()) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd });
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at /);

describe('issue 12: duplicate keys, negative costs, arms, oversized conversations', () => {
  it('a duplicate key in eval.json rejects the pair, naming the file and the key (not the last value silently)', async () => {
    const { errors } = await collectCase((t) => {
      t.good('f1_f3');
      const text = JSON.stringify(soloEval(REPO, 290, [1, 3], [true, true])).replace('"both_passed":true', '"both_passed":false,"both_passed":true');
      writeFileSync(join(t.root, pairDir('f1_f3'), 'eval.json'), text);
    }, { found: 2, written: 1, rejected: 1 });
    expect(errors).toEqual([expect.objectContaining({ code: 'duplicate-json-key', file: `${pairDir('f1_f3')}/eval.json`, field: 'both_passed', expected: 'each key once per object', message: 'duplicate key "both_passed"', rejected_pairs: 1 })]);
  });

  it('a duplicate key inside a message of conversation.json names its path', async () => {
    const { errors } = await collectCase((t) => {
      writeFile(t.root, `${pairDir('f1_f3', 'run_c', 'coop')}/result.json`, coopResult(REPO, 290, [1, 3], { messages_sent: 1 }));
      writeFile(t.root, `${pairDir('f1_f3', 'run_c', 'coop')}/conversation.json`, '[{"from": "agent1", "to": "agent2", "message": "I take app.py", "message": "I take tests"}]');
    }, { found: 2, written: 1, rejected: 1 });
    expect(errors).toEqual([expect.objectContaining({ code: 'duplicate-json-key', file: `${pairDir('f1_f3', 'run_c', 'coop')}/conversation.json`, field: '[0].message' })]);
  });

  it('a duplicate key in result.json of an agent names agents.<id>.<key>', async () => {
    const { errors } = await collectCase((t) => {
      const text = JSON.stringify(coopResult(REPO, 290, [1, 3])).replace('"cost":0.25,', '"cost":0.25,"cost":0,');
      writeFile(t.root, `${pairDir('f1_f3', 'run_c', 'coop')}/result.json`, text);
    }, { found: 2, written: 1, rejected: 1 });
    expect(errors[0]).toMatchObject({ code: 'duplicate-json-key', field: 'agents.agent1.cost' });
  });

  it('a negative cost is refused with the field and the bound', async () => {
    const { errors } = await collectCase((t) => {
      writeFile(t.root, `${pairDir('f1_f3')}/result.json`, soloResult(REPO, 290, [1, 3], { agent: { status: 'Submitted', cost: -3, steps: 1 } }));
    }, { found: 2, written: 1, rejected: 1 });
    expect(errors).toEqual([expect.objectContaining({ code: 'invalid-field', file: `${pairDir('f1_f3')}/result.json`, field: 'agent.cost', expected: 'a number >= 0', message: 'value not accepted' })]);
  });

  it('a custom coop arm that does not say msg or nomsg is refused (messaging is never assumed)', async () => {
    const { errors, c } = await collectCase((t) => {
      writeFile(t.root, `${pairDir('f1_f3', 'run_x', 'coop')}/result.json`, coopResult(REPO, 290, [1, 3]));
      writeFile(t.root, 'run_x/cooperbench-repro.run.json', { schema: 'cooperbench-repro/run-manifest@1', run_name: 'run_x', arm: 'coop-fancy', model: 'm', seed: 0, agent_framework: 'x', subset: null, experiment: null, upstream_version: null, argv: [], started_at: 'now', synthetic: false });
    }, { found: 2, written: 1, rejected: 1 });
    expect(errors).toEqual([expect.objectContaining({ code: 'invalid-run-file', file: 'run_x/cooperbench-repro.run.json', field: 'arm', expected: expect.stringContaining('a coop arm that says msg or nomsg'), rejected_pairs: 1 })]);
    expect([...c.records.values()].every((r) => r.arm === 'solo')).toBe(true);
  });

  it('a conversation.json over the size cap (600 MB, sparse) is refused with its size, never read whole', async () => {
    const { errors } = await collectCase((t) => {
      writeFile(t.root, `${pairDir('f1_f3', 'run_c', 'coop')}/result.json`, coopResult(REPO, 290, [1, 3]));
      execFileSync('truncate', ['-s', String(600 * 1024 * 1024), join(t.root, pairDir('f1_f3', 'run_c', 'coop'), 'conversation.json')]);
    }, { found: 2, written: 1, rejected: 1 });
    expect(errors).toEqual([expect.objectContaining({ code: 'file-too-large', file: `${pairDir('f1_f3', 'run_c', 'coop')}/conversation.json`, message: '629145600 bytes; not read' })]);
  });

  it('a symlink as result.json that points at itself (ELOOP) rejects that pair only', async () => {
    const { errors } = await collectCase((t) => {
      mkdirSync(join(t.root, pairDir('f1_f3')), { recursive: true });
      symlinkSync('result.json', join(t.root, pairDir('f1_f3'), 'result.json'));
    }, { found: 2, written: 1, rejected: 1 });
    expect(errors).toEqual([expect.objectContaining({ code: 'unreadable-file', file: `${pairDir('f1_f3')}/result.json`, message: 'ELOOP; not read' })]);
  });
});

describe('issue 12: no output holds bytes from outside the log root', () => {
  it('file, pair-directory and run-directory links out of the root, all at once: refused, and no outside byte in any output', async () => {
    const outside = tempDir('cb-outside-');
    const secretText = 'SECRET-LINE-FROM-OUTSIDE-THE-ROOT-7f3a';
    writeFileSync(join(outside, 'secret.json'), JSON.stringify(soloEval(REPO, 290, [1, 3], [true, true], { note: secretText })));
    writeFile(outside, 'f2_f3/result.json', soloResult(REPO, 290, [2, 3], { model: secretText }));
    writeFile(outside, `run_out/solo/${REPO}/290/f1_f4/result.json`, soloResult(REPO, 290, [1, 4], { model: secretText }));
    const passwd = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.length > 10)!;
    const { c } = await collectCase((t) => {
      t.good('f1_f3');
      rmSync(join(t.root, pairDir('f1_f3'), 'eval.json'));
      symlinkSync(join(outside, 'secret.json'), join(t.root, pairDir('f1_f3'), 'eval.json'));
      t.good('f1_f4');
      rmSync(join(t.root, pairDir('f1_f4'), 'eval.json'));
      symlinkSync('/etc/passwd', join(t.root, pairDir('f1_f4'), 'eval.json'));
      symlinkSync(join(outside, 'f2_f3'), join(t.root, pairDir('f2_f3')));
      symlinkSync(join(outside, 'run_out'), join(t.root, 'run_out'));
    }, { found: 4, written: 1, rejected: 3 });
    expect(c.report.problems.map((p) => p.code).sort()).toEqual(['symlink-not-followed', 'symlink-not-followed', 'symlink-outside-root', 'symlink-outside-root']);
    for (const f of readdirSync(c.out)) {
      const text = readFileSync(join(c.out, f), 'utf8');
      expect(text, f).not.toContain(secretText);
      expect(text, f).not.toContain(passwd);
    }
  });
});

describe('issue 12: the collector CLI', () => {
  it('collect --help and import-legacy --help print the usage with exit codes (exit 0)', () => {
    for (const cmd of ['collect', 'import-legacy']) {
      const r = cli([cmd, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('Exit codes: 0 done');
      expect(r.stderr).toBe('');
    }
  });

  it('import-legacy with a missing, invalid or directory input: exit 2 naming it, no stack trace', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.json'), '{"records": ');
    mkdirSync(join(dir, 'dir.json'));
    const cases: [string, string][] = [
      [join(dir, 'none.json'), 'expected a readable results.json file (no such file)'],
      [join(dir, 'bad.json'), 'expected valid JSON'],
      [join(dir, 'dir.json'), 'EISDIR'],
    ];
    for (const [input, message] of cases) {
      const r = cli(['import-legacy', '--input', input, '--out-dir', join(dir, 'out')], dir);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(message);
      noStack(r.stderr);
    }
  });

  it('an unknown option is exit 2 with the usage; --debug adds the stack trace of an expected failure', () => {
    const unknown = cli(['collect', '--bogus']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("error: Unknown option '--bogus'");
    expect(unknown.stderr).toContain('Usage:');
    const missing = cli(['collect', '--log-root', '/nonexistent-log-root', '--quiet']);
    expect(missing.status).toBe(2);
    noStack(missing.stderr);
    const debug = cli(['collect', '--log-root', '/nonexistent-log-root', '--quiet', '--debug']);
    expect(debug.status).toBe(2);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('ends --help with the exit codes and --debug; an unknown option exits 2 without a stack trace (every command)', () => {
    for (const command of [[], ['collect'], ['import-legacy']]) expect(cliConventionBreaches(CLI, command), command.join(' ')).toEqual([]);
    // The bundle the Nx targets run (bundle/cli.js, made by the build) keeps them too.
    expect(cliConventionBreaches(CLI.replace(/dist[\\/]cli\.js$/, 'bundle/cli.js'), ['collect'])).toEqual([]);
  });
});
