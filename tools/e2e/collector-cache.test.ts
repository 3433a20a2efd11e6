import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLIC_LOCAL_PATHS, publicPath } from '@cooperbench-repro/public-data';
import { nx, tempWorkspace, WORKSPACE } from './temp-workspace.js';

const REAL_LOGS = publicPath(PUBLIC_LOCAL_PATHS.racsoLogs);
const REAL_MAPPING = join(WORKSPACE, 'data/real/run-arms.json');

describe('collector:collect under Nx', () => {
  it('is a cache hit on an unchanged tree and re-runs when one log file changes', () => {
    const ws = tempWorkspace();
    for (const run of ['nano_control_1', 'flash_solo_3']) cpSync(join(REAL_LOGS, run), join(ws, 'data/logs', run), { recursive: true });
    cpSync(REAL_MAPPING, join(ws, 'data/run-arms.json'));

    const first = nx(ws, ['run', 'collector:collect']);
    expect(first).toMatch(/21 pair dirs -> 21 records/);
    expect(first).not.toMatch(/\[local cache\]/);
    const store = readFileSync(join(ws, 'data/results.jsonl'), 'utf8');

    const second = nx(ws, ['run', 'collector:collect']);
    expect(second).toMatch(/nx run collector:collect\s+\[local cache\]/);
    expect(readFileSync(join(ws, 'data/results.jsonl'), 'utf8')).toBe(store);

    const evalFile = join(ws, 'data/logs/nano_control_1/coop/llama_index_task/18813/f1_f3/eval.json');
    const ev = JSON.parse(readFileSync(evalFile, 'utf8'));
    ev.both_passed = !ev.both_passed;
    writeFileSync(evalFile, JSON.stringify(ev));
    const third = nx(ws, ['run', 'collector:collect']);
    expect(third).not.toMatch(/nx run collector:collect\s+\[local cache\]/);
    expect(third).toMatch(/parsed 1, reused 20/);
    expect(readFileSync(join(ws, 'data/results.jsonl'), 'utf8')).not.toBe(store);

    // Researchers often gitignore their own logs; Nx's file inputs cannot see those, the runtime fingerprint does.
    writeFileSync(join(ws, '.gitignore'), `${readFileSync(join(ws, '.gitignore'), 'utf8')}\n/data/logs/\n`);
    nx(ws, ['run', 'collector:collect']);
    const cached = nx(ws, ['run', 'collector:collect']);
    expect(cached).toMatch(/nx run collector:collect\s+\[local cache\]/);
    ev.both_passed = !ev.both_passed;
    writeFileSync(evalFile, JSON.stringify(ev));
    const ignoredChange = nx(ws, ['run', 'collector:collect']);
    expect(ignoredChange).toMatch(/parsed 1, reused 20/);
    const line = readFileSync(join(ws, 'data/results.jsonl'), 'utf8').split('\n').find((l) => l.includes('nano_control_1/coop/llama_index_task/18813/f1_f3'))!;
    expect(JSON.parse(line).both_passed).toBe(ev.both_passed);
  }, 600_000); // spawns nx several times: generous, so a loaded machine does not fail it
});
