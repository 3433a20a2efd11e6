import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PublicDataManifest } from '@cooperbench-repro/contracts';
import { fileUrl } from '../fetch.js';
import { publicPath } from '../resolver.js';

export interface MirrorBehaviour {
  /** local_path -> what to serve instead of the real bytes. */
  corrupt?: Set<string>;
  missing?: Set<string>;
  /** Answer 503 to the first N requests for these paths. */
  flaky?: Map<string, number>;
}

/** A local HTTP mirror on 127.0.0.1 laid out like the real one (<owner>/<name>/<commit>/<path>), serving the resolved public data. */
export class LocalMirror {
  readonly requests: string[] = [];
  private constructor(
    private readonly server: Server,
    readonly base: string,
  ) {}

  static async start(manifest: PublicDataManifest, behaviour: MirrorBehaviour = {}): Promise<LocalMirror> {
    const byUrlPath = new Map(manifest.files.map((f) => [new URL(fileUrl('http://mirror', f)).pathname, f]));
    const flaky = new Map(behaviour.flaky ?? []);
    let mirror: LocalMirror | null = null;
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://mirror').pathname;
      const file = byUrlPath.get(path);
      mirror?.requests.push(file?.local_path ?? path);
      if (!file || behaviour.missing?.has(file.local_path)) {
        res.writeHead(404).end('404: Not Found');
        return;
      }
      const left = flaky.get(file.local_path) ?? 0;
      if (left > 0) {
        flaky.set(file.local_path, left - 1);
        res.writeHead(503).end('busy');
        return;
      }
      const bytes = readFileSync(publicPath(file.local_path));
      if (behaviour.corrupt?.has(file.local_path)) bytes[0] = bytes[0]! ^ 0xff;
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    mirror = new LocalMirror(server, `http://127.0.0.1:${port}`);
    return mirror;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
