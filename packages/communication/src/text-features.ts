/**
 * Text preprocessing and the mention regexes (line numbers, file paths) used by the speech-act rules
 * and the qualitative measures. Every pattern here is listed in README.md and recorded in `parameters`.
 */

/**
 * A leading self-prefix such as "agent1:", "[agent2]", "agent1 here:", "Agent 2 -". Agents often sign
 * their messages this way; the prefix says nothing about the act and would hide the opening cue
 * ("agent1: Done." must read as "Done."). Any agent id is stripped, not only the sender's own.
 */
export const SELF_PREFIX = /^\s*(?:\[\s*agent[\s_-]*\d+\s*\]\s*[:,\-–—>]?\s*|agent[\s_-]*\d+\s*(?:here\b)?\s*[:,\-–—>]\s*)/i;

export function stripSelfPrefix(text: string): string {
  let out = text;
  // Twice at most: "agent1: [agent1] ..." happens when a framework prefixes and the model does too.
  for (let i = 0; i < 2 && SELF_PREFIX.test(out); i++) out = out.replace(SELF_PREFIX, '');
  return out.trim();
}

/** Fenced code blocks (``` or ~~~), removed before the rules look for cues. */
const FENCED = /(```|~~~)[\s\S]*?(?:\1|$)/g;
/** Inline code spans: replaced by a placeholder word so that sentences around them stay sentences. */
const INLINE_CODE = /`[^`\n]*`/g;
/**
 * A line that is code rather than prose: diff lines, indented blocks, lines that end like code
 * statements, or that start with a keyword of the common languages in the benchmark.
 */
const CODE_LINE =
  /^(?:\s{4,}\S|\t|[+-](?![+-]\s)\S|@@ |diff --git|index [0-9a-f]|(?:def|class|import|from\s+\S+\s+import|return|const|let|var|function|func|package|fn|pub|impl|struct|#include|public|private|if\s*\(|for\s*\(|while\s*\()\b|.*[;{}]\s*$|\s*[)\]}],?\s*$)/;

/**
 * The prose of a message: fenced blocks removed, inline code replaced by "CODE", code-looking lines
 * dropped. The rules only look at prose, so a comment like "# I will" inside a code block cannot fire
 * the Plan rule, and a message that is only code has empty prose (classified Other).
 */
export function proseOf(text: string): string {
  return text
    .replace(FENCED, '\n')
    .replace(INLINE_CODE, 'CODE')
    .split('\n')
    .filter((line) => !CODE_LINE.test(line))
    .join('\n')
    .trim();
}

const LETTER = /\p{L}/gu;
const LATIN_LETTER = /\p{Script=Latin}/gu;

/** Share of letters that are not Latin script (0 when there are no letters). */
export function nonLatinLetterShare(text: string): number {
  const letters = text.match(LETTER)?.length ?? 0;
  if (letters === 0) return 0;
  const latin = text.match(LATIN_LETTER)?.length ?? 0;
  return (letters - latin) / letters;
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * Line-number mentions, one per match:
 *   "line 12", "lines 10-20", "lines 10 to 20", "line no. 7", "L42", "L10-L20", "#L42",
 *   and ":123" right after a file path ("core.py:123", "src/a.ts:10-12").
 * "lines 10, 12 and 14" is one mention (the unit is the mention, not the number).
 */
export const LINE_MENTION =
  /\blines?\s*(?:no\.?\s*|number\s*|#\s*)?\d+(?:\s*(?:-|–|to|through|and)\s*\d+)?|(?<![\w/])#?L\d+(?:\s*[-–]\s*L?\d+)?\b|(?<=\.[A-Za-z][A-Za-z0-9]{0,7}):\d+(?:[-–]\d+)?\b/gi;

/** File extensions that make a bare name ("core.py") a file path. */
export const FILE_EXTENSIONS = [
  'py', 'pyi', 'js', 'mjs', 'cjs', 'ts', 'tsx', 'jsx', 'go', 'rs', 'java', 'kt', 'scala', 'swift', 'c', 'h', 'cc', 'cpp', 'hpp',
  'cs', 'rb', 'php', 'md', 'rst', 'json', 'yaml', 'yml', 'toml', 'cfg', 'ini', 'txt', 'html', 'css', 'scss', 'sh', 'sql', 'lock', 'mod', 'proto',
] as const;

/**
 * File-path mentions, one per match: a token with a slash whose last segment has an extension or
 * that has at least two slashes ("src/click/core.py", "outlines/types/", "./a/b"), or a bare file
 * name with a known extension ("core.py", "__init__.py"). URLs are excluded (masked first); "and/or"
 * and other one-slash words without an extension do not count.
 */
const EXT = FILE_EXTENSIONS.join('|');
export const PATH_MENTION = new RegExp(
  String.raw`(?<![\w./-])(?:\.{1,2}/|/)?(?:[\w.-]+/){2,}[\w.-]*|(?<![\w./-])(?:\.{1,2}/|/)?(?:[\w.-]+/)+[\w-]+(?:\.[\w-]+)*\.(?:${EXT})\b|(?<![\w./-])[\w-]+(?:\.[\w-]+)*\.(?:${EXT})\b(?!/)`,
  'g',
);
const URL = /\b(?:https?|ftp|file):\/\/\S+/gi;

export function countLineMentions(text: string): number {
  return text.match(LINE_MENTION)?.length ?? 0;
}

export function countPathMentions(text: string): number {
  return text.replace(URL, ' ').match(PATH_MENTION)?.length ?? 0;
}

/**
 * Split prose into sentences with their start offsets: a sentence ends at . ! ? followed by white
 * space or the end ("core.py" and "e.g.x" do not end one), or at a newline.
 */
export function sentences(prose: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const boundary = /[.!?]+(?=\s|$)|\n/g;
  let from = 0;
  const push = (end: number) => {
    const raw = prose.slice(from, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) out.push({ text, start: from + lead });
  };
  let m: RegExpExecArray | null;
  while ((m = boundary.exec(prose)) !== null) {
    push(m.index + m[0].length);
    from = m.index + m[0].length;
  }
  push(prose.length);
  return out;
}
