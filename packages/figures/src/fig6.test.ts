import { describe, expect, it } from 'vitest';
import { expectByteIdenticalWrites } from './test-support/write-twice.js';
import { compile } from 'vega-lite';
import { FailureModesFileSchema } from '@cooperbench-repro/contracts';
import {
  FIG6_AXIS_TITLES,
  FIG6_CSV_COLUMNS,
  FIG6_HEURISTIC_DROPPED,
  FIG6_HEURISTIC_SERIES,
  FIG6_JUDGE_NOT_RUN,
  FIG6_NOT_MEASURED,
  FIG6_PANEL_TITLES,
  FIG6_PAPER_SERIES,
  HUMAN_ROW,
  codeLegendLabel,
  fig6,
  fig6Data,
} from './figures/fig6/index.js';
import { COMM_ERROR_LABELS } from './render/labels.js';
import { PAPER_MODELS } from './render/paper.js';
import { renderFigure } from './render/figure.js';
import { toCsv } from './render/csv.js';
import { specToSvg } from './render/svg.js';
import { failureModesFixture } from './test-support/failure-modes-fixture.js';
import { expectCsv, renderedTexts } from './test-support/figure-checks.js';

const complete = failureModesFixture();
const notRun = failureModesFixture({ judge: 'not-run' });
const texts = async (data: Parameters<typeof fig6>[0], opts?: Parameters<typeof fig6>[1]) => renderedTexts(fig6(data, opts));
const JUDGE_LEGEND = Object.keys(COMM_ERROR_LABELS).map(codeLegendLabel);

describe('failure-modes fixture', () => {
  it('is a valid data/failure-modes.json whatever the judge status', () => {
    for (const judge of ['complete', 'not-run', 'partial'] as const) {
      for (const synthetic of [false, true]) {
        const r = FailureModesFileSchema.safeParse(failureModesFixture({ judge, synthetic }));
        expect(r.success, `${judge} ${synthetic} ${r.error?.message}`).toBe(true);
      }
    }
  });
});

describe('fig6', () => {
  it('compiles to vega and renders without warnings (judge complete, partial, not run; with and without the paper)', async () => {
    for (const data of [complete, notRun, failureModesFixture({ judge: 'partial', synthetic: true })]) {
      for (const paperReference of [true, false]) {
        const def = fig6(data, { paperReference });
        expect(def.name).toBe('fig6');
        expect(() => compile(def.spec)).not.toThrow();
        expect((await specToSvg(def.spec)).warnings, `${data.judge.status} ${paperReference}`).toEqual([]);
      }
    }
  });

  it('has the four panel titles, axis titles and the sub-code legends when the judge ran', async () => {
    const t = await texts(complete);
    for (const s of Object.values(FIG6_PANEL_TITLES)) expect(t).toContain(s);
    for (const s of Object.values(FIG6_AXIS_TITLES)) expect(t).toContain(s);
    for (const s of [...JUDGE_LEGEND, FIG6_HEURISTIC_SERIES, FIG6_PAPER_SERIES]) expect(t).toContain(s);
    expect(t).toContain('Repeats same information (C4a)');
    expect(t).toContain('Plan drift / unilateral deviation');
    // judge totals with counts, heuristic cross-check rows beside them
    for (const s of ['25.0% (10/40)', '10.0% (4/40)', '20.0% (6/30)', '3.3% (1/30)', '30.0% (12/40)', '26.7% (8/30)', '12.3', '4.5']) expect(t).toContain(s);
    for (const s of ['model-a', 'model-b', 'model-a · LLM judge', 'model-b · LLM judge', 'model-a · repetition', 'model-b · unresponsiveness']) expect(t).toContain(s);
    // Heuristic rows only in panel (e): repetition and unresponsiveness, none for hallucination.
    expect(t.filter((s) => s.startsWith('model-a · ') && !s.endsWith('LLM judge'))).toEqual(['model-a · repetition', 'model-a · unresponsiveness']);
    expect(t.some((s) => s.includes(FIG6_NOT_MEASURED))).toBe(false);
  });

  it("says the judge was not run on the figure's face if and only if judge.status is 'not-run'", async () => {
    const off = await texts(notRun);
    expect(off).toContain(FIG6_JUDGE_NOT_RUN);
    for (const data of [complete, failureModesFixture({ judge: 'partial' })]) {
      const on = await texts(data);
      expect(on.some((s) => /judge not run/i.test(s))).toBe(false);
    }
    expect((await texts(failureModesFixture({ judge: 'partial' }))).some((s) => s.startsWith('LLM judge partial'))).toBe(true);
  });

  it('without the judge shows only heuristic estimates, labelled as such, and no hallucination measure', async () => {
    const t = await texts(notRun);
    for (const s of JUDGE_LEGEND) expect(t).not.toContain(s);
    expect(t).toContain(FIG6_HEURISTIC_SERIES);
    expect(t).toContain('LLM judge: not run (no judge rows)');
    expect(t.filter((s) => s === FIG6_NOT_MEASURED)).toHaveLength(6); // (b)-(d), both models
    expect(t).toContain('model-a · repetition');
    expect(t).not.toContain('25.0% (10/40)'); // no judge total anywhere
    expect(t).toContain('30.0% (12/40)');
    const rows = fig6(notRun).csv.rows;
    expect(rows.some((r) => r.source === 'judge')).toBe(false);
    expect(rows.filter((r) => r.source === 'heuristic').every((r) => r.label_source === 'heuristic' && r.panel === 'e-heuristic')).toBe(true);
    expect(rows.filter((r) => r.panel === 'd-hallucination' && r.source === 'none')).toHaveLength(2);
  });

  it("shows the paper's per-model values as separate grey rows, and leaves them out when asked", async () => {
    const t = await texts(complete);
    // Row labels in (a) and (b); (c) and (d) share (b)'s rows and print no labels.
    for (const m of PAPER_MODELS) expect(t.filter((s) => s === `Paper: ${m.label}`)).toHaveLength(2);
    expect(fig6(complete).csv.rows.filter((r) => r.source === 'paper-fig6')).toHaveLength(4 * PAPER_MODELS.length);
    for (const s of ['14.5', '15.5', '37.1%', '21.3%', '6.9%', '2.1%']) expect(t).toContain(s);
    const def = fig6(complete, { paperReference: false });
    const bare = await renderedTexts(def);
    expect(bare.some((s) => s.startsWith('Paper'))).toBe(false);
    expect(def.csv.rows.some((r) => r.source === 'paper-fig6')).toBe(false);
  });

  it('says SYNTHETIC visibly if and only if the data are synthetic', async () => {
    expect((await texts(complete)).some((s) => /synthetic/i.test(s))).toBe(false);
    expect((await texts(notRun)).some((s) => /synthetic/i.test(s))).toBe(false);
    for (const judge of ['complete', 'not-run'] as const) {
      const t = await texts(failureModesFixture({ judge, synthetic: true }));
      expect(t).toContain('SYNTHETIC DEMO DATA — not real agent runs (all 200 records are synthetic)');
    }
  });

  it('writes the plotted data, heuristic estimates and paper values as CSV', () => {
    const def = fig6(complete);
    const lines = expectCsv(def, FIG6_CSV_COLUMNS, {
      'a-turns': 2 + 5,
      'b-repetition': 2 * (2 + 1) + 5,
      'c-unresponsiveness': 2 * (3 + 1) + 5,
      'd-hallucination': 2 * (3 + 1) + 5,
      'e-heuristic': 2 * 2,
    });
    expect(lines).toHaveLength(1 + 48);
    expect(lines).toContain('a-turns,data,model-a,model-a,,,,,,,,,,,40,12.25');
    expect(lines).toContain('a-turns,paper-fig6,claude,Paper: Claude Sonnet 4.5,,,,,,,,,,,,14.5');
    expect(lines).toContain(`b-repetition,judge,model-a,model-a · LLM judge,repetition,C4a,Repeats same information,judge,6,40,0,0.15,${complete.fig6[0]!.groups[0]!.by_code.C4a!.ci_low},${complete.fig6[0]!.groups[0]!.by_code.C4a!.ci_high},40,`);
    expect(lines.some((l) => l.startsWith('b-repetition,judge,model-a,model-a · LLM judge,repetition,total,Repetition,judge,10,40,0,0.25,'))).toBe(true);
    expect(lines.some((l) => l.startsWith('e-heuristic,heuristic,model-a,model-a · repetition,repetition,total,Repetition,heuristic,12,40,0,0.3,'))).toBe(true);
    expect(lines).toContain('c-unresponsiveness,paper-fig6,minimax,Paper: MiniMax M2,unresponsiveness,total,Unresponsiveness,,,,,0.213,,,,');
    expect(lines).toContain('d-hallucination,judge,model-b,model-b · LLM judge,hallucination,plan_drift,Plan drift / unilateral deviation,judge,0,30,0,0,0,0.11351850572737189,30,'.replace('0.11351850572737189', String(complete.fig6[1]!.groups[2]!.by_code.plan_drift!.ci_high)));
    // sub-codes add up to the group total
    for (const m of complete.fig6) {
      for (const g of m.groups) {
        const parts = def.csv.rows.filter((r) => r.model === m.model && r.group === g.group && r.source === 'judge' && r.code !== 'total');
        expect(parts.reduce((s, r) => s + (r.successes as number), 0)).toBe(g.share!.successes);
      }
    }
    expect(toCsv(fig6(notRun).csv.columns, fig6(notRun).csv.rows).trim().split('\n')).toHaveLength(1 + 7 + 7 + 7 + 7 + 4);
  });

  it('draws the human-coded series as its own rows, labelled, with k/n and Wilson whiskers; its bars add up to the total', async () => {
    const data = failureModesFixture({ judge: 'not-run', human: true });
    const t = await texts(data);
    expect(t).toContain(`model-a ${HUMAN_ROW}`);
    expect(t).toContain('"· human-coded": human-coded (gold set), % of coded conversations');
    for (const s of ['13.9% (5/36)', '19.4% (7/36)', '8.3% (3/36)']) expect(t).toContain(s);
    // model-b is not coded and the judge did not run: a note, never a number.
    expect(t.filter((s) => s === FIG6_NOT_MEASURED)).toHaveLength(3);
    const d = fig6Data(data, { paperReference: true, source: 'x' });
    const hall = d.groups[2]!;
    const segs = hall.segs.filter((s) => s.row === `model-a ${HUMAN_ROW}`);
    // Plan drift (3) and C3b (1) share one conversation: the bars stop at the total, 3 of 36.
    expect(Math.max(...segs.map((s) => s.x1))).toBeCloseTo((100 * 3) / 36, 9);
    const rows = d.csv.filter((r) => r.source === 'human-coded');
    expect(rows.find((r) => r.panel === 'd-hallucination' && r.code === 'plan_drift')).toMatchObject({ successes: 3, total: 36, label_source: 'human-coded' });
    expect(rows.find((r) => r.panel === 'd-hallucination' && r.code === 'total')).toMatchObject({ successes: 3, total: 36 });
  });

  it('keeps heuristic estimates off the judge-based panels and gives every percent panel one x-scale', () => {
    for (const data of [complete, notRun, failureModesFixture({ judge: 'partial', human: true })]) {
      const d = fig6Data(data, { paperReference: true, source: 'x' });
      for (const g of d.groups) expect(g.segs.some((s) => s.series === FIG6_HEURISTIC_SERIES)).toBe(false);
      expect(d.csv.filter((r) => r.source === 'heuristic').every((r) => r.panel === 'e-heuristic')).toBe(true);
      const spec = fig6(data).spec as unknown as { vconcat: { hconcat: { layer: { encoding: { x?: { scale?: { domain: number[] } } } }[] }[] }[] };
      const [[, e], coded] = [spec.vconcat[0]!.hconcat, spec.vconcat[1]!.hconcat];
      const domains = [e!, ...coded].map((p) => JSON.stringify(p.layer[0]!.encoding.x!.scale!.domain));
      expect(new Set(domains).size).toBe(1);
      expect(domains[0]).toBe(JSON.stringify([0, d.percentMax]));
    }
  });

  it("drops a heuristic whose detector failed its gold-set validation from panel (e), giving the reason; keeps a validated one", async () => {
    // Fixture: repetition validated; unanswered questions (the unresponsiveness estimate) failed.
    const data = failureModesFixture({ judge: 'not-run', goldValidation: true });
    const d = fig6Data(data, { paperReference: true, source: 'x' });
    const e = d.heuristics;
    expect(e.segs.map((s) => s.row)).toEqual(['model-a · repetition', 'model-b · repetition']);
    expect(e.notes).toEqual([
      { row: 'model-a · unresponsiveness', text: FIG6_HEURISTIC_DROPPED },
      { row: 'model-b · unresponsiveness', text: FIG6_HEURISTIC_DROPPED },
    ]);
    // The CSV keeps the failed estimates, marked as such.
    expect(d.csv.filter((r) => r.source === 'heuristic-failed-validation').map((r) => r.label)).toEqual(['model-a · unresponsiveness', 'model-b · unresponsiveness']);
    const t = await texts(data);
    expect(t).toContain(FIG6_HEURISTIC_DROPPED);
    expect(t.some((s) => s.includes('validated when precision >= 0.50 and kappa >= 0.40'))).toBe(true);
    expect(t.some((s) => s.includes('repetition: precision 0.83, recall 0.77, kappa 0.75 (n 70): validated'))).toBe(true);
    expect(t.some((s) => s.includes('unanswered questions: precision 0.15, recall 0.33, kappa 0.12 (n 70): FAILED, precision 0.15 < 0.50 (2 of 13 detections right); kappa 0.12 < 0.40'))).toBe(true);
    // The failed detector's rates (5/40, 8/30) are not drawn.
    expect(t).not.toContain('12.5% (5/40)');
    expect(t).not.toContain('26.7% (8/30)');
    // Without a gold set nothing is dropped.
    expect(fig6Data(notRun, { paperReference: true, source: 'x' }).heuristics.notes).toEqual([]);
  });

  it('same input gives byte-identical SVG, PNG, PDF and CSV files', async () => {
    for (const judge of ['complete', 'not-run'] as const) {
      await expectByteIdenticalWrites(() => fig6(failureModesFixture({ judge, synthetic: true })), `${judge} `);
    }
    // Eight full renders (SVG, PNG, PDF): a harness limit for a loaded machine, not a timed assertion.
  }, 240_000);

  it('renders a PNG at 2x the SVG size', async () => {
    const r = await renderFigure(fig6(complete));
    expect(r.png.readUInt32BE(16)).toBe(Math.round(r.width * 2));
    expect(r.png.readUInt32BE(20)).toBe(Math.round(r.height * 2));
    expect(r.warnings).toEqual([]);
  });
});
