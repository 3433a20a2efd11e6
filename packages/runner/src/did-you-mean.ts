/** Edit distance (Levenshtein: insertions, deletions, substitutions), two rows at a time. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The known word nearest to `word`, when it is near enough to be a likely typo (`budget_usb` ->
 * `budget_usd`, `Budget-USD` -> `budget_usd`); null otherwise. Case and `-`/`_` are ignored.
 */
export function nearest(word: string, known: readonly string[]): string | null {
  const norm = (s: string) => s.toLowerCase().replace(/-/g, '_');
  const w = norm(word);
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(w, norm(k));
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  if (best === null) return null;
  const limit = Math.max(2, Math.floor(Math.max(w.length, best.length) / 3));
  return bestD <= limit ? best : null;
}
