/**
 * Area under a success curve by the trapezoid rule over the populated points only, joining neighbouring
 * populated midpoints directly, with no extension to 0 or 1: the reading that reproduces the paper's
 * Table 5 from its own curve (paper-definitions 4.6). Null with fewer than two points.
 */
export function trapezoidAuc(points: readonly { x: number; y: number }[]): number | null {
  const sorted = [...points].sort((a, b) => a.x - b.x);
  if (sorted.length < 2) return null;
  let area = 0;
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    area += ((b.x - a.x) * (a.y + b.y)) / 2;
  }
  return area;
}
