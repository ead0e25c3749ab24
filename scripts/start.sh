#!/bin/sh
# `npm start`: install what is missing, build when the sources changed, then serve the portal.
# Migrations, demo content and the embedded PostgreSQL are handled by the server itself.
set -eu
cd "$(dirname "$0")/.."
. scripts/env.sh
export ASTRO_TELEMETRY_DISABLED=1
node scripts/build-if-changed.mjs
exec node scripts/serve.mjs
