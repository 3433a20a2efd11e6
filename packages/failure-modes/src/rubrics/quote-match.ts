/**
 * Verbatim-quote matching for judge evidence (failure-modes-and-llm-judging.md section 6.6).
 *
 * Both the quote and the transcript are normalised the same way: typographic quote marks and
 * apostrophes become ASCII (models "smarten" them), every run of whitespace becomes one space, and the
 * ends are trimmed. One pair of quote marks wrapping the whole quote is removed (models wrap quotes).
 * Case is kept: an exact quote keeps its case. Nothing else is forgiven (no ellipsis elision).
 */
export function normaliseForMatch(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

export function normaliseQuote(quote: string): string {
  let q = normaliseForMatch(quote);
  if (q.length >= 2 && ((q.startsWith('"') && q.endsWith('"')) || (q.startsWith("'") && q.endsWith("'")))) q = q.slice(1, -1).trim();
  return q;
}

/** Non-overlapping occurrences of `needle` in `haystack` (both already normalised). */
export function countOccurrences(haystack: string, needle: string): number {
  if (needle === '') return 0;
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

export type QuoteProblem = 'empty quote' | 'quote not in transcript' | 'quote repeated more often than in transcript';

/**
 * Checks that every quote appears verbatim in `text`. Quoting the same words k times (legitimate for
 * repetition evidence) requires k occurrences. Returns the first problem or null.
 */
export function checkQuotes(quotes: readonly string[], text: string): QuoteProblem | null {
  const haystack = normaliseForMatch(text);
  const wanted = new Map<string, number>();
  for (const quote of quotes) {
    const q = normaliseQuote(quote);
    if (q === '') return 'empty quote';
    wanted.set(q, (wanted.get(q) ?? 0) + 1);
  }
  for (const [q, times] of wanted) {
    const found = countOccurrences(haystack, q);
    if (found === 0) return 'quote not in transcript';
    if (found < times) return 'quote repeated more often than in transcript';
  }
  return null;
}
