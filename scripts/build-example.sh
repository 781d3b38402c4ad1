#!/usr/bin/env bash
# One command to build the example site on a fresh machine: sets up .venv, installs
# site_builder, ingests content/digests/ and builds output/. Extra arguments go to
# `site-builder build` (e.g. --base-url https://user.github.io/repo/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-venv.sh
.venv/bin/site-builder build "$@"
.venv/bin/site-builder check
echo "The site is in output/. Preview it with: .venv/bin/site-builder serve"
