"""Classification cases from issue 13, one test per kind of fix (not the eval digests' text)."""

from __future__ import annotations

from site_builder.ingest.places import find_countries, story_countries

# --- countries: the story's places, not its passing mentions -----------------------------------

REACTION = (
    "Voters in Chile yesterday elected a new president after a campaign dominated by crime "
    "and the cost of living, with turnout at a record high in the capital, Santiago.\n"
    "The winner promised to cut taxes for small firms and to hire 5,000 more police officers "
    "before the end of next year, and to reform the pension system.\n"
    "The result was welcomed abroad: the governments of Spain and Japan sent congratulations "
    "later in the evening."
)


def test_passing_mentions_are_not_the_story_countries() -> None:
    assert story_countries(REACTION) == ("CL",)
    # The segmenter still sees every country named (it compares paragraphs).
    assert set(find_countries(REACTION)) == {"CL", "ES", "JP"}


def test_a_country_opening_a_paragraph_or_where_it_happened_stays() -> None:
    text = ("The European Commission yesterday said it was ready to impose tariffs on US goods "
            "in response to US duties on steel, and US officials said talks would go on.\n"
            "“We will defend our interests,” the trade chief told reporters in Brussels.\n"
            "Also yesterday, Germany’s economy ministry said exports to the US had fallen.")
    assert story_countries(text) == ("US", "BE", "DE")
