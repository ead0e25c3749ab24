#!/bin/sh
# Runs a command with the project's Node and packages in place: `sh scripts/run.sh astro check`.
set -eu
cd "$(dirname "$0")/.."
. scripts/env.sh
export ASTRO_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
PATH="$(pwd)/node_modules/.bin:$PATH"; export PATH
exec "$@"
