import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { referencePath } from './locations.js';

/**
 * The paper's numbers, read from the one committed file that holds them
 * (data/reference/paper/paper_reference_numbers.csv: metric, model, value, unit, source, confidence,
 * note). Code asks for a number by its metric and model key; nothing writes the numbers out again.
 */
export const PAPER_NUMBERS_FILE = 'paper/paper_reference_numbers.csv';

export interface PaperNumber {
  metric: string;
  /** The CSV's model key (`gpt5`, `claude`, `minimax`, `qwen`, `qwen_coder`, `pooled`) or '' for none. */
  model: string;
  value: number;
  unit: string;
  source: string;
  confidence: string;
  note: string;
}

export class PaperNumbers {
  private readonly byKey = new Map<string, PaperNumber>();

  constructor(
    readonly rows: readonly PaperNumber[],
    readonly file: string,
  ) {
    for (const row of rows) this.byKey.set(`${row.metric}|${row.model}`, row);
  }

  /** The row of a metric and model; an error names both and the file when there is none. */
  row(metric: string, model = ''): PaperNumber {
    const row = this.byKey.get(`${metric}|${model}`);
    if (!row) throw new Error(`${this.file}: expected a row with metric ${JSON.stringify(metric)} and model ${JSON.stringify(model)}`);
    return row;
  }

  value(metric: string, model = ''): number {
    return this.row(metric, model).value;
  }

  has(metric: string, model = ''): boolean {
    return this.byKey.has(`${metric}|${model}`);
  }
}

let cached: PaperNumbers | null = null;

/** The paper's numbers (read once per process). */
export function paperNumbers(file: string = referencePath(PAPER_NUMBERS_FILE)): PaperNumbers {
  if (cached && cached.file === file) return cached;
  const records = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const rows = records.map((r, i) => {
    const value = Number(r.value);
    if (r.value === undefined || r.value.trim() === '' || !Number.isFinite(value)) {
      throw new Error(`${file}: line ${i + 2}, field value: expected a number, got ${JSON.stringify(r.value)}`);
    }
    return { metric: r.metric ?? '', model: r.model ?? '', value, unit: r.unit ?? '', source: r.source ?? '', confidence: r.confidence ?? '', note: r.note ?? '' };
  });
  cached = new PaperNumbers(rows, file);
  return cached;
}
