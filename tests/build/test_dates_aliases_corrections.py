"""Issue 14: two dates (publication date-time and event date), stable addresses (aliases) and
corrections, through the CLI and the built files.

The example-site tests read the facts from the example's own front-matter (dates, event dates,
source lines), not from its titles or slugs, which better headlines will change.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml
from lxml import etree

from support.validators import validate_atom, validate_html, validate_rss, validate_sitemap
from tests.support.sites import REPO, make_site, run_cli

ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])


def _example_stories(site: Path) -> list[dict]:
    """Every example article's front-matter, with its URL path under the site root."""
    stories = []
    for path in sorted((site / "content" / "articles").rglob("*.md")):
        meta = _front(path)
        edition = date.fromisoformat(str(meta["edition"]))
        meta["route"] = f"{edition:%Y/%m/%d}/{meta['slug']}.html"
        meta["published"] = datetime.fromisoformat(str(meta["date"]))
        stories.append(meta)
    return stories


def _atom_entries(data: bytes) -> list[tuple[str, str, str]]:
    root = etree.fromstring(data)
    return [(e.find(ATOM + "link").get("href"), e.findtext(ATOM + "published"), e.findtext(ATOM + "updated"))
            for e in root.findall(ATOM + "entry")]


# ---- the example site: publication date-time, order, event date ------------------------------

def test_example_articles_carry_a_publication_time_and_an_event_date(example_site) -> None:
    stories = _example_stories(example_site.site)
    assert stories and all("event_date" in s for s in stories)
    by_line = sorted(stories, key=lambda s: s["source"]["lines"][0])
    times = [s["published"] for s in by_line]
    # The first story of the digest is published at publication_time (06:00, config default),
    # each later one a second earlier: distinct, in the paper's order when newest first.
    assert times[0].time().isoformat() == "06:00:00"
    assert all(a - b == timedelta(seconds=1) for a, b in zip(times, times[1:]))
    assert all(t.date() == date.fromisoformat(str(s["edition"])) for t, s in zip(times, by_line))


def test_feeds_are_newest_first_by_publication_time_with_distinct_updated(example_site) -> None:
    stories = _example_stories(example_site.site)
    expected = [s["route"] for s in sorted(stories, key=lambda s: s["published"], reverse=True)]
    paper_order = [s["route"] for s in sorted(stories, key=lambda s: s["source"]["lines"][0])]
    assert expected == paper_order
    out = example_site.output
    atom = _atom_entries((out / "atom.xml").read_bytes())
    assert [href.split("/site_builder/", 1)[1] for href, _, _ in atom] == expected
    published = [datetime.fromisoformat(p) for _, p, _ in atom]
    assert published == sorted(published, reverse=True) and len(set(published)) == len(published)
    assert len({u for _, _, u in atom}) == len(atom)    # no DuplicateUpdated
    assert validate_atom((out / "atom.xml").read_bytes()) == []
    rss = etree.fromstring((out / "feed.xml").read_bytes())
    assert [i.findtext("link").split("/site_builder/", 1)[1] for i in rss.iter("item")] == expected
    feed = json.loads((out / "feed.json").read_text(encoding="utf-8"))
    assert [i["url"].split("/site_builder/", 1)[1] for i in feed["items"]] == expected
    stamps = [datetime.fromisoformat(i["date_published"]) for i in feed["items"]]
    assert stamps == sorted(stamps, reverse=True)


def test_listings_sitemap_and_json_ld_use_the_publication_time(example_site) -> None:
    stories = _example_stories(example_site.site)
    out = example_site.output
    newest_first = sorted(stories, key=lambda s: s["published"], reverse=True)
    home = (out / "index.html").read_text(encoding="utf-8")
    positions = [home.index(f'href="/site_builder/{s["route"]}"') for s in newest_first]
    assert positions == sorted(positions)
    sitemap = etree.fromstring((out / "sitemap.xml").read_bytes())
    lastmod = {u.findtext(SM + "loc").split("/site_builder/", 1)[1]: u.findtext(SM + "lastmod") for u in sitemap}
    for story in stories:
        utc = story["published"].astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
        assert lastmod[story["route"]] == utc
        page = (out / story["route"]).read_text(encoding="utf-8")
        ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
        assert datetime.fromisoformat(ld["datePublished"]) == story["published"]
        assert ld["dateModified"] == ld["datePublished"]   # never edited: not the build time


def test_the_event_date_shows_only_where_it_differs(example_site) -> None:
    stories = _example_stories(example_site.site)
    differing = [s for s in stories if str(s["event_date"]) != s["published"].date().isoformat()]
    same = [s for s in stories if s not in differing]
    assert differing and same    # the example has both (a story "on Sunday" in a Saturday paper)
    for story in differing:
        day = date.fromisoformat(str(story["event_date"]))
        page = (example_site.output / story["route"]).read_text(encoding="utf-8")
        assert f'Happened <time datetime="{day.isoformat()}">{day:%A} {day.day} {day:%B}</time>' in page
    for story in same:
        assert "Happened" not in (example_site.output / story["route"]).read_text(encoding="utf-8")


def test_dry_run_json_has_both_dates(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy2(REPO / "config.yaml", site / "config.yaml")
    shutil.copytree(REPO / "content" / "digests", site / "content" / "digests")
    digest = site / "content" / "digests" / "2025-04-26.txt"
    result = run_cli("ingest", "--site", site, "--dry-run", "--json", digest)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    segments = (data if isinstance(data, dict) else data[0])["segments"]
    assert segments[0]["date"] == "2025-04-26T06:00:00+08:00"
    assert segments[1]["date"] == "2025-04-26T05:59:59+08:00"
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", s["event_date"]) for s in segments)
    assert not (site / "content" / "articles").exists()


def test_publication_time_is_configurable(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    config = (REPO / "config.yaml").read_text(encoding="utf-8") + 'publication_time: "18:30"\n'
    (site / "config.yaml").write_text(config, encoding="utf-8")
    shutil.copytree(REPO / "content" / "digests", site / "content" / "digests")
    digest = site / "content" / "digests" / "2025-04-26.txt"
    data = json.loads(run_cli("ingest", "--site", site, "--dry-run", "--json", digest).stdout)
    assert data["segments"][0]["date"] == "2025-04-26T18:30:00+08:00"
    (site / "config.yaml").write_text(config.replace('"18:30"', '"half past six"'), encoding="utf-8")
    result = run_cli("ingest", "--site", site, "--dry-run", digest)
    assert result.returncode != 0 and "publication_time" in result.stderr and "06:00" in result.stderr


def test_news_sitemap_lists_recent_stories_newest_first(tmp_path: Path) -> None:
    from site_builder.build import build_site
    from site_builder.config import load_config

    site = tmp_path / "site"
    site.mkdir()
    shutil.copy2(REPO / "config.yaml", site / "config.yaml")
    shutil.copytree(REPO / "content", site / "content")
    shutil.copytree(REPO / "theme", site / "theme")
    config = load_config(site)
    build_site(config, now=datetime(2025, 4, 26, 12, 0, tzinfo=timezone.utc), jobs=1)
    root = etree.fromstring((site / "output" / "news-sitemap.xml").read_bytes())
    stamps = [datetime.fromisoformat(e.text) for e in root.iter("{http://www.google.com/schemas/sitemap-news/0.9}"
                                                                 "publication_date")]
    stories = _example_stories(site)
    assert stamps == sorted((s["published"] for s in stories), reverse=True)


# ---- hand-written stories, aliases and corrections ----------------------------------------------

STORY = """---
title: "Port strike talks resume"
date: 2025-03-04T09:00:00+00:00
slug: port-strike-talks-resume-2
topics: [economy-business-finance]
regions: [europe]
{extra}---
Union and employers met again on Tuesday.
"""


def _site_with(tmp_path: Path, extra: str, name: str = "port.md") -> Path:
    site = make_site(tmp_path / "site")
    folder = site / "content" / "articles" / "2025" / "extra"
    folder.mkdir(parents=True)
    (folder / name).write_text(STORY.format(extra=extra), encoding="utf-8")
    return site


ROUTE = "2025/03/04/port-strike-talks-resume-2.html"


def test_hand_written_articles_show_no_event_date_and_keep_working(tmp_path: Path) -> None:
    site = _site_with(tmp_path, "")
    assert run_cli("build", "--site", site).returncode == 0
    page = (site / "output" / ROUTE).read_text(encoding="utf-8")
    assert "Happened" not in page and 'id="corrections"' not in page


def test_an_alias_writes_a_redirect_page_under_the_sub_path(tmp_path: Path) -> None:
    site = _site_with(tmp_path, "aliases: [/2025/03/04/old-port-slug.html, /port/strike]\n")
    result = run_cli("build", "--site", site)
    assert result.returncode == 0, result.stderr
    out = site / "output"
    for file in ("2025/03/04/old-port-slug.html", "port/strike/index.html"):
        page = (out / file).read_text(encoding="utf-8")
        assert '<meta http-equiv="refresh" content="0; url=/news/' + ROUTE + '">' in page
        assert f'<link rel="canonical" href="https://example.org/news/{ROUTE}">' in page
        assert f'<a href="/news/{ROUTE}">Port strike talks resume</a>' in page
        assert '<meta name="robots" content="noindex">' in page
    assert validate_html([out / "2025/03/04/old-port-slug.html", out / "port/strike/index.html"], root=out) == []
    # Not in sitemaps or feeds.
    for name in ("sitemap.xml", "feed.xml", "atom.xml", "feed.json"):
        text = (out / name).read_text(encoding="utf-8")
        assert "old-port-slug" not in text and "port/strike" not in text
    check = run_cli("check", "--site", site)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "orphan" not in check.stdout   # alias pages are linked from nowhere on purpose


def test_check_catches_an_alias_whose_story_is_gone(tmp_path: Path) -> None:
    site = _site_with(tmp_path, "aliases: [/old-port/]\n")
    assert run_cli("build", "--site", site).returncode == 0
    (site / "output" / ROUTE).unlink()
    check = run_cli("check", "--site", site)
    assert check.returncode != 0
    assert f"old-port/index.html:8: broken redirect '/news/{ROUTE}'" in check.stdout + check.stderr


def test_an_alias_that_is_a_real_page_is_an_error_naming_both(tmp_path: Path) -> None:
    site = _site_with(tmp_path, "aliases: [/topics/]\n")
    result = run_cli("build", "--site", site)
    assert result.returncode != 0
    assert "content/articles/2025/extra/port.md: alias /topics/ is already the site's page /topics/" in result.stderr
    assert not (site / "output").exists()
    # Another story's page: both files are named.
    second = STORY.format(extra="").replace("port-strike-talks-resume-2", "second-story")
    (site / "content" / "articles" / "2025" / "extra" / "second.md").write_text(second, encoding="utf-8")
    port = site / "content" / "articles" / "2025" / "extra" / "port.md"
    port.write_text(STORY.format(extra="aliases: [/2025/03/04/second-story.html]\n"), encoding="utf-8")
    result = run_cli("build", "--site", site)
    assert result.returncode != 0
    assert ("content/articles/2025/extra/port.md: alias /2025/03/04/second-story.html is already the page of "
            "content/articles/2025/extra/second.md") in result.stderr


def test_two_stories_claiming_one_alias_is_an_error_naming_both(tmp_path: Path) -> None:
    site = _site_with(tmp_path, "aliases: [/old/]\n")
    second = STORY.format(extra="aliases: [/old/]\n").replace("port-strike-talks-resume-2", "second-story")
    (site / "content" / "articles" / "2025" / "extra" / "second.md").write_text(second, encoding="utf-8")
    result = run_cli("build", "--site", site)
    assert result.returncode != 0
    line = next(line for line in result.stderr.splitlines() if "alias /old/" in line)
    assert "port.md" in line and "second.md" in line


CORRECTION = """corrections:
  - date: 2025-03-06T10:30:00+00:00
    text: "An earlier version gave the wrong day for the talks."
"""


def test_a_correction_end_to_end(tmp_path: Path) -> None:
    site = _site_with(tmp_path, CORRECTION)
    result = run_cli("build", "--site", site)
    assert result.returncode == 0, result.stderr
    out = site / "output"
    page = (out / ROUTE).read_text(encoding="utf-8")
    assert '<aside class="notice corrections" id="corrections"' in page
    assert ('<strong>Correction, <time datetime="2025-03-06T10:30:00+00:00">6 March 2025</time>:</strong> '
            "An earlier version gave the wrong day for the talks.") in page
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert ld["datePublished"] == "2025-03-04T09:00:00+00:00"
    assert ld["dateModified"] == "2025-03-06T10:30:00+00:00"
    assert '<meta property="article:modified_time" content="2025-03-06T10:30:00+00:00">' in page
    # The story's feed entry is updated at the correction; the sitemap's lastmod too.
    entries = {href: (pub, upd) for href, pub, upd in _atom_entries((out / "atom.xml").read_bytes())}
    assert entries[f"https://example.org/news/{ROUTE}"] == ("2025-03-04T09:00:00+00:00", "2025-03-06T10:30:00+00:00")
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>https://example.org/news/{ROUTE}</loc><lastmod>2025-03-06T10:30:00Z</lastmod>" in sitemap
    # The corrections page, linked from every page's footer, and its feeds.
    corrections = (out / "corrections" / "index.html").read_text(encoding="utf-8")
    assert f'<a href="/news/{ROUTE}#corrections">Port strike talks resume</a>' in corrections
    assert 'href="/news/corrections/">Corrections</a>' in page
    atom = (out / "corrections" / "atom.xml").read_bytes()
    assert validate_atom(atom) == [] and validate_rss((out / "corrections" / "feed.xml").read_bytes()) == []
    feed = _atom_entries(atom)
    assert feed == [(f"https://example.org/news/{ROUTE}#corrections", "2025-03-06T10:30:00+00:00",
                     "2025-03-06T10:30:00+00:00")]
    assert b"Correction: Port strike talks resume" in atom
    assert validate_html([out / ROUTE, out / "corrections" / "index.html"], root=out) == []
    check = run_cli("check", "--site", site)
    assert check.returncode == 0, check.stdout + check.stderr


def test_no_correction_yet_is_said_and_the_feeds_are_valid(fixture_site) -> None:
    page = (fixture_site.output / "corrections" / "index.html").read_text(encoding="utf-8")
    assert "No story has been corrected." in page
    assert validate_atom((fixture_site.output / "corrections" / "atom.xml").read_bytes()) == []
    assert validate_rss((fixture_site.output / "corrections" / "feed.xml").read_bytes()) == []


@pytest.mark.parametrize("entry, line, message", [
    ("corrections:\n  - {date: 2025-03-06, text: ok}\n  - text: no date\n", 9, "correction 2 has no valid 'date'"),
    ("corrections:\n  - date: 2025-03-06\n", 8, "correction 1 has no 'text'"),
    ("corrections:\n  - date: 2025-03-06\n    txt: typo\n", 8, "correction 1 has unknown key 'txt'"),
    ("corrections:\n  - just words\n", 8, "correction 1 must have 'date' and 'text'"),
    ("corrections: yes\n", 7, "'corrections' must be a list"),
    ("aliases: [/a/../b/]\n", 7, "alias '/a/../b/' is not a path"),
    ("event_date: someday\n", 7, "'event_date' is not a day"),
])
def test_bad_entries_are_one_line_errors_naming_file_and_line(tmp_path: Path, entry: str, line: int,
                                                              message: str) -> None:
    site = _site_with(tmp_path, entry)
    result = run_cli("build", "--site", site)
    assert result.returncode != 0
    found = [row for row in result.stderr.splitlines() if message in row]
    assert found and f"content/articles/2025/extra/port.md:{line}: " in found[0], result.stderr


def test_an_edit_after_publication_sets_modified_from_updated_not_build_time(tmp_path: Path) -> None:
    site = _site_with(tmp_path, "updated: 2025-03-05T08:00:00+00:00\n")
    assert run_cli("build", "--site", site).returncode == 0
    first = (site / "output" / "atom.xml").read_bytes()
    entries = {href: upd for href, _, upd in _atom_entries(first)}
    assert entries[f"https://example.org/news/{ROUTE}"] == "2025-03-05T08:00:00+00:00"
    shutil.rmtree(site / "output")
    shutil.rmtree(site / ".site-builder")
    assert run_cli("build", "--site", site).returncode == 0
    assert (site / "output" / "atom.xml").read_bytes() == first


TRUNCATED = """---
title: "Ferry service cut"
date: 2025-03-04T10:00:00+00:00
summary: "The island ferry will run twice a day from"
truncated: true
---
The island ferry will run twice a day from
"""


def test_a_truncated_teaser_ends_with_an_ellipsis_and_the_feed_says_it_is_an_excerpt(tmp_path: Path) -> None:
    site = _site_with(tmp_path, "")
    (site / "content" / "articles" / "2025" / "extra" / "ferry.md").write_text(TRUNCATED, encoding="utf-8")
    assert run_cli("build", "--site", site).returncode == 0
    out = site / "output"
    feed = json.loads((out / "feed.json").read_text(encoding="utf-8"))
    item = next(i for i in feed["items"] if i["title"] == "Ferry service cut")
    assert item["summary"] == "The island ferry will run twice a day from…"
    assert "This story is an excerpt" in item["content_html"]
    atom = (out / "atom.xml").read_text(encoding="utf-8")
    assert "The island ferry will run twice a day from…</summary>" in atom
    assert "The island ferry will run twice a day from…</p>" in (out / "index.html").read_text(encoding="utf-8")
