import { atLeast } from './version.js';

/**
 * Adapters upstream registers (doc 1.2: claude_code from 44b4a7a, still "0.0.14"; codex 0.0.15+).
 * `-a` has no argparse choices upstream: an unknown name fails inside every task (`ValueError:
 * Unknown agent`), which the run records as task errors and still exits 0.
 */
export function availableAgents(version: string): string[] {
  return ['claude_code', ...(atLeast(version, '0.0.15') ? ['codex'] : []), 'mini_swe_agent_v2', 'openhands_sdk', 'swe_agent'];
}

export function unknownAgentError(agent: string, version: string): string | null {
  const available = availableAgents(version);
  return available.includes(agent) ? null : `Unknown agent: '${agent}'. Available: ${available.join(', ')}`;
}
