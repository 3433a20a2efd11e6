import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCohereSdk } from './cohere-sdk.js';

const PACKAGE_ENTRY = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const SDK_LOADER = fileURLToPath(new URL('../../dist/judge/cohere-sdk.js', import.meta.url));

/** Cohere SDK modules in a fresh node process's CommonJS cache after importing the built package (and, with `thenLoad`, the SDK). */
function sdkModulesAfterImport(thenLoad: boolean): number {
  const script = [
    "import { createRequire } from 'node:module';",
    `await import(${JSON.stringify(PACKAGE_ENTRY)});`,
    thenLoad ? `await (await import(${JSON.stringify(SDK_LOADER)})).loadCohereSdk();` : '',
    // Not console.log: it colours a number when FORCE_COLOR is set (as Nx sets it for its tasks).
    "process.stdout.write(`${Object.keys(createRequire(import.meta.url).cache).filter((k) => k.includes('/cohere-ai/')).length}\\n`);",
  ].join('\n');
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('../..', import.meta.url)), encoding: 'utf8' });
  expect({ status: r.status, signal: r.signal, stderr: r.stderr }).toEqual({ status: 0, signal: null, stderr: '' });
  expect(r.stdout).toMatch(/^\d+\n$/);
  return Number(r.stdout.trim());
}

describe('the Cohere SDK is loaded on the first paid call only', () => {
  it('importing the package (as the report, replays and dry runs do) loads none of it', () => {
    expect(sdkModulesAfterImport(false)).toBe(0);
  });

  it('loadCohereSdk loads it, once', async () => {
    expect(sdkModulesAfterImport(true)).toBeGreaterThan(100);
    const [a, b] = await Promise.all([loadCohereSdk(), loadCohereSdk()]);
    expect(a).toBe(b);
    expect(typeof a.CohereClientV2).toBe('function');
  });
});
