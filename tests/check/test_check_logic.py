"""The pure parts of site_builder.check: URL resolution under a prefix, and page scanning."""

from __future__ import annotations

import pytest

from site_builder.check import Resolver, scan_html

FILES = {"index.html", "topics/index.html", "topics/politics/index.html", "2025/03/01/a.html",
         "feed.xml", "static/style.css", "caf\u00e9/index.html"}


@pytest.fixture
def resolver() -> Resolver:
    return Resolver("https://example.org/news/", set(FILES))


PAGE = "/news/2025/03/01/a.html"


@pytest.mark.parametrize(("url", "file"), [
    ("/news/", "index.html"),
    ("/news/topics/", "topics/index.html"),
    ("/news/topics", "topics/index.html"),                  # GitHub Pages redirects to the slash
    ("/news/topics/politics/?page=2#top", "topics/politics/index.html"),
    ("https://example.org/news/feed.xml", "feed.xml"),
    ("http://EXAMPLE.org/news/feed.xml", "feed.xml"),       # scheme and host case don't matter
    ("//example.org/news/feed.xml", "feed.xml"),
    ("../../../topics/", "topics/index.html"),              # relative to the page
    ("a.html", "2025/03/01/a.html"),
    ("/news/caf%C3%A9/", "caf\u00e9/index.html"),            # percent-decoded
    ("/news/static/./style.css", "static/style.css"),
])
def test_internal_urls_resolve_to_files(resolver: Resolver, url: str, file: str) -> None:
    target = resolver.resolve(url, PAGE)
    assert (target.kind, target.file) == ("file", file)


@pytest.mark.parametrize(("url", "kind"), [
    ("/news/topics/sport/", "missing"),
    ("/news/feed.xml/", "missing"),
    ("/topics/", "outside"),
    ("/newsroom/", "outside"),                               # shares the prefix's letters, not its path
    ("https://example.org/", "outside"),
    ("../../../../x/", "outside"),
    ("https://example.com/news/", "external"),
    ("https://example.org:8443/news/", "external"),
    ("mailto:desk@example.org", "skip"),
    ("javascript:void(0)", "skip"),
    ("data:image/png;base64,AAAA", "skip"),
])
def test_other_urls(resolver: Resolver, url: str, kind: str) -> None:
    assert resolver.resolve(url, PAGE).kind == kind


def test_fragments_are_kept_decoded(resolver: Resolver) -> None:
    assert resolver.resolve("/news/topics/#caf%C3%A9", PAGE).fragment == "caf\u00e9"
    same_page = resolver.resolve("#x", PAGE)
    assert (same_page.kind, same_page.file, same_page.fragment) == ("file", "", "x")


def test_a_site_at_the_root_of_its_origin() -> None:
    root = Resolver("https://news.example.org/", set(FILES))
    assert root.resolve("/topics/", "/").file == "topics/index.html"
    assert root.resolve("/anything/", "/").kind == "missing"


def test_scan_html_finds_ids_urls_and_lines() -> None:
    page = scan_html(b"""<!doctype html>
<html><head><link rel="stylesheet" href="/s.css"><meta property="og:image" content="https://x/i.png">
</head><body>
<h2 id="a">A</h2><a name="legacy"></a>
<img src="/i.png" srcset="/i-1.png 1x, /i-2.png 2x">
<a href="#a">a</a><p id="a">dup</p>
</body></html>""")
    assert page.ids == {"a", "legacy"}
    assert page.duplicate_ids == ("a",)
    assert [url for _line, url in page.refs] == ["/s.css", "https://x/i.png", "/i.png", "/i-1.png", "/i-2.png", "#a"]
    assert dict((url, line) for line, url in page.refs)["#a"] == 6


def test_scan_html_survives_garbage() -> None:
    assert scan_html(b"").refs == ()
    assert scan_html(b"\x00\xff<<<>>>").ids == frozenset()


def test_scanning_over_processes_gives_the_same_pages(tmp_path, monkeypatch) -> None:
    """Big sites are scanned by a process pool; the result must not depend on it."""
    from site_builder import check

    files = []
    for number in range(30):
        name = f"p{number}/index.html"
        (tmp_path / f"p{number}").mkdir()
        (tmp_path / name).write_text(f'<p id="n{number}"><a href="/p{number + 1}/">next</a></p>', encoding="utf-8")
        files.append(name)
    alone = check.scan_pages(tmp_path, files, jobs=1)
    monkeypatch.setattr(check, "_PARALLEL_FROM", 0)
    pooled = check.scan_pages(tmp_path, files, jobs=2)
    assert pooled == alone
    assert pooled["p3/index.html"].refs == ((1, "/p4/"),)


def test_scan_html_reads_urls_from_json_ld() -> None:
    page = scan_html(b"""<html><head><script type="application/ld+json">
{"@type": "NewsArticle", "url": "https://example.org/news/a.html", "sameAs": "https://elsewhere.example/",
 "image": ["https://example.org/news/i.png"], "publisher": {"logo": {"url": "https://example.org/news/l.png"}},
 "mainEntityOfPage": {"@id": "https://example.org/news/a.html"}, "headline": "https://not-a-link.example/"}
</script><script type="application/ld+json">{broken</script></head><body></body></html>""")
    assert sorted(url for _line, url in page.refs) == ["https://example.org/news/a.html", "https://example.org/news/a.html",
                                                      "https://example.org/news/i.png", "https://example.org/news/l.png"]
    assert page.broken_json_ld == (5,)
