import { defineProject } from 'vitest/config';

// Browser tests start Chromium and build reports of up to 30,000 records: generous, explicit timeouts.
export default defineProject({
  test: { name: 'report', include: ['src/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 300_000, fileParallelism: false },
});
