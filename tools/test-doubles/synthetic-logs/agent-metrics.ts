import type { AgentStatus } from '@cooperbench-repro/contracts';
import type { Rng } from './prng.js';

/**
 * Cost, steps and tokens the way each framework reports them in result.json (upstream doc section 5):
 * claude_code's input_tokens exclude the cache (tens of tokens beside hundreds of thousands read from
 * cache); mini_swe_agent_v2 reports every token field as 0; an agent that errored has cost 0, steps 0.
 */
export interface AgentMetrics {
  cost: number;
  steps: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function agentMetrics(rng: Rng, framework: string, status: AgentStatus): AgentMetrics {
  if (status === 'Error') return { cost: 0, steps: 0, input_tokens: 0, output_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0 };
  const limited = status === 'LimitsExceeded' || status === 'CostLimitExceeded';
  if (framework === 'mini_swe_agent_v2') {
    // solo.yaml/coop.yaml: step_limit 100, cost_limit $3.0.
    const steps = limited ? 100 : rng.int(8, 85);
    return { cost: round(limited ? rng.float(1.2, 3.0) : steps * rng.float(0.004, 0.03), 7), steps, input_tokens: 0, output_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0 };
  }
  const steps = limited ? rng.int(60, 120) : rng.int(4, 60);
  return {
    cost: round(steps * rng.float(0.012, 0.05), 7),
    steps,
    input_tokens: rng.int(8, 80),
    output_tokens: steps * rng.int(150, 450),
    cache_read_tokens: steps * rng.int(15_000, 40_000),
    cache_write_tokens: steps * rng.int(700, 2_000),
  };
}
