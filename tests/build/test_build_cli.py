"""The build, end to end through the CLI, on a fixture site of hand-written articles."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import lxml.etree
import lxml.html
import pytest

from tests.support.sites import make_site, run_cli


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def html_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def test_summary_line_and_required_files(built):
    site, result = built
    assert re.search(r"built \d+ stories: \d+ pages, \d+ feeds; .* in [\d.]+ s", result.stdout)
    out = site / "output"
    for name in ("index.html", "404.html", ".nojekyll", "robots.txt", "sitemap.xml", "feed.xml", "atom.xml",
                 "feed.json", "topics/index.html", "regions/index.html", "editions/index.html",
                 "topics/politics/index.html", "topics/politics/feed.xml", "topics/politics/atom.xml",
                 "regions/europe/feed.xml", "editions/2025-03-01/index.html", "static/style.css"):
        assert (out / name).is_file(), name


def test_drafts_are_not_published_and_future_stories_are_reported(built):
    site, result = built
    out = site / "output"
    everything = "".join(p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*") if p.is_file())
    assert "Unpublished draft" not in everything
    assert "far in the future" not in everything
    assert "held back" in result.stdout + result.stderr
    assert "future-story.md" in result.stderr


def test_chinese_title_gets_a_readable_ascii_slug(built):
    site, _ = built
    pages = list((site / "output" / "2025" / "03" / "02").glob("*.html"))
    names = sorted(p.name for p in pages)
    assert any(name.startswith("tai-wan") for name in names), names
    page = next(p for p in pages if p.name.startswith("tai-wan"))
    assert "台灣晶片出口創新高" in page.read_text(encoding="utf-8")


def test_titles_that_slug_alike_get_two_pages(built):
    site, result = built
    day = site / "output" / "2025" / "03" / "03"
    assert (day / "port-strike-talks-resume.html").is_file()
    assert (day / "port-strike-talks-resume-2.html").is_file()
    assert "port-strike-talks-resume-2" in result.stderr  # said, not silent


def test_every_link_is_under_the_path_prefix(built):
    site, _ = built
    out = site / "output"
    for page in html_pages(out):
        doc = lxml.html.fromstring(page.read_bytes())
        page_url = "/news/" + page.relative_to(out).as_posix()
        for element, attribute, link, _ in doc.iterlinks():
            if link.startswith(("http://", "https://", "mailto:", "#", "data:")):
                continue
            # Theme links are root-relative with the prefix; a story may link relatively.
            resolved = urljoin(page_url, link)
            assert resolved.startswith("/news/"), f"{page}: {element.tag} {attribute}={link}"
            if "/" in link and not link.startswith("/"):
                target = out / resolved.removeprefix("/news/").split("#")[0]
                assert target.is_file(), f"{page}: {link} leads nowhere"


def test_front_page_is_paginated_newest_edition_first(built):
    site, _ = built
    out = site / "output"
    first = lxml.html.fromstring((out / "index.html").read_bytes())
    titles = [a.text_content().strip() for a in first.cssselect("article h2 a")]
    assert len(titles) == 3
    assert "Port Strike" in titles[0] or "Port strike" in titles[0] or "Council row" in titles[0]
    assert (out / "page" / "2" / "index.html").is_file()
    assert (out / "page" / "3" / "index.html").is_file()


def test_hostile_text_is_escaped_everywhere(built):
    site, _ = built
    out = site / "output"
    for page in html_pages(out):
        doc = lxml.html.fromstring(page.read_bytes())
        for script in doc.iter("script"):
            if script.get("type") == "application/ld+json":
                # Structured data may carry the title, but as JSON that cannot close the element.
                json.loads(script.text)
                assert "<" not in script.text, page
            else:
                assert "alert" not in (script.text or ""), page
        for element in doc.iter():
            for name, value in element.attrib.items():
                assert not name.startswith("on"), f"{page}: {element.tag} has {name}"
                assert not value.strip().lower().startswith("javascript:"), f"{page}: {name}={value}"
    for feed in ("feed.xml", "atom.xml", "topics/politics/feed.xml"):
        lxml.etree.parse(str(out / feed))  # well-formed XML
    json.loads((out / "feed.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["feed.xml", "atom.xml", "topics/politics/feed.xml", "topics/politics/atom.xml",
                                  "regions/europe/feed.xml", "regions/east-asia/atom.xml"])
def test_feeds_parse_newest_first_with_absolute_links_and_unique_ids(built, name):
    site, _ = built
    parsed = feedparser.parse((site / "output" / name).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    entries = parsed.entries
    assert entries
    dates = [e.published_parsed for e in entries]
    assert dates == sorted(dates, reverse=True)
    ids = [e.id for e in entries]
    assert len(ids) == len(set(ids))
    for entry in entries:
        assert entry.link.startswith("https://example.org/news/")
        for content in entry.get("content", []):
            for link in re.findall(r'(?:href|src)="([^"]+)"', content.value):
                assert link.startswith(("https://", "http://")), link
    assert any(link.rel == "self" for link in parsed.feed.links)


def test_feed_items_carry_iptc_categories(built):
    site, _ = built
    atom = lxml.etree.parse(str(site / "output" / "topics" / "politics" / "atom.xml"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    schemes = {c.get("scheme") for c in atom.iterfind(".//a:entry/a:category", ns)}
    assert "http://cv.iptc.org/newscodes/mediatopic/11000000" in schemes


def test_pages_announce_their_feeds(built):
    site, _ = built
    out = site / "output"
    home = lxml.html.fromstring((out / "index.html").read_bytes())
    alternates = {l.get("href") for l in home.cssselect('link[rel="alternate"]')}
    assert "https://example.org/news/feed.xml" in alternates and "https://example.org/news/atom.xml" in alternates
    topic = lxml.html.fromstring((out / "topics" / "sport" / "index.html").read_bytes())
    alternates = {l.get("href") for l in topic.cssselect('link[rel="alternate"]')}
    assert "https://example.org/news/topics/sport/feed.xml" in alternates


def test_sitemap_and_robots(built):
    site, _ = built
    out = site / "output"
    sitemap = lxml.etree.parse(str(out / "sitemap.xml"))
    locs = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://example.org/news/" in locs
    for loc in locs:
        assert loc.startswith("https://example.org/news/")
        rel = loc.removeprefix("https://example.org/news/")
        assert (out / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)).is_file(), loc
    assert "Sitemap: https://example.org/news/sitemap.xml" in (out / "robots.txt").read_text()


def test_truncated_story_is_shown_as_an_excerpt(built):
    site, _ = built
    page = (site / "output" / "2025" / "03" / "02" / "storm-warning-for-the-west-coast.html").read_text(encoding="utf-8")
    assert "…" in page


def test_two_builds_are_byte_identical(tmp_path):
    a = make_site(tmp_path / "a")
    assert run_cli("build", "--site", a).returncode == 0
    second = run_cli("build", "--site", a, "--output", tmp_path / "out2", "--jobs", "1")
    assert second.returncode == 0, second.stderr
    assert tree_digest(a / "output") == tree_digest(tmp_path / "out2")


def test_second_build_writes_nothing(tmp_path):
    site = make_site(tmp_path / "s")
    assert run_cli("build", "--site", site).returncode == 0
    before = {p: p.stat().st_mtime_ns for p in (site / "output").rglob("*")}
    again = run_cli("build", "--site", site)
    assert "wrote 0, removed 0" in again.stdout
    assert {p: p.stat().st_mtime_ns for p in (site / "output").rglob("*")} == before


def test_a_failing_build_leaves_the_previous_output(tmp_path):
    site = make_site(tmp_path / "s")
    assert run_cli("build", "--site", site).returncode == 0
    before = tree_digest(site / "output")
    (site / "content" / "articles" / "2025" / "2025-03-01" / "cup-final.md").write_text(
        "---\ntitle: [unclosed\ndate: 2025-03-01\n---\nbody\n", encoding="utf-8")
    (site / "content" / "articles" / "2025" / "2025-03-02" / "new.md").write_text(
        "---\ntitle: A new story\ndate: 2025-03-02\n---\nNew.\n", encoding="utf-8")
    failed = run_cli("build", "--site", site)
    assert failed.returncode == 1
    # YAML finds the unclosed bracket on line 3; the message points back at line 2, where it opened.
    assert "cup-final.md:3" in failed.stderr and "began on line 2" in failed.stderr
    assert tree_digest(site / "output") == before
    assert not list(tmp_path.glob("s/.output.staging*"))


def test_a_template_error_names_the_template_and_keeps_the_output(tmp_path):
    site = make_site(tmp_path / "s")
    assert run_cli("build", "--site", site).returncode == 0
    before = tree_digest(site / "output")
    (site / "templates").mkdir()
    (site / "templates" / "article.html").write_text('{% extends "base.html" %}\n{% block content %}\n'
                                                     "{{ article.title | nosuchfilter }}\n{% endblock %}\n")
    failed = run_cli("build", "--site", site)
    assert failed.returncode == 1
    assert "article.html" in failed.stderr and "nosuchfilter" in failed.stderr
    assert tree_digest(site / "output") == before


def test_site_templates_override_the_theme(tmp_path):
    site = make_site(tmp_path / "s")
    (site / "templates").mkdir()
    (site / "templates" / "404.html").write_text('{% extends "base.html" %}{% block content %}'
                                                 "<h1>Our own lost page</h1>{% endblock %}")
    assert run_cli("build", "--site", site).returncode == 0
    assert "Our own lost page" in (site / "output" / "404.html").read_text()


def test_base_url_moves_every_link(tmp_path):
    site = make_site(tmp_path / "s")
    result = run_cli("build", "--site", site, "--base-url", "https://someone.github.io/gazette")
    assert result.returncode == 0, result.stderr
    home = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert 'href="/gazette/' in home and 'href="/news/' not in home
    assert "https://someone.github.io/gazette/feed.xml" in home


def test_explicit_slugs_on_one_path_are_an_error(tmp_path):
    site = make_site(tmp_path / "s")
    day = site / "content" / "articles" / "2025" / "2025-03-01"
    for name in ("one.md", "two.md"):
        (day / name).write_text("---\ntitle: Same\nslug: same-page\ndate: 2025-03-01T10:00:00Z\n---\nx\n")
    result = run_cli("build", "--site", site)
    assert result.returncode == 1
    assert "one.md" in result.stderr and "two.md" in result.stderr and "same-page" in result.stderr


def test_stale_pages_are_removed(tmp_path):
    site = make_site(tmp_path / "s")
    assert run_cli("build", "--site", site).returncode == 0
    page = site / "output" / "2025" / "03" / "01" / "harbour-united-win-the-cup-in-extra-time.html"
    assert page.is_file()
    (site / "content" / "articles" / "2025" / "2025-03-01" / "cup-final.md").unlink()
    result = run_cli("build", "--site", site)
    assert result.returncode == 0
    assert not page.exists()
    assert not (site / "output" / "topics" / "sport").exists()
    assert "Harbour United" not in (site / "output" / "feed.xml").read_text(encoding="utf-8")


def test_config_errors_are_reported_together(tmp_path):
    site = make_site(tmp_path / "s")
    config = site / "config.yaml"
    config.write_text(config.read_text().replace("timezone:", "timezon:").replace("items_per_page: 3",
                                                                                   "items_per_page: many"))
    result = run_cli("build", "--site", site)
    assert result.returncode == 1
    assert "did you mean 'timezone'" in result.stderr
    assert "items_per_page" in result.stderr
    assert "'timezone': is required" in result.stderr


def test_warnings_about_a_file_repeat_until_it_is_fixed(tmp_path):
    site = make_site(tmp_path / "s")
    story = site / "content" / "articles" / "2025" / "2025-03-02" / "untitled.md"
    story.write_text("---\ndate: 2025-03-02\ntopics: politics\n---\nA story with no title.\n", encoding="utf-8")
    first = run_cli("build", "--site", site)
    assert first.returncode == 0 and "untitled.md" in first.stderr
    # Nothing changed: the fast path still reports it.
    assert "untitled.md" in run_cli("build", "--site", site).stderr
    # Another file changed: the untitled story is not re-read, but its warning stays.
    other = site / "content" / "articles" / "2025" / "2025-03-01" / "cup-final.md"
    other.write_text(other.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert "untitled.md" in run_cli("build", "--site", site).stderr
    story.write_text("---\ntitle: Now titled\ndate: 2025-03-02\ntopics: [politics]\n---\nFixed.\n", encoding="utf-8")
    assert "untitled.md" not in run_cli("build", "--site", site).stderr
