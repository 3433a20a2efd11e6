import { marked } from './marker.js';
import type { AgentPlan, PairPlan } from './pair-plan.js';
import type { Rng } from './prng.js';

/**
 * `*_traj.json` envelopes (doc 2.9) with a short message list in the adapter's style. The collector
 * only lists trajectories as provenance, so these are kept small; they exist so that trees look like
 * real ones (and so readers that skip them are exercised).
 */
function messagesFor(rng: Rng, plan: PairPlan, agent: AgentPlan, framework: string): object[] {
  if (agent.status === 'Error') return []; // failed at start
  const feature = agent.features[0]!;
  const file = agent.sites[0]?.file ?? plan.profile.sourceFiles[0]!;
  const task = agent.features.map((f) => `## Feature ${f.id}\n\n**Title**: ${f.title}\n\n**Description**: (synthetic) ${f.verb} ${f.noun.replace(/_/g, ' ')} values.`).join('\n\n---\n\n');
  const turns = Math.min(agent.metrics.steps, 12);
  if (framework === 'mini_swe_agent_v2') {
    const out: object[] = [{ role: 'system', content: 'You are a helpful assistant that can interact with a computer.' }, { role: 'user', content: task }];
    for (let i = 0; i < turns; i++) {
      const command = i === 0 ? `grep -n "${feature.noun}" ${file}` : `sed -n '${rng.int(1, 400)},+30p' ${file}`;
      out.push({ role: 'assistant', content: `THOUGHT: look at ${file}.\n\n\`\`\`bash\n${command}\n\`\`\``, extra: { actions: [{ command }], cost: Math.round(rng.float(0.001, 0.03) * 1e6) / 1e6, timestamp: null } });
      out.push({ role: 'tool', content: JSON.stringify({ returncode: 0, output: `${rng.int(1, 400)}:    ${feature.noun} = None\n` }) });
    }
    out.push({ role: 'exit', content: '', extra: { exit_status: agent.status, submission: '' } });
    return out;
  }
  const out: object[] = [{ role: 'user', content: task }];
  for (let i = 0; i < turns; i++) {
    out.push({ role: 'assistant', content: `[thinking] I need to find where ${feature.noun} is handled in ${file}.` });
    out.push({ role: 'assistant', content: `[tool_use Bash] ${JSON.stringify({ command: `grep -n ${feature.noun} ${file}` })}` });
    out.push({ role: 'user', content: `[tool_result] ${rng.int(1, 400)}:    ${feature.noun} = None` });
  }
  return out;
}

export function renderTrajectory(rng: Rng, plan: PairPlan, agent: AgentPlan, framework: string, model: string): object {
  const { repo, task_id, features } = plan.pair;
  const envelope =
    agent.agentId === 'solo'
      ? { repo, task_id, features: [...features], feature_id: null, agent_id: 'solo' }
      : { repo, task_id, feature_id: agent.featureId, agent_id: agent.agentId };
  return marked({ ...envelope, model, status: agent.status, cost: agent.metrics.cost, steps: agent.metrics.steps, messages: messagesFor(rng, plan, agent, framework) });
}
