/**
 * The mention regexes (line numbers, file paths) and the word / script counts used by the speech-act
 * rules and the qualitative measures. Every pattern here is listed in README.md and recorded in
 * `parameters`. The self-prefix, prose and sentence splitting they run on are the shared transcript view
 * (@cooperbench-repro/contracts, transcript-view.ts).
 */

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
