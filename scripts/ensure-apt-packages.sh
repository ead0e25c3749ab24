#!/bin/sh
# Installs Debian packages the tests need when they are missing, like ensure-chromium.sh:
#   sh scripts/ensure-apt-packages.sh nginx:/usr/sbin/nginx 'postgresql:/usr/lib/postgresql/*/bin/pg_ctl'
# Each argument is package:path (a shell pattern); the package is installed when no file matches.
set -eu
missing=""
for pair in "$@"; do
  package=${pair%%:*}
  pattern=${pair#*:}
  # shellcheck disable=SC2086
  if ! ls $pattern >/dev/null 2>&1; then missing="$missing $package"; fi
done
[ -z "$missing" ] && exit 0
echo "[buurtgezinnen] Ontbreekt voor de tests:$missing; installeren met apt-get (eenmalig)…" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq $missing >/dev/null
for pair in "$@"; do
  pattern=${pair#*:}
  # shellcheck disable=SC2086
  ls $pattern >/dev/null 2>&1 || { echo "${pair%%:*} kon niet worden geïnstalleerd." >&2; exit 1; }
done
