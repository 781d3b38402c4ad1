"""The headline ranker: its candidates keep the headline rules, it picks by its weights, and the
shipped weights are what scripts/fit_headline_rank.py fits."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

from site_builder.ingest import headline
from site_builder.ingest import headline_rank as hr
from site_builder.ingest import story as story_module
from site_builder.ingest import subedit as se
from site_builder.ingest.digest import read_digest
from site_builder.ingest.segment import segment

from .test_headlines import _LEFTOVER_TIME, DIGESTS

REPO = Path(__file__).resolve().parents[2]
EVAL = REPO.parent / "shared" / "ingest-eval"


def _title_inputs() -> list[tuple[str, str | None, str]]:
    """(where, deck, body) of every story of every digest, as build_story hands them to make_title."""
    found: list[tuple[str, str | None, str]] = []
    original = story_module.make_title

    def capture(deck: str | None, body: str, fallback: str) -> str:
        found.append(("", deck, body))
        return original(deck, body, fallback)

    story_module.make_title = capture
    try:
        for path in DIGESTS:
            for seg in segment(read_digest(path)):
                story_module.build_story(seg, date(2025, 1, 1), (), ())
                found[-1] = (f"{path.name}:{seg.first}", *found[-1][1:])
    finally:
        story_module.make_title = original
    return found


@pytest.fixture(scope="module")
def inputs() -> list[tuple[str, str | None, str]]:
    return _title_inputs()


def _english(deck: str | None, body: str) -> str | None:
    source = headline.title_source(deck, body)
    return source if source and headline._is_english(source) else None


def test_every_candidate_keeps_the_headline_rules(inputs) -> None:
    count = 0
    for where, deck, body in inputs:
        source = _english(deck, body)
        if source is None:
            continue
        found = hr.candidates(headline.english_sources(deck, body, source, swap=True), None,
                              headline.story_passives(body, deck))
        assert found and found[0].rules, where
        for c in found:
            count += 1
            assert 0 < len(c.text) <= 80, (where, c.text)
            assert c.text.split()[-1].lower().strip("\"“”‘’'") not in se.FUNCTION_WORDS, (where, c.text)
            assert not c.text.endswith((",", ";", ":", "-", "—", "–")), (where, c.text)
            assert not _LEFTOVER_TIME.search(c.text), (where, c.text)
    assert count > 300           # several per story: the ranker has a choice


def test_a_ranker_weighing_only_the_rules_gives_the_rules_titles(inputs, monkeypatch) -> None:
    rules_only = hr.Ranker(tuple(1.0 if f == "rules" else 0.0 for f in hr.FEATURES), True, True)
    expected = [headline.make_title(deck, body, "x") for _, deck, body in inputs]
    monkeypatch.setattr(headline, "load_ranker", lambda: rules_only)
    assert [headline.make_title(deck, body, "x") for _, deck, body in inputs] == expected


def test_the_ranker_picks_its_highest_score(monkeypatch) -> None:
    shortest = hr.Ranker(tuple(-1.0 if f == "tokens" else 0.0 for f in hr.FEATURES), True)
    deck = None
    body = ("US President Donald Trump yesterday announced a 25 percent tariff on imported cars and light trucks, "
            "in a move that he said would boost domestic manufacturing. The levy takes effect on April 2.")
    source = headline.title_source(deck, body)
    found = hr.candidates(headline.english_sources(deck, body, source), None, None)
    assert [c.text for c in found] == [
        "Trump announces 25 percent tariff on imported cars and light trucks",    # the rules' own
        "Trump announces 25 percent tariff on imported cars",   # never 'tariff' without what it is on
        "Levy takes effect"]                                                       # the second sentence
    monkeypatch.setattr(headline, "load_ranker", lambda: shortest)
    title = headline.make_title(deck, body, "x")
    assert title == min((c.text for c in found), key=lambda t: len(hr.tokens(t)))
    assert len(hr.tokens(title)) < len(hr.tokens(found[0].text))


def test_a_fragment_left_by_a_wrong_deck_split_is_no_source() -> None:
    deck = "Myanmar death toll passes"
    body = ("2,700 as rescuers dig through rubble in Mandalay. Rescue teams searched for a week The army "
            "helped them.")
    sources = headline.english_sources(deck, body, deck, swap=True)
    assert sources == [("deck", deck)]    # the lede is a fragment, two sentences run together in the second
    body = "2,700 as rescuers dig through rubble in Mandalay. Rescue teams from China searched collapsed buildings."
    assert headline.english_sources(deck, body, deck, swap=True) == [
        ("deck", deck), ("second", "Rescue teams from China searched collapsed buildings.")]
    sources = headline.english_sources(None, "Floods killed 14 in Italy. Rescue teams searched for the missing.",
                                       "Floods killed 14 in Italy.")
    assert sources == [("lede", "Floods killed 14 in Italy."), ("second", "Rescue teams searched for the missing.")]
    # a second sentence about someone named before says nothing alone
    assert headline.english_sources(None, "Floods killed 14 in Italy. They searched.", "Floods killed 14 in Italy.") \
        == [("lede", "Floods killed 14 in Italy.")]


def test_weights_for_other_features_are_refused(tmp_path) -> None:
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"features": ["tokens"], "weights": [1.0], "enabled": True}), encoding="utf-8")
    with pytest.raises(ValueError, match=str(path)):
        hr.load_ranker.__wrapped__(path)
    assert hr.load_ranker.__wrapped__(tmp_path / "absent.json") is None


def test_the_shipped_weights_read_and_say_whether_they_are_used() -> None:
    ranker = hr.load_ranker()
    assert ranker is not None and len(ranker.weights) == len(hr.FEATURES)
    data = json.loads(hr.WEIGHTS_PATH.read_text(encoding="utf-8"))
    # shipped enabled only with a held-out gain: the file says what the CV found
    assert ranker.enabled == (data["cv"]["nested_lodo"] >= data["cv"]["rules"] + 0.005)


@pytest.mark.skipif(not (EVAL / "score.py").is_file(), reason="needs ../shared/ingest-eval")
def test_the_shipped_weights_are_what_the_script_fits() -> None:
    """A change to the candidates, the cues or the settings without a refit fails here."""
    pytest.importorskip("sklearn")
    sys.path.insert(0, str(REPO / "scripts"))
    from fit_headline_rank import ALPHAS, fitted, load_scorer, load_stories

    shipped = json.loads(hr.WEIGHTS_PATH.read_text(encoding="utf-8"))
    stories = load_stories(EVAL, load_scorer(EVAL), shipped["swap"])
    assert json.loads(json.dumps(fitted(stories, ALPHAS, shipped["swap"]))) == shipped
