import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'test-doubles', include: ['synthetic-logs/**/*.test.ts', 'cooperbench-standin/**/*.test.ts', 'demo/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
});
