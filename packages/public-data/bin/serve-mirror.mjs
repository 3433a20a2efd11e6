#!/usr/bin/env node
// A local mirror of the public data for offline machines and tests: serves every file of
// data/public/manifest.json at /<owner>/<name>/<commit>/<path> (the layout fetch-data expects) from a
// folder laid out by local_path, on 127.0.0.1 only.
// Usage: node packages/public-data/bin/serve-mirror.mjs --from DIR [--port N]
//        then COOPERBENCH_MIRROR=http://127.0.0.1:N npm run fetch-data
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileUrl, loadManifest } from '@cooperbench-repro/public-data';

const { values } = parseArgs({ options: { from: { type: 'string' }, port: { type: 'string', default: '0' }, help: { type: 'boolean', short: 'h' } } });
if (values.help || !values.from) {
  process.stdout.write('usage: serve-mirror.mjs --from DIR [--port N]   (exit 2 on bad usage)\n');
  process.exit(values.help ? 0 : 2);
}
const files = new Map(loadManifest().files.map((f) => [new URL(fileUrl('http://mirror', f)).pathname, f]));
const server = createServer((req, res) => {
  const file = files.get(new URL(req.url ?? '/', 'http://mirror').pathname);
  if (!file) return void res.writeHead(404).end('404: Not Found');
  const path = join(values.from, ...file.local_path.split('/'));
  try {
    res.writeHead(200, { 'content-length': statSync(path).size });
  } catch {
    return void res.writeHead(404).end('404: Not Found');
  }
  createReadStream(path).pipe(res);
});
server.listen(Number(values.port), '127.0.0.1', () => {
  process.stdout.write(`mirror of ${files.size} files from ${values.from} at http://127.0.0.1:${server.address().port}\n`);
});
