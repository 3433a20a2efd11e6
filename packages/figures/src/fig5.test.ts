import { describe, expect, it } from 'vitest';
import { CommunicationFileSchema } from '@cooperbench-repro/contracts';
import { FIG5_AXIS_TITLES, FIG5_CSV_COLUMNS, FIG5_PANEL_TITLES, fig5 } from './figures/fig5/index.js';
import { formatP, shortModelName } from './render/labels.js';
import { renderFigure } from './render/figure.js';
import { specToSvg } from './render/svg.js';
import { communicationFixture } from './test-support/communication-fixture.js';
import { describeFigureBasics, expectCsv, renderedTexts } from './test-support/figure-checks.js';
import { expectByteIdenticalWrites } from './test-support/write-twice.js';

const fixture = communicationFixture();

describeFigureBasics('fig5', 'data/communication.json', CommunicationFileSchema, communicationFixture, fig5);

describe('fig5', () => {
  it('has the three panel titles, axis titles and legends', async () => {
    const texts = await renderedTexts(fig5(fixture));
    for (const t of Object.values(FIG5_PANEL_TITLES)) expect(texts).toContain(t);
    for (const t of Object.values(FIG5_AXIS_TITLES)) expect(texts).toContain(t);
    for (const t of ['With messaging', 'Without messaging', 'Paper: with messaging', 'Paper: without messaging']) expect(texts).toContain(t);
    for (const t of ['Speech act', 'Plan', 'Question', 'Answer', 'Update', 'Ack', 'Other', 'Paper: total (no per-act breakdown)']) expect(texts).toContain(t);
    expect(texts.some((t) => t.startsWith('no paper reference: the paper prints no per-model conflict'))).toBe(true);
  });

  it('labels each model with its Fisher p-value, and the paper rows separately', async () => {
    const texts = await renderedTexts(fig5(fixture));
    // (a) success p-values, (b) conflict p-values
    expect(texts).toContain('model-a · p = 1.000');
    expect(texts).toContain('model-a · p = 0.023');
    expect(texts).toContain('model-b · p < 0.001');
    // paper rows in (a) and (c), never matched to the data's models
    for (const m of ['Claude Sonnet 4.5', 'GPT-5', 'MiniMax M2', 'Qwen3-Instruct', 'Qwen3-Coder']) {
      expect(texts.filter((t) => t === `Paper: ${m}`)).toHaveLength(1);
      expect(texts.filter((t) => t === `Paper: ${m} (naive merge)`)).toHaveLength(1);
    }
    // value labels: Table 6 naive column (the fixture's runs are >= 0.0.16) and Fig. 5(c) totals, our share totals
    for (const t of ['20.4%', '16.7%', '12.3%', '20.0%', '16.3%', '13.6%', '6.2%', '3.3%', '15.0%', '4.0%', '30.0% (6/20)', '60.0% (12/20)']) expect(texts).toContain(t);
  });

  it('leaves the paper rows out when asked', async () => {
    const def = fig5(fixture, { paperReference: false });
    const texts = await renderedTexts(def);
    expect(texts.some((t) => t.startsWith('Paper'))).toBe(false);
    expect(def.csv.rows.some((r) => r.source !== 'data')).toBe(false);
    expect((await specToSvg(def.spec)).warnings).toEqual([]);
  });

  it('says SYNTHETIC visibly if and only if the data are synthetic', async () => {
    const real = await renderedTexts(fig5(fixture));
    expect(real.some((t) => /synthetic/i.test(t))).toBe(false);
    const synth = await renderedTexts(fig5(communicationFixture({ synthetic: true })));
    expect(synth).toContain('SYNTHETIC DEMO DATA — not real agent runs (all 160 records are synthetic)');
  });

  it('writes the plotted data, p-values and paper values as CSV', () => {
    const def = fig5(fixture);
    const lines = expectCsv(def, FIG5_CSV_COLUMNS, {
      'a-success/data': 4,
      'b-conflict': 4,
      'a-success/paper-table6-naive': 10,
      // (c): 6 acts + total per model with messages (the no-messaging arm is not drawn), 5 paper totals
      'c-share/data': 14,
      'c-share/paper-fig5c': 5,
    });
    expect(lines).toHaveLength(1 + 4 + 4 + 10 + 14 + 5);
    expect(lines[1]).toMatch(/^a-success,data,model-a,model-a · p = 1\.000,coop-msg,With messaging,,6,20,0,0\.3,0\.14\d+,0\.51\d+,20,fisher-exact \(two-sided\),,1,0\.796,,,,agent1-era,0,0,0$/);
    expect(lines).toContain('b-conflict,data,model-b,model-b · p < 0.001,coop-nomsg,Without messaging,,11,19,1,0.5789473684210527,' +
      `${fixture.comm_vs_nocomm[1]!.conflict.without.ci_low},${fixture.comm_vs_nocomm[1]!.conflict.without.ci_high},20,fisher-exact (two-sided),,0.0004,0.597,,,,agent1-era,0,,`);
    expect(lines).toContain('a-success,paper-table6-naive,gpt5,Paper: GPT-5 (naive merge),,Paper: without messaging,,,,,0.1388,,,,,,,,,,,,,,');
    expect(lines).toContain('c-share,paper-fig5c,qwen_coder,Paper: Qwen3-Coder,,,total,,,,0.033,,,,,,,,,,,,,,');
    expect(lines).toContain('c-share,data,model-a,model-a,coop-msg,,Plan,,,,0.05,,,,,,,,20,60,400,,,,');
    expect(lines).toContain('c-share,data,model-a,model-a,coop-msg,,total,60,400,,0.15,,,,,,,,20,60,400,,,,');
    // stacked segments add up to the share
    const segs = def.csv.rows.filter((r) => r.panel === 'c-share' && r.model === 'model-b' && r.act !== 'total');
    expect(segs.reduce((s, r) => s + (r.rate as number), 0)).toBeCloseTo(0.04, 6);
  });

  it('stacks by-act shares given as shares of messages as well as shares of steps', () => {
    const data = communicationFixture();
    const row = data.communication_share.find((s) => s.model === 'model-b' && s.arm === 'coop-msg')!;
    const counts = data.speech_acts.find((s) => s.model === 'model-b')!;
    row.by_act = { ...counts.shares };
    const a = fig5(communicationFixture()).csv.rows.filter((r) => r.model === 'model-b' && r.panel === 'c-share');
    const b = fig5(data).csv.rows.filter((r) => r.model === 'model-b' && r.panel === 'c-share');
    expect(b.map((r) => r.rate)).toEqual(a.map((r) => r.rate));
  });

  it('shortens very long model names in the middle so the p-value stays visible', async () => {
    const long = 'provider/some-very-long-model-name-2025-09-29-preview-edition';
    expect(shortModelName('model-a')).toBe('model-a');
    const short = shortModelName(long);
    expect(short).toHaveLength(40);
    expect(short).toBe('provider/some-very-long-m…preview-edition'.slice(0, 25) + '…' + long.slice(-14));
    const data = communicationFixture();
    data.comm_vs_nocomm[0]!.model = long;
    const texts = await renderedTexts(fig5(data));
    expect(texts).toContain(`${short} · p = 1.000`);
    expect(fig5(data).csv.rows.filter((r) => r.model === long)).toHaveLength(4);
  });

  it('formats p-values', () => {
    expect(formatP(null)).toBe('p n/a');
    expect(formatP(0.0004)).toBe('p < 0.001');
    expect(formatP(0.04999)).toBe('p = 0.050');
    expect(formatP(1)).toBe('p = 1.000');
  });

  it('same input gives byte-identical SVG, PNG, PDF and CSV files', async () => {
    await expectByteIdenticalWrites(() => fig5(communicationFixture({ synthetic: true })));
  });

  it('renders a PNG at 2x the SVG size', async () => {
    const r = await renderFigure(fig5(fixture));
    expect(r.png.readUInt32BE(16)).toBe(Math.round(r.width * 2));
    expect(r.png.readUInt32BE(20)).toBe(Math.round(r.height * 2));
  });

  it('compares (a) with the Table 6 column of each eval era, never the LLM column, and names it', async () => {
    const data = communicationFixture();
    data.comm_vs_nocomm[1]!.era = 'union-era';
    const def = fig5(data);
    const sources = new Set(def.csv.rows.filter((r) => r.panel === 'a-success' && r.source !== 'data').map((r) => r.source));
    expect([...sources]).toEqual(['paper-table6-naive', 'paper-table6-union']);
    const texts = await renderedTexts(def);
    expect(texts).toContain('Paper: GPT-5 (union merge)');
    expect(texts.join(' ')).toMatch(/union column, the one\s+matching upstream ≤ 0\.0\.15 runs/);
    expect(texts.some((t) => t.startsWith('model-b (upstream ≤ 0.0.15) · p'))).toBe(true);
    // An unknown era has no matching column: no paper rows, and the caption says why.
    for (const c of data.comm_vs_nocomm) c.era = 'unknown';
    expect(fig5(data).csv.rows.some((r) => String(r.source).startsWith('paper-table6'))).toBe(false);
  });

  it('states matched and left-out pairs and the policies in the caption, and labels (c) rows without doubled parentheses', async () => {
    const data = communicationFixture();
    data.comm_vs_nocomm[0]!.unmatched_pairs = 13;
    const texts = (await renderedTexts(fig5(data))).join(' ');
    expect(texts).toContain('model-a 20 matched, 13 left out');
    expect(texts).toContain('unknown_outcomes=exclude');
    expect(texts).not.toContain('(Coop (');
  });
});
