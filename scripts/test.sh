#!/bin/sh
# `npm test`: the whole suite. Same set-up as `npm start` (Node, packages), plus Chromium,
# then formatter + lint (Biome) and unused code (knip), type checks, unit and integration tests (vitest, real PostgreSQL and SMTP) and
# end-to-end tests (Playwright in Debian's Chromium against the built server).
set -eu
cd "$(dirname "$0")/.."
. scripts/env.sh
export ASTRO_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
PATH="$(pwd)/node_modules/.bin:$PATH"; export PATH
sh scripts/ensure-chromium.sh
# nginx (topology test) and PostgreSQL's own pg_dump/pg_restore (backup test), from Debian.
sh scripts/ensure-apt-packages.sh nginx:/usr/sbin/nginx 'postgresql:/usr/lib/postgresql/*/bin/pg_dump'

echo "== Opmaak en lint (biome ci), ongebruikte code (knip)"
biome ci --error-on-warnings .
knip
echo "== Typen controleren (astro check)"
astro check --minimumSeverity error
echo "== Bouwen"
node scripts/build-if-changed.mjs
echo "== Unit- en integratietests (vitest)"
vitest run
echo "== End-to-endtests (Playwright)"
playwright test
