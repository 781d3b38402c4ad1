"""A card and a story page show the headline and the lede once: never a title and a line under it
that say the same words in the same order."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from site_builder.repeats import says_same, shown_summary
from tests.support.sites import make_site, run_cli


@pytest.mark.parametrize("title, text, same", [
    ("The High Court found a New Taipei City woman guilty of",
     "The High Court yesterday found a New Taipei City woman guilty of helping Beijing. It was final.", True),
    # a headline in the present is the lede said again (until 2026-12-05 'finds' ≠ 'found' showed
    # the example's cards the same sentence twice: three of its five)
    ("High Court finds New Taipei City woman guilty of helping Beijing",
     "The High Court yesterday found a New Taipei City woman guilty of helping Beijing.", True),
    ("Taiwan denies Chinese allegations that military was behind cyberattack",
     "Taiwan yesterday denied Chinese allegations that its military was behind a cyberattack on a company.", True),
    ("Royal Navy ships exercise right of freedom of navigation",
     "Freedom of navigation in the Indo-Pacific region is as important as it is in the English Channel.", False),
    ("Lee Chun-yi quits over use of car", "Lee Chun-yi resigned on Sunday night over his use of a car.", True),
    ("Lee Chun-yi quits", "Control Yuan Secretary-General Lee Chun-yi resigned, admitting he misused a car.", False),
    ("行政院表示，將尊重國會決定", "行政院19日表示，將尊重國會決定。其他。", True),
    ("Storm warning for the west coast", "Gusts of up to 120 km/h are expected overnight.", False),
    ("Anything", "", False),
])
def test_says_same(title: str, text: str, same: bool) -> None:
    assert says_same(title, text) is same


def test_a_deck_is_hidden_only_when_it_says_the_title_exactly() -> None:
    # the paper's own line says more than the headline cut from it: it stays unless it is the title
    deck = "Lee Chun-yi allegedly used a Control Yuan vehicle to transport his dog to a pet grooming salon"
    assert says_same("Lee Chun-yi allegedly uses Control Yuan vehicle to transport dog", deck)
    assert not says_same("Lee Chun-yi allegedly uses Control Yuan vehicle to transport dog", deck, exact=True)
    assert says_same("Rivers burst their banks in the south", "Rivers burst their banks in the south", exact=True)


def test_a_repeating_first_sentence_is_left_out() -> None:
    assert shown_summary("Kenya declared a drought emergency",
                         "Kenya yesterday declared a drought emergency. Rains failed twice.") == "Rains failed twice."
    assert shown_summary("Kenya declared a drought emergency", "Kenya declared a drought emergency in the north.") == ""
    assert shown_summary("Rains fail", "Kenya declared a drought emergency.") == "Kenya declared a drought emergency."


def _write(path: Path, title: str, summary: str, deck: str | None, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    deck_line = f'deck: "{deck}"\n' if deck else ""
    path.write_text(f'---\ntitle: "{title}"\ndate: 2025-03-03T08:00:00+00:00\nsummary: "{summary}"\n{deck_line}'
                    f"topics: [weather]\n---\n{body}\n", encoding="utf-8")


def test_cards_and_story_page_do_not_repeat_the_title(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    folder = site / "content" / "articles" / "2025" / "2025-03-03"
    lede = "Kenya yesterday declared a drought emergency in the north of the country."
    _write(folder / "drought.md", "Kenya declared a drought emergency in the north", lede, None, lede)
    _write(folder / "ferry.md", "Ferry crossings cancelled in the storm", "Ferry crossings cancelled in the storm.",
           None, "Operators stopped every sailing until the wind drops.")
    _write(folder / "floods.md", "Rivers burst their banks in the south",
           "Rivers yesterday burst their banks in the south. Thousands left their homes.",
           "Rivers burst their banks in the south", "Rivers yesterday burst their banks in the south.")
    result = run_cli("build", "--site", site)
    assert result.returncode == 0, result.stderr
    cards = {}
    for page in sorted((site / "output").rglob("*.html")):        # every listing, every page of it
        for card in lxml.html.fromstring(page.read_text(encoding="utf-8")).cssselect("article.card"):
            cards[card.cssselect(".card-title a")[0].text_content()] = card
    drought = cards["Kenya declared a drought emergency in the north"]
    assert not drought.cssselect(".summary")                       # the lede only repeats the title
    floods = cards["Rivers burst their banks in the south"]
    assert [p.text_content() for p in floods.cssselect(".summary")] == ["Thousands left their homes."]
    page = site / "output" / "2025" / "03" / "03" / "rivers-burst-their-banks-in-the-south.html"
    story = lxml.html.fromstring(page.read_text(encoding="utf-8"))
    assert not story.cssselect(".story-header .deck")              # the deck said the title again
    untouched = cards["Harbour United win the cup in extra time"]
    assert [p.text_content() for p in untouched.cssselect(".summary")] == ["A late header settled a tense final."]
    ferry = lxml.html.fromstring((site / "output" / "2025" / "03" / "03" / "ferry-crossings-cancelled-in-the-storm.html")
                                 .read_text(encoding="utf-8"))
    assert not ferry.cssselect(".standfirst")                     # a written summary that says the title
    assert ferry.cssselect(".story-header")[0].get("data-summary")  # ... still searchable
