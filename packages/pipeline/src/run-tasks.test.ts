import { describe, expect, it } from 'vitest';
import { lanesOf, schedule, type Execute, type Lane } from './run-tasks.js';
import type { PipelineTask } from './tasks.js';

const task = (id: string, dependsOn: string[] = []): PipelineTask => ({ id, command: 'node', args: [], dependsOn });

/** An Execute whose tasks end when the test says so, recording what was under way at each start. */
function controlledExecute() {
  const finish = new Map<string, (code: number) => void>();
  const underWay = new Set<string>();
  const starts: { id: string; alongside: string[] }[] = [];
  const execute: Execute = (t) =>
    new Promise<number>((resolve) => {
      starts.push({ id: t.id, alongside: [...underWay] });
      underWay.add(t.id);
      finish.set(t.id, (code) => {
        underWay.delete(t.id);
        resolve(code);
      });
    });
  const end = async (id: string, code = 0) => {
    finish.get(id)!(code);
    await new Promise((r) => setImmediate(r));
  };
  return { execute, starts, end, underWay };
}

describe('lanesOf', () => {
  it('puts the busiest command module on the main thread and every other one on the command thread', () => {
    expect(lanesOf(['stage-a', 'figs', 'figs', 'stage-b', 'figs'], 2)).toEqual(['thread', 'main', 'main', 'thread', 'main']);
  });
  it('keeps everything on the main lane with one job, and commands run as processes always', () => {
    expect(lanesOf(['stage-a', 'figs', 'figs'], 1)).toEqual(['main', 'main', 'main']);
    expect(lanesOf([null, 'figs', 'stage-a', 'figs'], 2)).toEqual(['main', 'main', 'thread', 'main']);
  });
});

describe('schedule', () => {
  it('with one job runs one task at a time, a process task included, each after its dependencies', async () => {
    const tasks = [task('collect'), task('difficulty', ['collect']), task('fig4', ['difficulty']), task('table', ['difficulty'])];
    const lanes: Lane[] = ['main', 'main', 'main', 'main'];
    const c = controlledExecute();
    const done = schedule(tasks, lanes, { main: 1, thread: 1 }, c.execute, (i) => (i === 0 ? 'process' : 'main'));
    for (const id of ['collect', 'difficulty', 'fig4', 'table']) {
      expect([...c.underWay]).toEqual([id]);
      await c.end(id);
    }
    const results = await done;
    expect(c.starts.every((s) => s.alongside.length === 0)).toBe(true);
    expect(results.map((r) => [r.id, r.ran])).toEqual([['collect', 'process'], ['difficulty', 'main'], ['fig4', 'main'], ['table', 'main']]);
  });

  it("runs up to each lane's capacity, and starts first what more tasks wait for", async () => {
    // report waits for table; so table (1 dependent) starts before fig4 and fig5 (none), whatever the list order
    const tasks = [task('collect'), task('fig4', ['collect']), task('fig5', ['collect']), task('table', ['collect']), task('report', ['table'])];
    const lanes: Lane[] = ['thread', 'main', 'main', 'main', 'thread'];
    const c = controlledExecute();
    const done = schedule(tasks, lanes, { main: 2, thread: 1 }, c.execute, (i) => lanes[i]!);
    await c.end('collect');
    expect(c.starts.map((s) => s.id)).toEqual(['collect', 'table', 'fig4']); // two on the main lane, fig5 waits
    await c.end('table');
    expect(c.starts.map((s) => s.id)).toEqual(['collect', 'table', 'fig4', 'fig5', 'report']);
    expect([...c.underWay].sort()).toEqual(['fig4', 'fig5', 'report']);
    for (const id of ['fig4', 'fig5', 'report']) await c.end(id);
    expect((await done).map((r) => r.id)).toEqual(['collect', 'table', 'fig4', 'fig5', 'report']);
  });

  it('runs the command thread one task at a time while the main thread has several under way', async () => {
    const tasks = [task('difficulty'), task('communication'), task('fig4'), task('fig5')];
    const lanes: Lane[] = ['thread', 'thread', 'main', 'main'];
    const c = controlledExecute();
    const done = schedule(tasks, lanes, { main: 2, thread: 1 }, c.execute, (i) => lanes[i]!);
    expect([...c.underWay]).toEqual(['difficulty', 'fig4', 'fig5']);
    await c.end('difficulty');
    expect([...c.underWay]).toEqual(['fig4', 'fig5', 'communication']);
    for (const id of ['fig4', 'fig5', 'communication']) await c.end(id);
    expect((await done).map((r) => r.id)).toEqual(['difficulty', 'fig4', 'fig5', 'communication']);
  });

  it('starts nothing after a failure, lets what is under way finish, and counts a rejected task as exit 1', async () => {
    const tasks = [task('a'), task('b'), task('c', ['a']), task('d')];
    const lanes: Lane[] = ['main', 'main', 'main', 'main'];
    const started: string[] = [];
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => (errors.push(s), true)) as typeof process.stderr.write;
    try {
      const execute: Execute = async (t) => {
        started.push(t.id);
        if (t.id === 'a') throw new Error('boom');
        return 0;
      };
      const results = await schedule(tasks, lanes, { main: 2, thread: 1 }, execute, () => 'main');
      expect(results.map((r) => [r.id, r.code])).toEqual([['a', 1], ['b', 0]]);
      expect(started).toEqual(['a', 'b']);
      expect(errors.join('')).toMatch(/^error \(unexpected, running a\): Error: boom/);
    } finally {
      process.stderr.write = write;
    }
  });
});
