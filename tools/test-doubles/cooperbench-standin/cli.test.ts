import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArgparseError, parseArgs } from './argparse.js';
import { programSpec } from './cli-spec.js';
import { generateRunName } from './run-name.js';
import { runStandin, TINY_PAIRS, workspace } from './test-support/standin.js';

/** Upstream's command line: argparse errors exit 2, uncaught exceptions exit 1, runs exit 0. */

const ws = workspace('cli');
afterAll(ws.cleanup);
const spec19 = programSpec('0.0.19', 'cooperbench 0.0.19 (synthetic)');
const spec14 = programSpec('0.0.14', 'cooperbench 0.0.14 (synthetic)');
const parseError = (argv: string[], spec = spec19) => {
  try {
    parseArgs(spec, argv);
  } catch (err) {
    if (err instanceof ArgparseError) return err.render();
  }
  throw new Error(`no argparse error for ${argv.join(' ')}`);
};

describe('argument parsing (in process)', () => {
  it('parses upstream flags with their defaults and forms', () => {
    const r = parseArgs(spec19, ['run', '-nfoo', '--sub=lite', '-t', '-3', '--no-mess', '--concurrency', '4', '--setting', 'solo']);
    expect(r).toMatchObject({ kind: 'command', command: 'run' });
    if (r.kind !== 'command') return;
    expect(r.values).toMatchObject({ name: 'foo', subset: 'lite', task: -3, no_messaging: true, concurrency: 4, setting: 'solo', model: 'vertex_ai/gemini-3-flash-preview', agent: 'mini_swe_agent_v2', backend: 'docker', eval_concurrency: 10, force: false, log_dir: 'logs', dataset_dir: 'dataset' });
  });

  it('reports argparse errors with usage and the offending argument', () => {
    expect(parseError(['run', '--bogus'])).toMatch(/^usage: cooperbench .*\ncooperbench: error: unrecognized arguments: --bogus\n$/s);
    expect(parseError(['run', 'stray'])).toMatch(/error: unrecognized arguments: stray\n$/);
    expect(parseError(['run', '-t', 'x'])).toMatch(/^usage: cooperbench run .*cooperbench run: error: argument -t\/--task: invalid int value: 'x'\n$/s);
    expect(parseError(['run', '-c', '1.5'])).toContain("argument -c/--concurrency: invalid int value: '1.5'");
    expect(parseError(['run', '--setting', 'duo'])).toContain("argument --setting: invalid choice: 'duo' (choose from 'coop', 'solo', 'team')");
    expect(parseError(['run', '--backend', 'k8s'])).toContain('invalid choice');
    expect(parseError(['run', '-n'])).toContain('argument -n/--name: expected one argument');
    expect(parseError(['run', '-n', '--force'])).toContain('argument -n/--name: expected one argument');
    expect(parseError(['run', '--force=1'])).toContain("argument --force: ignored explicit argument '1'");
    expect(parseError(['run', '--no'])).toContain('ambiguous option: --no could match --no-messaging, --no-auto-eval');
    expect(parseError([])).toContain('error: the following arguments are required: command');
    expect(parseError(['walk'])).toContain("argument command: invalid choice: 'walk'");
    expect(parseError(['eval', '--setting', 'solo'])).toContain('unrecognized arguments: --setting solo');
  });

  it('knows which flags the impersonated version has', () => {
    expect(parseArgs(spec19, ['run', '--base-url', 'http://x', '--team-no-mcp'])).toMatchObject({ kind: 'command' });
    expect(parseError(['run', '--base-url', 'http://x'], spec14)).toContain('unrecognized arguments: --base-url http://x');
    expect(parseError(['run', '--setting', 'team'], spec14)).toContain("invalid choice: 'team' (choose from 'coop', 'solo')");
  });

  it('prints help and version instead of running', () => {
    expect(parseArgs(spec19, ['--version'])).toEqual({ kind: 'print', text: 'cooperbench 0.0.19 (synthetic)\n' });
    expect(parseArgs(spec19, ['run', '-h'])).toMatchObject({ kind: 'print', text: expect.stringContaining('--no-messaging') });
  });

  it('generates run names as upstream does', () => {
    const base = { setting: 'coop', agent: 'mini_swe_agent_v2', model: 'vertex_ai/gemini-3-flash-preview', git: false, subset: null, repo: null, task: null };
    expect(generateRunName(base)).toBe('coop-msa_v2-gemini-3-flash');
    expect(generateRunName({ ...base, setting: 'solo', agent: 'claude_code', git: true, subset: 'lite', repo: 'llama_index_task', task: 18813 })).toBe('solo-cc-git-gemini-3-flash-lite-llama-index-18813');
    expect(generateRunName({ ...base, agent: 'my_agent', task: 0 })).toBe('coop-my-gemini-3-flash-0');
  });
});

describe('the executable', () => {
  it('--version names the era version and says synthetic', async () => {
    const v19 = await runStandin(['--version'], ws.dir);
    const v14 = await runStandin(['--version'], ws.dir, { STANDIN_ERA: 'naive-union' });
    expect(v19).toMatchObject({ code: 0, stdout: 'cooperbench 0.0.19 (synthetic stand-in: tools/test-doubles/cooperbench-standin; not real agents)\n' });
    expect(v14.stdout).toMatch(/^cooperbench 0\.0\.14 .*synthetic/);
  });

  it('exits 2 with usage on stderr for argparse errors, writing nothing', async () => {
    const r = await runStandin(['run', '-s', 'tiny', '--frobnicate'], ws.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^usage: cooperbench/);
    expect(r.stderr).toContain('error: unrecognized arguments: --frobnicate');
    expect(existsSync(join(ws.dir, 'logs'))).toBe(false);
  });

  it('exits 1 like an uncaught upstream exception', async () => {
    const cases: [string[], RegExp][] = [
      [['run', '-s', 'missing'], /^ValueError: Subset 'missing' not found at dataset\/subsets\/missing\.json$/m],
      [['run', '-s', 'tiny', '--agent-config', 'nope.yaml'], /^FileNotFoundError: \[Errno 2\] No such file or directory: 'nope.yaml'$/m],
      [['run', '-s', 'tiny', '-f', '1,x'], /^ValueError: invalid literal for int\(\) with base 10: 'x'$/m],
      [['run', '-s', 'tiny', '-n', '../escape'], /^ValueError: run name/m],
      [['run', '-s', 'tiny', '--setting', 'team'], /not supported by the synthetic stand-in/],
      [['run', '--setting', 'solo'], /needs -s\/--subset/],
      [['prepare'], /not supported by the synthetic stand-in/],
    ];
    for (const [argv, stderr] of cases) {
      const r = await runStandin(argv, ws.dir);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.stderr, argv.join(' ')).toMatch(stderr);
    }
    expect(existsSync(join(ws.dir, 'logs'))).toBe(false);
  });

  it('refuses subset files whose names would leave the log root', async () => {
    writeFileSync(join(ws.dir, 'dataset', 'subsets', 'evil.json'), JSON.stringify({ tasks: [{ repo: '../../etc_task', task_id: 1, pairs: [[1, 2]] }] }));
    const r = await runStandin(['run', '-s', 'evil'], ws.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ValueError: repo /m);
    expect(existsSync(join(ws.dir, 'logs'))).toBe(false);
  });

  it('accepts --agent-config when the file exists, and accepts-and-ignores --redis, --git and --team-no-*', async () => {
    writeFileSync(join(ws.dir, 'agent.yaml'), 'config: {}\n');
    const r = await runStandin(['run', '-n', 'flags', '-s', 'tiny', '--agent-config', 'agent.yaml', '--redis', 'redis://nowhere:1', '--git', '--team-no-mcp', '--backend', 'modal', '-c', '2', '--eval-concurrency', '1', '--base-url', 'http://x', '--auth-token', 't'], ws.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(ws.json(join(ws.runDir('flags'), 'config.json')).concurrency).toBe(2);
  });

  it('records an unknown agent as a task error in every pair and still exits 0', async () => {
    const r = await runStandin(['run', '-n', 'ua', '-s', 'tiny', '-a', 'gpt_engineer'], ws.dir);
    expect(r.code).toBe(0);
    const summary = ws.json(join(ws.runDir('ua'), 'summary.json'));
    expect(summary).toMatchObject({ completed: 0, failed: 4 });
    expect(summary.results[0]).toMatchObject({ status: 'error', error: expect.stringMatching(/^Unknown agent: 'gpt_engineer'\. Available: claude_code, codex, /) });
    expect(TINY_PAIRS.some((p) => existsSync(ws.pairDir('ua', 'coop', p)))).toBe(false);
  });
});
