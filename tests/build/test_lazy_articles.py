"""A body edit makes Articles only of the stories a stage reads (models.ArticleList): the article
cache stores each story as the bytes of its field values, and an edit at 100,000 stories must not build
100,000 objects to show a few dozen. What it writes is what a full build writes (test_model_reuse)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from site_builder import models
from site_builder.build import build_site
from site_builder.config import load_config
from site_builder.models import ArticleList, stored_form, stored_article
from tests.support.sites import make_site
from tests.unit.stories import story

STORIES = 120


def _write_stories(site: Path, count: int) -> list[Path]:
    folder = site / "content" / "articles" / "2025"
    folder.mkdir(parents=True, exist_ok=True)
    start = datetime(2025, 1, 1, 8, tzinfo=timezone.utc)
    paths = []
    for number in range(count):
        path = folder / f"story-{number:03d}.md"
        when = start + timedelta(hours=number)
        path.write_text(f"---\ntitle: \"Story number {number}\"\ndate: {when.isoformat()}\n"
                        f"topics: [{'politics' if number % 2 else 'sport'}]\nsummary: A summary.\n---\n"
                        f"Body of story {number}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_a_body_edit_makes_articles_only_of_the_stories_it_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path / "s")
    paths = _write_stories(site, STORIES)
    config = load_config(site)
    now = datetime(2025, 6, 1, tzinfo=timezone.utc)
    build_site(config, jobs=1, now=now)
    total = build_site(config, jobs=1, now=now).articles   # nothing changed: the count from the record
    assert total >= STORIES

    made: list[object] = []
    make = models._article_from_values

    def counted(values: tuple) -> models.Article:
        made.append(values)
        return make(values)

    monkeypatch.setattr(models, "_article_from_values", counted)
    oldest = paths[0]   # in no feed (50 items) and on no first listing page
    oldest.write_text(oldest.read_text(encoding="utf-8") + "\nA sentence added.\n", encoding="utf-8")
    report = build_site(config, jobs=1, now=now)
    assert any("only the text of 1 story changed" in m for m in report.messages), report.messages
    # Its page shows its neighbours and related stories: a handful, not every story.
    assert 0 < len(made) < 20, len(made)


def test_an_article_list_is_the_sequence_of_its_articles() -> None:
    articles = tuple(story(f"s{n}", n, topics=("politics",)) for n in range(1, 6))
    listed = ArticleList([stored_form(a) if n % 2 else a for n, a in enumerate(articles)])
    assert len(listed) == 5 and listed[1] == articles[1] and listed[-1] == articles[-1]
    assert listed[1:3] == articles[1:3] and tuple(listed) == articles and listed == articles
    assert listed.paths() == [a.path for a in articles]
    assert stored_article(stored_form(articles[2])) == articles[2]
    assert listed[0] is listed[0]   # made once, then kept


def test_the_stored_form_gives_back_the_same_article_with_its_time_zones() -> None:
    """Marshal's plain values for dates, corrections and source; the same zone objects back (a
    ZoneInfo by its key, a fixed offset with its name); a zone with no plain form is pickled."""
    from datetime import date, timezone
    from zoneinfo import ZoneInfo

    from dateutil import tz as dateutil_tz

    from site_builder.models import Article, Correction, SourceRef

    rich = Article(path="content/articles/a.md", slug="a", title="A", kicker="K", lang="zh", aliases=("old/a.html",),
                   date=datetime(2025, 1, 2, 3, 4, 5, 6, tzinfo=timezone(timedelta(hours=5, minutes=30))),
                   updated=datetime(2025, 3, 30, 2, 30, fold=1, tzinfo=ZoneInfo("Europe/Paris")),
                   event_date=date(2025, 1, 1), edition=date(2025, 1, 2), topics=("politics",),
                   corrections=(Correction(date=datetime(2025, 1, 4, tzinfo=timezone.utc), text="Fixed."),),
                   source=SourceRef(digest="2025-01-02.txt", first_line=3, last_line=9), content_hash="c", listing_hash="l")
    named = replace(rich, date=datetime(2025, 1, 2, tzinfo=timezone(timedelta(hours=1), "CET")), updated=None,
                    corrections=(), source=None, event_date=None)
    other = replace(named, date=datetime(2025, 1, 2, tzinfo=dateutil_tz.tzoffset("X", 3600)))
    for article in (rich, named, other):
        back = stored_article(stored_form(article))
        assert back == article and repr(back) == repr(article)
        assert back.date.tzinfo == article.date.tzinfo and back.date.fold == article.date.fold
    assert stored_article(stored_form(rich)).updated.tzinfo is ZoneInfo("Europe/Paris")
    assert stored_form(rich)[:1] != stored_form(other)[:1]   # the odd zone went the pickle way


def test_a_damaged_story_in_the_cache_is_a_one_line_error_and_output_stays(tmp_path: Path) -> None:
    """A story's bytes are read only when a stage needs them, after the shard loaded whole: damaged
    ones are a one-line error naming the cache (no traceback), and output/ is left as it was."""
    import pickle

    from tests.support.sites import run_cli

    site = make_site(tmp_path / "s")
    paths = _write_stories(site, 12)
    assert run_cli("build", "--site", site).returncode == 0
    for shard in (site / ".site-builder" / "articles").glob("*.pickle"):
        version, key, names, mtimes, sizes, stories = pickle.loads(shard.read_bytes())
        shard.write_bytes(pickle.dumps((version, key, names, mtimes, sizes, [b"M\x00\x01"] * len(stories))))
    before = {p: p.read_bytes() for p in (site / "output").rglob("*") if p.is_file()}
    paths[-1].write_text(paths[-1].read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    result = run_cli("build", "--site", site)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "a story in the build cache cannot be read" in result.stderr and "delete .site-builder/" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert {p: p.read_bytes() for p in (site / "output").rglob("*") if p.is_file()} == before
