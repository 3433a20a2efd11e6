/** Compares dotted numeric versions such as `0.0.16` (a `v` prefix and suffixes like `.dev1` are ignored). */
export function isAtLeastVersion(version: string, minimum: string): boolean {
  const parse = (v: string) => v.replace(/^v/, '').split(/[.+-]/).map((p) => Number.parseInt(p, 10)).map((n) => (Number.isFinite(n) ? n : 0));
  const a = parse(version);
  const b = parse(minimum);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}
