import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referencePath } from '@cooperbench-repro/public-data';
import { PAPER_FIG5C_SHARE, PAPER_MODELS, PAPER_QUALITATIVE, PAPER_TABLE6_LLM } from './paper-reference-communication.js';

const CSV = referencePath('paper/paper_reference_numbers.csv');

/** Minimal RFC 4180 line split (the file quotes fields that contain commas). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function loadReference(): Map<string, number> {
  const [header, ...lines] = readFileSync(CSV, 'utf8').trim().split(/\r?\n/);
  expect(splitCsvLine(header!).slice(0, 3)).toEqual(['metric', 'model', 'value']);
  const values = new Map<string, number>();
  for (const line of lines) {
    const [metric, model, value] = splitCsvLine(line);
    values.set(`${metric}|${model}`, Number(value));
  }
  return values;
}

describe('paper communication constants', () => {
  const ref = loadReference();
  const get = (metric: string, model: string) => {
    const v = ref.get(`${metric}|${model}`);
    expect(v, `${metric}|${model}`).toBeTypeOf('number');
    return v!;
  };

  it('equal Table 6 LLM with/without comm for every paper model', () => {
    for (const m of PAPER_MODELS) {
      expect(PAPER_TABLE6_LLM[m.key].with, m.key).toBe(get('table6_merge_success_comm_llm', m.key));
      expect(PAPER_TABLE6_LLM[m.key].without, m.key).toBe(get('table6_merge_success_nocomm_llm', m.key));
    }
  });

  it('equal the Fig. 5(c) totals in axis order 20.0/16.3/13.6/6.2/3.3', () => {
    for (const m of PAPER_MODELS) expect(PAPER_FIG5C_SHARE[m.key], m.key).toBe(get('fig5c_comm_events_share', m.key));
    expect(PAPER_MODELS.map((m) => PAPER_FIG5C_SHARE[m.key])).toEqual([20.0, 16.3, 13.6, 6.2, 3.3]);
  });

  it('equal the §5 qualitative findings', () => {
    expect(PAPER_QUALITATIVE.plan_question_ratio.no_conflict).toBe(get('plan_question_ratio_conflict_free', 'all'));
    expect(PAPER_QUALITATIVE.plan_question_ratio.conflict).toBe(get('plan_question_ratio_conflict', 'all'));
    expect(PAPER_QUALITATIVE.first_turn_plan_conflict_pct.with_plan).toBe(get('conflict_rate_first_turn_plan', 'all'));
    expect(PAPER_QUALITATIVE.first_turn_plan_conflict_pct.without_plan).toBe(get('conflict_rate_no_first_turn_plan', 'all'));
    expect(PAPER_QUALITATIVE.line_number_mentions.success).toBe(get('line_number_mentions_success', 'all'));
    expect(PAPER_QUALITATIVE.line_number_mentions.failure).toBe(get('line_number_mentions_failure', 'all'));
    expect(PAPER_QUALITATIVE.file_path_mentions.success).toBe(get('file_path_mentions_success', 'all'));
    expect(PAPER_QUALITATIVE.file_path_mentions.failure).toBe(get('file_path_mentions_failure', 'all'));
  });

  it('splits quoted CSV fields', () => {
    expect(splitCsvLine('a,"b,c",d')).toEqual(['a', 'b,c', 'd']);
    expect(splitCsvLine('"x ""y""",')).toEqual(['x "y"', '']);
  });
});
