#!/bin/sh
# The README's test command (npm test) runs this under Node >= 22.12.
set -e
cd "$(dirname "$0")/.."
tsc -p tsconfig.json
# The console is served from console/dist; the browser tests need it built.
if [ ! -f console/dist/index.html ] || [ -n "$OPSDECK_REBUILD_CONSOLE" ]; then vite build console --logLevel warn; fi
mkdir -p test-results
set +e
vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@"
rc=$?
set -e
# One plain closing line that any CI reader understands.
node -e '
const r = JSON.parse(require("node:fs").readFileSync("test-results/vitest.json", "utf8"));
const skipped = r.numPendingTests + (r.numTodoTests ?? 0);
console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
' 2>/dev/null || true
exit $rc
