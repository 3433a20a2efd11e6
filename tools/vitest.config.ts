import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'tools', include: ['synthetic-logs/**/*.test.ts', 'cooperbench-standin/**/*.test.ts', 'nx-behaviour/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
});
