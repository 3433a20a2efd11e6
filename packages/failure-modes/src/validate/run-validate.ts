import { DataFileError, debugRequested, EXIT_CODES_HELP, FailureModesFileSchema, parseOptions, readJsonFileSync, writeJsonAtomic, type FailureModesFile } from '@cooperbench-repro/contracts';
import { compareWithHuman, testRetest, type HumanValidationReport } from './compare.js';
import { formatHumanReport, formatRetest } from './format-report.js';
import { goldLabels, GOLD_ANNOTATOR } from './gold-labels.js';
import { readHumanLabels, RUBRIC_IDS, type HumanLabels } from './human-labels.js';

export const VALIDATE_HELP = `failure-modes validate: judge labels vs human labels (docs/validation.md), and test-retest

Usage: node packages/failure-modes/dist/validate/validate-cli.js [--results data/failure-modes.json]
         [--labels <human-labels.json>] [--retest <second failure-modes.json>] [--out <report.json>] [--confidence 0.95]
Without --labels the judge is checked against the human-coded gold set (packages/failure-modes/gold), on
both rubrics, through the runs of the results file that the gold set codes (its human_coded section).
Exit status: 0 report printed (or, with the gold set, the judge did not run: nothing to compare, said so);
1 the gold set codes none of the runs in the results file; 2 bad arguments or bad input file (the
message names file, field and what was expected).
${EXIT_CODES_HELP}
`;

export interface CliResult {
  code: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

type Values = { labels?: string; results: string; retest?: string; out?: string; confidence: string; help?: boolean; debug?: boolean };

/** The one command-line parser of every CLI (contracts): strict, with --help and --debug. */
function parse(argv: readonly string[]): Values {
  return parseOptions(argv, {
    labels: { type: 'string' },
    results: { type: 'string', default: 'data/failure-modes.json' },
    retest: { type: 'string' },
    out: { type: 'string' },
    confidence: { type: 'string', default: '0.95' },
  });
}

/** The reports against a --labels file (nothing compared is a bad labels file: exit 2). */
function againstLabelsFile(file: string, results: FailureModesFile, resultsFile: string, confidence: number): HumanValidationReport[] {
  const human = readHumanLabels(file);
  const report = compareWithHuman(human, results, confidence);
  if (report.compared === 0)
    throw new DataFileError(file, [{ field: 'items', expected: `record_ids of runs judged on ${human.rubric} in ${resultsFile}`, message: 'no item matched a judged run' }]);
  return [report];
}

/** The whole validate command, without touching the process (validate-cli.ts wires it to argv and exit). */
export async function runValidate(argv: readonly string[]): Promise<CliResult> {
  const debug = debugRequested(argv);
  const usage = (message: string, stack?: string): CliResult => ({ code: 2, stdout: '', stderr: `error: ${message}\n${debug && stack ? `${stack}\n` : ''}${VALIDATE_HELP}` });
  let values: Values;
  try {
    values = parse(argv);
  } catch (err) {
    return usage((err as Error).message, (err as Error).stack);
  }
  if (values.help) return { code: 0, stdout: VALIDATE_HELP, stderr: '' };
  const confidence = Number(values.confidence);
  if (!(confidence > 0 && confidence < 1)) return usage(`--confidence: expected a number between 0 and 1, got ${values.confidence}`);

  try {
    const results = readJsonFileSync(values.results, FailureModesFileSchema);
    let reports: HumanValidationReport[];
    const lines: string[] = [];
    if (values.labels) reports = againstLabelsFile(values.labels, results, values.results, confidence);
    else {
      const gold = goldLabels(results);
      if (gold === null)
        return { code: 1, stdout: '', stderr: `error: ${values.results}: field human_coded: expected runs coded by ${GOLD_ANNOTATOR}, found none; pass --labels <human-labels.json>\n` };
      if (results.judge.status === 'not-run') {
        const n = results.human_coded!.matched_runs;
        return { code: 0, stdout: `LLM judge not run in ${values.results}: nothing to check against the gold set's ${n} coded runs (run failure-modes:judge with CO_API_KEY, then validate again)\n`, stderr: '' };
      }
      const files = RUBRIC_IDS.map((r) => gold[r]).filter((f): f is HumanLabels => f !== null);
      reports = files.map((f) => compareWithHuman(f, results, confidence));
    }
    const out: Record<string, unknown> = { schema: 'cooperbench-repro/failure-modes-validation@1', labels: values.labels ?? 'packages/failure-modes/gold', results: values.results, confidence };
    if (values.labels) out.human = reports[0];
    else out.gold = reports;
    lines.push(...reports.map((r) => formatHumanReport(r, values.labels ?? 'packages/failure-modes/gold')).join('\n\n').split('\n'));
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
    if (err instanceof DataFileError) return { code: 2, stdout: '', stderr: `error: ${err.message}\n${debug ? `${err.stack}\n` : ''}` };
    throw err;
  }
}
