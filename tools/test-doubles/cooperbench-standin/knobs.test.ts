import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { finished, isAlive, listFiles, readExecLog, runStandin, spawnStandin, TINY_PAIRS, waitFor, workspace } from './test-support/standin.js';

/** The failure knobs (README.md): failing at start, failing once, dying mid-run, hanging, grandchildren. */

const ws = workspace('knobs');
afterAll(ws.cleanup);
const args = (name: string, ...extra: string[]) => ['run', '-n', name, '-s', 'tiny', '--setting', 'solo', ...extra];
const results = (name: string) => TINY_PAIRS.filter((p) => existsSync(join(ws.pairDir(name, 'solo', p), 'result.json')));

describe('failure knobs', () => {
  it('STANDIN_FAIL_EXIT exits with that code at start and writes nothing, but --version still answers', async () => {
    const r = await runStandin(args('fail-exit'), ws.dir, { STANDIN_FAIL_EXIT: '3' });
    expect(r.code).toBe(3);
    expect(existsSync(join(ws.dir, 'logs'))).toBe(false);
    const version = await runStandin(['--version'], ws.dir, { STANDIN_FAIL_EXIT: '3' });
    expect([version.code, version.stdout]).toEqual([0, expect.stringContaining('synthetic')]);
  });

  it('STANDIN_FAIL_ONCE_FILE fails the first invocation only', async () => {
    const flag = join(ws.dir, 'failed-once');
    const env = { STANDIN_FAIL_ONCE_FILE: flag };
    const first = await runStandin(args('fail-once'), ws.dir, env);
    expect(first.code).toBe(1);
    expect(existsSync(flag)).toBe(true);
    expect(existsSync(ws.runDir('fail-once'))).toBe(false);
    const second = await runStandin(args('fail-once'), ws.dir, env);
    expect(second.code).toBe(0);
    expect(results('fail-once')).toEqual(TINY_PAIRS);
  });

  it('STANDIN_FAIL_COMMANDS limits the start failures to some commands', async () => {
    const r = await runStandin(['eval', '-n', 'fail-once'], ws.dir, { STANDIN_FAIL_EXIT: '4', STANDIN_FAIL_COMMANDS: 'run' });
    expect(r.code).toBe(0);
  });

  it('STANDIN_DIE_AFTER kills the run with SIGKILL after N pairs: some result.json, no summary', async () => {
    const execLog = join(ws.dir, 'die.jsonl');
    const r = await runStandin(args('die'), ws.dir, { STANDIN_DIE_AFTER: '2', STANDIN_EXEC_LOG: execLog });
    expect([r.code, r.signal]).toEqual([null, 'SIGKILL']);
    expect(results('die')).toEqual(TINY_PAIRS.slice(0, 2));
    expect(existsSync(join(ws.runDir('die'), 'config.json'))).toBe(true);
    expect(existsSync(join(ws.runDir('die'), 'summary.json'))).toBe(false);
    expect(readExecLog(execLog).filter((l) => l.event === 'agents-done').map((l) => l.pair)).toEqual(TINY_PAIRS.slice(0, 2));
    // A resumed run finishes the rest and skips the two done pairs.
    const resumed = await runStandin(args('die'), ws.dir, { STANDIN_EXEC_LOG: execLog });
    expect(resumed.code).toBe(0);
    expect(ws.json(join(ws.runDir('die'), 'summary.json'))).toMatchObject({ completed: 2, skipped: 2 });
  });

  it('STANDIN_PAIR_DELAY_MS slows pairs down so a run can be killed mid-way', async () => {
    // The delay is far longer than any scheduling hiccup, so after the first pair the run is surely still
    // waiting before the second one when it is killed (no assertion depends on how long anything took).
    const child = spawnStandin(args('slow', '--no-auto-eval'), ws.dir, { STANDIN_PAIR_DELAY_MS: '3000' });
    const done = finished(child);
    await waitFor(() => results('slow').length >= 1, 60_000);
    child.kill('SIGKILL');
    const r = await done;
    expect(r.signal).toBe('SIGKILL');
    expect(results('slow').length).toBeLessThan(TINY_PAIRS.length);
    expect(existsSync(join(ws.runDir('slow'), 'summary.json'))).toBe(false);
  });

  it('STANDIN_HANG hangs after config.json until SIGTERM', async () => {
    const child = spawnStandin(args('hang'), ws.dir, { STANDIN_HANG: '1' });
    const done = finished(child);
    await waitFor(() => existsSync(join(ws.runDir('hang'), 'config.json')));
    child.kill('SIGTERM');
    expect((await done).signal).toBe('SIGTERM');
    expect(listFiles(ws.runDir('hang'))).toEqual(['config.json']);
  });

  it('STANDIN_HANG with STANDIN_IGNORE_SIGTERM survives SIGTERM; only SIGKILL stops it', async () => {
    const child = spawnStandin(args('hang-hard'), ws.dir, { STANDIN_HANG: '1', STANDIN_IGNORE_SIGTERM: '1' });
    const done = finished(child);
    await waitFor(() => existsSync(join(ws.runDir('hang-hard'), 'config.json')));
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    expect(child.exitCode).toBeNull();
    expect(isAlive(child.pid!)).toBe(true);
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
  });

  it('STANDIN_SPAWN_GRANDCHILD: killing the process group ends the grandchild too', async () => {
    const execLog = join(ws.dir, 'grandchild.jsonl');
    // Detached: the stand-in leads its own process group, as the runner starts upstream.
    const child = spawnStandin(args('group'), ws.dir, { STANDIN_HANG: '1', STANDIN_SPAWN_GRANDCHILD: '1', STANDIN_EXEC_LOG: execLog }, true);
    const done = finished(child);
    await waitFor(() => readExecLog(execLog).some((l) => l.event === 'grandchild') && existsSync(join(ws.runDir('group'), 'config.json')));
    const grandchild = readExecLog(execLog).find((l) => l.event === 'grandchild')!.pid;
    expect(isAlive(grandchild)).toBe(true);
    process.kill(-child.pid!, 'SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    await waitFor(() => !isAlive(grandchild), 5_000);
  });

  it('STANDIN_SPAWN_GRANDCHILD: a normal exit takes the grandchild down', async () => {
    const execLog = join(ws.dir, 'grandchild-normal.jsonl');
    const r = await runStandin(args('group-normal', '--no-auto-eval'), ws.dir, { STANDIN_SPAWN_GRANDCHILD: '1', STANDIN_EXEC_LOG: execLog });
    expect(r.code).toBe(0);
    const grandchild = readExecLog(execLog).find((l) => l.event === 'grandchild')!.pid;
    await waitFor(() => !isAlive(grandchild), 5_000);
  });

  it('rejects malformed knob values with exit 2', async () => {
    const bad: Record<string, string>[] = [{ STANDIN_ERROR_RATE: '2' }, { STANDIN_ERA: 'bronze' }, { STANDIN_DIE_AFTER: '0' }, { STANDIN_HANG: 'yes' }];
    for (const env of bad) {
      const r = await runStandin(args('bad-knob'), ws.dir, env);
      expect(r.code, JSON.stringify(env)).toBe(2);
      expect(r.stderr).toContain(Object.keys(env)[0]);
    }
    expect(existsSync(ws.runDir('bad-knob'))).toBe(false);
  });
});
