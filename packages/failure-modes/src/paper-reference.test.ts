import { CAUSES, COMM_ERROR_GROUPS, SYMPTOMS } from '@cooperbench-repro/contracts';
import { paperNumbers } from '@cooperbench-repro/public-data';
import { describe, expect, it } from 'vitest';
import { CAUSE_MAPPING } from './cause-mapping.js';
import {
  PAPER_FIG6_METRICS,
  PAPER_FIG6_MODELS,
  PAPER_JUDGE_HUMAN_AGREEMENT_ROW,
  PAPER_TABLE1_METRIC,
  PAPER_TABLE2_METRIC,
  paperFig6,
  paperJudgeHumanAgreementPercent,
  paperTable1Percent,
  paperTable2Percent,
} from './paper-reference.js';

describe('paper reference numbers are read from paper_reference_numbers.csv', () => {
  const csv = paperNumbers();
  const keys = (metric: string) => csv.rows.filter((r) => r.metric === metric).map((r) => r.model);

  it('Figure 6: turns and the three group percents of the five models', () => {
    const fig6 = paperFig6();
    expect(Object.keys(fig6)).toEqual([...PAPER_FIG6_MODELS]);
    for (const m of PAPER_FIG6_MODELS) {
      expect(fig6[m].avg_turns, m).toBe(csv.value(PAPER_FIG6_METRICS.avg_turns, m));
      for (const g of COMM_ERROR_GROUPS) expect(fig6[m].percent[g], `${m} ${g}`).toBe(csv.value(PAPER_FIG6_METRICS[g], m));
    }
    for (const metric of Object.values(PAPER_FIG6_METRICS)) expect(keys(metric).sort(), metric).toEqual([...PAPER_FIG6_MODELS].sort());
  });

  it('Table 1: the ten symptom shares (the CSV holds exactly these ten, summing to about 100)', () => {
    const t1 = paperTable1Percent();
    for (const s of SYMPTOMS) expect(t1[s], s).toBe(csv.value(PAPER_TABLE1_METRIC, s));
    expect(keys(PAPER_TABLE1_METRIC).sort()).toEqual([...SYMPTOMS].sort());
    expect(SYMPTOMS.reduce((sum, s) => sum + t1[s], 0)).toBeCloseTo(100, 0);
  });

  it('Table 2: the three hand-coded causes, summing to 100', () => {
    const t2 = paperTable2Percent();
    for (const c of CAUSES) expect(t2[c], c).toBe(csv.value(PAPER_TABLE2_METRIC, c));
    expect(keys(PAPER_TABLE2_METRIC).sort()).toEqual([...CAUSES].sort());
    expect(CAUSES.reduce((sum, c) => sum + t2[c], 0)).toBe(100);
  });

  it('judge-human agreement: the percent is the share of 50 trajectories the unit column gives', () => {
    const row = csv.row(PAPER_JUDGE_HUMAN_AGREEMENT_ROW.metric, PAPER_JUDGE_HUMAN_AGREEMENT_ROW.model);
    const [, agreed, total] = /\((\d+)\/(\d+)\)/.exec(row.unit)!.map(Number);
    expect(paperJudgeHumanAgreementPercent()).toBe((100 * agreed!) / total!);
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
