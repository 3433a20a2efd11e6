import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYNTHETIC_MARKER_FIELD } from '@cooperbench-repro/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATE_FILE } from './run-state.js';
import { listFiles, runStandin, TINY_PAIRS, workspace, type StandinResult } from './test-support/standin.js';

/** `cooperbench run` writes upstream's layout and files for solo and coop, with and without messaging. */

const ws = workspace('run');
afterAll(ws.cleanup);

const ARMS = {
  solo: ['--setting', 'solo'],
  'coop-msg': ['--setting', 'coop'],
  'coop-nomsg': ['--setting', 'coop', '--no-messaging'],
} as const;
const results: Record<string, StandinResult> = {};

beforeAll(async () => {
  await Promise.all(
    Object.entries(ARMS).map(async ([arm, flags]) => {
      // claude_code records message timestamps; mini_swe_agent_v2 (the default) does not.
      results[arm] = await runStandin(['run', '-n', `t-${arm}`, '-s', 'tiny', '-a', 'claude_code', ...flags], ws.dir);
    }),
  );
});

describe('cooperbench run', () => {
  it('exits 0 and writes config.json, summary.json and one directory per pair, in upstream order', () => {
    for (const [arm, r] of Object.entries(results)) {
      expect(r.code, `${arm}: ${r.stderr}`).toBe(0);
      const setting = arm === 'solo' ? 'solo' : 'coop';
      const files = listFiles(ws.runDir(`t-${arm}`));
      expect(files.filter((f) => !f.startsWith(`${setting}/`))).toEqual([STATE_FILE, 'config.json', 'summary.json'].sort());
      const pairDirs = [...new Set(files.filter((f) => f.startsWith(`${setting}/`)).map((f) => f.split('/').slice(1, 4).join('/')))];
      expect(pairDirs).toEqual(TINY_PAIRS);
      const summary = ws.json(join(ws.runDir(`t-${arm}`), 'summary.json'));
      expect(summary).toMatchObject({ run_name: `t-${arm}`, total_tasks: 4, completed: 4, skipped: 0, failed: 0 });
      expect(summary.results.map((x: { task: string }) => x.task)).toEqual(['dspy_task/8394/3,4', 'dspy_task/8394/3,5', 'openai_tiktoken_task/0/1,2', 'pallets_jinja_task/1559/2,4']);
      expect(summary.eval.total_evaluated).toBe(4);
      expect(ws.json(join(ws.runDir(`t-${arm}`), 'config.json'))).toMatchObject({ run_name: `t-${arm}`, agent_framework: 'claude_code', model: 'vertex_ai/gemini-3-flash-preview', setting, concurrency: 30, total_tasks: 4 });
    }
  });

  it('writes the upstream file set per pair (feature-id names for coop patches and trajectories)', () => {
    for (const pair of TINY_PAIRS) {
      const [a, b] = pair.split('/')[2]!.slice(1).split('_f');
      const solo = listFiles(ws.pairDir('t-solo', 'solo', pair)).filter((f) => f !== 'eval.json');
      expect(solo).toEqual(['result.json', 'solo.patch', 'solo_traj.json']);
      const coop = listFiles(ws.pairDir('t-coop-msg', 'coop', pair)).filter((f) => f !== 'eval.json');
      expect(coop).toEqual(['conversation.json', `agent${a}.patch`, `agent${a}_traj.json`, `agent${b}.patch`, `agent${b}_traj.json`, 'result.json'].sort());
      const result = ws.json(join(ws.pairDir('t-coop-msg', 'coop', pair), 'result.json'));
      expect(result.agents.agent1.feature_id).toBe(Number(a));
      expect(result.log_dir).toBe(`logs/t-coop-msg/coop/${pair}`);
    }
  });

  it('marks every JSON file it writes as synthetic and never writes the runner manifest', () => {
    let checked = 0;
    for (const run of Object.keys(ARMS).map((a) => `t-${a}`)) {
      for (const file of listFiles(ws.runDir(run)).filter((f) => f.endsWith('.json'))) {
        const value = ws.json(join(ws.runDir(run), file));
        expect(file).not.toBe('cooperbench-repro.run.json');
        for (const obj of Array.isArray(value) ? value : [value]) expect(obj[SYNTHETIC_MARKER_FIELD], `${run}/${file}`).toMatch(/synthetic/);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('keeps --no-messaging conversations empty and lets messaging runs talk', () => {
    let messages = 0;
    for (const pair of TINY_PAIRS) {
      expect(ws.json(join(ws.pairDir('t-coop-nomsg', 'coop', pair), 'conversation.json'))).toEqual([]);
      expect(ws.json(join(ws.pairDir('t-coop-nomsg', 'coop', pair), 'result.json')).messages_sent).toBe(0);
      const conversation = ws.json(join(ws.pairDir('t-coop-msg', 'coop', pair), 'conversation.json'));
      expect(ws.json(join(ws.pairDir('t-coop-msg', 'coop', pair), 'result.json')).messages_sent).toBe(conversation.length);
      messages += conversation.length;
    }
    expect(messages).toBeGreaterThan(0);
  });

  it('uses wall-clock naive local times, eval after the agents', () => {
    for (const pair of TINY_PAIRS) {
      const dir = ws.pairDir('t-solo', 'solo', pair);
      const result = ws.json(join(dir, 'result.json'));
      expect(result.started_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$/);
      expect(result.started_at <= result.ended_at).toBe(true);
      // A real (wall-clock) duration: only its sign is certain, never an upper bound on a loaded machine.
      expect(result.duration_seconds).toBeGreaterThanOrEqual(0);
      if (existsSync(join(dir, 'eval.json'))) expect(ws.json(join(dir, 'eval.json')).evaluated_at >= result.ended_at).toBe(true);
    }
  });

  it('draws the same outcomes for the same name, seed and flags in another log directory', async () => {
    const again = await runStandin(['run', '-n', 't-coop-nomsg', '-s', 'tiny', '-a', 'claude_code', '--setting', 'coop', '--no-messaging', '--log-dir', 'elsewhere'], ws.dir);
    expect(again.code).toBe(0);
    for (const pair of TINY_PAIRS) {
      const a = ws.pairDir('t-coop-nomsg', 'coop', pair);
      const b = join(ws.dir, 'elsewhere', 't-coop-nomsg', 'coop', pair);
      for (const file of listFiles(a).filter((f) => f.endsWith('.patch'))) expect(readFileSync(join(b, file), 'utf8'), file).toBe(readFileSync(join(a, file), 'utf8'));
      const statuses = (dir: string) => Object.values(ws.json(join(dir, 'result.json')).agents as Record<string, { status: string; cost: number }>).map((x) => [x.status, x.cost]);
      expect(statuses(b)).toEqual(statuses(a));
      expect(existsSync(join(b, 'eval.json'))).toBe(existsSync(join(a, 'eval.json')));
      if (existsSync(join(a, 'eval.json'))) expect(ws.json(join(b, 'eval.json')).both_passed).toBe(ws.json(join(a, 'eval.json')).both_passed);
      expect(ws.json(join(b, 'result.json')).log_dir).toBe(`elsewhere/t-coop-nomsg/coop/${pair}`);
    }
  });

  it('draws differently for another STANDIN_SEED', async () => {
    const other = await runStandin(['run', '-n', 't-solo', '-s', 'tiny', '-a', 'claude_code', '--setting', 'solo', '--log-dir', 'seed7'], ws.dir, { STANDIN_SEED: '7' });
    expect(other.code).toBe(0);
    const patches = (root: string) => TINY_PAIRS.map((p) => readFileSync(join(root, 't-solo', 'solo', p, 'solo.patch'), 'utf8'));
    expect(patches(join(ws.dir, 'seed7'))).not.toEqual(patches(join(ws.dir, 'logs')));
  });

  it('auto-names runs like upstream, leaving --no-messaging out of the name', async () => {
    const cwd = join(ws.dir);
    const first = await runStandin(['run', '-s', 'tiny', '--log-dir', 'auto'], cwd);
    const second = await runStandin(['run', '-s', 'tiny', '--log-dir', 'auto', '--no-messaging'], cwd);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(listFiles(join(ws.dir, 'auto')).map((f) => f.split('/')[0])).toContain('coop-msa_v2-gemini-3-flash-tiny');
    // The second (no-messaging) arm landed in the same directory and skipped every finished pair.
    const summary = ws.json(join(ws.dir, 'auto', 'coop-msa_v2-gemini-3-flash-tiny', 'summary.json'));
    expect(summary.completed + summary.skipped).toBe(4);
    expect(summary.skipped).toBeGreaterThanOrEqual(3);
  });

  it('filters with -r, -t and -f, and ignores -t 0 (upstream bug) while naming the run with it', async () => {
    const byRepo = await runStandin(['run', '-s', 'tiny', '--setting', 'solo', '-r', 'dspy_task', '-n', 'f-repo', '--no-auto-eval'], ws.dir);
    const byTask = await runStandin(['run', '-s', 'tiny', '--setting', 'solo', '-t', '1559', '-n', 'f-task', '--no-auto-eval'], ws.dir);
    const byPair = await runStandin(['run', '-s', 'tiny', '--setting', 'solo', '-f', '5,3', '-n', 'f-pair', '--no-auto-eval'], ws.dir);
    const taskZero = await runStandin(['run', '-s', 'tiny', '--setting', 'solo', '-t', '0', '--no-auto-eval'], ws.dir);
    for (const r of [byRepo, byTask, byPair, taskZero]) expect(r.code, r.stderr).toBe(0);
    const pairs = (run: string) => TINY_PAIRS.filter((p) => existsSync(join(ws.pairDir(run, 'solo', p), 'result.json')));
    expect(pairs('f-repo')).toEqual(['dspy_task/8394/f3_f4', 'dspy_task/8394/f3_f5']);
    expect(pairs('f-task')).toEqual(['pallets_jinja_task/1559/f2_f4']);
    expect(pairs('f-pair')).toEqual(['dspy_task/8394/f3_f5']);
    expect(pairs('solo-msa_v2-gemini-3-flash-tiny-0')).toEqual(TINY_PAIRS);
    expect(ws.json(join(ws.runDir('f-repo'), 'summary.json')).pass_rate).toBeNull();
  });

  it('exits 0 with "no tasks found" when the filters match nothing', async () => {
    const r = await runStandin(['run', '-s', 'tiny', '-r', 'typst_task', '-n', 'none'], ws.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no tasks found');
    expect(existsSync(ws.runDir('none'))).toBe(false);
  });
});
