"""Pure logic of issue 14: publication times, teasers, alias routes, the modified date, config."""

from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from site_builder.config import parse_config
from site_builder.errors import ConfigError
from site_builder.frontmatter_extra import alias_route
from site_builder.ingest.article_files import publication_moment
from site_builder.models import Article, Correction
from site_builder.views import teaser

TZ = ZoneInfo("Asia/Taipei")


def test_publication_moments_are_distinct_and_the_first_story_is_newest():
    moments = [publication_moment(date(2025, 4, 26), time(6, 0), i, TZ) for i in range(4)]
    assert moments[0] == datetime(2025, 4, 26, 6, 0, tzinfo=TZ)
    assert moments == sorted(moments, reverse=True) and len(set(moments)) == 4
    # A story added at the end of the digest moves no earlier story.
    assert publication_moment(date(2025, 4, 26), time(6, 0), 1, TZ) == moments[1]


def test_publication_time_across_a_dst_change_is_wall_clock():
    london = ZoneInfo("Europe/London")
    moment = publication_moment(date(2025, 3, 30), time(6, 0), 0, london)   # the day clocks go forward
    assert moment.utcoffset() == timedelta(hours=1) and moment.hour == 6


@pytest.mark.parametrize("summary, truncated, shown", [
    ("The ferry will run twice a day from", True, "The ferry will run twice a day from…"),
    ("The ferry will run twice a day from,", True, "The ferry will run twice a day from…"),
    ("The ferry will run twice a day.", True, "The ferry will run twice a day."),
    ("He said “it will run.”", True, "He said “it will run.”"),
    ("The ferry will run twice a day from", False, "The ferry will run twice a day from"),
    ("", True, ""),
])
def test_teaser(summary, truncated, shown):
    assert teaser(summary, truncated) == shown


@pytest.mark.parametrize("alias, route", [
    ("/2025/04/26/old-slug.html", "2025/04/26/old-slug.html"),
    ("2025/04/26/old-slug.html", "2025/04/26/old-slug.html"),
    ("/old/path", "old/path/"),
    ("/old/path/", "old/path/"),
    ("/", None), ("", None), ("/a/../b/", None), ("https://example.org/x", None), ("/a?b=1", None),
    ("/a#b", None), ("/a b/", None), ("//a", "a/"),
])
def test_alias_route(alias, route):
    assert alias_route(alias) == route


def test_modified_is_the_latest_of_date_updated_and_corrections():
    base = dict(path="a.md", slug="a", title="A", edition=date(2025, 4, 26),
                date=datetime(2025, 4, 26, 6, tzinfo=TZ))
    assert Article(**base).modified == base["date"]
    assert Article(**base, updated=datetime(2025, 4, 27, tzinfo=TZ)).modified == datetime(2025, 4, 27, tzinfo=TZ)
    corrected = Article(**base, updated=datetime(2025, 4, 27, tzinfo=TZ),
                        corrections=(Correction(date=datetime(2025, 4, 28, 9, tzinfo=TZ), text="x"),))
    assert corrected.modified == datetime(2025, 4, 28, 9, tzinfo=TZ)


def _config(**extra):
    data = {"title": "T", "site_url": "https://example.org/", "timezone": "UTC", **extra}
    return parse_config(data, Path("/tmp/site"))


def test_publication_time_defaults_to_six_and_reads_quoted_and_unquoted_times():
    assert _config().publication_time == time(6, 0)
    assert _config(publication_time="18:30").publication_time == time(18, 30)
    assert _config(publication_time=390).publication_time == time(6, 30)   # unquoted 6:30 in YAML 1.1


@pytest.mark.parametrize("value", ["noon", 24 * 60, True, "25:00"])
def test_a_bad_publication_time_is_an_error(value):
    with pytest.raises(ConfigError, match="publication_time"):
        _config(publication_time=value)
