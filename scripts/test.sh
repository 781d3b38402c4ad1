#!/usr/bin/env bash
# One command to run the whole test suite on a fresh machine: sets up .venv with the test
# extras, installs Chromium, Java and the Nu HTML Checker (scripts/install-test-deps.sh),
# then runs pytest. Extra arguments go to pytest (e.g. -k feeds, -x; -m "not slow" runs the fast
# subset, see SLOW in tests/conftest.py).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-venv.sh test,gazetteer
bash scripts/install-test-deps.sh
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
