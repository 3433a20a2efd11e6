/** Markdown pieces shared by the comparison and leaderboard documents. */

export function mdTable(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const fmt = (v: unknown): string => (v === null || v === undefined ? '' : String(v).replace(/\|/g, '\\|'));
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(fmt).join(' | ')} |`)].join('\n');
}

export const fmtP = (p: number | null): string => (p === null ? '' : p < 0.001 ? p.toExponential(1) : p.toFixed(3));

/** A document: its sections joined, then the caveats as the last section, ending in a newline. */
export function documentWithCaveats(sections: readonly string[], caveats: readonly string[]): string {
  return [...sections, ['## Caveats', '', ...caveats.map((c) => `- ${c}`)].join('\n'), ''].join('\n\n').replace(/\n+$/, '\n');
}
