import type { z } from 'zod';
import { readdirSync } from 'node:fs';
import {
  SYNTHETIC_MARKER_FIELD,
  armHasMessaging,
  recordId,
  settingOfArm,
  worstAgentStatus,
  type AgentRun,
  type Message,
  type PatchSummary,
  type Problem,
  type RunRecord,
  type Setting,
} from '@cooperbench-repro/contracts';
import type { PairDirRef } from './discover.js';
import { evalOutcome, missingEvalOutcome, type EvalOutcome } from './eval-outcome.js';
import { PairError, pairReader, type PairProblem, type PairReader } from './pair-reader.js';
import { summarisePatch } from './patch-summary.js';
import type { RunContext } from './run-context.js';
import { ConversationShape, CoopResultShape, EvalShape, SoloResultShape, type UpstreamAgentResult } from './upstream-shapes.js';

export type PairParse = { ok: true; record: RunRecord; warnings: Problem[] } | { ok: false; problems: Problem[] };

/** Trajectories and adapter logs are listed as provenance but not read (they can be very large). */
const TRAJECTORY_FILE = /^(solo|agent\d+)(_full)?_traj\.json$/;
const ADAPTER_LOG_FILE = /^(solo|agent\d+)_(stream|session|sent)\.(jsonl|log)$/;

type Warn = (p: PairProblem) => void;
type UpstreamResult = z.infer<typeof SoloResultShape> | z.infer<typeof CoopResultShape>;

function toAgentRun(agentId: string, a: UpstreamAgentResult, featureId: number | null): AgentRun {
  return {
    agent_id: agentId,
    feature_id: featureId,
    status: a.status,
    cost: a.cost ?? 0,
    steps: a.steps ?? 0,
    input_tokens: a.input_tokens ?? null,
    output_tokens: a.output_tokens ?? null,
    cache_read_tokens: a.cache_read_tokens ?? null,
    cache_write_tokens: a.cache_write_tokens ?? null,
    patch_lines: a.patch_lines ?? null,
    error: a.error ?? null,
    team_role: a.team_role ?? null,
  };
}

interface ParsedResult {
  raw: Record<string, unknown>;
  setting: Setting;
  result: UpstreamResult;
  agents: AgentRun[];
  messagesSent: number | null;
  teamMetrics: Record<string, unknown> | null;
}

/** result.json: the setting (checked against the directory and the arm) and the agents. */
function readResult(ref: PairDirRef, ctx: RunContext, files: PairReader): ParsedResult {
  const { names, rel } = files;
  if (!names.has('result.json')) {
    throw new PairError({ code: 'missing-result', file: rel('result.json'), field: null, expected: 'result.json (upstream writes it when the agents finish; without it the pair did not complete)', message: 'missing file' });
  }
  const raw = files.json('result.json') as Record<string, unknown>;
  const declaredSetting = raw && typeof raw === 'object' ? raw.setting : undefined;
  // The flat layout has no setting directory: take result.json's setting (or solo.patch) as upstream's eval does.
  const setting: Setting = ref.settingDir ?? (declaredSetting === 'solo' || declaredSetting === 'coop' || declaredSetting === 'team' ? declaredSetting : names.has('solo.patch') ? 'solo' : 'coop');
  if (declaredSetting !== undefined && declaredSetting !== setting) {
    throw new PairError({ code: 'setting-mismatch', file: rel('result.json'), field: 'setting', expected: JSON.stringify(setting), message: `found ${JSON.stringify(declaredSetting)} in a ${setting}/ directory` });
  }
  const armSetting = settingOfArm(ctx.arm);
  if (armSetting !== setting) {
    throw new PairError({ code: 'arm-setting-mismatch', file: rel('result.json'), field: 'setting', expected: `${armSetting} (the run's arm is ${ctx.arm})`, message: `a ${setting} pair in a run mapped to arm ${ctx.arm}; fix the mapping or the manifest` });
  }
  if (setting === 'solo') {
    const solo = files.check('result.json', SoloResultShape, raw);
    return { raw, setting, result: solo, agents: [toAgentRun('solo', solo.agent, null)], messagesSent: null, teamMetrics: null };
  }
  const coop = files.check('result.json', CoopResultShape, raw);
  const agents = Object.entries(coop.agents)
    .map(([id, a]) => toAgentRun(id, a, a.feature_id))
    .sort((x, y) => (x.agent_id < y.agent_id ? -1 : 1));
  const teamMetrics = setting === 'team' ? { lead_agent: coop.lead_agent ?? null, metrics: coop.metrics ?? null, team_features: coop.team_features ?? null } : null;
  return { raw, setting, result: coop, agents, messagesSent: coop.messages_sent ?? null, teamMetrics };
}

/** The directory names the pair; result.json must agree (a copied or renamed directory would not). */
function checkIdentity(ref: PairDirRef, parsed: ParsedResult, rel: (name: string) => string): void {
  const { result, agents, setting } = parsed;
  if (result.repo !== ref.repo) throw new PairError({ code: 'identity-mismatch', file: rel('result.json'), field: 'repo', expected: JSON.stringify(ref.repo), message: `result.json says ${JSON.stringify(result.repo)}` });
  if (result.task_id !== ref.taskId) throw new PairError({ code: 'identity-mismatch', file: rel('result.json'), field: 'task_id', expected: String(ref.taskId), message: `result.json says ${result.task_id}` });
  const sortedFeatures = [...result.features].sort((a, b) => a - b);
  if (sortedFeatures[0] !== ref.features[0] || sortedFeatures[1] !== ref.features[1]) {
    throw new PairError({ code: 'identity-mismatch', file: rel('result.json'), field: 'features', expected: `[${ref.features.join(', ')}]`, message: `result.json says [${result.features.join(', ')}]` });
  }
  if (setting !== 'solo') {
    const owned = agents.map((a) => a.feature_id).sort((a, b) => (a ?? 0) - (b ?? 0));
    if (owned.length !== 2 || owned[0] !== ref.features[0] || owned[1] !== ref.features[1]) {
      throw new PairError({ code: 'identity-mismatch', file: rel('result.json'), field: 'agents.*.feature_id', expected: `two agents owning features ${ref.features.join(' and ')}`, message: `agents own [${owned.join(', ')}]` });
    }
  }
}

/** eval.json: a missing or stale eval is an unknown outcome, not a failure. */
function readEvaluation(ref: PairDirRef, ctx: RunContext, parsed: ParsedResult, files: PairReader, warn: Warn): { evaluation: EvalOutcome; synthetic: boolean } {
  const { setting, result } = parsed;
  const { rel } = files;
  if (!files.names.has('eval.json')) {
    warn({ code: 'missing-eval', file: rel('eval.json'), field: null, expected: 'eval.json (outcome is unknown without it)', message: 'pair kept with outcome unknown' });
    return { evaluation: missingEvalOutcome(setting, 'eval.json missing'), synthetic: false };
  }
  const rawEval = files.json('eval.json') as Record<string, unknown>;
  const synthetic = Boolean(rawEval?.[SYNTHETIC_MARKER_FIELD]);
  const ev = files.check('eval.json', EvalShape, rawEval);
  const evalFeatures = [...ev.features].sort((a, b) => a - b);
  if (ev.repo !== ref.repo || ev.task_id !== ref.taskId || evalFeatures[0] !== ref.features[0] || evalFeatures[1] !== ref.features[1]) {
    throw new PairError({ code: 'identity-mismatch', file: rel('eval.json'), field: 'repo/task_id/features', expected: `${ref.repo} ${ref.taskId} [${ref.features.join(', ')}]`, message: `eval.json says ${ev.repo} ${ev.task_id} [${ev.features.join(', ')}]` });
  }
  const endedAt = result.ended_at ?? result.started_at ?? null;
  if (ev.evaluated_at && endedAt && ev.evaluated_at < endedAt) {
    // Upstream re-runs Error pairs in place but keeps the old eval.json (pitfall 10).
    warn({ code: 'stale-eval', file: rel('eval.json'), field: 'evaluated_at', expected: `a time after the agents ended (${endedAt})`, message: 'eval.json predates this agent run (upstream keeps the old eval on re-run); outcome set to unknown; re-run `cooperbench eval --force`' });
    return { evaluation: missingEvalOutcome(setting, `stale eval.json (evaluated_at ${ev.evaluated_at} is before the agents ended at ${endedAt})`), synthetic };
  }
  return { evaluation: evalOutcome(setting, ev, ctx.upstreamVersion), synthetic };
}

/** conversation.json (coop/team), checked against messages_sent and the arm. */
function readMessages(ctx: RunContext, parsed: ParsedResult, files: PairReader, warn: Warn): Message[] {
  if (parsed.setting === 'solo') return [];
  const { rel } = files;
  let messages: Message[] = [];
  if (files.names.has('conversation.json')) {
    const conv = files.check('conversation.json', ConversationShape, files.json('conversation.json'));
    messages = conv.map((m) => ({ from: m.from, to: m.to, feature_id: m.feature_id ?? null, text: m.message, timestamp: m.timestamp ?? null }));
  } else {
    warn({ code: 'missing-conversation', file: rel('conversation.json'), field: null, expected: 'conversation.json (upstream writes [] when nobody wrote)', message: 'treated as no messages' });
  }
  if (parsed.messagesSent !== null && parsed.messagesSent !== messages.length) {
    warn({ code: 'message-count-mismatch', file: rel('result.json'), field: 'messages_sent', expected: `${messages.length} (the length of conversation.json)`, message: `result.json says ${parsed.messagesSent}` });
  }
  if (!armHasMessaging(ctx.arm) && messages.length > 0) {
    warn({ code: 'messages-in-no-messaging-arm', file: rel('conversation.json'), field: null, expected: `no messages in arm ${ctx.arm}`, message: `${messages.length} messages found; check the arm mapping` });
  }
  return messages;
}

/** Patches are named by FEATURE id (agent<fid>.patch), adapter logs by AGENT id: join through result.json. */
function readPatches(ref: PairDirRef, setting: Setting, files: PairReader, warn: Warn): PatchSummary[] {
  const patches: PatchSummary[] = [];
  const patchFiles = setting === 'solo' ? [{ name: 'solo.patch', feature: null }] : ref.features.map((f) => ({ name: `agent${f}.patch`, feature: f }));
  for (const p of patchFiles) {
    if (files.names.has(p.name)) patches.push(summarisePatch(files.text(p.name), files.rel(p.name), p.feature));
    else warn({ code: 'missing-patch', file: files.rel(p.name), field: null, expected: `${p.name} (upstream writes it, possibly empty)`, message: 'no patch summary for this agent' });
  }
  return patches;
}

interface PairParts {
  parsed: ParsedResult;
  evaluation: EvalOutcome;
  synthetic: boolean;
  messages: Message[];
  patches: PatchSummary[];
  files: PairReader;
}

function buildRecord(ref: PairDirRef, ctx: RunContext, parts: PairParts): RunRecord {
  const { parsed, evaluation, messages, patches, files } = parts;
  const { setting, result, agents } = parsed;
  const provenanceOnly = [...files.names].filter((n) => TRAJECTORY_FILE.test(n) || ADAPTER_LOG_FILE.test(n)).sort();
  const read = files.provenance();
  const statuses = agents.map((a) => a.status);
  return {
    record_id: recordId(ref.run, setting, ref.repo, ref.taskId, ref.features),
    schema: 'cooperbench-repro/run-record@1',
    source: 'upstream-logs',
    synthetic: parts.synthetic,
    run: ref.run,
    arm: ctx.arm,
    setting,
    model: ctx.model ?? result.model ?? 'unknown',
    seed: ctx.seed,
    agent_framework: result.agent_framework ?? ctx.agentFramework,
    upstream_version: ctx.upstreamVersion,
    eval_format: evaluation.eval_format,
    repo: ref.repo,
    task_id: ref.taskId,
    features: ref.features,
    pair: ref.pair,
    started_at: result.started_at ?? null,
    duration_seconds: result.duration_seconds ?? null,
    agents,
    agent_status: worstAgentStatus(statuses),
    infra_failure: statuses.includes('Error'),
    limits_exceeded: statuses.some((s) => s === 'LimitsExceeded' || s === 'CostLimitExceeded'),
    total_cost: result.total_cost ?? agents.reduce((s, a) => s + a.cost, 0),
    total_steps: result.total_steps ?? agents.reduce((s, a) => s + a.steps, 0),
    merge: evaluation.merge,
    apply_status: evaluation.apply_status,
    feature_results: evaluation.feature_results,
    both_passed: evaluation.both_passed,
    outcome: evaluation.outcome,
    evaluated: evaluation.evaluated,
    eval_error: evaluation.eval_error,
    unknown_reason: evaluation.unknown_reason,
    messaging_enabled: armHasMessaging(ctx.arm),
    messages,
    message_count: messages.length,
    patches,
    team_metrics: parsed.teamMetrics,
    legacy: null,
    sources: { dir: ref.relDir, files: [...ctx.files, ...read.files, ...provenanceOnly.map(files.rel)], sha256: read.sha256, legacy: null },
  };
}

/** Reads one pair directory into a normalized record, or explains why it cannot. */
export function parsePairDir(ref: PairDirRef, ctx: RunContext, fileNames?: readonly string[]): PairParse {
  const warnings: Problem[] = [];
  const pairId = `${ref.run}/${ref.settingDir ?? '?'}/${ref.repo}/${ref.taskId}/${ref.pair}`;
  const warn: Warn = (p) => warnings.push({ severity: 'warning', run: ref.run, pair: pairId, rejected_pairs: 0, ...p });
  try {
    const files = pairReader(ref, new Set(fileNames ?? readdirSync(ref.absDir)), warn);
    const parsed = readResult(ref, ctx, files);
    checkIdentity(ref, parsed, files.rel);
    const { evaluation, synthetic: evalSynthetic } = readEvaluation(ref, ctx, parsed, files, warn);
    const messages = readMessages(ctx, parsed, files, warn);
    const patches = readPatches(ref, parsed.setting, files, warn);
    const synthetic = ctx.synthetic || Boolean(parsed.raw[SYNTHETIC_MARKER_FIELD]) || evalSynthetic;
    return { ok: true, record: buildRecord(ref, ctx, { parsed, evaluation, synthetic, messages, patches, files }), warnings };
  } catch (err) {
    // An OS error on the pair directory itself (permissions, a vanished directory) rejects this pair only.
    const problem = err instanceof PairError ? err.problem : isErrno(err) ? { code: 'unreadable-pair-dir', file: ref.relDir, field: null, expected: 'a readable pair directory', message: `${err.code}: ${err.message}` } : null;
    if (!problem) throw err;
    return { ok: false, problems: [{ severity: 'error', run: ref.run, pair: pairId, rejected_pairs: 1, ...problem }] };
  }
}

const isErrno = (err: unknown): err is NodeJS.ErrnoException => err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string';
