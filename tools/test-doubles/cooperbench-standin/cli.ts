#!/usr/bin/env node
import { main } from './main.js';

/** `cooperbench`-compatible synthetic stand-in: see tools/test-doubles/cooperbench-standin/README.md. */

// A reader that stops reading (`| head`, a runner that closed the pipe) must not crash a run half-way.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
main(process.argv.slice(2), process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // A bug in the stand-in itself: print it like the uncaught exception it is.
    process.stderr.write(`Traceback (most recent call last):\n  File "<cooperbench synthetic stand-in>", in main\nRuntimeError: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
