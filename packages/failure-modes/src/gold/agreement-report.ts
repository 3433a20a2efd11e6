import type { CategoricalAgreement } from '../validate/agreement.js';
import type { InterCoderAgreement } from './inter-coder.js';

const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));
const SOURCE_NAMES = { all: 'Both sources', 'command-a': 'Command A', 'claude-code': 'claude_code' } as const;

const overallText = (o: CategoricalAgreement) =>
  `n = ${o.n}; agreement ${f(o.agreement.rate)} [${f(o.agreement.ci_low)}, ${f(o.agreement.ci_high)}]; kappa ${f(o.kappa)}; PABAK ${f(o.pabak)}; AC1 ${f(o.ac1)}`;

/** gold/AGREEMENT.md: inter-coder agreement on the double-coded conversations (coder B against coder A). */
export function agreementMarkdown(a: InterCoderAgreement): string {
  const r = a.resolutions;
  const out = [
    '# Inter-coder agreement on the double-coded conversations',
    '',
    `Generated from the coded files by \`src/gold/agreement-report.ts\` (a test checks it is current; data/failure-modes.json carries the same numbers in \`inter_coder\`). ` +
      `${a.conversations['command-a']} Command A and ${a.conversations['claude-code']} claude_code conversations were coded independently by two coders (A coded everything, B the sample in second-coding-sample.json); ` +
      `disagreements were settled in adjudication.json with a reason each (${r.agreed} agreed on every field, ${r.A} settled as A, ${r.B} as B, ${r.neither} neither). ` +
      'Reference = coder A. Kappa is unstable for rare codes (prevalence paradox), so PABAK and Gwet’s AC1 stand beside it. Labels neither coder used are left out of the tables (all both-no).',
    '',
  ];
  const names = { comm_error: 'Communication error (App. F code or none)', plan_drift: 'Plan drift (yes/no)', primary: 'Primary Table 1 symptom (failed runs coded by both)' };
  for (const field of a.fields) {
    const d = field.disagreements;
    out.push(
      `## ${names[field.field]}`,
      '',
      overallText(field.overall),
      '',
      ...field.scopes.filter((s) => s.source !== 'all').map((s) => `- ${SOURCE_NAMES[s.source]}: ${overallText(s.overall)}`),
      `- Disagreements: ${d.total} (gold set took A ${d.settled_as_reference}, B ${d.settled_as_second}, another label ${d.settled_otherwise})`,
      '',
      '| Label | both | only A | only B | kappa | PABAK | AC1 |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...field.perLabel.filter((l) => l.tp + l.fp + l.fn > 0).map((l) => `| ${l.label} | ${l.tp} | ${l.fn} | ${l.fp} | ${f(l.kappa)} | ${f(l.pabak)} | ${f(l.ac1)} |`),
      '',
    );
  }
  return out.join('\n');
}
