import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineCommand } from './cli-command.js';
import { UsageError } from './cli-exit.js';

class BadDataError extends Error {}

describe('defineCommand', () => {
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  afterEach(() => stderr.mockClear());
  const printed = () => stderr.mock.calls.map((c) => String(c[0])).join('');

  const command = defineCommand({
    async main(argv) {
      if (argv[0] === 'usage') throw new UsageError('expected a figure name');
      if (argv[0] === 'data') throw new BadDataError('data/x.json field y: expected a number');
      if (argv[0] === 'bug') throw new TypeError('x is undefined');
      if (argv[0] === 'strict') return 1;
    },
    expected: [[BadDataError, 2]],
    usage: 'Usage: demo <what>\n',
  });

  it('resolves to 0 when main ends without a code, and to the code main gives', async () => {
    expect(await command.run([])).toBe(0);
    expect(await command.run(['strict'])).toBe(1);
    expect(printed()).toBe('');
  });

  it('reports an expected error as one line with its code, a usage error with the usage, and never exits', async () => {
    expect(await command.run(['data'])).toBe(2);
    expect(printed()).toBe('error: data/x.json field y: expected a number\n');
    stderr.mockClear();
    expect(await command.run(['usage'])).toBe(2);
    expect(printed()).toBe('error: expected a figure name\n\nUsage: demo <what>\n');
  });

  it('reports an unexpected error with its stack as exit 1, and adds the stack of an expected one with --debug', async () => {
    expect(await command.run(['bug'])).toBe(1);
    expect(printed()).toMatch(/^error \(unexpected\): TypeError: x is undefined\n\s+at /);
    stderr.mockClear();
    expect(await command.run(['data', '--debug'])).toBe(2);
    expect(printed()).toMatch(/^error: data\/x\.json field y: expected a number\nError: data\/x\.json[^\n]*\n\s+at /);
  });
});
