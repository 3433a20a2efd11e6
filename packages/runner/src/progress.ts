import cliProgress from 'cli-progress';

/** Per-invocation progress: a bar each on a terminal (pairs done / total, cost so far), plain lines in CI. */
export interface RunnerProgress {
  begin(run: string, total: number): void;
  update(run: string, done: number, costUsd: number): void;
  end(run: string, summary: string): void;
  line(text: string): void;
  close(): void;
}

export function createRunnerProgress(stream: NodeJS.WriteStream = process.stderr, quiet = false): RunnerProgress {
  if (quiet) return { begin() {}, update() {}, end() {}, line() {}, close() {} };
  if (stream.isTTY && !process.env.CI) {
    const multi = new cliProgress.MultiBar(
      { stream, format: '{run} [{bar}] {value}/{total} pairs | ${cost}', hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    const bars = new Map<string, cliProgress.SingleBar>();
    return {
      begin: (run, total) => bars.set(run, multi.create(total, 0, { run, cost: '0.00' })),
      update: (run, done, cost) => bars.get(run)?.update(done, { cost: cost.toFixed(2) }),
      end: (run) => bars.get(run)?.stop(),
      line: (text) => multi.log(`${text}\n`),
      close: () => multi.stop(),
    };
  }
  const last = new Map<string, number>();
  return {
    begin: (run, total) => stream.write(`[runner] ${run}: started, ${total} pairs\n`),
    update(run, done, cost) {
      if (last.get(run) === done) return;
      last.set(run, done);
      stream.write(`[runner] ${run}: ${done} pairs done, $${cost.toFixed(2)}\n`);
    },
    end: (run, summary) => stream.write(`[runner] ${run}: ${summary}\n`),
    line: (text) => stream.write(`[runner] ${text}\n`),
    close() {},
  };
}
