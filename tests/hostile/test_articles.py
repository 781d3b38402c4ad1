"""The catalogue, part 1: bad article files, through `site-builder build`.

Each case puts one bad file into a copy of the built fixture site and builds. A refused file
gives exit 1, an error naming the file (and line), and leaves output/ byte-for-byte as it was.
A file the build can fix up gives exit 0, a warning naming the file, and a sensible result.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest

from tests.hostile.conftest import (HOSTILE_DIR, article_text, assert_fails_cleanly, build, check_outputs,
                                    put, snapshot)
REL = HOSTILE_DIR.as_posix()


@dataclass(frozen=True)
class Refused:
    """A file the build must refuse: its bytes and what the error must say."""

    id: str
    data: bytes
    needles: tuple[str, ...]


def _b(text: str) -> bytes:
    return text.encode("utf-8")


REFUSED = [
    Refused("latin-1", "---\ntitle: Caf\xe9 society\ndate: 2025-03-02\n---\nBody\n".encode("latin-1"),
            (f"{REL}/latin-1.md:2:", "is not UTF-8", "byte 0xe9", "save it as UTF-8")),
    Refused("latin-1-in-body", "---\ntitle: Ok\ndate: 2025-03-02\n---\nOne\nTwo\nna\xefve\n".encode("latin-1"),
            (f"{REL}/latin-1-in-body.md:7:", "byte 0xef")),
    Refused("utf-16", "---\ntitle: Wide\ndate: 2025-03-02\n---\nBody\n".encode("utf-16"),
            (f"{REL}/utf-16.md:1:", "UTF-16", "save it as UTF-8")),
    Refused("utf-16-be", "---\ntitle: Wide\ndate: 2025-03-02\n---\nBody\n".encode("utf-16-be").join([b"\xfe\xff", b""]),
            (f"{REL}/utf-16-be.md:1:", "UTF-16")),
    Refused("not-yaml", _b("---\ntitle: [unclosed\ndate: 2025-03-02\n---\nBody\n"),
            (f"{REL}/not-yaml.md:", "not valid YAML")),
    Refused("yaml-tab-indent", _b("---\ntitle: x\ndate: 2025-03-02\ntopics:\n\t- a\n---\nBody\n"),
            (f"{REL}/yaml-tab-indent.md:", "not valid YAML")),
    Refused("front-matter-is-a-list", _b("---\n- title\n- date\n---\nBody\n"),
            (f"{REL}/front-matter-is-a-list.md:2:", "key: value")),
    Refused("no-front-matter", _b("Just a story with no front-matter.\n"),
            (f"{REL}/no-front-matter.md:1:", "no front-matter")),
    Refused("front-matter-not-closed", _b("---\ntitle: Open\ndate: 2025-03-02\nBody\n"),
            (f"{REL}/front-matter-not-closed.md:1:", "not closed")),
    Refused("topics-mapping", _b("---\ntitle: x\ndate: 2025-03-02\ntopics: {politics: yes}\n---\nBody\n"),
            (f"{REL}/topics-mapping.md:", "'topics' must be a list")),
    Refused("topics-number", _b("---\ntitle: x\ndate: 2025-03-02\ntopics: 42\n---\nBody\n"),
            (f"{REL}/topics-number.md:", "'topics' must be a list")),
    Refused("topics-nested-list", _b("---\ntitle: x\ndate: 2025-03-02\ntopics: [[a, b]]\n---\nBody\n"),
            (f"{REL}/topics-nested-list.md:", "'topics' must be text")),
    Refused("title-list", _b("---\ntitle: [a, b]\ndate: 2025-03-02\n---\nBody\n"),
            (f"{REL}/title-list.md:", "'title' must be text")),
    Refused("title-bool", _b("---\ntitle: yes\ndate: 2025-03-02\n---\nBody\n"),
            (f"{REL}/title-bool.md:", "'title' must be text, not bool")),
    Refused("date-words", _b("---\ntitle: x\ndate: last tuesday\n---\nBody\n"),
            (f"{REL}/date-words.md:", "'date' is not a date", "2025-04-26")),
    Refused("date-number", _b("---\ntitle: x\ndate: 20250302\n---\nBody\n"),
            (f"{REL}/date-number.md:", "'date' must be a date, not int")),
    Refused("date-bad-offset", _b("---\ntitle: x\ndate: '2025-03-02T10:00:00+25:00'\n---\nBody\n"),
            (f"{REL}/date-bad-offset.md:", "'date' is not a date")),
    Refused("date-missing", _b("---\ntitle: x\n---\nBody\n"),
            (f"{REL}/date-missing.md:", "has no 'date'")),
    Refused("date-year-1-utc", _b("---\ntitle: x\ndate: 0001-01-01T00:00:00+00:00\n---\nBody\n"),
            (f"{REL}/date-year-1-utc.md:", "'date'", "out of range")),
    Refused("date-past-9999-in-utc", _b("---\ntitle: x\ndate: 9999-12-31T23:59:59-05:00\n---\nBody\n"),
            (f"{REL}/date-past-9999-in-utc.md:", "'date'", "out of range")),
    Refused("updated-not-a-date", _b("---\ntitle: x\ndate: 2025-03-02\nupdated: soon\n---\nBody\n"),
            (f"{REL}/updated-not-a-date.md:", "'updated' is not a date")),
    Refused("draft-maybe", _b("---\ntitle: x\ndate: 2025-03-02\ndraft: maybe\n---\nBody\n"),
            (f"{REL}/draft-maybe.md:", "'draft' must be true or false")),
    Refused("status-unknown", _b("---\ntitle: x\ndate: 2025-03-02\nstatus: embargoed\n---\nBody\n"),
            (f"{REL}/status-unknown.md:", "'status' must be")),
    Refused("lone-surrogate-escape", _b('---\ntitle: "a\\ud800b"\ndate: 2025-03-02\n---\nBody\n'),
            (f"{REL}/lone-surrogate-escape.md:2:", "not valid YAML")),
    Refused("six-megabytes", _b(article_text()) + b"word " * (6 * 1024 * 1024 // 5),
            (f"{REL}/six-megabytes.md:", "limited to 5 MB")),
]


@pytest.mark.parametrize("case", REFUSED, ids=[c.id for c in REFUSED])
def test_a_refused_article_names_the_file_and_keeps_output(built_site: Path, case: Refused):
    before = snapshot(built_site / "output")
    put(built_site, f"{case.id}.md", case.data)
    result = build(built_site)
    assert_fails_cleanly(built_site, result, before, *case.needles)
    # The person's file is never rewritten by a build.
    assert (built_site / HOSTILE_DIR / f"{case.id}.md").read_bytes() == case.data


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/apply:subprocess.check_call [['touch', '{marker}']]",
    "!!python/object/new:os.system ['touch {marker}']",
    "!!python/name:os.system",
])
def test_python_yaml_tags_are_refused_and_never_run(built_site: Path, tag: str):
    marker = built_site.parent / "PWNED"
    before = snapshot(built_site / "output")
    put(built_site, "tagged.md", f"---\ntitle: {tag.format(marker=marker)}\ndate: 2025-03-02\n---\nBody\n")
    result = build(built_site)
    assert_fails_cleanly(built_site, result, before, f"{REL}/tagged.md:2:", "not valid YAML")
    assert not marker.exists(), "a YAML tag ran a command"


def test_every_broken_article_is_listed_in_one_run(built_site: Path):
    before = snapshot(built_site / "output")
    put(built_site, "one.md", "---\ntitle: [x\n---\n")
    put(built_site, "two.md", b"---\ntitle: \xff\n---\n")
    result = build(built_site)
    assert_fails_cleanly(built_site, result, before, "2 article(s) cannot be read", "one.md", "two.md")


def test_two_explicit_slugs_on_one_path_name_both_files(built_site: Path):
    before = snapshot(built_site / "output")
    for name in ("first.md", "second.md"):
        put(built_site, name, article_text(title=f"Story {name}", slug="same-page"))
    result = build(built_site)
    assert_fails_cleanly(built_site, result, before, f"{REL}/first.md", f"{REL}/second.md", "same-page")


# ---- fixed up with a warning ------------------------------------------------------------------

def _page(site: Path, slug: str, day: str = "2025/03/02") -> Path:
    return site / "output" / day / f"{slug}.html"


def _title_of(page: Path) -> str:
    return lxml.html.fromstring(page.read_bytes()).cssselect("h1")[0].text_content()


def _built_ok(site: Path):
    result = build(site)
    assert result.returncode == 0, result.stderr
    problems = check_outputs(site / "output")
    assert not problems, "\n".join(problems)
    return result


def test_utf8_bom_is_accepted(built_site: Path):
    put(built_site, "bom.md", b"\xef\xbb\xbf" + _b(article_text("Body with a BOM.\n", title="Byte order mark")))
    _built_ok(built_site)
    assert _title_of(_page(built_site, "byte-order-mark")) == "Byte order mark"


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "lone-cr"])
def test_crlf_and_lone_cr_are_newlines(built_site: Path, newline: str):
    text = article_text("First paragraph.\n\nSecond paragraph.\n", title="Line endings").replace("\n", newline)
    put(built_site, "newlines.md", text)
    _built_ok(built_site)
    page = lxml.html.fromstring(_page(built_site, "line-endings").read_bytes())
    paragraphs = [p.text_content() for p in page.cssselect(".story-body p")]
    assert paragraphs[:2] == ["First paragraph.", "Second paragraph."]
    assert "\r" not in _page(built_site, "line-endings").read_text(encoding="utf-8")


def test_nul_and_control_characters_are_removed_with_a_warning(built_site: Path):
    data = b"---\ntitle: \"Con\\x00trol\x07 \x1bchars\"\ndate: 2025-03-02\nsummary: \"a\\x0bb\"\n---\nNUL\x00 here\x08.\n"
    put(built_site, "control.md", data)
    result = _built_ok(built_site)
    assert f"{REL}/control.md: control characters removed" in result.stderr
    page = _page(built_site, "control-chars")
    assert _title_of(page) == "Control chars"
    everything = b"".join(p.read_bytes() for p in (built_site / "output").rglob("*")
                          if p.suffix in (".html", ".xml", ".json", ".txt"))
    for char in (b"\x00", b"\x07", b"\x08", b"\x0b", b"\x1b"):
        assert char not in everything


def test_unicode_line_separators_and_bidi_marks_stay_valid(built_site: Path):
    put(built_site, "bidi.md", article_text("Body \u2028 with \u202e reversed \u200f.\n",
                                            title="Bidi \u202eevil\u202c \u2028 line \u0085 next",
                                            summary="\u2066isolate\u2069 \ufeff"))
    _built_ok(built_site)


def test_topics_as_a_string_become_a_list_of_one(built_site: Path):
    put(built_site, "topic-string.md", "---\ntitle: Topic string\ndate: 2025-03-02\ntopics: politics\n---\nBody\n")
    result = _built_ok(built_site)
    assert f"{REL}/topic-string.md: 'topics' should be a list; read 'politics' as a list of one" in result.stderr
    page = lxml.html.fromstring(_page(built_site, "topic-string").read_bytes())
    assert [a.get("href") for a in page.cssselect(".story-tags a")] == ["/news/topics/politics/"]


def test_a_missing_title_comes_from_the_first_line(built_site: Path):
    put(built_site, "untitled.md", "---\ndate: 2025-03-02\n---\n\n## Harbour lights go out\n\nMore.\n")
    result = _built_ok(built_site)
    assert f"{REL}/untitled.md: no title; using 'Harbour lights go out'" in result.stderr
    assert _title_of(_page(built_site, "harbour-lights-go-out")) == "Harbour lights go out"


def test_a_missing_title_and_body_comes_from_the_file_name(built_site: Path):
    put(built_site, "quiet-night.md", "---\ndate: 2025-03-02\n---\n")
    result = _built_ok(built_site)
    assert f"{REL}/quiet-night.md: no title; using 'quiet night'" in result.stderr
    assert _page(built_site, "quiet-night").is_file()


def test_naive_dates_are_read_in_the_config_time_zone(built_site: Path):
    # Europe/London is on summer time (UTC+1) in July: 23:30 local is 22:30 UTC, same day.
    put(built_site, "naive.md", "---\ntitle: Naive summer\ndate: 2025-07-01 23:30:00\n---\nBody\n")
    _built_ok(built_site)
    page = lxml.html.fromstring(_page(built_site, "naive-summer", "2025/07/01").read_bytes())
    assert page.cssselect("time")[0].get("datetime") == "2025-07-01T23:30:00+01:00"


def test_a_date_in_year_9999_is_held_back(built_site: Path):
    put(built_site, "far-future.md", "---\ntitle: Far future\ndate: 9999-06-01T12:00:00-05:00\n---\nBody\n")
    result = _built_ok(built_site)
    assert f"{REL}/far-future.md: 'date' 9999-06-01 is far from today; check the year" in result.stderr
    assert f"{REL}/far-future.md: dated 9999-06-01T12:00:00-05:00, in the future: held back" in result.stderr
    assert not list((built_site / "output").glob("9999/**/*.html"))


def test_a_date_in_year_9999_publishes_when_asked(built_site: Path):
    config = built_site / "config.yaml"
    config.write_text(config.read_text().replace("future_articles: hold", "future_articles: publish"))
    put(built_site, "far-future.md", "---\ntitle: Far future\ndate: 9999-12-31 23:59:59\n---\nBody\n")
    result = _built_ok(built_site)
    assert "far from today" in result.stderr
    assert _page(built_site, "far-future", "9999/12/31").is_file()


def test_a_date_in_year_1_is_published_with_a_warning(built_site: Path):
    put(built_site, "year-one.md", "---\ntitle: Year one\ndate: 0001-01-01\n---\nBody\n")
    result = _built_ok(built_site)
    assert f"{REL}/year-one.md: 'date' 0001-01-01 is far from today; check the year" in result.stderr
    assert _page(built_site, "year-one", "0001/01/01").is_file()


@pytest.mark.parametrize("slug, expected", [
    ("../../../escaped", "escaped"),
    ("a/b/c", "a-b-c"),
    ("a\\\\b", "a-b"),
    ("CON", "con-1"),
    ("nul", "nul-1"),
    ("COM1", "com1-1"),
    ("..", "slash-dots"),        # nothing left: the slug comes from the title
    ("", "slash-dots"),
    ("a" * 300, "a" * 80),
], ids=["dotdot", "slashes", "backslash", "CON", "nul", "COM1", "only-dots", "empty", "300-chars"])
def test_unsafe_slugs_are_made_safe_inside_output(built_site: Path, slug: str, expected: str):
    put(built_site, "slug.md", f'---\ntitle: Slash dots\ndate: 2025-03-02\nslug: "{slug}"\n---\nBody\n')
    result = _built_ok(built_site)
    page = _page(built_site, expected)
    assert page.is_file(), sorted(p.name for p in page.parent.iterdir())
    if slug == "..":
        assert f"{REL}/slug.md: slug '..' has no letters or digits; using the title" in result.stderr
    elif slug and slug != expected:
        assert f"{REL}/slug.md: slug" in result.stderr and "is not URL-safe" in result.stderr
    out = (built_site / "output").resolve()
    for path in built_site.rglob("*"):
        if "escaped" in path.name:
            assert path.resolve().is_relative_to(out), path


def test_unknown_front_matter_keys_are_reported(built_site: Path):
    put(built_site, "typo.md", "---\ntitle: Typo\ndate: 2025-03-02\ntopcs: [politics]\n---\nBody\n")
    result = _built_ok(built_site)
    assert f"{REL}/typo.md: unknown front-matter key 'topcs' ignored; did you mean 'topics'?" in result.stderr


def test_a_yaml_alias_bomb_is_harmless(built_site: Path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    put(built_site, "bomb.md", "---\n" + "\n".join(lines) + "\ntitle: Bomb\ndate: 2025-03-02\n---\nBody\n")
    result = _built_ok(built_site)
    assert "unknown front-matter key 'i' ignored" in result.stderr


def test_a_yaml_alias_bomb_in_topics_is_refused(built_site: Path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    before = snapshot(built_site / "output")
    put(built_site, "bomb.md", "---\n" + "\n".join(lines) + "\ntitle: Bomb\ntopics: *i\ndate: 2025-03-02\n---\nB\n")
    assert_fails_cleanly(built_site, build(built_site), before, f"{REL}/bomb.md:", "'topics' must be text")


def test_markdown_raw_html_and_javascript_links_in_the_body_are_inert(built_site: Path):
    body = ("<script>alert(1)</script>\n\n[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)"
            " [vb](vbscript:msgbox(1)) <img src=x onerror=alert(1)>\n\n![img](javascript:alert(2))\n\n"
            "<a href=\"javascript:alert(3)\">raw</a> [ok](https://example.com/)\n")
    put(built_site, "body.md", article_text(body, title="Hostile body"))
    _built_ok(built_site)
    page = _page(built_site, "hostile-body")
    doc = lxml.html.fromstring(page.read_bytes())
    body_text = doc.cssselect(".story-body")[0].text_content()
    assert "<script>alert(1)</script>" in body_text  # shown as text, not run, not dropped
    hrefs = [a.get("href") for a in doc.cssselect(".story-body a")]
    assert hrefs == ["https://example.com/"], hrefs


def test_dangling_symlink_article_is_skipped(built_site: Path):
    (built_site / HOSTILE_DIR).mkdir(parents=True, exist_ok=True)
    (built_site / HOSTILE_DIR / "gone.md").symlink_to(built_site / "nowhere.md")
    _built_ok(built_site)
