import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../../..', import.meta.url)));
export const PIPELINE_CLI = join(REPO_ROOT, 'packages/pipeline/bundle/cli.js');

/** The demo profile's committed inputs (what figures:build without a configuration reads). */
const DEMO_INPUTS = ['data/logs', 'data/run-arms.json', 'data/reference', 'data/demo', 'data/judge-cache', 'data/public/manifest.json', 'data/experiment.yaml'];

/**
 * A throwaway workspace for the demo profile: the checkout's nx.json, packages/ and tools/ linked (their
 * Nx targets and built bundles are what runs), and a copy of the demo's inputs, so the outputs the
 * commands write (data/*.json, figures/) land in the copy and never in the checkout.
 */
export function demoWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipeline-ws-'));
  cpSync(join(REPO_ROOT, 'nx.json'), join(dir, 'nx.json'));
  for (const folder of ['packages', 'tools']) symlinkSync(join(REPO_ROOT, folder), join(dir, folder));
  for (const input of DEMO_INPUTS) if (existsSync(join(REPO_ROOT, input))) cpSync(join(REPO_ROOT, input), join(dir, input), { recursive: true });
  return dir;
}

/** The pipeline CLI run in `cwd`. */
export function runPipeline(cwd: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [PIPELINE_CLI, ...args], { cwd, encoding: 'utf8', timeout: 600_000, env: { ...process.env, CI: 'true' } });
}

/** Every file the commands wrote (under data/ and figures/, inputs left out), relative to the workspace. */
export function writtenFiles(dir: string): string[] {
  const inputs = new Set(DEMO_INPUTS);
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const rel = relative(dir, p);
      if (inputs.has(rel)) continue;
      if (e.isDirectory()) walk(p);
      else out.push(rel);
    }
  };
  for (const top of ['data', 'figures']) if (existsSync(join(dir, top))) walk(join(dir, top));
  return out.sort();
}

/** A written file's bytes, with the workspace's own path (recorded by the collector) put as `<workspace>`. */
export function writtenBytes(dir: string, file: string): Buffer {
  const bytes = readFileSync(join(dir, file));
  return bytes.includes(dir) ? Buffer.from(bytes.toString('latin1').split(dir).join('<workspace>'), 'latin1') : bytes;
}
