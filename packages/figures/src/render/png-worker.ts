import { parentPort } from 'node:worker_threads';
import { svgToPng } from './png.js';
import { serveRequests } from './worker-service.js';

/** The PNG thread of png-thread.ts: resvg rasterizes and encodes each SVG it is sent. */
export interface PngRequest {
  svg: string;
  pngScale?: number;
}
export interface PngReply {
  png: Uint8Array;
}

serveRequests<PngRequest, PngReply>(parentPort!, (req) => ({ png: svgToPng(req.svg, req.pngScale) }));
