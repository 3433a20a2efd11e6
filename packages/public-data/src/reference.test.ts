import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referencePath } from './locations.js';
import { sha256Hex } from './verify.js';

describe('data/reference', () => {
  const sources = readFileSync(referencePath('SOURCES.md'), 'utf8');
  const rows = [...sources.matchAll(/^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$/gm)].map((m) => ({ file: m[1]!, sha256: m[2]! }));

  it('names every committed table in SOURCES.md with its sha256, and the bytes match', () => {
    expect(rows.map((r) => r.file).sort()).toEqual([
      'dataset/gold_conflict_report.json',
      'dataset/pairs.csv',
      'dataset/subsets/core.json',
      'dataset/subsets/flash.json',
      'dataset/subsets/lite.json',
      'dataset/subsets/spark.json',
      'dataset/tasks.csv',
      'paper/coop_results_per_model_summary.csv',
      'paper/coop_results_per_pair.csv',
      'paper/fig4_website_coopchart_points.csv',
      'paper/paper_reference_numbers.csv',
      'website/detailed_results_transcribed.csv',
      'website/index_stats_transcribed.csv',
      'website/leaderboard_transcribed.csv',
    ]);
    for (const row of rows) expect(sha256Hex(readFileSync(referencePath(row.file))), row.file).toBe(row.sha256);
  });
});
