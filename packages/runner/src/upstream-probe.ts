import { existsSync, openSync, readSync, closeSync } from 'node:fs';
import { execa } from 'execa';
import { resolveExecutable } from './executable.js';

export interface UpstreamProbe {
  /** From `<cooperbench> --version`, else the installed package's metadata; null when neither says. */
  version: string | null;
  /** The stand-in CLI says "synthetic" in its version line; the runs it writes are then marked synthetic. */
  synthetic: boolean;
}

const VERSION = /\b(\d+\.\d+\.\d+(?:[.-]?[A-Za-z0-9]+)*)\b/;

/** The interpreter named by a script's `#!` line, if it is a Python (pip console scripts are). */
function pythonOfScript(path: string): string | null {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(256);
    const n = readSync(fd, buf, 0, 256, 0);
    const first = buf.subarray(0, n).toString('utf8').split('\n')[0] ?? '';
    const m = /^#!\s*(\S*python[\d.]*)\s*$/.exec(first);
    return m ? m[1]! : null;
  } finally {
    closeSync(fd);
  }
}

/**
 * Upstream's argparse has no --version flag at the versions documented (a subcommand is required), so
 * fall back to `importlib.metadata.version("cooperbench")` in the Python that runs the CLI: the
 * interpreter of `python -m cooperbench`, or the `#!` line of the `cooperbench` console script.
 */
export async function probeUpstream(command: readonly [string, ...string[]], cwd: string): Promise<UpstreamProbe> {
  const [file, ...prefix] = command;
  const r = await execa(file, [...prefix, '--version'], { cwd, reject: false, timeout: 30_000, stdin: 'ignore' });
  const text = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
  const synthetic = r.exitCode === 0 && /synthetic/i.test(text);
  const direct = r.exitCode === 0 ? VERSION.exec(text) : null;
  if (direct) return { version: direct[1]!, synthetic };

  let python: string | null = null;
  if (/python[\d.]*$/.test(file) && prefix[0] === '-m') python = file;
  else {
    const exe = resolveExecutable(file, cwd);
    python = exe && existsSync(exe) ? pythonOfScript(exe) : null;
  }
  if (!python) return { version: null, synthetic };
  const meta = await execa(python, ['-c', 'import importlib.metadata as m; print(m.version("cooperbench"))'], { cwd, reject: false, timeout: 30_000, stdin: 'ignore' });
  const m = meta.exitCode === 0 ? VERSION.exec(meta.stdout ?? '') : null;
  return { version: m ? m[1]! : null, synthetic };
}
