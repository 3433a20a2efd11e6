#!/usr/bin/env bash
# The README's test command (npm test): make sure the public real data is there (found by the resolver,
# else fetched; if neither, stop at once with one message), then build, type-check (lint) and test every
# package with Nx, then print one line "tests: N passed, N failed" summing all packages' vitest reports.
set -uo pipefail
cd "$(dirname "$0")/../.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
rm -f packages/*/.vitest/results.json tools/*/.vitest/results.json
if ! npx nx run public-data:ensure --output-style=stream-without-prefixes; then
  echo "The tests read the public real data; see the message above (npm run fetch-data, COOPERBENCH_MIRROR, COOPERBENCH_PUBLIC_DATA)."
  echo "tests: 0 passed, 1 failed"
  exit 1
fi
status=0
npx nx sync:check || status=1
npx nx run-many -t build lint test --output-style=static || status=1
node tools/ci/test-summary.mjs || status=1
exit $status
