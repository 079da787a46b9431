#!/usr/bin/env bash
# Debian's Chromium, for the test that drives n8n's editor in a headless browser (test/e2e/editor.test.ts): installed
# with apt-get when missing (as root, as in CI). Prints the browser's path.
set -euo pipefail

if ! command -v chromium >/dev/null 2>&1; then
	if [ "$(id -u)" != 0 ]; then
		echo "Chromium is missing: install Debian's chromium package (apt-get install -y chromium) as root." >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	# A fresh container has no package lists yet.
	apt-get install -y --no-install-recommends chromium >/dev/null ||
		{ apt-get update >/dev/null && apt-get install -y --no-install-recommends chromium >/dev/null; }
fi
command -v chromium
