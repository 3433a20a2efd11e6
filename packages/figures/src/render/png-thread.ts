import { fileURLToPath } from 'node:url';
import type { PngReply, PngRequest } from './png-worker.js';
import { WorkerService } from './worker-service.js';

/**
 * The figures' PNGs are drawn on a thread of their own (png-worker.ts: resvg rasterizes and encodes),
 * started when the first figure begins so that resvg loads while vega lays that figure out; the caller
 * draws the PDF meanwhile, with the fonts its text measurer has already parsed and shaped (parsed-font.ts),
 * which a second thread would parse and shape again. Where several figures and stages share a thread (the
 * pipeline), it goes on with the next one while the PNG is drawn. Without the compiled worker file (a
 * TypeScript test runner runs the sources) resvg draws on a libuv pool thread and encodes on the
 * caller's; the bytes are the same either way.
 */
const pngThread = new WorkerService<PngRequest, PngReply>(fileURLToPath(new URL('./png-worker.js', import.meta.url)), 'PNG');

/** Starts the PNG thread, if it is not running yet. */
export function warmPngThread(): void {
  pngThread.warm();
}

/** svgToPng's bytes (at `pngScale` x the SVG's size, default png.ts's PNG_SCALE), drawn on the PNG thread. */
export async function drawPng(svg: string, pngScale?: number): Promise<Buffer> {
  if (!pngThread.available) return (await import('./png.js')).svgToPngAsync(svg, pngScale);
  const { png } = await pngThread.request({ svg, pngScale });
  return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
}
