/**
 * The pixel size the SVG declares on its root element. A file of its own so that the PDF step needs
 * no vega (a figure loads it anyway, but it keeps pdf.ts usable without it).
 */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  if (!Number.isFinite(width) || !Number.isFinite(height) || width <= 0 || height <= 0) {
    throw new Error('SVG root element has no positive width/height');
  }
  return { width, height };
}
