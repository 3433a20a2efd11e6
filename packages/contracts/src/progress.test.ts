import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgress } from './progress.js';

/** A stream that records what is written; `isTTY` as a terminal or a pipe would report it. */
function recorder(isTTY: boolean): NodeJS.WriteStream & { text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as unknown as NodeJS.WriteStream & { text(): string };
  Object.assign(stream, { isTTY, columns: 80, cursorTo: () => true, clearLine: () => true, moveCursor: () => true, text: () => chunks.join('') });
  return stream;
}

function run(stream: NodeJS.WriteStream, total: number): void {
  const p = createProgress(stream);
  p.start(total, 'collect');
  for (let i = 0; i < total; i++) p.tick();
  p.stop();
}

describe('progress', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('in CI (or piped): plain lines, one per tenth and the last, no control characters', () => {
    vi.stubEnv('CI', 'true');
    const s = recorder(true);
    run(s, 20);
    const lines = s.text().split('\n').filter(Boolean);
    expect(lines[0]).toBe('collect: 0/20');
    expect(lines.at(-1)).toBe('collect: 20/20');
    expect(lines).toHaveLength(11);
    expect(s.text()).not.toMatch(/\x1b|\r/);
  });

  it('piped outside CI: the same plain lines', () => {
    vi.stubEnv('CI', '');
    const s = recorder(false);
    run(s, 3);
    expect(s.text()).toBe('collect: 0/3\ncollect: 1/3\ncollect: 2/3\ncollect: 3/3\n');
  });

  it('on a terminal outside CI: a bar redrawn in place, ending at total/total', () => {
    vi.stubEnv('CI', '');
    const s = recorder(true);
    run(s, 5);
    expect(s.text()).toContain('5/5 100%');
    expect(s.text()).not.toContain('collect: 0/5\n');
  });

  it('--quiet writes nothing', () => {
    const s = recorder(false);
    const p = createProgress(s, { quiet: true });
    p.start(4, 'collect');
    p.tick(4);
    expect(s.text()).toBe('');
  });
});
