import type { FailureModesFile, RunFailureModes } from '@cooperbench-repro/contracts';
import { figure6 } from './fig6-numbers.js';
import { DEFAULT_POPULATIONS, type HeuristicEstimates, type Populations } from './population.js';
import { table1 } from './table1.js';
import { table2 } from './table2.js';

/**
 * The fig6, table1 and table2 sections of data/failure-modes.json from per-run results alone (pure).
 * `confidence` of the Wilson intervals (0.95 in the paper).
 */
export function aggregateFailureModes(
  runs: readonly RunFailureModes[],
  heuristics: HeuristicEstimates,
  confidence = 0.95,
  populations: Populations = DEFAULT_POPULATIONS,
): Pick<FailureModesFile, 'fig6' | 'table1' | 'table2'> {
  const conversations = runs.filter(populations.isConversation);
  const failed = runs.filter(populations.isFailedCoopRun);
  return { fig6: figure6(conversations, heuristics, confidence), table1: table1(failed, heuristics, confidence), table2: table2(failed, confidence) };
}
