import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The stage and figure commands behind `nx run figures:build -c <configuration>`, read from the
 * packages' Nx targets (command + options + the configuration's options, passed as Nx passes them:
 * `--key=value`), in dependency order. The benchmark runs them one after the other without Nx, which
 * is what "every stage and figure run cold" measures; new stages or figures are picked up by themselves.
 */

type DependsOn = string | { projects?: string[]; target: string };
interface NxTarget {
  command?: string;
  dependsOn?: DependsOn[];
  options?: Record<string, unknown>;
  configurations?: Record<string, Record<string, unknown>>;
}

export interface PipelineTask {
  /** `project:target`. */
  id: string;
  /** Executable and arguments, relative to the workspace root. */
  command: string;
  args: string[];
}

function projectTargets(workspace: string): Map<string, Record<string, NxTarget>> {
  const out = new Map<string, Record<string, NxTarget>>();
  for (const folder of ['packages', 'tools']) {
    for (const pkg of readdirSync(join(workspace, folder))) {
      const file = join(workspace, folder, pkg, 'package.json');
      if (!existsSync(file)) continue;
      const json = JSON.parse(readFileSync(file, 'utf8')) as { nx?: { name?: string; targets?: Record<string, NxTarget> } };
      if (json.nx?.name && json.nx.targets) out.set(json.nx.name, json.nx.targets);
    }
  }
  return out;
}

/** Compile steps are not part of the measured pipeline (the benchmark runs on built code). */
const isCompile = (target: string) => target === 'build' || target === 'compile' || target.startsWith('^');

function argsOf(target: NxTarget, configuration: string | null): string[] {
  const options = { ...target.options, ...(configuration ? target.configurations?.[configuration] : {}) };
  return Object.entries(options)
    .filter(([key]) => key !== 'cwd')
    .map(([key, value]) => `--${key}=${String(value)}`);
}

export function pipelineTasks(workspace: string, root: string, configuration: string | null): PipelineTask[] {
  const targets = projectTargets(workspace);
  const ordered: PipelineTask[] = [];
  const seen = new Set<string>();
  const visit = (project: string, name: string): void => {
    const id = `${project}:${name}`;
    if (seen.has(id)) return;
    seen.add(id);
    const target = targets.get(project)?.[name];
    if (!target) throw new Error(`${id}: no such Nx target in the workspace's package.json files`);
    for (const dep of target.dependsOn ?? []) {
      if (typeof dep === 'string') {
        if (!isCompile(dep)) visit(project, dep);
      } else if (!isCompile(dep.target)) {
        for (const p of dep.projects ?? [project]) visit(p, dep.target);
      }
    }
    if (!target.command) return; // an aggregate (nx:noop)
    const [command, ...args] = target.command.split(/\s+/);
    ordered.push({ id, command: command!, args: [...args, ...argsOf(target, configuration)] });
  };
  const [project, name] = root.split(':');
  visit(project!, name!);
  return ordered;
}
