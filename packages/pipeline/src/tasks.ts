import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The stage and figure commands behind an Nx target such as `figures:build -c real`, read from the
 * packages' Nx targets (command + options + the configuration's options, passed as Nx passes them:
 * `--key=value`), in dependency order. The Nx targets stay the one place that says which command a
 * stage runs with which files: the pipeline and the speed benchmark only read them, so a new stage or
 * figure is picked up by itself.
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
  /** Ids of the tasks (with a command) that must have ended before this one starts. */
  dependsOn: string[];
}

/** A target that is not in the workspace, or a target line that is not `project:target`. */
export class UnknownTargetError extends Error {
  override name = 'UnknownTargetError';
}

function projectTargets(workspace: string): Map<string, Record<string, NxTarget>> {
  const out = new Map<string, Record<string, NxTarget>>();
  for (const folder of ['packages', 'tools']) {
    if (!existsSync(join(workspace, folder))) continue;
    for (const pkg of readdirSync(join(workspace, folder))) {
      const file = join(workspace, folder, pkg, 'package.json');
      if (!existsSync(file)) continue;
      const json = JSON.parse(readFileSync(file, 'utf8')) as { nx?: { name?: string; targets?: Record<string, NxTarget> } };
      if (json.nx?.name && json.nx.targets) out.set(json.nx.name, json.nx.targets);
    }
  }
  return out;
}

/** Compile steps are not part of the pipeline (it runs built code; `npx nx run-many -t build` builds it). */
const isCompile = (target: string) => target === 'build' || target === 'compile' || target.startsWith('^');

function argsOf(target: NxTarget, configuration: string | null): string[] {
  const options = { ...target.options, ...(configuration ? target.configurations?.[configuration] : {}) };
  return Object.entries(options)
    .filter(([key]) => key !== 'cwd')
    .map(([key, value]) => `--${key}=${String(value)}`);
}

function splitTargetId(id: string): [string, string] {
  const parts = id.split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) throw new UnknownTargetError(`${JSON.stringify(id)}: expected project:target, e.g. figures:build`);
  return [parts[0], parts[1]];
}

/**
 * The tasks of `roots` (ids like `figures:build`) and everything they depend on, each once, every task
 * after its dependencies; roots run in their order (each task of a later root depends on the earlier
 * roots' tasks), so `collector:import-legacy figures:build` imports before it collects.
 */
export function pipelineTasks(workspace: string, roots: readonly string[], configuration: string | null): PipelineTask[] {
  const targets = projectTargets(workspace);
  const ordered: PipelineTask[] = [];
  /** Per visited target: the tasks with a command that stand for it (itself, or an aggregate's). */
  const standsFor = new Map<string, string[]>();
  const visit = (project: string, name: string): string[] => {
    const id = `${project}:${name}`;
    const known = standsFor.get(id);
    if (known) return known;
    const target = targets.get(project)?.[name];
    if (!target) throw new UnknownTargetError(`${id}: no such Nx target in the workspace's package.json files`);
    standsFor.set(id, []); // a dependency cycle ends here instead of recursing forever
    const deps: string[] = [];
    for (const dep of target.dependsOn ?? []) {
      if (typeof dep === 'string') {
        if (!isCompile(dep)) deps.push(...visit(project, dep));
      } else if (!isCompile(dep.target)) {
        for (const p of dep.projects ?? [project]) deps.push(...visit(p, dep.target));
      }
    }
    const unique = [...new Set(deps)];
    if (!target.command) {
      standsFor.set(id, unique); // an aggregate (nx:noop) stands for its dependencies
      return unique;
    }
    const [command, ...args] = target.command.split(/\s+/);
    ordered.push({ id, command: command!, args: [...args, ...argsOf(target, configuration)], dependsOn: unique });
    standsFor.set(id, [id]);
    return [id];
  };
  // Targets given together run in their order: a later target's commands wait for every earlier target's.
  const earlier: string[] = [];
  for (const root of roots) {
    const first = ordered.length;
    const [project, name] = splitTargetId(root);
    const standing = visit(project, name);
    for (const task of ordered.slice(first)) task.dependsOn = [...new Set([...task.dependsOn, ...earlier])];
    // A root waited for is the commands it stands for: an aggregate of no commands adds nothing to wait for.
    earlier.push(...standing);
  }
  return ordered;
}
