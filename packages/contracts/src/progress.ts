import cliProgress from 'cli-progress';

/** Progress for long work: a bar on an interactive terminal, plain lines in CI or when piped. */
export interface Progress {
  start(total: number, label: string): void;
  tick(n?: number): void;
  stop(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, opts: { quiet?: boolean } = {}): Progress {
  if (opts.quiet) return { start() {}, tick() {}, stop() {} };
  const interactive = Boolean(stream.isTTY) && !process.env.CI;
  if (interactive) {
    const bar = new cliProgress.SingleBar(
      { stream, format: '{label} [{bar}] {value}/{total} {percentage}% | {eta_formatted} left', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    return {
      start: (total, label) => bar.start(total, 0, { label }),
      tick: (n = 1) => bar.increment(n),
      stop: () => bar.stop(),
    };
  }
  // Plain lines: one at every 10% so CI logs stay short.
  let total = 0;
  let done = 0;
  let nextReport = 0;
  let label = '';
  return {
    start(t, l) {
      total = t;
      done = 0;
      label = l;
      nextReport = Math.max(1, Math.ceil(t / 10));
      stream.write(`${label}: 0/${total}\n`);
    },
    tick(n = 1) {
      done += n;
      if (done >= nextReport || done === total) {
        stream.write(`${label}: ${done}/${total}\n`);
        nextReport = done + Math.max(1, Math.ceil(total / 10));
      }
    },
    stop() {},
  };
}
