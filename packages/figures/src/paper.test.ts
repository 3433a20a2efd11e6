import { describe, expect, it } from 'vitest';
import { CAUSES, SYMPTOMS } from '@cooperbench-repro/contracts';
import {
  PAPER_MODELS,
  formatPaper,
  paperCurveAuc,
  paperFig4WebsiteCurve,
  paperFig5cShare,
  paperFig6,
  paperFirstTurnPlanConflictPct,
  paperTable1,
  paperTable2,
  paperTable6Llm,
} from './render/paper.js';
import { trapezoidAuc as trapezoid } from '@cooperbench-repro/contracts';
import { CAUSE_LABELS, SYMPTOM_LABELS } from './render/labels.js';
import { paperCsv, websiteCurveCsv } from './test-support/paper-csv.js';

/**
 * render/paper.ts reads every paper number from data/reference/paper/*.csv at run time; these tests read
 * the same files independently (csv-parse) and check the metric/model keys the figures ask for.
 */
const ref = paperCsv();

describe('paper Fig. 4 website curve', () => {
  it('is fig4_website_coopchart_points.csv, nine populated buckets', () => {
    expect(ref.header.slice(0, 3)).toEqual(['metric', 'model', 'value']);
    expect(paperFig4WebsiteCurve()).toEqual(websiteCurveCsv());
    expect(paperFig4WebsiteCurve()).toHaveLength(9);
  });

  it('reproduces the paper-compatible trapezoid AUC: 0.3425 solo, 0.1985 coop (Table 5 pooled 0.338 / 0.200)', () => {
    const auc = paperCurveAuc();
    expect(auc.solo).toBeCloseTo(0.3425, 10);
    expect(auc.coop).toBeCloseTo(0.1985, 10);
    expect(auc.retention).toBeCloseTo(0.1985 / 0.3425, 10);
    expect(auc.retention.toFixed(2)).toBe('0.58');
    expect(auc.solo).toBeCloseTo(ref.get('table5_auc_solo', 'pooled'), 2);
    expect(auc.coop).toBeCloseTo(ref.get('table5_auc_coop', 'pooled'), 2);
  });

  it('trapezoid joins neighbouring points and needs two of them', () => {
    expect(trapezoid([{ x: 0.5, y: 1 }])).toBeNull();
    expect(trapezoid([{ x: 1, y: 0 }, { x: 0, y: 1 }])).toBeCloseTo(0.5, 12);
  });
});

describe('paper numbers of Figure 5 and the qualitative table', () => {
  it('Table 6 LLM with/without comm for every paper model', () => {
    for (const m of PAPER_MODELS) {
      expect(paperTable6Llm(m.key), m.key).toEqual({ with: ref.get('table6_merge_success_comm_llm', m.key), without: ref.get('table6_merge_success_nocomm_llm', m.key) });
    }
  });

  it('Fig. 5(c) totals in axis order (Claude, GPT-5, MiniMax, Qwen3-Instruct, Qwen3-Coder)', () => {
    expect(PAPER_MODELS.map((m) => m.key)).toEqual(['claude', 'gpt5', 'minimax', 'qwen', 'qwen_coder']);
    expect(PAPER_MODELS.map((m) => paperFig5cShare(m.key))).toEqual(PAPER_MODELS.map((m) => ref.get('fig5c_comm_events_share', m.key)));
  });

  it('§5 first-turn Plan conflict rates', () => {
    expect(paperFirstTurnPlanConflictPct()).toEqual({
      with_plan: ref.get('conflict_rate_first_turn_plan', 'all'),
      without_plan: ref.get('conflict_rate_no_first_turn_plan', 'all'),
    });
  });
});

describe('paper numbers of Figure 6 and Tables 1 and 2', () => {
  it('Figure 6 per-model values (a)-(d)', () => {
    for (const m of PAPER_MODELS) {
      expect(paperFig6(m.key), m.key).toEqual({
        turns: ref.get('fig6a_avg_conversation_turns', m.key),
        repetition: ref.get('fig6b_repetition', m.key),
        unresponsiveness: ref.get('fig6c_unresponsiveness', m.key),
        hallucination: ref.get('fig6d_hallucination', m.key),
      });
    }
  });

  it('Table 1 (ten symptoms, in the paper order, summing to 99.9) and Table 2 (never the stale 63/28/10)', () => {
    expect(Object.keys(SYMPTOM_LABELS)).toEqual([...SYMPTOMS]);
    for (const s of SYMPTOMS) expect(paperTable1(s), s).toBe(ref.get('table1_symptom_share', s));
    expect(SYMPTOMS.reduce((sum, s) => sum + paperTable1(s)!, 0)).toBeCloseTo(99.9, 6);
    expect(Object.keys(CAUSE_LABELS)).toEqual([...CAUSES]);
    expect(CAUSES.map((c) => paperTable2(c))).toEqual(CAUSES.map((c) => ref.get('table2_root_cause_share', c)));
    expect(CAUSES.map((c) => paperTable2(c))).not.toEqual([63, 28, 10]);
  });

  it('formats paper numbers with at least one decimal', () => {
    expect(formatPaper(10)).toBe('10.0');
    expect(formatPaper(2.04)).toBe('2.04');
  });
});
