#!/usr/bin/env bash
# The README's test command (npm test): build, type-check (lint) and test every package with Nx, then print one line
# "tests: N passed, N failed" summing all packages' vitest reports.
set -uo pipefail
cd "$(dirname "$0")/../.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
rm -f packages/*/.vitest/results.json tools/.vitest/results.json
status=0
npx nx sync:check || status=1
npx nx run-many -t build lint test --output-style=static || status=1
node tools/ci/test-summary.mjs || status=1
exit $status
