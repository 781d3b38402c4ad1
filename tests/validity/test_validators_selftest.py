"""The validators themselves: each accepts a known-good document and rejects known-bad ones.

Without these, a validator that returned [] for everything would make every validity test pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.validators import (validate_atom, validate_html, validate_json_feed, validate_robots,
                                validate_rss, validate_sitemap)

# HTML -------------------------------------------------------------------------------------------

GOOD_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Fine</title></head>
<body><main><h1>Fine</h1><p>A <a href="/x/">link</a>.</p></main></body></html>
"""
BAD_HTML = {
    "no-title": """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head><body><p>x</p></body></html>""",
    "stray-end-tag": GOOD_HTML.replace("</p>", "</p></span>"),
    "duplicate-id": GOOD_HTML.replace("<h1>", '<h1 id="a">').replace("<p>", '<p id="a">'),
    "bad-attribute": GOOD_HTML.replace('<a href="/x/">', '<a href="/x/" hreff="/y/">'),
}


def test_vnu_accepts_good_html_and_rejects_each_bad_page(tmp_path: Path) -> None:
    good = tmp_path / "good.html"
    good.write_text(GOOD_HTML, encoding="utf-8")
    paths = [good]
    for name, text in BAD_HTML.items():
        paths.append(tmp_path / f"{name}.html")
        paths[-1].write_text(text, encoding="utf-8")
    problems = validate_html(paths, root=tmp_path)   # one JVM for the whole batch
    files = {problem.split(":")[0] for problem in problems}
    assert files == {f"{name}.html" for name in BAD_HTML}, problems
    assert any("title" in p for p in problems if p.startswith("no-title.html"))
    assert any("Duplicate ID" in p for p in problems if p.startswith("duplicate-id.html"))
    assert all(p.split(":")[1].isdigit() for p in problems), problems   # "file:line: message"


def test_vnu_checks_css_and_svg_too(tmp_path: Path) -> None:
    (tmp_path / "good.css").write_text("a { color: red; }\n", encoding="utf-8")
    (tmp_path / "bad.css").write_text("a { colr: red; }\n", encoding="utf-8")
    (tmp_path / "bad.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><circel r="1"/></svg>',
                                      encoding="utf-8")
    problems = validate_html(sorted(tmp_path.iterdir()), root=tmp_path)
    assert {p.split(":")[0] for p in problems} == {"bad.css", "bad.svg"}, problems
    assert any("colr" in p for p in problems)


# RSS --------------------------------------------------------------------------------------------

GOOD_RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>News</title>
  <link>https://example.org/news/</link>
  <description>The news.</description>
  <atom:link href="https://example.org/news/feed.xml" rel="self" type="application/rss+xml"/>
  <lastBuildDate>Sat, 26 Apr 2025 08:00:00 +0000</lastBuildDate>
  <item>
    <title>One</title>
    <link>https://example.org/news/one.html</link>
    <guid isPermaLink="true">https://example.org/news/one.html</guid>
    <pubDate>Sat, 26 Apr 2025 08:00:00 +0000</pubDate>
  </item>
  <item>
    <description>Two, with no title.</description>
    <guid isPermaLink="false">tag:example.org,2025:two</guid>
  </item>
</channel>
</rss>
"""


def test_rss_accepts_a_good_feed() -> None:
    assert validate_rss(GOOD_RSS.encode()) == []


@pytest.mark.parametrize(("change", "expected"), [
    (("<description>The news.</description>", ""), "missing the required <description>"),
    (("<title>News</title>", ""), "missing the required <title>"),
    (('version="2.0"', 'version="0.91"'), "not '2.0'"),
    (("Sat, 26 Apr 2025 08:00:00 +0000</pubDate>", "2025-04-26T08:00:00Z</pubDate>"), "not an RFC 822 date"),
    (("Sat, 26 Apr 2025 08:00:00 +0000</pubDate>", "Mon, 26 Apr 2025 08:00:00 +0000</pubDate>"), "day of the week"),
    (("tag:example.org,2025:two", "https://example.org/news/one.html"), "duplicate guid"),
    (('<guid isPermaLink="false">tag:', "<guid>tag:"), "isPermaLink=true (the default) but is not a URL"),
    (('<atom:link href="https://example.org/news/feed.xml" rel="self" type="application/rss+xml"/>', ""),
     'atom:link rel="self"'),
    (("<link>https://example.org/news/one.html</link>", "<link>one.html</link>"), "not an absolute"),
    (("<item>", "<item><author>Jane Doe</author>", ), "must be an e-mail address"),
    (("<item>", "<item><headline>x</headline>"), "<headline> is not an element of RSS 2.0 <item>"),
    (("</channel>", "</chanel>"), "not well-formed"),
])
def test_rss_rejects(change: tuple[str, str], expected: str) -> None:
    bad = GOOD_RSS.replace(*change, 1)
    assert bad != GOOD_RSS
    problems = validate_rss(bad.encode())
    assert any(expected in p for p in problems), problems


def test_rss_item_needs_title_or_description() -> None:
    bad = GOOD_RSS.replace("<description>Two, with no title.</description>", "")
    assert any("needs a <title> or a <description>" in p for p in validate_rss(bad.encode()))


# Atom -------------------------------------------------------------------------------------------

GOOD_ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title type="text">dive into mark</title>
  <subtitle type="html">A &lt;em&gt;lot&lt;/em&gt; of effort went into making this effortless</subtitle>
  <updated>2005-07-31T12:29:29Z</updated>
  <id>tag:example.org,2003:3</id>
  <link rel="alternate" type="text/html" hreflang="en" href="http://example.org/"/>
  <link rel="self" type="application/atom+xml" href="http://example.org/feed.atom"/>
  <rights>Copyright (c) 2003, Mark Pilgrim</rights>
  <generator uri="http://www.example.com/" version="1.0">Example Toolkit</generator>
  <entry>
    <title>Atom draft-07 snapshot</title>
    <link rel="alternate" type="text/html" href="http://example.org/2005/04/02/atom"/>
    <link rel="enclosure" type="audio/mpeg" length="1337" href="http://example.org/audio/ph34r_my_podcast.mp3"/>
    <id>tag:example.org,2003:3.2397</id>
    <updated>2005-07-31T12:29:29Z</updated>
    <published>2003-12-13T08:29:29-04:00</published>
    <author><name>Mark Pilgrim</name><uri>http://example.org/</uri><email>f8dy@example.com</email></author>
    <category term="news" scheme="http://example.org/scheme/" label="News"/>
    <content type="xhtml" xml:lang="en" xml:base="http://diveintomark.org/">
      <div xmlns="http://www.w3.org/1999/xhtml"><p><i>[Update: The Atom draft is finished.]</i></p></div>
    </content>
    <ext:rating xmlns:ext="urn:example:ext" scale="5">4</ext:rating>
  </entry>
</feed>
"""


def test_atom_accepts_the_rfc_4287_example() -> None:
    assert validate_atom(GOOD_ATOM.encode()) == []


@pytest.mark.parametrize(("change", "expected"), [
    (("<id>tag:example.org,2003:3</id>", ""), "RFC 4287 schema"),                     # feed without id
    (("<updated>2005-07-31T12:29:29Z</updated>\n  <id>", "<id>"), "RFC 4287 schema"),  # feed without updated
    (("<title>Atom draft-07 snapshot</title>", ""), "RFC 4287 schema"),               # entry without title
    (("2003-12-13T08:29:29-04:00", "13 Dec 2003"), "RFC 4287 schema"),
    (("2003-12-13T08:29:29-04:00", "2003-12-13T08:29:29"), "not an RFC 3339 date-time"),  # no zone
    (('<content type="xhtml"', '<content type="xhtml" src="x"'), "RFC 4287 schema"),
    (("<div xmlns=\"http://www.w3.org/1999/xhtml\">", "<div>"), "RFC 4287 schema"),     # xhtml needs the div
    (("<author><name>Mark Pilgrim</name><uri>http://example.org/</uri><email>f8dy@example.com</email></author>", ""),
     "no <author>"),
    (("tag:example.org,2003:3.2397", "3.2397"), "not an absolute IRI"),
    (('<link rel="self"', '<link rel="alternate" type="text/html" hreflang="en" href="http://x/"/><link rel="self"'),
     "two <link rel=alternate>"),
    (("</feed>", "</feed"), "not well-formed"),
])
def test_atom_rejects(change: tuple[str, str], expected: str) -> None:
    bad = GOOD_ATOM.replace(*change, 1)
    assert bad != GOOD_ATOM
    problems = validate_atom(bad.encode())
    assert any(expected in p for p in problems), problems


def test_atom_rejects_duplicate_entry_ids() -> None:
    start, end = GOOD_ATOM.index("<entry>"), GOOD_ATOM.index("</entry>") + len("</entry>")
    bad = GOOD_ATOM[:end] + GOOD_ATOM[start:end] + GOOD_ATOM[end:]
    assert any("duplicate entry id" in p for p in validate_atom(bad.encode()))


def test_atom_entry_needs_content_or_alternate_link() -> None:
    bad = GOOD_ATOM.replace('<link rel="alternate" type="text/html" href="http://example.org/2005/04/02/atom"/>', "")
    start, end = bad.index("<content"), bad.index("</content>") + len("</content>")
    bad = bad[:start] + bad[end:]
    assert any("neither <content> nor <link rel=alternate>" in p for p in validate_atom(bad.encode()))


# JSON Feed --------------------------------------------------------------------------------------

GOOD_JSON = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "News",
    "home_page_url": "https://example.org/news/",
    "feed_url": "https://example.org/news/feed.json",
    "language": "en",
    "authors": [{"name": "Desk"}],
    "items": [
        {"id": "https://example.org/news/one.html", "url": "https://example.org/news/one.html",
         "title": "One", "content_html": "<p>One</p>", "date_published": "2025-04-26T08:00:00+00:00",
         "tags": ["Politics"], "_ext": {"x": 1}},
        {"id": "2", "content_text": "Two"},
    ],
}


def test_json_feed_accepts_a_good_feed() -> None:
    assert validate_json_feed(json.dumps(GOOD_JSON).encode()) == []


def _spoil(path: tuple, value: object) -> dict:
    feed = json.loads(json.dumps(GOOD_JSON))
    target = feed
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return feed


@pytest.mark.parametrize(("path", "value", "expected"), [
    (("version",), "https://jsonfeed.org/version/2", "version must be"),
    (("title",), KeyError, "title is required"),
    (("items",), KeyError, "items is required"),
    (("items", 0, "id"), 1, "id is required and must be a non-empty string"),
    (("items", 1, "id"), "https://example.org/news/one.html", "duplicate id"),
    (("items", 1, "content_text"), KeyError, "content_html or content_text is required"),
    (("items", 0, "date_published"), "26 April 2025", "not an RFC 3339 date-time"),
    (("items", 0, "tags"), "Politics", "tags must be an array of strings"),
    (("items", 0, "url"), "one.html", "should be an absolute URL"),
    (("author_name",), "x", "unknown key 'author_name'"),
    (("authors",), [{}], "each author needs"),
])
def test_json_feed_rejects(path: tuple, value: object, expected: str) -> None:
    problems = validate_json_feed(json.dumps(_spoil(path, value)).encode())
    assert any(expected in p for p in problems), problems


def test_json_feed_rejects_broken_json() -> None:
    assert validate_json_feed(b'{"version": ')[0].startswith("not valid JSON")


# Sitemaps ---------------------------------------------------------------------------------------

GOOD_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://example.org/news/</loc><lastmod>2025-04-26T08:00:00+00:00</lastmod></url>
  <url><loc>https://example.org/news/one.html</loc><lastmod>2025-04-26</lastmod>
    <changefreq>daily</changefreq><priority>0.5</priority>
    <news:news>
      <news:publication><news:name>News</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2025-04-26T08:00:00+00:00</news:publication_date>
      <news:title>One</news:title>
    </news:news>
  </url>
</urlset>
"""
GOOD_INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://example.org/news/sitemap-1.xml</loc><lastmod>2025-04-26</lastmod></sitemap>
  <sitemap><loc>https://example.org/news/sitemap-2.xml</loc></sitemap>
</sitemapindex>
"""


def test_sitemaps_accept_good_ones() -> None:
    assert validate_sitemap(GOOD_SITEMAP.encode()) == []
    assert validate_sitemap(GOOD_INDEX.encode()) == []


@pytest.mark.parametrize(("change", "expected"), [
    (("<lastmod>2025-04-26</lastmod>", "<lastmod>26/04/2025</lastmod>"), "sitemap.xsd"),
    (("<priority>0.5</priority>", "<priority>2</priority>"), "sitemap.xsd"),
    (("<changefreq>daily</changefreq>", "<changefreq>often</changefreq>"), "sitemap.xsd"),
    (("<loc>https://example.org/news/</loc>", "<loc>/news/</loc>"), "not an absolute"),
    # the same <loc> twice
    (("<loc>https://example.org/news/one.html</loc>", "<loc>https://example.org/news/</loc>"), "sitemap.xsd"),
    (("<news:title>One</news:title>", ""), "sitemap.xsd"),
    (("<news:language>en</news:language>", "<news:language>English</news:language>"), "sitemap.xsd"),
    (('xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"', 'xmlns="http://www.google.com/schemas/sitemap/0.84"'),
     "neither sitemaps.org"),
    (("</urlset>", "<url><lastmod>2025-04-26</lastmod></url></urlset>"), "sitemap.xsd"),   # no loc
])
def test_sitemap_rejects(change: tuple[str, str], expected: str) -> None:
    bad = GOOD_SITEMAP.replace(*change, 1)
    assert bad != GOOD_SITEMAP
    problems = validate_sitemap(bad.encode())
    assert any(expected in p for p in problems), problems


def test_an_empty_urlset_is_invalid() -> None:
    """sitemaps.org's schema requires at least one <url>."""
    empty = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>'
    assert any("sitemap.xsd" in p for p in validate_sitemap(empty.encode()))


def test_sitemap_index_rejects() -> None:
    bad = GOOD_INDEX.replace("<sitemap><loc>https://example.org/news/sitemap-2.xml</loc></sitemap>",
                             "<sitemap><lastmod>2025-04-26</lastmod></sitemap>")
    assert any("siteindex.xsd" in p for p in validate_sitemap(bad.encode()))


# robots.txt -------------------------------------------------------------------------------------

def test_robots() -> None:
    good = "User-agent: *\nAllow: /\n\nSitemap: https://example.org/news/sitemap.xml\n"
    assert validate_robots(good, "https://example.org/news/") == []
    assert validate_robots(good.replace("https://example.org/news/sitemap.xml", "/news/sitemap.xml"),
                           "https://example.org/news/")
    assert validate_robots("User-agent: *\nDisallow: /\n", "https://example.org/news/")
    assert validate_robots("User agent *\n", "https://example.org/news/")


# A missing validator ----------------------------------------------------------------------------

def test_a_missing_vnu_skips_on_a_dev_box_but_fails_where_validators_are_required(monkeypatch, tmp_path) -> None:
    from support import validators

    monkeypatch.setattr(validators, "VNU_JAR", tmp_path / "nope.jar")
    monkeypatch.setattr(validators, "INSTALLED_STAMP", tmp_path / "no-stamp")
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("SB_REQUIRE_VALIDATORS", raising=False)
    with pytest.raises(pytest.skip.Exception):
        validators.vnu_jar()
    monkeypatch.setenv("SB_REQUIRE_VALIDATORS", "1")
    with pytest.raises(pytest.fail.Exception):
        validators.vnu_jar()
    monkeypatch.delenv("SB_REQUIRE_VALIDATORS")
    (tmp_path / "no-stamp").touch()           # scripts/install-test-deps.sh ran here
    with pytest.raises(pytest.fail.Exception):
        validators.vnu_jar()
