import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/**
 * Runs a child process and measures its wall time and peak resident memory: through GNU
 * `/usr/bin/time -v` when present (exact peak), else by polling /proc/<pid>/status VmHWM (may miss
 * a short final peak).
 */
export interface Measured {
  exitCode: number | null;
  seconds: number;
  peakRssBytes: number | null;
  rssSource: 'time -v' | '/proc VmHWM' | 'none';
  stdout: string;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';
const MAX_RSS = /Maximum resident set size \(kbytes\): (\d+)/;

export function runMeasured(command: string, args: readonly string[], cwd: string): Promise<Measured> {
  const useTime = existsSync(GNU_TIME);
  const child = useTime ? spawn(GNU_TIME, ['-v', command, ...args], { cwd }) : spawn(command, args, { cwd });
  const started = performance.now();
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let polledPeak = 0;
  const poll = useTime
    ? null
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) polledPeak = Math.max(polledPeak, Number(m[1]) * 1024);
        } catch {
          // the process has exited between polls
        }
      }, 20);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (poll) clearInterval(poll);
      let peakRssBytes: number | null = null;
      let rssSource: Measured['rssSource'] = 'none';
      if (useTime) {
        const m = MAX_RSS.exec(stderr);
        if (m) {
          peakRssBytes = Number(m[1]) * 1024;
          rssSource = 'time -v';
        }
        // Keep only the child's own stderr (time -v appends its report after a tab-indented header).
        stderr = stderr.replace(/\tCommand being timed:[\s\S]*$/, '');
      } else if (polledPeak > 0) {
        peakRssBytes = polledPeak;
        rssSource = '/proc VmHWM';
      }
      resolve({ exitCode: code, seconds, peakRssBytes, rssSource, stdout, stderr });
    });
  });
}
