"""scripts/headline_ceiling.py: the upper bounds issue 14's note quotes are what they say."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EVAL = REPO.parent / "shared" / "ingest-eval"
sys.path.insert(0, str(REPO / "scripts"))

import headline_ceiling as hc  # noqa: E402


def test_phrases_open_at_prepositions_conjunctions_and_commas() -> None:
    assert hc.phrases("Quake kills 144 in Myanmar, topples tower after aftershock") == [
        ["Quake", "kills", "144"], ["in", "Myanmar,"], ["topples", "tower"], ["after", "aftershock"]]


def test_compressions_keep_the_first_phrase_and_drop_up_to_three_others() -> None:
    found = hc.compressions("Quake kills 144 in Myanmar, topples tower after aftershock")
    assert "Quake kills 144" in found                       # all three others dropped
    assert "Quake kills 144 in Myanmar" in found            # the comma it ended on goes too
    assert "Quake kills 144 topples tower" in found
    assert all(text.startswith("Quake kills 144") for text in found)
    assert len(found) == 8                                  # 2 ** 3 subsets of the three phrases


def test_windows_are_runs_of_at_most_fifteen_words() -> None:
    words = " ".join(f"w{i}" for i in range(20))
    found = hc.windows(words)
    assert "w0" in found and "w5 w6 w7" in found
    assert max(len(w.split()) for w in found) == hc.MAX_WINDOW
    assert "w0 w2" not in found


@pytest.mark.skipif(not (EVAL / "score.py").is_file(), reason="needs ../shared/ingest-eval")
def test_each_bound_is_at_least_the_one_before() -> None:
    best, coverage, _ = hc.measure(EVAL, "odd", hc.load_scorer(EVAL))
    for story in zip(*(best[row] for row in hc.ROWS[:3])):
        assert story[0] <= story[1] <= story[2]
    assert all(r <= w for r, w in zip(best["rules"], best["windows"]))
    assert 0 < coverage[1] <= coverage[2] <= coverage[0]
