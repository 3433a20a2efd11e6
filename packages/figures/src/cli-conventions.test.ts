import { cliConventionBreaches } from '@cooperbench-repro/contracts/testing';
import { expect, it } from 'vitest';

it('ends --help with the exit codes and --debug; an unknown option exits 2 without a stack trace', () => {
  expect(cliConventionBreaches(new URL('../dist/cli.js', import.meta.url))).toEqual([]);
});

it('the bundle the Nx targets run (bundle/cli.js, made by the build) keeps the same conventions', () => {
  expect(cliConventionBreaches(new URL('../bundle/cli.js', import.meta.url))).toEqual([]);
});
