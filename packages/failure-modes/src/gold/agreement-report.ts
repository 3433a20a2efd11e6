import type { InterCoderAgreement } from './inter-coder.js';

const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));

/** gold/AGREEMENT.md: inter-coder agreement on the double-coded conversations (coder B against coder A). */
export function agreementMarkdown(a: InterCoderAgreement): string {
  const out = [
    '# Inter-coder agreement on the double-coded conversations',
    '',
    `Generated from the coded files by \`src/gold/agreement-report.ts\` (a test checks it is current). ` +
      `${a.conversations['command-a']} Command A and ${a.conversations['claude-code']} claude_code conversations were coded independently by two coders (A coded everything, B the sample in second-coding-sample.json); ` +
      'disagreements were settled in adjudication.json with a reason each. Reference = coder A. Kappa is unstable for rare codes (prevalence paradox), so PABAK and Gwet’s AC1 stand beside it.',
    '',
  ];
  const names = { comm_error: 'Communication error (App. F code or none)', plan_drift: 'Plan drift (yes/no)', primary: 'Primary Table 1 symptom (failed runs coded by both)' };
  for (const field of a.fields) {
    out.push(
      `## ${names[field.field]}`,
      '',
      `n = ${field.overall.n}; agreement ${f(field.overall.agreement.rate)} [${f(field.overall.agreement.ci_low)}, ${f(field.overall.agreement.ci_high)}]; kappa ${f(field.overall.kappa)}; PABAK ${f(field.overall.pabak)}; AC1 ${f(field.overall.ac1)}`,
      '',
      '| Label | both | only A | only B | kappa | PABAK | AC1 |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...field.perLabel.map((l) => `| ${l.label} | ${l.tp} | ${l.fn} | ${l.fp} | ${f(l.kappa)} | ${f(l.pabak)} | ${f(l.ac1)} |`),
      '',
    );
  }
  return out.join('\n');
}
