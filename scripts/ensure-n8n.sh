#!/usr/bin/env bash
# Installs the n8n this package is tested with, once, outside the repository, checks that it runs, and prints its
# folder. n8n is about 2.3 GB: it is cached and reused by the demo, the dev editor and the end-to-end tests.
#
#   scripts/ensure-n8n.sh           install or repair as needed, then print the folder
#   scripts/ensure-n8n.sh --check   only say whether the cached n8n is ready (exit 0) or not (exit 1); change nothing
#
# The folder counts as ready only when its marker names this recipe, this n8n and this Node.js, it holds as many files
# and folders as when it was found ready, and n8n's native modules load. A folder that fails any of these (an older
# script's marker, an interrupted install, a Node.js upgrade, a build that silently built nothing) is repaired in
# place, never reused as it is; one that lost files since (a deletion cut short, a disk clean-up) is reinstalled.
#
# n8n 2.8.4 is the newest n8n that runs on Node 20; its xlsx dependency points at a CDN that cannot be reached, so it
# is overridden with the registry republish of the same version. An n8n that needs a newer Node.js than the one
# running this script gets that Node from the registry's node-<platform>-<arch> package, in the same folder:
# <folder>/node-bin/node runs that n8n, and its native modules are built against it. What it needs is the highest of
# n8n's own engines.node (n8n 2.36 and later say Node 24) and that of the native modules built here (n8n 1.123 says
# Node 20, but its isolated-vm 6.2 says Node 22 and does not build on 20).
set -euo pipefail

mode=install
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

version="${N8N_VERSION:-2.8.4}"
root="${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-huaweicloud-vpc}/n8n-$version"
# Bump when the way n8n is installed or built here changes: every folder made the old way is then repaired.
recipe=2

say() { echo "$*" >&2; }

node_for_n8n() {
  if [ -x "$root/node-bin/node" ]; then echo "$root/node-bin/node"; else command -v node; fi
}

marker_text() {
  echo "recipe=$recipe n8n=$version node=$("$(node_for_n8n)" --version)"
}

# The marker's second line counts every file and folder of node_modules when n8n was found ready. Nothing writes
# there afterwards, so another count means files were lost (or added) since: a loss no load check notices until n8n
# needs the missing file.
entries_text() {
  echo "entries=$(find "$root/node_modules" 2>/dev/null | wc -l | tr -d ' ')"
}
marker_line() { sed -n "${1}p" "$root/.installed" 2>/dev/null; }

# Loads what n8n cannot start without: its native modules, built for the Node.js that runs it. Prints what failed.
native_modules_load() {
  (cd "$root" && "$(node_for_n8n)" -e '
    const { join } = require("node:path");
    const n8n = join(process.cwd(), "node_modules", "n8n");
    const load = (name) => require(require.resolve(name, { paths: [n8n] }));
    try {
      new (load("sqlite3").Database)(":memory:").close();
    } catch (error) {
      console.error(`sqlite3 does not load: ${error.message.split("\n")[0]}`);
      process.exit(1);
    }
    let isolatedVm;
    try { isolatedVm = require.resolve("isolated-vm", { paths: [n8n] }); } catch {}
    if (isolatedVm) {
      try { new (require(isolatedVm).Isolate)().dispose(); } catch (error) {
        console.error(`isolated-vm does not load: ${error.message.split("\n")[0]}`);
        process.exit(1);
      }
    }
  ')
}

# n8n's CLI opens its database and answers, in a throwaway user folder: the step where a missing sqlite3 shows.
cli_answers() {
  local user_folder output
  user_folder="$(mktemp -d)"
  if output="$(N8N_USER_FOLDER="$user_folder" N8N_DIAGNOSTICS_ENABLED=false N8N_ENCRYPTION_KEY=ensure-n8n-check \
    "$(node_for_n8n)" "$root/node_modules/n8n/bin/n8n" list:workflow 2>&1)"; then
    rm -rf "$user_folder"
    return 0
  fi
  rm -rf "$user_folder"
  say "n8n's CLI did not start: $(echo "$output" | grep -v '^\s*$' | tail -n 2 | tr '\n' ' ')"
  return 1
}

is_ready() {
  [ -f "$root/.installed" ] && [ "$(marker_line 1)" = "$(marker_text 2>/dev/null)" ] &&
    [ "$(marker_line 2)" = "$(entries_text)" ] && native_modules_load
}

# Marked ready by this recipe, yet with another count of files and folders now.
lost_files() {
  [ "$(marker_line 1)" = "$(marker_text 2>/dev/null)" ] && [ -n "$(marker_line 2)" ] && [ "$(marker_line 2)" != "$(entries_text)" ]
}

if is_ready; then
  echo "$root"
  exit 0
fi
if [ "$mode" = check ]; then
  if [ ! -f "$root/.installed" ]; then say "n8n $version is not installed in $root."
  elif [ "$(marker_line 1)" != "$(marker_text 2>/dev/null)" ]; then
    say "n8n $version in $root was installed by another recipe or for another Node.js ($(marker_line 1))."
  elif lost_files; then
    say "n8n $version in $root has lost files since it was installed ($(entries_text) against $(marker_line 2))."
  elif [ -z "$(marker_line 2)" ]; then
    say "n8n $version in $root was marked ready by an older version of this script, which did not count its files."
  fi
  exit 1
fi

mkdir -p "$root"
# Two callers at once (the demo and a test run, or two jest workers) must not install into the same folder together:
# the second waits for the first and then finds n8n ready.
exec 9>"$root.lock"
if command -v flock >/dev/null; then flock 9; fi
if is_ready 2>/dev/null; then
  echo "$root"
  exit 0
fi
# A folder that lost files is installed anew: npm would not notice a package that lost some of its files.
reinstall=false
if lost_files; then reinstall=true; fi
# From here on the folder is not ready until it has been built and checked again.
rm -f "$root/.installed"
cd "$root"
if [ "$reinstall" = true ]; then
  say "n8n $version in $root has lost files since it was installed; installing it anew..."
  rm -rf node_modules
fi

# Runs one step of the install. While it runs, a long step says every 15 seconds how far it got (a quiet npm must not
# look stuck); when it fails, the last line says which step failed and npm's own reason.
run_step() {
  local label="$1" expected_mb="$2" started=$SECONDS log status=0
  shift 2
  log="$(mktemp)"
  "$@" 2>"$log" &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    for _ in $(seq 15); do kill -0 "$pid" 2>/dev/null && sleep 1; done
    if [ "$expected_mb" -gt 0 ] && kill -0 "$pid" 2>/dev/null; then
      say "  ... $label: $(du -sm node_modules 2>/dev/null | cut -f1 || echo 0) MB of about $expected_mb MB, $((SECONDS - started)) s so far"
    fi
  done
  wait "$pid" || status=$?
  cat "$log" >&2
  if [ "$status" -ne 0 ]; then
    local reason
    reason="$(grep -E '^npm (error|ERR!)' "$log" | grep -vE 'complete log|^npm (error|ERR!) (code|errno|syscall) ' | head -n 1 | sed -E 's/^npm (error|ERR!) //')"
    rm -f "$log"
    say "Could not finish $label (exit $status)${reason:+: $reason}"
    exit 1
  fi
  rm -f "$log"
}

# The Node.js major the native modules built below need: the highest first number of their engines.node (isolated-vm
# 6.2 says ">=22.0.0"); empty when none says.
native_modules_node_major() {
  node -e '
    const { join } = require("node:path");
    const n8n = join(process.cwd(), "node_modules", "n8n");
    const majors = ["sqlite3", "isolated-vm"].flatMap((name) => {
      try {
        const manifest = require(require.resolve(`${name}/package.json`, { paths: [n8n] }));
        const major = /\d+/.exec(manifest.engines?.node ?? "");
        return major ? [Number(major[0])] : [];
      } catch {
        return [];
      }
    });
    if (majors.length) console.log(Math.max(...majors));
  '
}

# Makes sure the Node.js that runs n8n here is at least major $1 (what $2 needs): when the Node at hand is older, the
# registry's node-<platform>-<arch> package of that major is installed beside n8n and put first on PATH.
use_node_major() {
  local needed_major="$1" needed_by="$2" current_major tested_node node_package
  current_major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ -z "$needed_major" ] || [ "$needed_major" -le "$current_major" ]; then return 0; fi
  # The Node tested with each major (24.21.0 with n8n 2.41.1, 22.23.3 with n8n 1.123.81); another major takes the
  # registry's newest release of it.
  case "$needed_major" in 24) tested_node=24.21.0 ;; 22) tested_node=22.23.3 ;; *) tested_node="$needed_major" ;; esac
  node_package="node-$(node -p 'process.platform + "-" + process.arch')"
  say "Node.js $needed_major is needed by $needed_by; installing $node_package@${N8N_NODE_VERSION:-$tested_node}..."
  run_step "downloading Node.js $needed_major" 0 npm install --prefix "$root/node" \
    "$node_package@${N8N_NODE_VERSION:-$tested_node}" --ignore-scripts --no-audit --no-fund --loglevel=error --progress=false
  ln -sfn "node/node_modules/$node_package/bin" node-bin
  export PATH="$root/node-bin:$PATH"
  say "Node.js $(node --version) in $root/node-bin."
}

{
  cat > package.json <<JSON
{ "private": true, "overrides": { "xlsx": "npm:@e965/xlsx@0.20.2" }, "dependencies": { "n8n": "$version" } }
JSON
  # The first number of n8n's engines.node is the Node.js major it needs (">=20.19 <= 24.x", ">=24.0.0").
  # Unknown (no answer, no number) means: try with the Node at hand.
  use_node_major "$(npm view "n8n@$version" engines.node 2>/dev/null | grep -oE '[0-9]+' | head -n 1 || true)" "n8n $version"
  if [ -d node_modules/n8n ]; then
    say "Repairing n8n $version in $root (finishing its install and rebuilding its native modules)..."
  else
    say "Installing n8n $version into $root: about 2,100 packages, 2.3 GB on disk, once (2 to 10 minutes, as fast as the registry)..."
  fi
  # n8n's own install scripts fetch from the internet; the native modules are built below instead.
  run_step "downloading n8n" 2300 npm install --ignore-scripts --no-audit --no-fund --loglevel=error --progress=false
  use_node_major "$(native_modules_node_major)" "the native modules of n8n $version"
  # Native modules are built against the headers of the Node.js that runs n8n, which official builds and distribution
  # packages ship beside it; without them node-gyp would download them, and npm's nodedir setting may not be set.
  build_flags=()
  node_prefix="$(cd "$(dirname "$(readlink -f "$(node_for_n8n)")")/.." && pwd)"
  if [ -f "$node_prefix/include/node/common.gypi" ]; then build_flags=(--nodedir="$node_prefix"); fi
  # Explicitly with scripts: under `npm run`, the project's .npmrc (ignore-scripts=true) reaches this script as
  # npm_config_ignore_scripts, and a rebuild without scripts builds nothing yet says it succeeded. sqlite3's own
  # install script fetches a prebuilt binary from GitHub and, where GitHub cannot be reached, compiles it.
  if ! native_modules_load 2>/dev/null; then
    say "Getting sqlite3 for Node.js $(node --version) (a prebuilt binary, or about a minute to compile it)..."
    run_step "building sqlite3" 0 npm rebuild sqlite3 --ignore-scripts=false "${build_flags[@]}" --loglevel=error
    if [ -d node_modules/isolated-vm ]; then
      say "Building isolated-vm for Node.js $(node --version)..."
      run_step "building isolated-vm" 0 npm rebuild isolated-vm --ignore-scripts=false "${build_flags[@]}" --loglevel=error
    fi
  fi
  say "Checking that n8n starts..."
  if ! native_modules_load || ! cli_answers; then
    say "n8n $version in $root does not run after installing; it stays marked as not ready and the next run repairs it."
    exit 1
  fi
  { marker_text; entries_text; } > .installed
  say "n8n $version is ready."
} >&2
echo "$root"
