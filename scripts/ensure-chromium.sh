#!/bin/sh
# End-to-end tests use Debian's Chromium; no test tool may download a browser of its own.
set -eu
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "[buurtgezinnen] Chromium ontbreekt; installeren met apt-get (eenmalig)…" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq chromium >/dev/null
[ -x /usr/bin/chromium ] || { echo "Chromium kon niet worden geïnstalleerd." >&2; exit 1; }
