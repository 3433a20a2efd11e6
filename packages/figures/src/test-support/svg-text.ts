/** The text content of an SVG's <text> elements, entities decoded (vega escapes &, < and >). */
export function svgTexts(svg: string): string[] {
  const out: string[] = [];
  for (const m of svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)) {
    const inner = m[1]!.replace(/<tspan\b[^>]*>/g, '').replace(/<\/tspan>/g, '\n');
    for (const line of inner.split('\n')) {
      const t = line
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;|&apos;/g, "'")
        .replace(/&amp;/g, '&')
        .trim();
      if (t) out.push(t);
    }
  }
  return out;
}
