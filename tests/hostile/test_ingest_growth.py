"""Ingest's cost grows in step with a digest's size, whatever its text (issue 12's "check how
cost grows", for ingest as test_linear.py does it for rendering).

A story made of one repeated pattern is ingested (segmentation, headline, classification) at
SMALL and at 10 x SMALL characters, in a child process that reports its own CPU time, so the
figure is the same on a busy machine as on an idle one and a hang is a timeout, not a stuck
suite. Linear work grows about 10 times and quadratic about 100; a growth under GROWTH_LIMIT
passes only near-linear ingest. The patterns are shapes our regular expressions and loops
read: runs of capitalised words and articles (names, a list's subject), lists of countries,
initials, quotes, kicker-like capitals, numbers and possessives; page jumps, a web page's and a
newsletter's own lines, sign-offs, and the other languages' title rules.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SMALL = 10_000
GROWTH_LIMIT = 30
TIMEOUT_S = 120

PATTERNS = {
    "run of The": "The ",
    "capitalised words": "Aa ",
    "articles before a country list": "The " * 30 + "teams from China, India, Russia and Japan arrived. ",
    "list of countries": "China, India, ",
    "possessive places": "China’s Yunnan Province, ",
    "comparisons": "higher than in Brazil or ",
    "venues": "a summit in Geneva and ",
    "initials": "A. B. ",
    "quotes": "“a ",
    "kicker-like capitals": "‘BLUE-WHITE’ SPLIT: ",
    "numbers": "1,2 ",
    "money": "US$1.2 billion ",
    "possessives": "Lee’s ",
    "hyphenated names": "Lee Chun-yi, ",
    "dateline-like": "KYIV (Reuters) - ",
    "time words": "yesterday morning on Sunday ",
    "no spaces": "a",
    "sentences": "A b. ",
    "CJK": "台北市政府",
    "names joined by and": "David Baker and ",
    "titles before names": "Mr Lee and ",
    "attribution": "“Aa,” he said. ",
    "places opening sentences": "In Washington, ",
    "credits": "Staff writer, with CNA ",
    "photo credits": "Photo: EPA-EFE ",
    "dashes": "— ",
    "short paragraphs": "Aa b.\n\n",
    "kicker paragraphs": "‘BLUE-WHITE’ SPLIT: Police arrested three men in Taichung.\n\n",
    "hard-wrapped lines": "Police in Taichung arrested three men\n",
    "page jumps": "The ministry said. Continued on Page 3\n\n",
    "page furniture": "Advertisement\n\nPolice arrested three men.\n\n",
    "newsletter lines": "© 2024 The Daily Ledger. All rights reserved.\n",
    "sign-offs": "（共同）\n政府は補正予算案を決定した。\n",
    "other languages": "Il governo ha approvato la legge e il ministro ha detto che ",
    "Arabic": "قال وزير الخارجية إن القاهرة مستعدة ",
    "titled subject": "El presidente de México, Andrés López, entregó ",
    "reported passive": "Police said that a man was arrested, ",
    "Korean": "윤석열 대통령이 3일 밤 비상계엄을 선포했다 ",
}

# The child: build the story text, ingest it once small to load every table, then report the CPU
# seconds of ingesting it small and large. Pure functions only: nothing is written.
_CHILD = r"""
import json, sys, time
from datetime import date
from site_builder.config import load_config
from site_builder.ingest import _build_stories
from site_builder.ingest.digest import split_lines
from site_builder.ingest.segment import segment

unit, small, repo = sys.argv[1], int(sys.argv[2]), sys.argv[3]
config = load_config(__import__("pathlib").Path(repo))

def text(size):
    return (unit * (size // len(unit) + 1))[:size] + "\n"

def ingest(size):
    start = time.process_time()
    _build_stories(segment(split_lines(text(size))), date(2025, 4, 26), config)
    return time.process_time() - start

ingest(small // 10)
print(json.dumps([ingest(small), ingest(small * 10)]))
"""


def ingest_seconds(unit: str) -> tuple[float, float]:
    proc = subprocess.run([sys.executable, "-c", _CHILD, unit, str(SMALL), str(REPO)], cwd=REPO,
                          capture_output=True, text=True, timeout=TIMEOUT_S)
    assert proc.returncode == 0, proc.stderr[-2000:]
    small, large = json.loads(proc.stdout.strip().splitlines()[-1])
    return small, large


@pytest.mark.parametrize("unit", PATTERNS.values(), ids=PATTERNS.keys())
def test_ingest_cost_grows_linearly_with_the_story(unit: str):
    small, large = ingest_seconds(unit)
    # A floor on the small figure, so that a story ingested in a few milliseconds does not make
    # timer granularity a ratio.
    assert large / max(small, 0.02) < GROWTH_LIMIT, (small, large)
