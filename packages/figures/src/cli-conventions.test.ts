import { cliConventionBreaches } from '@cooperbench-repro/contracts';
import { expect, it } from 'vitest';

it('ends --help with the exit codes and --debug; an unknown option exits 2 without a stack trace', () => {
  expect(cliConventionBreaches(new URL('../dist/cli.js', import.meta.url))).toEqual([]);
});
