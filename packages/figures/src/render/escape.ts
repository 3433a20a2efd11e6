/** Escaping of free text for the Markdown and LaTeX tables (shared by every table). */

/** Escapes text for a Markdown table cell (inline markup characters and the column separator). */
export function escapeMarkdown(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]<>|#$~])/g, '\\$1');
}

const LATEX_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '—': '---',
  '–': '--',
  '…': '\\ldots{}',
};

/** Escapes LaTeX special characters in text mode (one pass, so replacements are not re-escaped). */
export function escapeLatex(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/[\\&%$#_{}~^<>—–…]/g, (c) => LATEX_ESCAPES[c]!);
}
