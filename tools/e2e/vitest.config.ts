import { defineProject } from 'vitest/config';

// Every test here spawns nx in a temp copy of the workspace and gives itself an explicit, generous
// timeout (no timing assertions); the files run one after another, so no two full pipelines compete
// for the machine. The default timeout below only catches a test that forgot its own.
export default defineProject({
  test: { name: 'e2e', include: ['*.test.ts'], environment: 'node', testTimeout: 300_000, hookTimeout: 600_000, fileParallelism: false },
});
