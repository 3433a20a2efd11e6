import { RUN_MANIFEST_FILE, RunManifestSchema, SYNTHETIC_MARKER_FIELD } from '@cooperbench-repro/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_MARKER_VALUE } from './marker.js';
import { synthesizePairs } from './pairs.js';
import { readTree, tempDir } from './test-support/tree.js';
import { writeTree } from './write-tree.js';

/** The generated tree follows the upstream layout and the repro conventions (marker, manifest, names). */

const tmp = tempDir('synth-shape');
let files: Map<string, Buffer>;
const json = (path: string) => JSON.parse(files.get(path)!.toString('utf8')) as unknown;
const PAIR_DIR = /^([^/]+)\/(solo|coop)\/([^/]+_task)\/(\d+)\/f(\d+)_f(\d+)\/([^/]+)$/;

beforeAll(() => {
  const pairs = synthesizePairs({ pairs: 30, seed: 11 });
  // High quirk rates so errors, limits and missing evals all appear in a small tree.
  const quirks = { agentError: 0.15, limitsExceeded: 0.15, missingEval: 0.1, evalError: 0.05, identicalPatches: 0.1, applyFailed: 0.1 };
  for (const [era, framework] of [['identical-naive', 'claude_code'], ['naive-union', 'mini_swe_agent_v2']] as const) {
    writeTree(tmp.dir, { models: [`test/${era}-model`], arms: ['solo', 'coop-msg', 'coop-nomsg'], soloSeeds: [0], era, agentFramework: framework }, pairs, { seed: 3, trajectories: true, quirks });
  }
  files = readTree(tmp.dir);
});
afterAll(tmp.cleanup);

describe('generated tree', () => {
  it('marks every JSON file as synthetic (conversations per message; only an empty one cannot be)', () => {
    let checked = 0;
    for (const path of [...files.keys()].filter((p) => p.endsWith('.json'))) {
      const value = json(path);
      if (Array.isArray(value)) {
        expect(path).toMatch(/conversation\.json$/);
        for (const m of value) expect((m as Record<string, unknown>)[SYNTHETIC_MARKER_FIELD], path).toBe(SYNTHETIC_MARKER_VALUE);
      } else {
        expect((value as Record<string, unknown>)[SYNTHETIC_MARKER_FIELD], path).toBe(SYNTHETIC_MARKER_VALUE);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('writes a manifest per run that validates and says synthetic', () => {
    const manifests = [...files.keys()].filter((p) => p.endsWith(`/${RUN_MANIFEST_FILE}`));
    expect(manifests).toHaveLength(6);
    for (const path of manifests) {
      const m = RunManifestSchema.parse(json(path));
      expect(m.synthetic).toBe(true);
      expect(m.attempts).toEqual([]);
      expect(path.split('/')[0]).toBe(m.run_name);
      expect(m.argv.slice(0, 2)).toEqual(['cooperbench', 'run']);
      expect(m.argv.includes('--no-messaging')).toBe(m.arm === 'coop-nomsg');
      expect(m.upstream_version).toBe(m.run_name.includes('naive-union') ? '0.0.14' : '0.0.19');
    }
  });

  it('keeps coop-nomsg conversations empty with messages_sent 0, and counts messages elsewhere', () => {
    let messages = 0;
    for (const path of [...files.keys()].filter((p) => p.endsWith('/result.json') && p.includes('/coop/'))) {
      const result = json(path) as { messages_sent: number };
      const conversation = json(path.replace(/result\.json$/, 'conversation.json')) as unknown[];
      expect(result.messages_sent, path).toBe(conversation.length);
      if (path.includes('-coop-nomsg/')) expect(conversation, path).toEqual([]);
      else messages += conversation.length;
    }
    expect(messages).toBeGreaterThan(30);
  });

  it('names coop patches and trajectories by feature id, with agent1 owning the smaller feature', () => {
    const pairDirs = new Map<string, string[]>();
    for (const path of files.keys()) {
      const m = PAIR_DIR.exec(path);
      if (m) pairDirs.set(path.slice(0, path.lastIndexOf('/')), [...(pairDirs.get(path.slice(0, path.lastIndexOf('/'))) ?? []), m[7]!]);
    }
    expect(pairDirs.size).toBe(6 * 30);
    for (const [dir, names] of pairDirs) {
      const [, , setting, , , a, b] = PAIR_DIR.exec(`${dir}/x`)!;
      const expected = setting === 'solo' ? ['result.json', 'solo.patch', 'solo_traj.json'] : ['result.json', 'conversation.json', `agent${a}.patch`, `agent${b}.patch`, `agent${a}_traj.json`, `agent${b}_traj.json`];
      expect(names.filter((n) => n !== 'eval.json').sort(), dir).toEqual(expected.sort());
      if (setting === 'coop') {
        const agents = (json(`${dir}/result.json`) as { agents: Record<string, { feature_id: number }> }).agents;
        expect(agents.agent1!.feature_id).toBe(Number(a));
        expect(agents.agent2!.feature_id).toBe(Number(b));
        expect((json(`${dir}/agent${a}_traj.json`) as { agent_id: string }).agent_id).toBe('agent1');
      }
    }
  });

  it('writes both eval eras with their upstream merge vocabularies and quirks', () => {
    const merges = new Set<string>();
    const statuses = new Set<string>();
    let missing = 0;
    for (const path of [...files.keys()].filter((p) => p.endsWith('/result.json'))) {
      const result = json(path) as { agent?: { status: string }; agents?: Record<string, { status: string; error: string | null }> };
      for (const a of result.agent ? [result.agent] : Object.values(result.agents!)) statuses.add(a.status);
      const evalPath = path.replace(/result\.json$/, 'eval.json');
      if (!files.has(evalPath)) {
        missing++;
        continue;
      }
      const ev = json(evalPath) as { merge: { status: string; strategy: string | null } | null; error: string | null };
      if (ev.merge) merges.add(`${path.split('/')[0]!.includes('naive-union') ? 'union-era' : 'identical-era'} ${ev.merge.status}/${ev.merge.strategy}`);
    }
    expect(statuses).toEqual(new Set(['Submitted', 'Error', 'LimitsExceeded']));
    expect(missing).toBeGreaterThan(0);
    for (const m of ['identical-era clean/naive', 'identical-era conflicts/naive', 'identical-era identical/skip-merge-identical', 'union-era clean/naive', 'union-era conflicts/union', 'union-era error/null']) {
      expect(merges, m).toContain(m);
    }
    for (const m of merges) expect(m).not.toMatch(/union-era .*(identical|solo-agent1)|identical-era .*union/);
  });

  it('gives the identical shape `output` without feature_id and the others `test_output`', () => {
    for (const path of [...files.keys()].filter((p) => p.endsWith('/eval.json') && p.includes('/coop/'))) {
      const ev = json(path) as { merge: { status: string }; feature1: Record<string, unknown> };
      if (ev.merge.status === 'identical') {
        expect(Object.keys(ev.feature1).sort()).toEqual(['exit_code', 'output', 'passed', 'tests_failed', 'tests_passed']);
      } else {
        expect(Object.keys(ev.feature1).sort()).toEqual(['exit_code', 'feature_id', 'passed', 'test_output', 'tests_failed', 'tests_passed']);
      }
    }
  });
});
