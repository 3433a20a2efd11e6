import { parseArgs } from 'node:util';
import { DataFileError, FailureModesFileSchema, readJsonFileSync, writeJsonAtomic } from '@cooperbench-repro/contracts';
import { compareWithHuman, testRetest } from './compare.js';
import { formatHumanReport, formatRetest } from './format-report.js';
import { readHumanLabels, RUBRIC_IDS } from './human-labels.js';

export const VALIDATE_HELP = `failure-modes validate: judge labels vs a human-labelled file (docs/validation.md), and test-retest

Usage: node packages/failure-modes/dist/validate/validate-cli.js --labels <human-labels.json> [--results data/failure-modes.json]
         [--retest <second failure-modes.json>] [--out <report.json>] [--confidence 0.95]
Exit status: 0 report printed; 2 bad arguments or bad input file (the message names file, field and what was expected).
`;

export interface CliResult {
  code: 0 | 2;
  stdout: string;
  stderr: string;
}

/** The whole validate command, without touching the process (validate-cli.ts wires it to argv and exit). */
export async function runValidate(argv: readonly string[]): Promise<CliResult> {
  const usage = (message: string): CliResult => ({ code: 2, stdout: '', stderr: `error: ${message}\n${VALIDATE_HELP}` });
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        labels: { type: 'string' },
        results: { type: 'string', default: 'data/failure-modes.json' },
        retest: { type: 'string' },
        out: { type: 'string' },
        confidence: { type: 'string', default: '0.95' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    return usage((err as Error).message);
  }
  if (values.help) return { code: 0, stdout: VALIDATE_HELP, stderr: '' };
  if (!values.labels) return usage('--labels <human-labels.json> is required');
  const confidence = Number(values.confidence);
  if (!(confidence > 0 && confidence < 1)) return usage(`--confidence: expected a number between 0 and 1, got ${values.confidence}`);

  try {
    const human = readHumanLabels(values.labels);
    const results = readJsonFileSync(values.results, FailureModesFileSchema);
    const report = compareWithHuman(human, results, confidence);
    if (report.compared === 0)
      throw new DataFileError(values.labels, [{ field: 'items', expected: `record_ids of runs judged on ${human.rubric} in ${values.results}`, message: 'no item matched a judged run' }]);

    const out: Record<string, unknown> = { schema: 'cooperbench-repro/failure-modes-validation@1', labels: values.labels, results: values.results, confidence, human: report };
    const lines = [formatHumanReport(report, values.labels)];
    if (values.retest) {
      const second = readJsonFileSync(values.retest, FailureModesFileSchema);
      const retest = RUBRIC_IDS.map((rubric) => testRetest(results, second, rubric, confidence));
      out.retest = { second: values.retest, rubrics: retest };
      lines.push('', ...retest.map(formatRetest));
    }
    if (values.out) {
      await writeJsonAtomic(values.out, out);
      lines.push(`wrote ${values.out}`);
    }
    return { code: 0, stdout: lines.join('\n') + '\n', stderr: '' };
  } catch (err) {
    if (err instanceof DataFileError) return { code: 2, stdout: '', stderr: `error: ${err.message}\n` };
    throw err;
  }
}
