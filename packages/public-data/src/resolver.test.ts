import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLIC_DATA_SCHEMA, type PublicDataManifest } from '@cooperbench-repro/contracts';
import { publicDataRoot, PublicDataMissingError, publicPath } from './resolver.js';
import { sha256Hex } from './verify.js';

/** A scratch layout: <base>/checkout (the workspace), <base>/shared, <base>/elsewhere, and a two-file manifest. */
function layout() {
  const base = mkdtempSync(join(tmpdir(), 'cb-resolver-'));
  const workspace = join(base, 'checkout');
  mkdirSync(workspace);
  const files = { 'runs/a/eval.json': '{"ok":true}\n', 'results.json': '[1,2,3]\n' };
  const manifest: PublicDataManifest = {
    schema: PUBLIC_DATA_SCHEMA,
    files: Object.entries(files).map(([local_path, text]) => ({
      local_path,
      repository: 'owner/name',
      commit: 'a'.repeat(40),
      path: local_path,
      sha256: sha256Hex(Buffer.from(text)),
      bytes: Buffer.byteLength(text),
    })),
  };
  const fill = (root: string, override: Partial<Record<string, string>> = {}) => {
    for (const [path, text] of Object.entries({ ...files, ...override })) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text!);
    }
    return root;
  };
  return { base, workspace, manifest, fill, fetched: join(workspace, 'data/public/files'), shared: join(base, 'shared') };
}

describe('the public-data resolver', () => {
  it('prefers $COOPERBENCH_PUBLIC_DATA, then data/public/files, then ../shared', () => {
    const l = layout();
    const own = l.fill(join(l.base, 'elsewhere'));
    l.fill(l.fetched);
    l.fill(l.shared);
    const opts = (env: NodeJS.ProcessEnv) => ({ env, workspace: l.workspace, manifest: l.manifest });
    expect(publicDataRoot(opts({ COOPERBENCH_PUBLIC_DATA: own }))).toBe(own);
    expect(publicDataRoot(opts({}))).toBe(l.fetched);
    expect(publicPath('runs/a', opts({}))).toBe(join(l.fetched, 'runs/a'));
  });

  it('falls back to ../shared when the nearer roots are absent or incomplete', () => {
    const l = layout();
    l.fill(l.fetched, { 'results.json': '[1,2,4]\n' }); // same size, other bytes
    l.fill(l.shared);
    expect(publicDataRoot({ env: { COOPERBENCH_PUBLIC_DATA: join(l.base, 'nowhere') }, workspace: l.workspace, manifest: l.manifest })).toBe(l.shared);
  });

  it('does not count a file whose symlink leaves its root', () => {
    const l = layout();
    const outside = l.fill(join(l.base, 'outside'));
    l.fill(l.fetched);
    const link = join(l.fetched, 'results.json');
    rmSync(link);
    symlinkSync(join(outside, 'results.json'), link);
    expect(() => publicDataRoot({ env: {}, workspace: l.workspace, manifest: l.manifest })).toThrow(/results\.json: outside the root/);
  });

  it('without data anywhere, fails with one message naming npm run fetch-data and both environment variables', () => {
    const l = layout();
    let error: unknown;
    try {
      publicDataRoot({ env: {}, workspace: l.workspace, manifest: l.manifest });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PublicDataMissingError);
    const message = (error as Error).message;
    expect(message).toContain('npm run fetch-data');
    expect(message).toContain('COOPERBENCH_MIRROR');
    expect(message).toContain('COOPERBENCH_PUBLIC_DATA');
    expect(message).toContain('$COOPERBENCH_PUBLIC_DATA: not set');
    expect(message).toContain(`data/public/files (${l.fetched}): no such folder`);
    expect(message).toContain(`../shared (${l.shared}): no such folder`);
  });

  it('refuses a local path that is not in the manifest or leaves the root', () => {
    const l = layout();
    l.fill(l.shared);
    const opts = { env: {}, workspace: l.workspace, manifest: l.manifest };
    expect(() => publicPath('runs/b', opts)).toThrow('runs/b: expected a file or folder named in data/public/manifest.json');
    expect(() => publicPath('../etc/passwd', opts)).toThrow(/expected a file or folder named/);
  });
});
