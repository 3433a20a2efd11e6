import type { HumanValidationReport, RetestReport } from './compare.js';

const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`);
const num = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
const ci = (lo: number | null, hi: number | null) => (lo === null || hi === null ? '' : ` [${pct(lo)}, ${pct(hi)}]`);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The human-vs-judge report as plain text (what the CLI prints). */
export function formatHumanReport(r: HumanValidationReport, labelsFile: string): string {
  const o = r.overall;
  const lines = [
    `${r.rubric}: judge vs ${r.annotator} (${labelsFile}): ${r.compared} of ${r.items} items compared` +
      (r.not_in_results.length ? `, ${r.not_in_results.length} not in the results (e.g. ${r.not_in_results.slice(0, 3).join(', ')})` : '') +
      (r.not_judged.length ? `, ${r.not_judged.length} not judged (e.g. ${r.not_judged.slice(0, 3).join(', ')})` : ''),
    `overall: agreement ${pct(o.agreement.rate)}${ci(o.agreement.ci_low, o.agreement.ci_high)} (${o.agreement.successes}/${o.agreement.total}), kappa ${num(o.kappa)}, AC1 ${num(o.ac1)}, PABAK ${num(o.pabak)}`,
    '',
    table(
      ['label', 'human+', 'judge+', 'tp', 'fp', 'fn', 'tn', 'agreement [95% Wilson]', 'kappa', 'PABAK', 'AC1', 'precision', 'recall'],
      r.per_label.map((l) => [
        l.label,
        String(l.tp + l.fn),
        String(l.tp + l.fp),
        String(l.tp),
        String(l.fp),
        String(l.fn),
        String(l.tn),
        `${pct(l.agreement.rate)}${ci(l.agreement.ci_low, l.agreement.ci_high)}`,
        num(l.kappa),
        num(l.pabak),
        num(l.ac1),
        pct(l.precision),
        pct(l.recall),
      ]),
    ),
  ];
  return lines.join('\n');
}

export function formatRetest(r: RetestReport): string {
  return (
    `test-retest ${r.rubric}: ${r.compared} runs judged in both (only first ${r.only_in_first}, only second ${r.only_in_second}): ` +
    `agreement ${pct(r.agreement.rate)}${ci(r.agreement.ci_low, r.agreement.ci_high)}, kappa ${num(r.kappa)}, AC1 ${num(r.ac1)}, ${r.changed.length} changed` +
    (r.changed.length ? ` (e.g. ${r.changed.slice(0, 3).map((c) => `${c.record_id}: ${c.first} -> ${c.second}`).join('; ')})` : '')
  );
}
