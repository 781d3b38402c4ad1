"""benchmarks/bench.py --quick keeps working: it builds a 100-article corpus and prints its table.

Nothing here is timed: the figures are for people to read, the test only checks that the
benchmark runs end to end (corpus generation, cold build, edit and no-change rebuilds)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "benchmarks" / "bench.py"
SHARED = REPO.parent / "shared"


@pytest.mark.skipif(not (SHARED / "bench" / "gen_corpus.py").is_file(),
                    reason="../shared/bench/gen_corpus.py (the corpus generator) is not beside the repo")
def test_quick_benchmark_prints_a_table(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(BENCH), "--quick", "--work", str(tmp_path)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr, proc.stderr
    out = proc.stdout
    assert re.search(r"^tool\s+N\s+cold s", out, re.M), out
    row = re.search(r"^site_builder\s+100\s+(\S+)", out, re.M)
    assert row is not None, out
    float(row.group(1))  # the cold time is a number, whatever its value
    # the edit reached the article's page, and the no-change rebuild wrote nothing
    assert re.search(r"site_builder\s+N=100\s+article page: yes", out), out
    assert re.search(r"no change \S+ s, wrote 0 file\(s\)", out), out


@pytest.mark.skipif(not (SHARED / "bench" / "gen_corpus.py").is_file(),
                    reason="../shared/bench/gen_corpus.py (the corpus generator) is not beside the repo")
def test_the_plain_floor_builds_the_anchors_page_set(tmp_path: Path) -> None:
    """The floor the cold targets are read against builds the same page set as the anchors: a
    page per article, the home page, a page per taxonomy and per term, their RSS feeds."""
    proc = subprocess.run([sys.executable, str(BENCH), "--sizes", "100", "--anchors", "plain", "--runs", "1",
                           "--warmup", "0", "--no-incremental", "--ingest-mb", "0", "--work", str(tmp_path)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    row = re.search(r"^plain\s+100\s+[\d.]+ .*\s(\d+) html, (\d+) xml", proc.stdout, re.M)
    assert row is not None, proc.stdout
    out = tmp_path / "n100" / "out-plain"
    terms = {p.parent.name for p in out.glob("topics/*/index.html")} | \
        {p.parent.name for p in out.glob("regions/*/index.html")}
    assert int(row.group(1)) == 100 + 1 + 2 + len(terms), proc.stdout
    assert int(row.group(2)) == 1 + 2 + len(terms)
    assert len(list(out.glob("articles/*/*/index.html"))) == 100
    feed = (out / "index.xml").read_text(encoding="utf-8")
    assert feed.count("<item>") == 50
