import type { CommandSpec, OptionSpec, ProgramSpec } from './argparse.js';
import { atLeast } from './version.js';

/**
 * Upstream's argparse definitions (`cli.py`, doc section 1.2/1.3) for the version the stand-in
 * impersonates: flags added later than that version are unknown (exit 2), as they would be upstream.
 */

export const DEFAULT_MODEL = 'vertex_ai/gemini-3-flash-preview';
export const DEFAULT_AGENT = 'mini_swe_agent_v2';

const FILTER_OPTIONS: OptionSpec[] = [
  { dest: 'name', flags: ['-n', '--name'], help: 'Experiment name (auto-generated if not provided)' },
  { dest: 'subset', flags: ['-s', '--subset'], help: 'Use a predefined subset (e.g., lite). See dataset/subsets/' },
  { dest: 'repo', flags: ['-r', '--repo'], help: 'Filter by repository name (e.g., llama_index_task)' },
  // Upstream filters with `if task_filter and ...`, so `-t 0` selects every task (kept on purpose).
  { dest: 'task', flags: ['-t', '--task'], type: 'int', help: 'Filter by task ID' },
  { dest: 'features', flags: ['-f', '--features'], help: 'Specific feature pair, comma-separated (e.g., 1,2)' },
];

function runOptions(version: string): OptionSpec[] {
  const teamFlags = ['task-list', 'scratchpad', 'mcp', 'auto-refresh', 'protocol'].map(
    (f): OptionSpec => ({ dest: `team_no_${f.replace(/-/g, '_')}`, flags: [`--team-no-${f}`], flag: true, help: `Team setting: disable ${f.replace(/-/g, ' ')} (accepted, ignored by the stand-in)` }),
  );
  return [
    ...FILTER_OPTIONS,
    { dest: 'model', flags: ['-m', '--model'], default: DEFAULT_MODEL, help: `LLM model to use (default: ${DEFAULT_MODEL})` },
    { dest: 'agent', flags: ['-a', '--agent'], default: DEFAULT_AGENT, help: `Agent framework to use (default: ${DEFAULT_AGENT})` },
    { dest: 'concurrency', flags: ['-c', '--concurrency'], type: 'int', default: 30, help: 'Number of parallel tasks (default: 30; recorded, the stand-in runs pairs one at a time)' },
    { dest: 'setting', flags: ['--setting'], choices: atLeast(version, '0.0.15') ? ['coop', 'solo', 'team'] : ['coop', 'solo'], default: 'coop', help: 'Benchmark setting (default: coop)' },
    { dest: 'redis', flags: ['--redis'], default: 'redis://localhost:6379', help: 'Redis URL for inter-agent communication (not contacted by the stand-in)' },
    { dest: 'force', flags: ['--force'], flag: true, help: 'Force rerun even if results exist' },
    { dest: 'git', flags: ['--git'], flag: true, help: 'Enable git collaboration (recorded nowhere on disk, as upstream)' },
    { dest: 'no_messaging', flags: ['--no-messaging'], flag: true, help: 'Disable messaging (send_message command)' },
    { dest: 'no_auto_eval', flags: ['--no-auto-eval'], flag: true, help: 'Disable automatic evaluation after completion' },
    { dest: 'eval_concurrency', flags: ['--eval-concurrency'], type: 'int', default: 10, help: 'Number of parallel evaluations for auto-eval (default: 10)' },
    { dest: 'backend', flags: ['--backend'], choices: ['modal', 'docker', 'gcp'], default: 'docker', help: 'Execution backend (default: docker; nothing is started by the stand-in)' },
    { dest: 'agent_config', flags: ['--agent-config'], help: 'Path to agent-specific configuration file (must exist)' },
    { dest: 'dataset_dir', flags: ['--dataset-dir'], default: 'dataset', help: 'Dataset root holding subsets/<name>.json (default: dataset)' },
    { dest: 'log_dir', flags: ['--log-dir'], default: 'logs', help: 'Log root (default: logs)' },
    ...(atLeast(version, '0.0.16')
      ? [
          ...teamFlags,
          { dest: 'base_url', flags: ['--base-url'], help: 'Exported as ANTHROPIC_BASE_URL (accepted, ignored)' },
          { dest: 'auth_token', flags: ['--auth-token'], help: 'Exported as ANTHROPIC_AUTH_TOKEN (accepted, ignored)' },
        ]
      : []),
  ];
}

function evalOptions(): OptionSpec[] {
  return [
    ...FILTER_OPTIONS.map((o) => (o.dest === 'name' ? { ...o, help: 'Experiment name to evaluate (required for eval)' } : o)),
    { dest: 'concurrency', flags: ['-c', '--concurrency'], type: 'int', default: 10, help: 'Number of parallel evaluations (default: 10)' },
    { dest: 'force', flags: ['--force'], flag: true, help: 'Force re-evaluation even if eval.json exists' },
    { dest: 'backend', flags: ['--backend'], choices: ['modal', 'docker', 'gcp'], default: 'docker', help: 'Execution backend (default: docker)' },
    { dest: 'dataset_dir', flags: ['--dataset-dir'], default: 'dataset', help: 'Dataset root holding subsets/<name>.json (default: dataset)' },
    { dest: 'log_dir', flags: ['--log-dir'], default: 'logs', help: 'Log root (default: logs)' },
  ];
}

export function programSpec(version: string, versionText: string): ProgramSpec {
  const commands: CommandSpec[] = [
    { name: 'config', help: 'Configure execution backends', description: 'Interactive configuration wizards (not supported by the stand-in)', options: [], passthrough: true },
    { name: 'prepare', help: 'Download the dataset', description: 'Download the dataset (not supported by the stand-in)', options: [], passthrough: true },
    { name: 'run', help: 'Run benchmark tasks', description: 'Run agents on CooperBench tasks (synthetic stand-in: no agents run)', options: runOptions(version) },
    { name: 'eval', help: 'Evaluate completed runs', description: 'Evaluate agent runs from the log directory (synthetic stand-in: no tests run)', options: evalOptions() },
  ];
  return { prog: 'cooperbench', description: 'CooperBench benchmark runner (synthetic stand-in: tools/test-doubles/cooperbench-standin; not real agents)', commands, versionText };
}
