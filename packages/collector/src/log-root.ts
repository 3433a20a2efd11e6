import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export class CollectUsageError extends Error {}

/** The log root must be the directory that holds run directories (upstream's --log-dir), not one run. */
export function assertLogRoot(logRoot: string): void {
  if (!existsSync(logRoot) || !statSync(logRoot).isDirectory()) {
    throw new CollectUsageError(`log root ${logRoot}: expected a directory holding upstream run directories (as \`cooperbench run --log-dir\` writes them)`);
  }
  if (looksLikeOneRun(logRoot)) {
    throw new CollectUsageError(`log root ${logRoot}: this is a single run directory (it has solo/, coop/ or team/ with <repo>_task directories, or config.json and summary.json); pass its parent, the --log-dir`);
  }
}

/** A run directory holds solo/, coop/ or team/ with <repo>_task/<integer task id>/ below (or run-level config + summary). */
function looksLikeOneRun(dir: string): boolean {
  const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();
  const hasUpstreamTasks = (settingDir: string) =>
    readdirSync(settingDir).some((repo) => repo.endsWith('_task') && isDir(join(settingDir, repo)) && readdirSync(join(settingDir, repo)).some((t) => /^\d+$/.test(t)));
  if (['solo', 'coop', 'team'].some((s) => isDir(join(dir, s)) && hasUpstreamTasks(join(dir, s)))) return true;
  return existsSync(join(dir, 'config.json')) && existsSync(join(dir, 'summary.json'));
}
