import { execa } from 'execa';

export interface UpstreamProbe {
  /** From `<cooperbench> --version`; null when it cannot say. */
  version: string | null;
  /** The stand-in CLI says "synthetic" in its version line; the runs it writes are then marked synthetic. */
  synthetic: boolean;
}

export async function probeUpstream(command: readonly [string, ...string[]], cwd: string): Promise<UpstreamProbe> {
  const [file, ...prefix] = command;
  const r = await execa(file, [...prefix, '--version'], { cwd, reject: false, timeout: 30_000, stdin: 'ignore' });
  const text = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
  const m = /\b(\d+\.\d+\.\d+(?:[.-]?[A-Za-z0-9]+)*)\b/.exec(text);
  return { version: r.exitCode === 0 && m ? m[1]! : null, synthetic: r.exitCode === 0 && /synthetic/i.test(text) };
}
