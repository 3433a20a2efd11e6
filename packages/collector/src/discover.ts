import { readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { isSafeName, type Problem, type Setting } from '@cooperbench-repro/contracts';

/**
 * Walks a log root in the upstream layout `<run>/{solo,coop,team}/<repo>_task/<task_id>/f<a>_f<b>/`
 * (also the flat fallback `<run>/<repo>_task/...` that `cooperbench eval` accepts) and lists every
 * directory at pair depth. A directory with a bad name is still counted, with a problem attached, so
 * that pair directories found = records + rejected pairs always reconciles.
 */

export type Layout = 'settings' | 'legacy-flat' | 'paper-era' | 'empty';

export interface PairDirRef {
  run: string;
  /** The setting directory it sits in; null in the flat layout (setting comes from result.json). */
  settingDir: Setting | null;
  repo: string;
  task: string;
  pair: string;
  taskId: number;
  features: [number, number];
  absDir: string;
  /** Relative to the log root, with `/` separators. */
  relDir: string;
  /** The log root (files are read only inside it). */
  root: string;
}

export interface RunScan {
  run: string;
  root: string;
  absDir: string;
  layout: Layout;
  pairs: PairDirRef[];
  /** Pair-depth directories that cannot be parsed (bad names, unsupported layout); each is rejected. */
  rejectedPairDirs: number;
  problems: Problem[];
}

const SETTING_DIRS = new Set(['solo', 'coop', 'team']);
/** Paper-era setting directories (`logs/<setting>/<repo>/task<id>/feature<i>[_feature<j>]/`). */
const PAPER_ERA_SETTING_DIRS = new Set(['single', 'solo', 'coop', 'coop_ablation']);
const REPO_DIR = /^[A-Za-z0-9][A-Za-z0-9_.-]*_task$/;
const TASK_DIR = /^\d+$/;
const PAIR_DIR = /^f(\d+)_f(\d+)$/;
/** Paper-era (v0.1.0, OpenHands) names: `task<id>` and `feature<i>_feature<j>` directories. */
const PAPER_ERA_TASK = /^task\d+$/;
const PAPER_ERA_PAIR = /^feature\d+(_feature\d+)?$/;

/** Hidden directories (`.cache`, `.git`) are not walked, but reported with the pair directories below them. */
function subdirs(abs: string): { dirs: Dirent[]; links: Dirent[]; hidden: Dirent[] } {
  const all = readdirSync(abs, { withFileTypes: true });
  all.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const entries = all.filter((e) => !e.name.startsWith('.'));
  return { dirs: entries.filter((e) => e.isDirectory()), links: entries.filter((e) => e.isSymbolicLink()), hidden: all.filter((e) => e.name.startsWith('.') && e.isDirectory()) };
}

function problem(p: Omit<Problem, 'severity' | 'pair' | 'field'> & Partial<Pick<Problem, 'severity' | 'pair' | 'field'>>): Problem {
  return { severity: 'error', pair: null, field: null, ...p };
}

/** Counts the directories `depth` levels below `abs` (the pair directories under a bad parent). */
function countLeaves(abs: string, depth: number): number {
  if (depth === 0) return 1;
  return subdirs(abs).dirs.reduce((n, d) => n + countLeaves(join(abs, d.name), depth - 1), 0);
}

function looksPaperEra(abs: string, depth: number): boolean {
  if (depth < 0) return false;
  return subdirs(abs).dirs.some(
    (d) => PAPER_ERA_TASK.test(d.name) || PAPER_ERA_PAIR.test(d.name) || looksPaperEra(join(abs, d.name), depth - 1),
  );
}

export function scanRun(logRoot: string, run: string): RunScan {
  const absDir = join(logRoot, run);
  const scan: RunScan = { run, root: logRoot, absDir, layout: 'empty', pairs: [], rejectedPairDirs: 0, problems: [] };
  const { dirs, links, hidden } = subdirs(absDir);
  reportHidden(scan, absDir, run, hidden, 3);
  for (const link of links) {
    scan.problems.push(problem({ code: 'symlink-not-followed', file: `${run}/${link.name}`, expected: 'a real directory inside the log root (symbolic links are not followed)', message: 'not followed', run, rejected_pairs: 0 }));
  }

  const settingDirs = dirs.filter((d) => SETTING_DIRS.has(d.name));
  const flatRepoDirs = dirs.filter((d) => !SETTING_DIRS.has(d.name) && REPO_DIR.test(d.name));
  for (const d of dirs) {
    if (SETTING_DIRS.has(d.name) || REPO_DIR.test(d.name)) continue;
    scan.problems.push(problem({ severity: 'warning', code: 'unexpected-directory', file: `${run}/${d.name}`, expected: 'a setting directory (solo, coop, team) or a <repo>_task directory', message: 'directory ignored', run, rejected_pairs: 0 }));
  }
  if (settingDirs.length > 0) scan.layout = 'settings';
  else if (flatRepoDirs.length > 0) scan.layout = 'legacy-flat';

  for (const s of settingDirs) scanRepos(scan, join(absDir, s.name), `${run}/${s.name}`, s.name as Setting);
  if (flatRepoDirs.length > 0) {
    if (settingDirs.length > 0) {
      scan.problems.push(problem({ severity: 'warning', code: 'mixed-layout', file: run, expected: 'either setting directories or flat <repo>_task directories, not both', message: 'both layouts collected', run, rejected_pairs: 0 }));
    }
    scanRepoList(scan, absDir, run, null, flatRepoDirs);
  }
  // Only a run with no upstream-layout pair at all is taken for the paper-era layout; a stray task<id>
  // directory in a modern run is just a bad directory name.
  if (scan.pairs.length === 0 && looksPaperEra(absDir, 3)) return paperEraScan(scan, dirs);
  return scan;
}

function paperEraScan(scan: RunScan, dirs: Dirent[]): RunScan {
  const leaves = dirs.reduce((n, d) => n + countLeaves(join(scan.absDir, d.name), PAPER_ERA_SETTING_DIRS.has(d.name) ? 3 : 2), 0);
  return {
    ...scan,
    layout: 'paper-era',
    rejectedPairDirs: leaves,
    problems: scan.problems.filter((p) => p.code.startsWith('symlink')).concat(
      problem({
        code: 'unsupported-paper-era-layout',
        file: scan.run,
        expected: 'the upstream layout of cooperbench 0.0.2+ (<run>/{solo,coop,team}/<repo>_task/<task_id>/f<a>_f<b>/)',
        message: `paper-era (v0.1.0, OpenHands) layout with task<id>/feature<i>_feature<j> directories is recognized but not supported; ${leaves} pair directories not collected`,
        run: scan.run,
        rejected_pairs: leaves,
      }),
    ),
  };
}

function scanRepos(scan: RunScan, abs: string, rel: string, setting: Setting | null): void {
  scanRepoList(scan, abs, rel, setting, listLevel(scan, abs, rel, false, 2));
}

/** Hidden directories are named in the report, and the pair directories below them count as rejected. */
function reportHidden(scan: RunScan, abs: string, rel: string, hidden: Dirent[], depthToPairs: number): void {
  for (const h of hidden) {
    const n = countLeaves(join(abs, h.name), depthToPairs);
    scan.rejectedPairDirs += n;
    scan.problems.push(problem({ severity: 'warning', code: 'hidden-directory-skipped', file: `${rel}/${h.name}`, expected: 'no hidden directories in a log tree', message: `hidden directory not collected${n ? `; ${n} pair directories below it not collected` : ''}`, run: scan.run, rejected_pairs: n }));
  }
}

/** Subdirectories of one level; symbolic links are reported (a link could lead outside the log root) and not followed. */
function listLevel(scan: RunScan, abs: string, rel: string, pairLevel = false, depthToPairs = 0): Dirent[] {
  const { dirs, links, hidden } = subdirs(abs);
  reportHidden(scan, abs, rel, hidden, pairLevel ? 0 : depthToPairs);
  for (const link of links) {
    if (pairLevel) scan.rejectedPairDirs += 1;
    scan.problems.push(problem({ code: 'symlink-not-followed', file: `${rel}/${link.name}`, expected: 'a real directory inside the log root (symbolic links are not followed)', message: pairLevel ? 'pair directory not collected' : 'not followed', run: scan.run, rejected_pairs: pairLevel ? 1 : 0 }));
  }
  return dirs;
}

function scanRepoList(scan: RunScan, abs: string, rel: string, setting: Setting | null, repoDirs: Dirent[]): void {
  const reject = (file: string, code: string, expected: string, absBad: string, depthToPairs: number) => {
    const n = countLeaves(absBad, depthToPairs);
    scan.rejectedPairDirs += n;
    scan.problems.push(problem({ code, file, expected, message: `directory name not recognized; ${n} pair directories below it not collected`, run: scan.run, rejected_pairs: n }));
  };
  for (const repo of repoDirs) {
    const repoAbs = join(abs, repo.name);
    const repoRel = `${rel}/${repo.name}`;
    if (!REPO_DIR.test(repo.name) || !isSafeName(repo.name)) {
      reject(repoRel, 'bad-repo-directory', 'a repository directory named <repo>_task', repoAbs, 2);
      continue;
    }
    for (const task of listLevel(scan, repoAbs, repoRel, false, 1)) {
      const taskAbs = join(repoAbs, task.name);
      const taskRel = `${repoRel}/${task.name}`;
      if (!TASK_DIR.test(task.name)) {
        reject(taskRel, 'bad-task-directory', 'a task directory named by its integer task id (e.g. 1655)', taskAbs, 1);
        continue;
      }
      for (const pair of listLevel(scan, taskAbs, taskRel, true)) {
        const pairRel = `${taskRel}/${pair.name}`;
        const m = PAIR_DIR.exec(pair.name);
        const a = m ? Number(m[1]) : NaN;
        const b = m ? Number(m[2]) : NaN;
        if (!m || !(a < b)) {
          scan.rejectedPairDirs += 1;
          scan.problems.push(problem({ code: 'bad-pair-directory', file: pairRel, expected: 'a pair directory named f<a>_f<b> with a < b (e.g. f6_f7)', message: 'directory name not recognized; not collected', run: scan.run, rejected_pairs: 1 }));
          continue;
        }
        scan.pairs.push({
          run: scan.run,
          settingDir: setting,
          repo: repo.name,
          task: task.name,
          pair: pair.name,
          taskId: Number(task.name),
          features: [a, b],
          absDir: join(taskAbs, pair.name),
          relDir: pairRel,
          root: scan.root,
        });
      }
    }
  }
}

/**
 * The PairDirRef of a pair directory that scanRun accepted, rebuilt from its relDir: how a worker
 * thread gets it (an array of strings is cloned to a thread some 15x faster than one of objects).
 */
export function pairDirRefOf(root: string, relDir: string): PairDirRef {
  const parts = relDir.split('/');
  const [run, settingDir, repo, task, pair] = parts.length === 5 ? parts : [parts[0], null, ...parts.slice(1)];
  const m = PAIR_DIR.exec(pair!);
  if (!m || !run || !repo || !task) throw new Error(`not a pair directory the scan accepted: ${relDir}`);
  return { run, settingDir: settingDir as Setting | null, repo, task, pair: pair!, taskId: Number(task), features: [Number(m[1]), Number(m[2])], absDir: join(root, relDir), relDir, root };
}

/**
 * The run directories directly under the log root. Hidden ones and ones whose name cannot be a run name
 * (a backslash, a NUL) are not collected: each is named in the problems, with the pair directories
 * below it counted in `skippedPairDirs` so the collection's counts still reconcile.
 */
export function listRunDirs(logRoot: string): { runs: string[]; problems: Problem[]; skippedPairDirs: number } {
  const { dirs, links, hidden } = subdirs(logRoot);
  const problems: Problem[] = links.map((l) =>
    problem({ code: 'symlink-not-followed', file: l.name, expected: 'a real run directory inside the log root (symbolic links are not followed; point --log-root or COOPERBENCH_LOG_ROOT at the real logs instead)', message: 'not followed', run: null, rejected_pairs: 0 }),
  );
  const runs: string[] = [];
  let skippedPairDirs = 0;
  for (const d of [...dirs, ...hidden]) {
    if (isSafeName(d.name) && !d.name.startsWith('.')) {
      runs.push(d.name);
      continue;
    }
    const n = countLeaves(join(logRoot, d.name), 4);
    skippedPairDirs += n;
    const why = d.name.startsWith('.') ? 'a hidden directory' : 'a name that cannot be a run name (backslash or NUL)';
    problems.push(problem({ severity: d.name.startsWith('.') ? 'warning' : 'error', code: 'run-directory-skipped', file: JSON.stringify(d.name).slice(1, -1), expected: 'a run directory with a plain, visible name', message: `${why}; not collected, ${n} pair directories below it`, run: null, rejected_pairs: n }));
  }
  return { runs, problems, skippedPairDirs };
}
