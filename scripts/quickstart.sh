#!/bin/sh
# `npm run quickstart`: builds the console if needed, starts the demo target and
# Opsdeck on examples/quickstart. Runs under scripts/n24 (Node >= 22.12).
set -e
cd "$(dirname "$0")/.."
[ -f console/dist/index.html ] || vite build console --logLevel warn
node examples/quickstart/demo-target.ts &
demo=$!
trap 'kill $demo 2>/dev/null' EXIT INT TERM
node src/cli/main.ts serve examples/quickstart
