#!/usr/bin/env bash
# Creates .venv (Python 3.11+) and installs site_builder into it, with extras if asked:
#   bash scripts/setup-venv.sh            # the tool
#   bash scripts/setup-venv.sh test       # the tool and what the tests need from PyPI
set -euo pipefail
cd "$(dirname "$0")/.."
extras=${1:-}
PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "site_builder needs Python 3.11 or newer; found: $("$PY" --version 2>&1)" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  if ! "$PY" -m venv .venv 2>/dev/null; then
    # Debian ships venv separately from python3.
    rm -rf .venv
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
    else
      echo "python3 -m venv failed: install Debian's python3-venv (sudo apt-get install python3-venv)" >&2
      exit 1
    fi
    "$PY" -m venv .venv
  fi
fi
spec="."
[ -n "$extras" ] && spec=".[$extras]"
key="$(cat pyproject.toml | sha256sum | cut -c1-16)"
stamp=".venv/.installed-$key-${extras:-base}-compat"
# The tool alone is part of any install with extras (the test set-up has it already).
have_base=false
if [ -z "$extras" ] && compgen -G ".venv/.installed-$key-*-compat" >/dev/null; then have_base=true; fi
if [ ! -e "$stamp" ] && [ "$have_base" = false ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  # "compat" editable mode: a .pth line naming the checkout, instead of an import hook that
  # costs every start of site-builder about 8 ms.
  .venv/bin/python -m pip install -q -e "$spec" --config-settings editable_mode=compat
  touch "$stamp"
fi
# Bytecode for the package, written even where PYTHONDONTWRITEBYTECODE is set (some containers
# set it): without it every run compiles the package's source again, ~20 ms of a rebuild.
.venv/bin/python -m compileall -q site_builder >/dev/null
