import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFileError } from '@cooperbench-repro/contracts';
import { loadExperiment, parseExperiment } from './experiment.js';
import { buildPlan, evalArgv } from './plan.js';
import { editDistance, nearest } from './did-you-mean.js';
import { cleanModelName, runName } from './run-name.js';

const base = { name: 'exp1', subset: 'lite', models: ['m'], arms: ['solo'] };

describe('experiment files', () => {
  it('read JSON and YAML with defaults', () => {
    const yaml = parseExperiment('e.yaml', 'name: exp1\nsubset: lite\nmodels: [vertex_ai/gemini-3-flash-preview]\narms: [solo, coop-msg]\nsolo_seeds: [0, 1, 2]\n');
    expect(yaml).toMatchObject({ name: 'exp1', subset: 'lite', arms: ['solo', 'coop-msg'], solo_seeds: [0, 1, 2], coop_seeds: [0], agent: 'mini_swe_agent_v2', backend: 'docker', log_dir: 'data/logs', cooperbench: 'cooperbench', retries: { max: 2 } });
    expect(parseExperiment('e.json', JSON.stringify(base)).name).toBe('exp1');
  });

  it('name every bad field with what was expected', () => {
    const errorOf = (text: string, file = 'e.json') => {
      try {
        parseExperiment(file, text);
      } catch (err) {
        return err as DataFileError;
      }
      throw new Error('no error');
    };
    expect(errorOf(JSON.stringify({ ...base, arms: ['duo'] })).issues[0]).toMatchObject({ field: 'arms[0]', expected: expect.stringContaining('an arm such as solo') });
    expect(errorOf(JSON.stringify({ ...base, concurrency: 'four' })).issues[0]).toMatchObject({ field: 'concurrency', expected: 'number' });
    expect(errorOf(JSON.stringify({ ...base, name: '../escape' })).issues[0]).toMatchObject({ field: 'name' });
    expect(errorOf(JSON.stringify({ ...base, pairs: [{ repo: 'x_task', task_id: 1, features: [1, 2] }] })).issues[0]).toMatchObject({ field: 'subset', expected: 'exactly one of subset or pairs' });
    expect(errorOf('name: [unclosed', 'e.yaml').issues[0]).toMatchObject({ expected: 'valid YAML' });
    expect(() => loadExperiment('/nonexistent/e.yaml')).toThrow(/expected a readable experiment file/);
  });

  it('reject unknown keys at every level, naming the key and the nearest known one', () => {
    const errorOf = (raw: Record<string, unknown>, file = 'e.json') => {
      try {
        parseExperiment(file, JSON.stringify(raw));
      } catch (err) {
        return err as DataFileError;
      }
      throw new Error('no error');
    };
    const top = errorOf({ ...base, budget_usb: 100 });
    expect(top).toBeInstanceOf(DataFileError);
    expect(top.issues).toEqual([expect.objectContaining({ field: 'budget_usb', message: expect.stringContaining('did you mean budget_usd?') })]);
    expect(top.message).toMatch(/field budget_usb: .*did you mean budget_usd\?/);
    // YAML too, and case or - versus _ does not hide the suggestion.
    expect(() => parseExperiment('e.yaml', 'name: exp1\nsubset: lite\nmodels: [m]\narms: [solo]\nBudget-USD: 3\n')).toThrow(/field Budget-USD: .*did you mean budget_usd\?/);
    expect(errorOf({ ...base, retries: { max: 1, backof_seconds: 5 } }).issues[0]).toMatchObject({ field: 'retries.backof_seconds', message: expect.stringContaining('did you mean backoff_seconds?') });
    expect(errorOf({ ...base, eval: { auto: true, concurency: 5 } }).issues[0]).toMatchObject({ field: 'eval.concurency', message: expect.stringContaining('did you mean concurrency?') });
    expect(errorOf({ name: 'x', models: ['m'], arms: ['solo'], pairs: [{ repo: 'x_task', task_id: 1, features: [1, 2], featurs: [3] }] }).issues[0]).toMatchObject({ field: 'pairs[0].featurs', message: expect.stringContaining('did you mean features?') });
    // Nothing near: the known keys are listed instead of a guess.
    const far = errorOf({ ...base, zzzzzzzz: 1 }).issues[0]!;
    expect(far.field).toBe('zzzzzzzz');
    expect(far.message).not.toMatch(/did you mean/);
    expect(far.message).toMatch(/known keys: .*budget_usd/);
    // Every unknown key is named, alongside other errors.
    const many = errorOf({ ...base, budget_usb: 1, timeout_minute: 3, concurrency: 'four' });
    expect(many.issues.map((i) => i.field).sort()).toEqual(['budget_usb', 'concurrency', 'timeout_minute']);
  });

  it('reject a model, arm or seed listed twice (they would share a run directory)', () => {
    expect(() => parseExperiment('e.json', JSON.stringify({ ...base, models: ['m', 'm'] }))).toThrow(/field models: expected each model listed once/);
    expect(() => parseExperiment('e.json', JSON.stringify({ ...base, solo_seeds: [0, 0] }))).toThrow(/field solo_seeds: expected each seed listed once/);
  });
});

describe('did you mean', () => {
  it('suggests only near keys', () => {
    expect(editDistance('budget_usb', 'budget_usd')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(nearest('budget_usb', ['budget_usd', 'models'])).toBe('budget_usd');
    expect(nearest('modle', ['budget_usd', 'models'])).toBe('models');
    expect(nearest('colour', ['budget_usd', 'models'])).toBeNull();
  });
});

describe('run names', () => {
  it('are deterministic, distinct per model/arm/seed, and safe as directory names', () => {
    const odd = ['my model; rm -rf /', 'model "quoted"', "it's/a/model-preview", 'vertex_ai/gemini-3-flash-preview', 'vertex_ai/gemini-3-flash'];
    const names = odd.flatMap((m) => ['solo', 'coop-msg'].flatMap((a) => [0, 1].map((s) => runName('exp', a, m, s))));
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z0-9][a-z0-9._-]*$/i);
    expect(runName('exp', 'solo', 'm', 0)).toBe(runName('exp', 'solo', 'm', 0));
    expect(cleanModelName('vertex_ai/gemini-3-flash-preview')).toBe('gemini-3-flash');
  });
});

describe('the plan', () => {
  function dataset(): string {
    const dir = mkdtempSync(join(tmpdir(), 'cb-ds-'));
    mkdirSync(join(dir, 'subsets'));
    writeFileSync(join(dir, 'subsets', 'mini.json'), JSON.stringify({ tasks: [{ repo: 'pillow_task', task_id: 290, pairs: [[5, 3], [1, 2]] }, { repo: 'go_chi_task', task_id: 26, pairs: [[1, 2]] }] }));
    return dir;
  }

  it('expands models x arms x seeds with solo and coop seeds, and counts pairs', () => {
    const e = parseExperiment('e.json', JSON.stringify({ name: 'x', subset: 'mini', dataset_dir: dataset(), models: ['a/m1', 'b/m2'], arms: ['solo', 'coop-msg', 'coop-nomsg'], solo_seeds: [0, 1, 2], coop_seeds: [0] }));
    const plan = buildPlan(e);
    expect(plan.pairs.map((p) => `${p.repo}/${p.task_id}/${p.features.join('_')}`)).toEqual(['pillow_task/290/3_5', 'pillow_task/290/1_2', 'go_chi_task/26/1_2']);
    expect(plan.invocations).toHaveLength(2 * (3 + 1 + 1));
    expect(plan.invocations.filter((i) => i.arm === 'solo').map((i) => i.seed)).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it('passes odd model names as single argv entries, never through a shell', () => {
    const model = 'evil; touch /tmp/pwned "quoted" $(whoami)';
    const e = parseExperiment('e.json', JSON.stringify({ name: 'x', subset: 'mini', dataset_dir: dataset(), models: [model], arms: ['coop-nomsg-git'], cooperbench: ['python3', '-m', 'cooperbench'], extra_flags: ['--agent-config', 'my cfg.yaml'] }));
    const [inv] = buildPlan(e).invocations;
    expect(inv!.argv.slice(0, 4)).toEqual(['python3', '-m', 'cooperbench', 'run']);
    expect(inv!.argv[inv!.argv.indexOf('-m', 3) + 1]).toBe(model);
    expect(inv!.argv).toEqual(expect.arrayContaining(['--setting', 'coop', '--no-messaging', '--git', '--agent-config', 'my cfg.yaml']));
    expect(evalArgv(e, inv!)).toEqual(expect.arrayContaining(['eval', '-n', inv!.runName]));
  });

  it('explicit pairs become a generated subset', () => {
    const e = parseExperiment('e.json', JSON.stringify({ name: 'x', dataset_dir: dataset(), pairs: [{ repo: 'pillow_task', task_id: 290, features: [5, 3] }], models: ['m'], arms: ['solo'] }));
    const plan = buildPlan(e);
    expect(plan.subsetName).toBe('cbr-x');
    expect(plan.generatedSubset).toEqual({ tasks: [{ repo: 'pillow_task', task_id: 290, pairs: [[3, 5]] }] });
  });

  it('a missing subset file is named', () => {
    const e = parseExperiment('e.json', JSON.stringify({ ...base, dataset_dir: '/nonexistent' }));
    expect(() => buildPlan(e)).toThrow(/nonexistent\/subsets\/lite\.json: expected a readable file/);
  });
});
