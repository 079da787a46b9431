#!/usr/bin/env bash
# Makes sure the servers n8n's queue mode needs are installed: Redis (Debian's redis-server) and PostgreSQL (Debian's
# postgresql). Installs what is missing with apt-get (as root, or through sudo without a password), and otherwise
# says what to install. Only installs: the queue-mode test starts its own servers on free loopback ports with their
# data in temporary folders (scripts/n8n/services.ts), whatever the system may run on the default ports.
#
#   scripts/ensure-queue-services.sh           install what is missing, then print PostgreSQL's program folder
#   scripts/ensure-queue-services.sh --check   only say whether both are installed (exit 0) or not (exit 1)
set -euo pipefail

mode=install
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

say() { echo "$*" >&2; }

# Debian keeps the server programs (initdb, postgres, createdb) out of PATH, in one folder per major version.
postgres_bin() {
  local folder
  for folder in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$folder/initdb" ] && [ -x "$folder/postgres" ]; then echo "$folder"; return 0; fi
  done
  if command -v initdb >/dev/null && command -v postgres >/dev/null; then dirname "$(command -v postgres)"; return 0; fi
  return 1
}

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
postgres_bin >/dev/null || missing+=(postgresql)

if [ "${#missing[@]}" -eq 0 ]; then
  postgres_bin
  exit 0
fi
if [ "$mode" = check ]; then
  say "Not installed: ${missing[*]}."
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  say "The queue-mode test needs ${missing[*]}, and installing them needs root: sudo apt-get install -y ${missing[*]}"
  exit 1
fi

say "Installing ${missing[*]} with apt-get (about a minute)..."
started=$SECONDS
# A fresh machine may have no package lists yet: update them once when the first try cannot find the packages.
if ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2; then
  "${as_root[@]}" apt-get update >&2
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2
fi
if ! command -v redis-server >/dev/null || ! postgres_bin >/dev/null; then
  say "apt-get finished, yet redis-server or PostgreSQL's programs are still missing."
  exit 1
fi
say "Installed ${missing[*]} in $((SECONDS - started)) s."
postgres_bin
