"""models.Article's pickled form (the article cache's): equal after loading, the values that
recur from story to story loaded as one object."""

from __future__ import annotations

import pickle
from datetime import date, datetime, timedelta, timezone

from site_builder.models import Article, Correction, SourceRef


def _article(n: int, zone: timezone = timezone.utc) -> Article:
    return Article(path=f"a{n}.md", slug=f"a{n}", title=f"Title {n}", date=datetime(2025, 1, 2, 9, n, tzinfo=zone),
                   edition=date(2025, 1, 2), topics=tuple("politics economy".split()), people=(f"Person {n}",),
                   regions=("nordic",), corrections=(Correction(date=datetime(2025, 1, 3, tzinfo=zone), text="Fixed."),),
                   source=SourceRef(digest="d.txt", first_line=n, last_line=n + 3), body="", content_hash=f"h{n}")


def test_articles_load_equal_with_recurring_values_shared() -> None:
    stories = [_article(n) for n in range(3)]
    loaded = pickle.loads(pickle.dumps(stories, protocol=pickle.HIGHEST_PROTOCOL))
    assert loaded == stories
    assert loaded[0].topics is loaded[2].topics and loaded[0].edition is loaded[1].edition
    assert loaded[0].date.tzinfo is loaded[1].date.tzinfo


def test_a_time_zone_keeps_its_name_when_another_has_its_offset() -> None:
    """timezone(0, "GMT") == timezone.utc: sharing by equality alone would rename one."""
    named = timezone(timedelta(0), "GMT")
    loaded = pickle.loads(pickle.dumps([_article(1), _article(2, named)], protocol=pickle.HIGHEST_PROTOCOL))
    assert loaded[0].date.tzname() == "UTC" and loaded[1].date.tzname() == "GMT"
