#!/usr/bin/env bash
# Installs the n8n this package is tested with, once, outside the repository, and prints its folder.
# n8n is about 2.3 GB: it is cached and reused by the demo, the dev editor and the end-to-end tests.
# n8n 2.8.4 is the newest n8n that runs on Node 20; its xlsx dependency points at a CDN that cannot be
# reached, so it is overridden with the registry republish of the same version.
set -euo pipefail
version="${N8N_VERSION:-2.8.4}"
root="${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-huaweicloud-vpc}/n8n-$version"
if [ -f "$root/.installed" ]; then
  echo "$root"
  exit 0
fi
mkdir -p "$root"
# Two callers at once (the demo and a test run, or two jest workers) must not install into the same folder together:
# the second waits for the first and then finds n8n installed.
exec 9>"$root.lock"
if command -v flock >/dev/null; then flock 9; fi
if [ -f "$root/.installed" ]; then
  echo "$root"
  exit 0
fi
cd "$root"
cat > package.json <<JSON
{ "private": true, "overrides": { "xlsx": "npm:@e965/xlsx@0.20.2" }, "dependencies": { "n8n": "$version" } }
JSON
{
  echo "Installing n8n $version into $root (once; about 5 minutes and 2.3 GB)..."
  npm install --ignore-scripts --no-audit --no-fund --loglevel=error --progress=false
  echo "Building sqlite3 for this Node..."
  npm_config_build_from_source=true npm rebuild sqlite3 --loglevel=error
  touch .installed
  echo "n8n $version installed."
} >&2
echo "$root"
