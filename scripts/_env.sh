# Shared set-up for the scripts: install what is missing on a fresh Debian machine, then restore.
# Sourced, not executed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

ensure_packages() {
  local missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server redis-tools)
  # The dashboard test drives Debian's chromium headless (Playwright with an explicit executable; no browser download).
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v h2load >/dev/null 2>&1 || missing+=(nghttp2-client)  # scripts/bench serve: the independent HTTP/2 load client
  command -v promtool >/dev/null 2>&1 && command -v docker-compose >/dev/null 2>&1 || missing+=(prometheus docker-compose)  # deploy/ checks in scripts/test
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      echo "installing ${missing[*]} (apt-get)" >&2
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "missing: ${missing[*]}. Install them (Debian/Ubuntu: sudo apt-get install -y ${missing[*]}) and re-run." >&2
      exit 1
    fi
  fi
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "the .NET 10 SDK is required (https://dot.net); dotnet is not on PATH" >&2
    exit 1
  fi
}
