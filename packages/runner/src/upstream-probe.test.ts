import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeUpstream } from './upstream-probe.js';

describe('upstream version probe', () => {
  it('falls back to the package metadata of the Python behind a console script without --version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-probe-'));
    // A fake installed package and a console script whose argparse rejects --version, like upstream's.
    mkdirSync(join(dir, 'site/cooperbench-0.0.19.dist-info'), { recursive: true });
    writeFileSync(join(dir, 'site/cooperbench-0.0.19.dist-info/METADATA'), 'Metadata-Version: 2.1\nName: cooperbench\nVersion: 0.0.19\n');
    writeFileSync(join(dir, 'site/cooperbench-0.0.19.dist-info/RECORD'), '');
    const python = join(dir, 'python3');
    writeFileSync(python, `#!/bin/sh\nPYTHONPATH=${join(dir, 'site')} exec python3 "$@"\n`);
    chmodSync(python, 0o755);
    const script = join(dir, 'cooperbench');
    writeFileSync(script, `#!${python}\nimport sys\nsys.stderr.write("usage: cooperbench [-h] {run,eval,prepare,config} ...\\ncooperbench: error: the following arguments are required: command\\n")\nsys.exit(2)\n`);
    chmodSync(script, 0o755);
    expect(await probeUpstream([script], dir)).toEqual({ version: '0.0.19', synthetic: false });
  });

  it('reads --version when the CLI has one, and says nothing when nothing answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-probe-'));
    const script = join(dir, 'cb.mjs');
    writeFileSync(script, 'console.log("cooperbench 0.0.14 (synthetic stand-in)")');
    expect(await probeUpstream([process.execPath, script], dir)).toEqual({ version: '0.0.14', synthetic: true });
    expect(await probeUpstream(['/nonexistent/cooperbench'], dir)).toEqual({ version: null, synthetic: false });
  });
});
