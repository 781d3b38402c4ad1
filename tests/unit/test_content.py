"""Front-matter: read safely, typed, and fixed up with a warning or refused with the line."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from site_builder.content import parse_article
from site_builder.errors import ContentError, FrontMatterError

TZ = ZoneInfo("Asia/Taipei")


def parse(text: str | bytes):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_article("content/articles/x.md", data, TZ)


def test_a_full_article():
    article, notices = parse("---\ntitle: T\ndate: 2025-04-26T08:00:00+08:00\ntopics: [politics, Foreign Policy]\n"
                             "people: [Lee Chun-yi (李淳一)]\nsource: {digest: d.txt, lines: [1, 16]}\n---\nBody\n")
    assert article.title == "T" and article.slug == "t" and not article.slug_is_explicit
    assert article.topics == ("politics", "foreign-policy")
    assert article.source.first_line == 1 and article.source.last_line == 16
    assert article.edition.isoformat() == "2025-04-26"
    assert notices == ()


def test_naive_dates_are_local_time_not_utc():
    article, _ = parse("---\ntitle: T\ndate: 2025-04-26 00:30\n---\n")
    assert article.date.utcoffset() == timedelta(hours=8)
    assert article.edition.isoformat() == "2025-04-26"


def test_a_plain_date_is_midnight_local():
    article, _ = parse("---\ntitle: T\ndate: 2025-04-26\n---\n")
    assert article.date == datetime(2025, 4, 26, tzinfo=TZ)


def test_crlf_bom_and_lone_cr():
    article, _ = parse(b"\xef\xbb\xbf---\r\ntitle: T\r\ndate: 2025-04-26\r\n---\r\nA\rB\r\n")
    assert article.title == "T" and article.body == "A\nB\n"


def test_topics_as_a_string_is_a_warning():
    article, notices = parse("---\ntitle: T\ndate: 2025-04-26\ntopics: politics\n---\n")
    assert article.topics == ("politics",)
    assert any("should be a list" in str(n) for n in notices)


def test_missing_title_falls_back_with_a_warning():
    article, notices = parse("---\ndate: 2025-04-26\n---\n\n# Storm hits the coast\n\nText.\n")
    assert article.title == "Storm hits the coast"
    assert any("no title" in str(n) for n in notices)


def test_unknown_key_gets_did_you_mean():
    _, notices = parse("---\ntitle: T\ndate: 2025-04-26\nsumary: x\n---\n")
    assert any("did you mean 'summary'" in str(n) for n in notices)


def test_unsafe_slug_is_replaced():
    article, notices = parse("---\ntitle: T\ndate: 2025-04-26\nslug: ../../etc/passwd\n---\n")
    assert article.slug == "etc-passwd" and notices


def test_control_characters_are_removed():
    article, notices = parse("---\ntitle: \"A\\x00B\\x1bC\"\ndate: 2025-04-26\n---\nx\x07y\n")
    assert article.title == "ABC" and article.body == "xy\n" and notices


@pytest.mark.parametrize("text,line,pattern", [
    ("no front matter\n", 1, "front-matter"),
    ("---\ntitle: T\n", 1, "not closed"),
    ("---\ntitle: [unclosed\ndate: 2025-04-26\n---\n", 3, "not valid YAML"),
    ("---\ntitle: T\ndate: !!python/object/apply:os.system ['true']\n---\n", 3, "not valid YAML"),
    ("---\n- a\n- b\n---\n", 2, "key: value"),
])
def test_broken_front_matter_names_the_line(text, line, pattern):
    with pytest.raises(FrontMatterError, match=pattern) as raised:
        parse(text)
    assert raised.value.line == line
    assert "content/articles/x.md" in str(raised.value)


@pytest.mark.parametrize("text,pattern", [
    ("---\ntitle: T\n---\n", "has no 'date'"),
    ("---\ntitle: T\ndate: yesterday\n---\n", "not a date"),
    ("---\ntitle: T\ndate: 2025-04-26\ntopics: {a: 1}\n---\n", "must be a list"),
    ("---\ntitle: T\ndate: 2025-04-26\nstatus: maybe\n---\n", "published' or 'draft"),
    ("---\ntitle: T\ndate: 2025-04-26\ntruncated: perhaps\n---\n", "true or false"),
])
def test_wrong_types_are_errors(text, pattern):
    with pytest.raises(FrontMatterError, match=pattern):
        parse(text)


def test_not_utf8_names_the_line_and_byte():
    with pytest.raises(ContentError) as raised:
        parse(b"---\ntitle: T\ndate: 2025-04-26\n---\nline\ncaf\xe9\n")
    assert raised.value.line == 6 and "0xe9" in str(raised.value)


def test_utf16_is_recognised():
    with pytest.raises(ContentError, match="UTF-16"):
        parse("---\ntitle: T\n---\n".encode("utf-16"))
