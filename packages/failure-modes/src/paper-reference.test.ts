import { readFileSync } from 'node:fs';
import { CAUSES, COMM_ERROR_GROUPS, SYMPTOMS } from '@cooperbench-repro/contracts';
import { describe, expect, it } from 'vitest';
import { CAUSE_MAPPING } from './cause-mapping.js';
import {
  PAPER_FIG6,
  PAPER_FIG6_METRICS,
  PAPER_FIG6_MODELS,
  PAPER_JUDGE_HUMAN_AGREEMENT,
  PAPER_JUDGE_HUMAN_AGREEMENT_ROW,
  PAPER_TABLE1_METRIC,
  PAPER_TABLE1_PERCENT,
  PAPER_TABLE2_METRIC,
  PAPER_TABLE2_PERCENT,
} from './paper-reference.js';
import { referencePath } from '@cooperbench-repro/public-data';

const CSV = referencePath('paper/paper_reference_numbers.csv');

/** RFC 4180 line split (the file quotes fields that contain commas). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') out.push(cur), (cur = '');
    else cur += ch;
  }
  out.push(cur);
  return out;
}

describe('paper reference constants equal paper_reference_numbers.csv', () => {
  const rows = new Map<string, number>();
  const [header, ...lines] = readFileSync(CSV, 'utf8').trim().split(/\r?\n/);
  for (const line of lines) {
    const [metric, model, value] = splitCsvLine(line);
    rows.set(`${metric}|${model}`, Number(value));
  }
  const get = (metric: string, model: string) => {
    expect(rows.has(`${metric}|${model}`), `${metric}|${model} in the CSV`).toBe(true);
    return rows.get(`${metric}|${model}`);
  };

  it('has the expected header', () => expect(splitCsvLine(header!).slice(0, 3)).toEqual(['metric', 'model', 'value']));

  it('Figure 6: turns and the three group percents of the five models', () => {
    for (const m of PAPER_FIG6_MODELS) {
      expect(PAPER_FIG6[m].avg_turns, m).toBe(get(PAPER_FIG6_METRICS.avg_turns, m));
      for (const g of COMM_ERROR_GROUPS) expect(PAPER_FIG6[m].percent[g], `${m} ${g}`).toBe(get(PAPER_FIG6_METRICS[g], m));
    }
  });

  it('Table 1: the ten symptom shares (the CSV holds exactly these ten)', () => {
    for (const s of SYMPTOMS) expect(PAPER_TABLE1_PERCENT[s], s).toBe(get(PAPER_TABLE1_METRIC, s));
    expect([...rows.keys()].filter((k) => k.startsWith(`${PAPER_TABLE1_METRIC}|`))).toHaveLength(10);
  });

  it('Table 2: 42/32/26, never the stale 63/28/10', () => {
    for (const c of CAUSES) expect(PAPER_TABLE2_PERCENT[c], c).toBe(get(PAPER_TABLE2_METRIC, c));
    expect([PAPER_TABLE2_PERCENT.expectation, PAPER_TABLE2_PERCENT.commitment, PAPER_TABLE2_PERCENT.communication]).toEqual([42, 32, 26]);
  });

  it('judge-human agreement 96% = 48/50', () => {
    expect(PAPER_JUDGE_HUMAN_AGREEMENT.percent).toBe(get(PAPER_JUDGE_HUMAN_AGREEMENT_ROW.metric, PAPER_JUDGE_HUMAN_AGREEMENT_ROW.model));
    expect((100 * PAPER_JUDGE_HUMAN_AGREEMENT.agreed) / PAPER_JUDGE_HUMAN_AGREEMENT.total).toBe(96);
  });
});

describe('cause mapping', () => {
  it('maps every symptom exactly once; the six links the paper states are marked paper', () => {
    expect(CAUSE_MAPPING.map((r) => r.symptom)).toEqual([...SYMPTOMS]);
    expect(CAUSE_MAPPING.filter((r) => r.provenance === 'paper').map((r) => `${r.symptom}:${r.cause}`)).toEqual([
      'work_overlap:expectation',
      'divergent_architecture:expectation',
      'repetition:communication',
      'unresponsiveness:communication',
      'unverifiable_claims:commitment',
      'broken_commitment:commitment',
    ]);
  });
});
