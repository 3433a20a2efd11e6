import { existsSync, lstatSync } from 'node:fs';
import { readGuarded } from './guarded-read.js';
import { join } from 'node:path';
import {
  DataFileError,
  RUN_MANIFEST_FILE,
  RunManifestSchema,
  SYNTHETIC_MARKER_FIELD,
  parseJsonText,
  validate,
  type Arm,
  type Problem,
} from '@cooperbench-repro/contracts';
import type { ArmMappingLookup } from './arm-mapping.js';
import { RunConfigShape } from './upstream-shapes.js';

/** What the collector knows about a whole run directory before it reads any pair. */
export interface RunContext {
  run: string;
  arm: Arm;
  armSource: 'manifest' | 'mapping';
  seed: number | null;
  /** From the manifest or mapping; otherwise each result.json's own `model` is used. */
  model: string | null;
  agentFramework: string | null;
  upstreamVersion: string | null;
  synthetic: boolean;
  /** Files that shaped this context, relative to the log root (they are part of every record's provenance). */
  files: string[];
  /** Raw bytes of those files, for the incremental index: if they change, the run's pairs are re-parsed. */
  fingerprint: string;
}

export type RunContextResult = { ok: true; context: RunContext; warnings: Problem[] } | { ok: false; problem: Problem };

function readOptionalJson(root: string, abs: string, rel: string): { value: unknown; text: string } | null {
  if (!existsSync(abs) && !isLink(abs)) return null;
  const got = readGuarded(root, abs);
  if (!got.ok) throw new DataFileError(rel, [{ field: null, expected: got.refusal.expected, message: got.refusal.message }]);
  const text = got.bytes.toString('utf8');
  return { value: parseJsonText(rel, text), text };
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * The arm, model and seed of a run come from the runner's sidecar manifest or else from the user's
 * mapping file. A run with neither is reported, never guessed (upstream records no arm on disk).
 */
export function resolveRunContext(logRoot: string, run: string, mapping: ArmMappingLookup): RunContextResult {
  const manifestRel = `${run}/${RUN_MANIFEST_FILE}`;
  const configRel = `${run}/config.json`;
  const base = { run, pair: null, rejected_pairs: 0 } as const;
  try {
    const config = readOptionalJson(logRoot, join(logRoot, run, 'config.json'), configRel);
    const configShape = config ? validate(configRel, RunConfigShape, config.value) : null;
    const configSynthetic = Boolean(config && (config.value as Record<string, unknown>)[SYNTHETIC_MARKER_FIELD]);
    const manifestRaw = readOptionalJson(logRoot, join(logRoot, run, RUN_MANIFEST_FILE), manifestRel);
    const warnings: Problem[] = [];

    if (manifestRaw) {
      const manifest = validate(manifestRel, RunManifestSchema, manifestRaw.value);
      if (manifest.run_name !== run) {
        return { ok: false, problem: { ...base, severity: 'error', code: 'manifest-run-mismatch', file: manifestRel, field: 'run_name', expected: JSON.stringify(run), message: `manifest names run ${JSON.stringify(manifest.run_name)}; the directory was renamed or the manifest copied` } };
      }
      const mapped = mapping.lookup(run);
      if (mapped && (mapped.arm !== manifest.arm || (mapped.seed !== null && mapped.seed !== manifest.seed))) {
        warnings.push({ ...base, severity: 'warning', code: 'mapping-disagrees-with-manifest', file: mapping.file ?? 'mapping', field: `runs[match=${mapped.match}]`, expected: `arm ${manifest.arm}, seed ${manifest.seed} as the manifest says`, message: 'the manifest wins' });
      }
      return {
        ok: true,
        warnings,
        context: {
          run,
          arm: manifest.arm,
          armSource: 'manifest',
          seed: manifest.seed,
          model: manifest.model,
          agentFramework: manifest.agent_framework,
          upstreamVersion: manifest.upstream_version,
          synthetic: manifest.synthetic || configSynthetic,
          files: config ? [manifestRel, configRel] : [manifestRel],
          fingerprint: `${manifestRaw.text}\0${config?.text ?? ''}`,
        },
      };
    }

    const mapped = mapping.lookup(run);
    if (!mapped) {
      return { ok: false, problem: { ...base, severity: 'error', code: 'no-arm', file: run, field: null, expected: `a ${RUN_MANIFEST_FILE} sidecar (written by the runner) or an entry in the arm mapping file${mapping.file ? ` ${mapping.file}` : ''} whose match covers this run name`, message: 'upstream does not record the arm (solo / coop with or without messaging / git) on disk; not guessed' } };
    }
    return {
      ok: true,
      warnings,
      context: {
        run,
        arm: mapped.arm,
        armSource: 'mapping',
        seed: mapped.seed,
        model: mapped.model ?? null,
        agentFramework: configShape?.agent_framework ?? null,
        upstreamVersion: mapped.upstream_version ?? null,
        synthetic: configSynthetic,
        files: config ? [configRel] : [],
        fingerprint: `${JSON.stringify(mapped)}\0${config?.text ?? ''}`,
      },
    };
  } catch (err) {
    if (err instanceof DataFileError) {
      const issue = err.issues[0]!;
      return { ok: false, problem: { ...base, severity: 'error', code: 'invalid-run-file', file: err.file, field: issue.field, expected: issue.expected, message: issue.message || err.message } };
    }
    throw err;
  }
}
