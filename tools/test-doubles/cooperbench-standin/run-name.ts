import { cleanModelName } from '@cooperbench-repro/contracts';

/**
 * Upstream's `_generate_run_name` (doc 1.2.1):
 * `{setting}-{agent_short}[-git]-{clean_model}[-{subset}][-{repo_short}][-{task}]`.
 * `--no-messaging` is deliberately NOT part of it (so coop runs with and without messaging collide),
 * and the task is appended whenever given, even `-t 0` that the task filter then ignores.
 */

const AGENT_SHORTHANDS: Record<string, string> = {
  mini_swe_agent_v2: 'msa_v2',
  swe_agent: 'sw',
  openhands_sdk: 'oh',
  claude_code: 'cc',
  codex: 'cx',
};

export function agentShorthand(agent: string): string {
  return AGENT_SHORTHANDS[agent] ?? agent.slice(0, 2);
}

export interface RunNameParts {
  setting: string;
  agent: string;
  model: string;
  git: boolean;
  subset: string | null;
  repo: string | null;
  task: number | null;
}

export function generateRunName(p: RunNameParts): string {
  const parts = [p.setting, agentShorthand(p.agent)];
  if (p.git) parts.push('git');
  parts.push(cleanModelName(p.model));
  if (p.subset) parts.push(p.subset);
  if (p.repo) parts.push(p.repo.replaceAll('_task', '').replaceAll('_', '-'));
  if (p.task !== null) parts.push(String(p.task));
  return parts.join('-');
}
