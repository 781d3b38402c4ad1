"""Headline compression (headline_model.py) and the toll-first rule (subedit.toll_first)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.ingest import headline_model as hm
from site_builder.ingest.headline import make_title
from site_builder.ingest.subedit import english_headline

REPO = Path(__file__).resolve().parents[2]


def _drop_cells(*cells: str) -> hm.Decide:
    model = hm.Model(frozenset(cells))
    return lambda words, span, features: model.drops(span, features)


def _spans(text: str, verb: int, points: list[int] | None = None) -> list[tuple[str, str]]:
    words = text.split()
    return [(s.kind, " ".join(words[s.start:s.end])) for s in hm.candidate_spans(words, verb, points or [])]


# --- the toll leads ------------------------------------------------------------------------------

@pytest.mark.parametrize("lede, title", [
    ("A magnitude 7.7 earthquake struck central Myanmar yesterday, killing at least 144 people, "
     "toppling buildings, bridges and pagodas.", "Magnitude 7.7 earthquake kills at least 144 in central Myanmar"),
    ("A gunman opened fire at a supermarket in Boulder, Colorado, on Monday, killing 10 people, "
     "including a police officer.", "Gunman kills 10 in Boulder, Colorado"),
    ("Hurricane Milton tore across Florida on Wednesday night, killing at least 10 people, "
     "spawning deadly tornadoes.", "Hurricane Milton kills at least 10 across Florida"),
    ("Floods swept through the region, killing 14 people.", "Floods kill 14"),
])
def test_a_toll_after_the_news_becomes_the_headline_verb(lede: str, title: str) -> None:
    """Without toll_first these read '… strikes central Myanmar, killing at least 144' and
    'Gunman opens fire at supermarket in Boulder, Colorado, killing 10'."""
    assert english_headline(lede) == title


def test_a_toll_that_is_not_a_count_stays_as_written() -> None:
    lede = "A passenger jet crashed at Muan International Airport, killing all but two of those on board."
    assert english_headline(lede).startswith("Passenger jet crashes at Muan International Airport")


@pytest.mark.parametrize("lede, title", [
    ("Queen Elizabeth II, Britain’s longest-reigning monarch, died peacefully at her Balmoral estate in "
     "Scotland on Thursday afternoon at the age of 96, Buckingham Palace said.", "Queen Elizabeth II dies at 96"),
    ("Former US president Jimmy Carter died on Sunday at his home in Plains, Georgia, at the age of 100.",
     "Former US president Jimmy Carter dies at 100"),
    ("Ten soldiers died in a blast at 10 sites.", "Ten soldiers die in blast at 10 sites"),
    ("The actor died at his home in Paris.", "Actor dies at home in Paris"),
])
def test_in_an_obituary_the_age_follows_the_verb(lede: str, title: str) -> None:
    """Without age_first: 'Queen Elizabeth II dies at her Balmoral estate in Scotland at 96'."""
    assert english_headline(lede) == title


# --- candidates: each leaves a grammatical headline ---------------------------------------------

def test_an_adjective_before_its_noun_is_a_candidate_but_not_a_word_that_carries_the_phrase() -> None:
    assert ("modifier", "immediate") in _spans("Ukraine accepts proposal for immediate ceasefire", 1)
    assert ("modifier", "presidential") in _spans("Zelenskiy wins Ukraine’s presidential runoff", 1)
    for text, verb in [("Levy will take effect next week", 3), ("Mayor to be jailed pending trial", 3),
                       ("Bank raises interest rate", 1), ("Likud emerges as largest party", 1),
                       ("King pledges to serve British people", 1), ("Washington will not abandon commitment", 3),
                       ("Bank holds rates steady", 1), ("Law allows serving military officers", 1),
                       ("Earthquake strikes central Myanmar", 1)]:     # 'central' is also a noun
        assert not [s for s in _spans(text, verb) if s[0] == "modifier"], text


def test_a_chinese_order_given_name_is_a_candidate_only_in_the_subject() -> None:
    assert ("forename", "Ching-te") in _spans("DPP presidential candidate Lai Ching-te wins election", 5)
    # 'Kaohsiung voters remove Mayor Han' would end on half a name.
    assert not [s for s in _spans("Kaohsiung voters remove Mayor Han Kuo-yu", 2) if s[0] == "forename"]
    # A western name keeps its forename: 'Claudia Sheinbaum' is how the sub-editor writes it.
    assert not [s for s in _spans("Claudia Sheinbaum wins election", 2) if s[0] == "forename"]


def test_a_hedge_before_a_count_is_a_candidate_but_nearly_stays() -> None:
    assert ("hedge", "About") in _spans("About 8 million expected to travel", 3)
    assert ("hedge", "more than") in _spans("Ukrainian forces retake more than 1,000km² of territory", 2)
    assert not [s for s in _spans("Nearly 40 percent of schools to close", 6) if s[0] == "hedge"]


def test_what_qualifies_the_subject_is_a_candidate() -> None:
    assert ("qualifier", "in Kansas") in _spans("Voters in Kansas reject amendment", 3)
    assert ("qualifier", "between White House and Republican lawmakers") in _spans(
        "Talks between White House and Republican lawmakers paused", 7)


def test_an_and_phrase_belongs_to_the_phrase_before_it() -> None:
    words = "Woods wins Masters, claiming jacket and first major title".split()
    points = [3, 5]     # the cutting rules' boundaries: before 'claiming' and before 'and'
    assert [(s.start, s.end) for s in hm.candidate_spans(words, 1, points) if s.kind == "phrase"] == [(3, 9)]


def test_a_phrase_that_hangs_on_a_dropped_verb_goes_with_it() -> None:
    words = "BJP loses majority, forcing it to rely on coalition partners, for third term".split()
    phrases = [hm.Span(3, 7, "phrase"), hm.Span(7, 10, "phrase"), hm.Span(10, 13, "phrase")]
    assert hm._orphans(words, phrases, {phrases[0]}) == {phrases[1]}   # 'on coalition partners,'
    assert hm._orphans(words, phrases, set()) == set()


# --- the decision table --------------------------------------------------------------------------

def test_an_adjective_the_story_never_repeats_goes_and_one_it_repeats_stays() -> None:
    words = "Ukraine accepts proposal for immediate ceasefire".split()
    decide = _drop_cells("modifier/words/once")
    assert hm.compress(words, 1, [], frozenset({"ceasefire"}), decide)[0] == [*words[:4], "ceasefire"]
    assert hm.compress(words, 1, [], frozenset({"immediate"}), decide)[0] == words


def test_dropping_keeps_the_verb_index() -> None:
    words = "Lai Ching-te wins presidential election".split()
    assert hm.drop_spans(words, 2, [hm.Span(1, 2, "forename")]) == (["Lai", "wins", "presidential", "election"], 1)


def test_the_shipped_table_names_only_cells_the_code_makes() -> None:
    """A stale data file (a cell renamed in code) would silently drop nothing."""
    data = json.loads(hm.MODEL_PATH.read_text(encoding="utf-8"))
    whats = {"words", "number", *(f"{w}{last}" for w in ("place", "clause", "other_preposition", "other")
                                  for last in ("", "/last"))}
    possible = {f"{k}/{w}/{r}" for k in hm.KINDS for w in whats for r in ("once", "partly", "repeated")}
    assert set(data["drop"]) <= possible
    assert hm.load_model() == hm.Model(frozenset(data["drop"]))


def test_without_a_model_file_titles_are_the_rules_alone(tmp_path: Path) -> None:
    assert hm.load_model(tmp_path / "none.json") is None


def test_a_deck_is_the_papers_headline_and_is_not_compressed() -> None:
    deck = "A Japanese lunar lander reaches the Moon’s orbit after a four-month journey"
    assert "lunar lander" in make_title(deck, "The private company said its lander entered orbit.", "x")


def test_a_table_drops_its_cells_from_the_whole_headline_step() -> None:
    """'historic' appears nowhere else in the story: a table with its cell drops it; 'pensions'
    is repeated, so the phrase stays; no table (or no story words) is the rules alone."""
    lede = "Parliament passed a historic bill on pensions."
    later = hm.later_words("The vote was 300 to 12. Pensions rise in May.")
    assert english_headline(lede, later=later, decide=_drop_cells("modifier/words/once")) \
        == "Parliament passes bill on pensions"
    assert english_headline(lede, later=later, decide=_drop_cells()) == "Parliament passes historic bill on pensions"
    assert english_headline(lede) == "Parliament passes historic bill on pensions"


def test_compression_does_not_load_lemminflect() -> None:
    """The headline step stays light: every test digest titled in a fresh process."""
    code = ("import sys; from datetime import date; from pathlib import Path; "
            "from site_builder.ingest.digest import read_digest; from site_builder.ingest.segment import segment; "
            "from site_builder.ingest.story import build_story; "
            "n = sum(1 for p in sorted(Path('tests/ingest/digests').glob('*.txt')) "
            "for s in segment(read_digest(p)) if build_story(s, date(2025, 1, 1), (), ()).title); "
            "print(n > 50, 'lemminflect' in sys.modules, 'numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO).stdout
    assert out.split() == ["True", "False", "False"]
