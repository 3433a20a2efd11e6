import { describe, expect, it } from 'vitest';
import { paperNumbers } from './paper-numbers.js';

describe('the paper numbers', () => {
  const numbers = paperNumbers();
  it('are read from the committed CSV, one row per metric and model', () => {
    expect(numbers.rows.length).toBe(158);
    expect(new Set(numbers.rows.map((r) => `${r.metric}|${r.model}`)).size).toBe(numbers.rows.length);
    expect(numbers.value('solo_success_count', 'gpt5')).toBe(315);
    expect(numbers.row('solo_success_count', 'gpt5').confidence).toBe('T');
  });
  it('name the metric, the model and the file when a number is missing', () => {
    expect(() => numbers.value('no_such_metric', 'gpt5')).toThrow(/paper_reference_numbers\.csv: expected a row with metric "no_such_metric" and model "gpt5"/);
  });
});
