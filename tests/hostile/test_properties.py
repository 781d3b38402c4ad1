"""Properties, with hypothesis, in-process for speed:

- any Unicode digest goes through ingest's pure stages without a crash, every non-blank line lands
  in exactly one story, and every article file ingest would write parses back;
- any front-matter text values give pages with exactly the structure of plain values (nothing
  injected), feeds and sitemaps that are well-formed XML with the text round-tripping, and a
  feed.json that is valid JSON.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from tests.hostile.conftest import unsafe_html
from tests.support.sites import FIXTURE_SITE, THEME

EDITION = date(2025, 4, 26)
# Any character but surrogates (which no UTF-8 file can hold), weighted towards the troublesome.
TROUBLE = st.sampled_from(list("<>&\"'\\/:;=`\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\xa0\u2028\u2029\u200b\u200e"
                               "\u200f\u202a\u202e\u2066\u2069\ufeff\ufffe\uffff\r\n\t #*_[]()!-|") +
                          ["javascript:", "<script>", "</script>", "\"><img src=x onerror=alert(1)>", "]]>",
                           "<!--", "&amp;", "&#0;", "\U0001f600", "中文", "Ελληνικά", "عربى"])
ANY_CHAR = st.characters(blacklist_categories=("Cs",))
TEXT = st.lists(st.one_of(ANY_CHAR, TROUBLE), max_size=40).map("".join)


def _config(tmp: Path):
    from site_builder.config import load_config

    return load_config(FIXTURE_SITE)


# ---- ingest ---------------------------------------------------------------------------------

LINE = st.one_of(TEXT, st.just(""), st.just("Photo: CNA"), st.just("(Photo: Reuters)"),
                 st.just("Taipei, April 25 (CNA) The Legislative Yuan passed the bill on Friday."))
DIGEST = st.lists(LINE, max_size=25).flatmap(
    lambda lines: st.sampled_from(["\n", "\r\n", "\r"]).map(lambda nl: nl.join(lines)))


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=DIGEST)
def test_any_digest_segments_without_loss_and_writes_parseable_articles(text: str):
    from zoneinfo import ZoneInfo

    from site_builder.content import parse_article
    from site_builder.errors import ContentError
    from site_builder.ingest.digest import split_lines
    from site_builder.ingest.segment import segment
    from site_builder.ingest.story import build_story
    from site_builder.ingest.article_files import article_body, front_matter, render_article

    config = _CONFIG
    lines = split_lines(text)
    segments = segment(lines)
    numbers = [line.number for seg in segments for line in seg.lines]
    from tests.support.story_lines import story_line_numbers
    assert numbers == story_line_numbers(lines), "a line was lost or repeated"
    tz = ZoneInfo(config.timezone)
    for n, seg in enumerate(segments):
        story = build_story(seg, EDITION, config.topics, config.regions)
        meta = front_matter(story, digest_name="2025-04-26.txt", edition=EDITION, slug=f"s-{n}", tz=tz)
        data = render_article(meta, article_body(story))
        try:
            article, _ = parse_article(f"s-{n}.md", data, tz)
        except ContentError as exc:
            pytest.fail(f"ingest wrote an article the build cannot read: {exc}\n{data!r}")
        assert article.source is not None and article.source.first_line == seg.first


@settings(max_examples=1000, deadline=None)
@given(data=st.binary(max_size=200) | st.lists(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xe9", b"\x00",
                                                                   b"ok", b"\r", b"\n", "é".encode()]),
                                                  max_size=20).map(b"".join))
def test_any_bytes_decode_or_give_a_digest_error_naming_a_line(data: bytes):
    from site_builder.errors import DigestError
    from site_builder.ingest.digest import decode_digest

    try:
        decode_digest(data, "d.txt")
    except DigestError as exc:
        assert exc.line is not None and 1 <= exc.line <= data.count(b"\n") + data.count(b"\r") + 1


# ---- front-matter values -> HTML and XML -----------------------------------------------------

def _yaml_quote(value: str) -> str:
    """A YAML double-quoted scalar holding exactly value: everything but plain ASCII escaped."""
    out = []
    for char in value:
        code = ord(char)
        if 0x20 <= code < 0x7f and char not in "\"\\":
            out.append(char)
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


FIELDS = ("title", "kicker", "deck", "summary", "photo_credit")
LISTS = ("people", "organizations", "topics", "regions")
_CONFIG = _config(Path("."))
_ENV: list = []


def _renderer(model):
    """A Renderer sharing one compiled Jinja environment across examples (compiling is slow)."""
    from site_builder import render

    if not _ENV:
        _ENV.append(render.make_environment(_config_with_theme()))
    original = render.make_environment
    render.make_environment = lambda config: _ENV[0]
    try:
        return render.Renderer(model, _config_with_theme(), {})
    finally:
        render.make_environment = original


def _config_with_theme():
    return replace(_CONFIG, theme_dir=THEME)


def _structure(html: bytes) -> list[tuple[str, tuple[str, ...]]]:
    """The elements and attribute names of a page, less what the theme shows or hides by content:
    the summary is a standfirst only when the body does not already begin with it, and data-*
    attributes (Pagefind's hints) follow from that. Neither can carry script."""
    doc = lxml.html.fromstring(html)
    return [(el.tag, tuple(sorted(a for a in el.attrib if not a.startswith("data-"))))
            for el in doc.iter() if isinstance(el.tag, str) and "standfirst" not in (el.get("class") or "")]


def _render_site(article):
    from site_builder.models import Article
    from site_builder.plan import FeedSpec, PageSpec, SitemapSpec, plan_site
    from site_builder.taxonomy import build_site_model

    plain = Article(path="content/articles/plain.md", slug="plain-story", title="Plain story",
                    date=datetime(2025, 4, 25, 8, tzinfo=timezone.utc), edition=date(2025, 4, 25),
                    topics=("politics",), body="Plain.\n", content_hash="plain")
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    model, _ = build_site_model((article, plain), _config_with_theme(), now)
    renderer = _renderer(model)
    rendered = {}
    for output in plan_site(model, _config_with_theme(), "key", (), now=now):
        spec = output.spec
        # The story's own page, the front page, the site's feeds and the sitemap: where every field
        # shows. (Term pages are covered through the CLI in test_injection.py.)
        wanted = (isinstance(spec, PageSpec) and (spec.kind == "article" or output.route == "")) \
            or (isinstance(spec, FeedSpec) and spec.term is None) or isinstance(spec, SitemapSpec)
        if wanted:
            rendered[output.file] = renderer.render(output)
    return model, rendered


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=st.fixed_dictionaries({f: TEXT for f in FIELDS}),
       lists=st.fixed_dictionaries({f: st.lists(TEXT, max_size=2) for f in LISTS}),
       body=TEXT)
# Two spellings of one name (an invisible format character): one link on the page, one stand-in.
@example(values={f: "x" for f in FIELDS}, lists={"people": [], "organizations": ["0", "0\u200b"], "topics": [],
                                                 "regions": []}, body="b")
# A summary that repeats the title and then says more: its plain stand-in must say more too.
@example(values={**{f: "" for f in FIELDS}, "title": "1", "summary": "\"><img src=x onerror=alert(1)>!\r0"},
         lists={"people": [], "organizations": [], "topics": [], "regions": []}, body="")
def test_any_front_matter_text_gives_valid_html_and_xml(values, lists, body):
    from zoneinfo import ZoneInfo

    from site_builder.content import parse_article
    from site_builder.errors import FrontMatterError

    lines = ["---", "date: 2025-04-26T09:00:00+00:00"]
    lines += [f"{key}: {_yaml_quote(value)}" for key, value in values.items()]
    lines += [f"{key}: [{', '.join(_yaml_quote(v) for v in items)}]" for key, items in lists.items()]
    data = ("\n".join(lines) + "\n---\n" + body + "\n").encode("utf-8")
    try:
        article, _ = parse_article("content/articles/hostile.md", data, ZoneInfo(_CONFIG.timezone))
    except FrontMatterError:
        return  # refused with a message naming the file: allowed, never a crash
    model, pages = _render_site(article)
    # The same story with plain text in every field: the pages must have the same elements.
    # ... keeping whether the summary and deck repeat the title, which decides whether they show.
    from site_builder.repeats import says_same, shown_summary
    repeats = says_same(article.title, article.summary)
    summary = ("" if not article.summary else "x" if repeats and not shown_summary(article.title, article.summary)
               else "x yy. Zz." if repeats else "y")   # not "x. Y.": a one-letter word before "." is an initial
    deck = ("x" if says_same(article.title, article.deck, exact=True) else "z") if article.deck else None
    plain = replace(article, title="x", kicker="x" if article.kicker else None, deck=deck,
                    summary=summary, photo_credit="x" if article.photo_credit else None,
                    people=_plain_names("p", article.people),
                    organizations=_plain_names("o", article.organizations))
    plain_model, plain_pages = _render_site(plain)
    index = next(i for i, a in enumerate(model.articles) if a.path == article.path)
    for name, data in pages.items():
        if name.endswith(".html"):
            problems = unsafe_html(name, data)
            assert not problems, (name, problems)
        elif name.endswith(".xml"):
            tree = lxml.etree.fromstring(data)
            for title in tree.iter("title", "{http://www.w3.org/2005/Atom}title"):
                assert len(title) == 0, "markup inside a feed title"
        elif name.endswith(".json"):
            json.loads(data)
    article_page = next(n for n in pages if n.endswith(".html") and model.articles[index].slug in n
                        and n.count("/") == 3)
    plain_page = next(n for n in plain_pages if n.endswith(".html") and n.count("/") == 3
                      and plain_model.articles[index].slug in n)
    assert _structure(pages[article_page]) == _structure(plain_pages[plain_page]), "an element was injected"
    assert _structure(pages["index.html"]) == _structure(plain_pages["index.html"]), "an element was injected"
    # Text survives as text (parsers turn CR into LF, so whitespace is compared loosely).
    shown = lxml.html.fromstring(pages[article_page]).cssselect("h1")[0].text_content()
    assert _words(shown) == _words(article.title), "the title did not survive as text"
    rss = lxml.etree.fromstring(pages["feed.xml"])
    assert _words(article.title) in [_words(t.text or "") for t in rss.iterfind(".//item/title")]
    feed = json.loads(pages["feed.json"])
    assert article.title in [item["title"] for item in feed["items"]]


def _plain_names(prefix: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """Plain stand-ins for names, one per name as the story page tells them apart: '0' and
    '0\u200b' are one name (slugs.clean_name), so one link, and so one stand-in."""
    from site_builder.slugs import clean_name

    number: dict[str, int] = {}
    return tuple(f"{prefix}{number.setdefault(clean_name(name), len(number))}" for name in names)


def _words(text: str) -> str:
    return " ".join(text.split())

