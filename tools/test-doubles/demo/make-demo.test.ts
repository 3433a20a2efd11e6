import { join } from 'node:path';
import { cliConventionBreaches } from '@cooperbench-repro/contracts/testing';
import { describe, expect, it } from 'vitest';

describe('make-demo.mjs', () => {
  it('answers --help ending with the exit codes; an unknown option exits 2, with its stack trace only under --debug', () => {
    expect(cliConventionBreaches(join(import.meta.dirname, 'make-demo.mjs'))).toEqual([]);
  });
});
