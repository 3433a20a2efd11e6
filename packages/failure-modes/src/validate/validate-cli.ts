#!/usr/bin/env node
import { runValidate } from './run-validate.js';

/** `nx run failure-modes:validate` entry point: see run-validate.ts and docs/validation.md. */
const result = await runValidate(process.argv.slice(2));
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.code;
