#!/bin/sh
# The README's test command (npm test) runs this under Node >= 22.12.
set -e
cd "$(dirname "$0")/.."
tsc -p tsconfig.json
# The console is served from console/dist; the browser tests need it built.
[ -f console/dist/index.html ] && [ -z "$OPSDECK_REBUILD_CONSOLE" ] || vite build console --logLevel warn
exec vitest run "$@"
