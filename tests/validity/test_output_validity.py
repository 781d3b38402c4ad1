"""Everything a build writes is valid by the real validators: every HTML page (Nu HTML Checker),
every RSS, Atom and JSON feed, the sitemaps and robots.txt; for the fixture site and for the
repository's own example site. And, served under its path prefix as GitHub Pages would, every URL
the sitemap and the feeds name answers 200.
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlsplit

import pytest
from lxml import etree

from support.static_server import serve_site
from support.validators import (validate_atom, validate_html, validate_json_feed, validate_robots,
                                validate_rss, validate_sitemap)

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(params=["fixture_site", "example_site"], scope="module")
def site(request: pytest.FixtureRequest):
    return request.getfixturevalue(request.param)


def _files(output: Path, pattern: str) -> list[Path]:
    return sorted(p for p in output.rglob(pattern) if not p.relative_to(output).as_posix().startswith("pagefind/"))


def _report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{name}: {p}" for name, found in problems.items() for p in found)


def test_every_html_page_is_valid_html(site) -> None:
    pages = _files(site.output, "*.html")
    assert len(pages) > 5
    problems = validate_html(pages, root=site.output)
    assert problems == [], "\n".join(problems)


def test_the_stylesheets_and_svg_images_are_valid(site) -> None:
    assets = _files(site.output, "*.css") + _files(site.output, "*.svg")
    assert any(a.suffix == ".css" for a in assets)
    problems = validate_html(assets, root=site.output)
    assert problems == [], "\n".join(problems)


def test_every_rss_feed_is_valid(site) -> None:
    feeds = _files(site.output, "feed.xml")
    problems = {f.relative_to(site.output).as_posix(): validate_rss(f.read_bytes()) for f in feeds}
    assert "feed.xml" in problems
    assert not any(problems.values()), _report(problems)


def test_every_atom_feed_is_valid(site) -> None:
    feeds = _files(site.output, "atom.xml")
    problems = {f.relative_to(site.output).as_posix(): validate_atom(f.read_bytes()) for f in feeds}
    assert "atom.xml" in problems
    assert not any(problems.values()), _report(problems)


def test_every_topic_and_region_has_its_feeds(site) -> None:
    terms = [p.parent for kind in ("topics", "regions") for p in (site.output / kind).glob("*/index.html")]
    assert terms
    missing = [f"{t.relative_to(site.output)}/{name}" for t in terms for name in ("feed.xml", "atom.xml")
               if not (t / name).is_file()]
    assert missing == []


def test_the_json_feed_is_valid(site) -> None:
    data = (site.output / "feed.json").read_bytes()
    assert validate_json_feed(data) == []
    assert json.loads(data)["items"], "the site's JSON Feed has no items"


def test_the_sitemaps_are_valid(site) -> None:
    sitemaps = [f for f in _files(site.output, "*.xml")
                if etree.parse(str(f)).getroot().tag in (SITEMAP_NS + "urlset", SITEMAP_NS + "sitemapindex")]
    names = {f.relative_to(site.output).as_posix() for f in sitemaps}
    assert "sitemap.xml" in names
    problems = {f.relative_to(site.output).as_posix(): validate_sitemap(f.read_bytes()) for f in sitemaps}
    assert not any(problems.values()), _report(problems)


def test_robots_txt_is_valid_and_names_the_sitemap(site) -> None:
    text = (site.output / "robots.txt").read_text(encoding="utf-8")
    assert validate_robots(text, site.site_url) == []
    assert f"Sitemap: {site.site_url}sitemap.xml" in text


def _urls_to_fetch(site) -> set[str]:
    """Every page the sitemaps list and every link of every feed, as absolute URLs."""
    urls: set[str] = set()
    for f in _files(site.output, "*.xml"):
        root = etree.parse(str(f)).getroot()
        urls |= {(loc.text or "").strip() for loc in root.iter(SITEMAP_NS + "loc")}
        urls |= {(link.text or "").strip() for link in root.iter("link")}                       # RSS
        urls |= {link.get("href", "") for link in root.iter("{http://www.w3.org/2005/Atom}link")}
    feed = json.loads((site.output / "feed.json").read_bytes())
    urls |= {feed.get("home_page_url", ""), feed.get("feed_url", "")}
    urls |= {item["url"] for item in feed["items"] if "url" in item}
    return {u for u in urls if u.startswith(site.site_url)}


def test_served_under_its_prefix_every_listed_url_answers(site) -> None:
    """What the sitemaps and feeds promise exists when the site is served like GitHub Pages."""
    prefix = urlsplit(site.site_url).path
    with serve_site(site.output, prefix) as server:
        failures = []
        for url in sorted(_urls_to_fetch(site)):
            local = server.origin + urlsplit(url).path
            try:
                with urllib.request.urlopen(local, timeout=10) as response:
                    status = response.status
            except HTTPError as exc:
                status = exc.code
            if status != 200:
                failures.append(f"{status} {url}")
        assert server.requests, "nothing was fetched"
    assert failures == []
