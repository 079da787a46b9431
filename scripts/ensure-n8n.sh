#!/usr/bin/env bash
# Installs the n8n this package is tested with, once, outside the repository, and prints its folder.
# n8n is about 2.3 GB: it is cached and reused by the demo, the dev editor and the end-to-end tests.
# n8n 2.8.4 is the newest n8n that runs on Node 20; its xlsx dependency points at a CDN that cannot be
# reached, so it is overridden with the registry republish of the same version.
# A newer n8n that needs a newer Node.js than the one running this script (n8n 2.36 and later need Node 24) gets
# that Node from the registry's node-<platform>-<arch> package, in the same folder: <folder>/node-bin/node runs that
# n8n, and its native modules are built against that Node's headers.
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
  # The first number of n8n's engines.node is the Node.js major it needs (">=20.19 <= 24.x", ">=24.0.0").
  # Unknown (no answer, no number) means: try with the Node at hand.
  needed_major="$(npm view "n8n@$version" engines.node 2>/dev/null | grep -oE '[0-9]+' | head -n 1 || true)"
  own_major="$(node -p 'process.versions.node.split(".")[0]')"
  build_flags=()
  if [ -n "$needed_major" ] && [ "$needed_major" -gt "$own_major" ]; then
    # 24.21.0 is the Node 24 tested with n8n 2.41.1; another major takes the registry's newest release of it.
    case "$needed_major" in 24) tested_node=24.21.0 ;; *) tested_node="$needed_major" ;; esac
    node_package="node-$(node -p 'process.platform + "-" + process.arch')"
    echo "n8n $version needs Node.js $needed_major; installing $node_package@${N8N_NODE_VERSION:-$tested_node}..."
    npm install --prefix "$root/node" "$node_package@${N8N_NODE_VERSION:-$tested_node}" \
      --ignore-scripts --no-audit --no-fund --loglevel=error --progress=false
    ln -sfn "node/node_modules/$node_package/bin" node-bin
    export PATH="$root/node-bin:$PATH"
    build_flags=(--nodedir="$root/node/node_modules/$node_package")
    echo "Node.js $(node --version) in $root/node-bin."
  fi
  echo "Installing n8n $version into $root (once; about 5 minutes and 2.3 GB)..."
  npm install --ignore-scripts --no-audit --no-fund --loglevel=error --progress=false
  echo "Building sqlite3 for this Node..."
  npm_config_build_from_source=true npm rebuild sqlite3 "${build_flags[@]}" --loglevel=error
  if [ -d node_modules/isolated-vm ]; then
    echo "Building isolated-vm for this Node..."
    npm rebuild isolated-vm "${build_flags[@]}" --loglevel=error
  fi
  touch .installed
  echo "n8n $version installed."
} >&2
echo "$root"
