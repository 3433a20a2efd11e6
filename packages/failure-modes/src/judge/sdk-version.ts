import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The installed cohere-ai version, stored in each cache entry as metadata (never in the key: an SDK
 * upgrade does not change the answer). The package exports neither SDK_VERSION nor package.json.
 */
export function cohereSdkVersion(): string {
  try {
    const entry = createRequire(import.meta.url).resolve('cohere-ai');
    const pkg = JSON.parse(readFileSync(join(dirname(entry), 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
