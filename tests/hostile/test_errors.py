"""One-line errors, not tracebacks (issue 12, section 8), through the command line.

Each of these printed a Python traceback. Now: exit 1, one `error:` naming the file and line
(or, for a file name that is not UTF-8, a warning naming it), output/ unchanged, and every bad
article of a build listed at once. `run_cli` itself fails a test on any "Traceback".
"""

from __future__ import annotations

import re

import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.hostile.conftest import HOSTILE_DIR, assert_fails_cleanly, build, put, snapshot
from tests.support.sites import run_cli

REL = HOSTILE_DIR.as_posix()
LONG_NUMBER = "9" * 5000

BAD_DATES = {
    "day-30-of-february": ("date: 2025-02-30", "'2025-02-30' is not a real date and time (day is out of range"),
    "hour-24": ("date: 2025-03-02T24:00:00", "(hour must be in 0..23)"),
    "offset-24-hours": ("date: 2025-03-02T10:00:00+24:00", "(an offset must be less than 24 hours)"),
    "timestamp-tag": ("date: !!timestamp 2025-02-30", "is not a real date and time"),
    "updated-30-february": ("updated: 2025-02-30", "is not a real date and time"),
}


@pytest.mark.parametrize("name", BAD_DATES, ids=BAD_DATES)
def test_an_impossible_date_is_a_one_line_error_with_its_line(built_site: Path, name: str):
    line, needle = BAD_DATES[name]
    before = snapshot(built_site / "output")
    extra = "date: 2025-03-02\n" if line.startswith("updated") else ""
    put(built_site, f"{name}.md", f"---\ntitle: A story\n{extra}{line}\n---\nBody\n")
    result = build(built_site)
    assert_fails_cleanly(built_site, result, before, f"{REL}/{name}.md:{3 + bool(extra)}: ", needle)


def test_every_article_with_an_impossible_date_is_listed_in_one_run(built_site: Path):
    before = snapshot(built_site / "output")
    for name, (line, _) in BAD_DATES.items():
        extra = "date: 2025-03-02\n" if line.startswith("updated") else ""
        put(built_site, f"{name}.md", f"---\ntitle: A story\n{extra}{line}\n---\nBody\n")
    result = build(built_site)
    assert_fails_cleanly(built_site, result, before, f"{len(BAD_DATES)} article(s) cannot be read",
                         *(f"{REL}/{name}.md:" for name in BAD_DATES))


@pytest.mark.parametrize("key, text", [
    ("title", LONG_NUMBER), ("slug", LONG_NUMBER), ("summary", "0x" + "f" * 5000), ("kicker", "0b" + "1" * 20000),
])
def test_a_5000_digit_number_in_front_matter_is_a_one_line_error(built_site: Path, key: str, text: str):
    before = snapshot(built_site / "output")
    title = "" if key == "title" else "title: A story\n"
    put(built_site, "number.md", f"---\n{title}date: 2025-03-02\n{key}: {text}\n---\nBody\n")
    result = build(built_site)
    line = 3 if key == "title" else 4
    assert_fails_cleanly(built_site, result, before, f"{REL}/number.md:{line}: ",
                         "is too long to read; put it in quotes if it is text")
    assert len(result.stderr) < 500   # the number is not printed back


def test_a_quoted_5000_digit_title_is_text(built_site: Path):
    put(built_site, "quoted.md", f'---\ntitle: "{LONG_NUMBER}"\ndate: 2025-03-02\n---\nBody\n')
    result = build(built_site)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("edit, needles", [
    (lambda t: t.replace("items_per_page: 3", f"items_per_page: {LONG_NUMBER}"),
     ("config.yaml:6: is not valid YAML: a number 5,000 characters long is too long to read",)),
    (lambda t: t.replace('title: "Harbour Gazette"', f"title: {LONG_NUMBER}"), ("config.yaml:1:", "too long to read")),
    (lambda t: t.replace('timezone: "Europe/London"', "timezone: America"),
     ("config.yaml:5: config value 'timezone': 'America' is not an IANA time zone name",)),
    (lambda t: t.replace('timezone: "Europe/London"', "timezone: " + "a" * 300), ("config.yaml", "IANA time zone")),
    (lambda t: t + "built: 2025-02-30\n", ("config.yaml:", "'2025-02-30' is not a real date")),
], ids=["long-int", "long-int-title", "timezone-folder", "timezone-too-long", "impossible-date"])
def test_config_values_python_cannot_build_are_one_line_errors(built_site: Path, edit, needles):
    before = snapshot(built_site / "output")
    config = built_site / "config.yaml"
    config.write_text(edit(config.read_text(encoding="utf-8")), encoding="utf-8")
    assert_fails_cleanly(built_site, build(built_site), before, *needles)


# ---- a file name that is not UTF-8 ------------------------------------------------------------------

def test_an_article_whose_name_is_not_utf8_and_has_no_title_is_named(built_site: Path):
    folder = built_site / HOSTILE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    # os-level bytes path: the name holds byte 0xe9, which is not UTF-8.
    with open(bytes(folder) + b"/caf\xe9-night.md", "wb") as handle:
        handle.write(b"---\ndate: 2025-03-02\n---\n")
    result = build(built_site)
    assert result.returncode == 0, result.stderr
    assert f"warning: {REL}/caf\\xe9-night.md: no title; using 'caf\ufffd night'" in result.stderr, result.stderr
    page = built_site / "output" / "2025" / "03" / "02" / "caf-night.html"
    assert "caf\ufffd night" in page.read_text(encoding="utf-8")


def test_a_digest_whose_name_is_not_utf8_gives_articles_the_build_reads(built_site: Path, tmp_path: Path):
    digest = bytes(tmp_path) + b"/caf\xe9 2025-03-02.txt"
    with open(digest, "wb") as handle:
        handle.write(b"Harbour lights go out\n\nThe harbour's lights went out at nine on Sunday evening.\n")
    first = run_cli("ingest", "--site", built_site, digest.decode("utf-8", "surrogateescape"))
    assert first.returncode == 0 and "1 written" in first.stdout, first.stderr
    again = run_cli("ingest", "--site", built_site, digest.decode("utf-8", "surrogateescape"))
    assert "0 written, 1 unchanged" in again.stdout, again.stdout   # matched as the same digest
    result = build(built_site)
    assert result.returncode == 0, result.stderr
    [article] = (built_site / "content" / "articles" / "2025" / "2025-03-02").glob("harbour-lights*.md")
    # Named by its path from the site folder (a digest outside content/digests/), escaped.
    assert re.search(r'digest: "(\.\./)+caf\\\\xe9 2025-03-02\.txt"', article.read_text(encoding="utf-8"))


# ---- edition dates at the edge of the calendar ---------------------------------------------------

@pytest.mark.parametrize("how", ["--date", "file name"])
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_an_edition_date_at_the_edge_of_the_calendar_is_refused(built_site: Path, tmp_path: Path, how: str,
                                                                 day: str):
    config = built_site / "config.yaml"   # east of UTC: 0001-01-01 local is year 0 in UTC
    config.write_text(config.read_text().replace('"Europe/London"', '"Asia/Taipei"'))
    articles = snapshot(built_site / "content")
    name = f"{day}.txt" if how == "file name" else "digest.txt"
    digest = tmp_path / name
    digest.write_text("Harbour lights go out\n\nThe harbour's lights went out yesterday evening.\n")
    args = ("--date", day) if how == "--date" else ()
    result = run_cli("ingest", "--site", built_site, digest, *args)
    assert result.returncode == 1
    assert f"error: {digest}: edition date {day} (from {'--date' if how == '--date' else 'the file name'}) is out " \
           "of range: an edition must lie between the years 2 and 9998" in result.stderr, result.stderr
    assert snapshot(built_site / "content") == articles


# ---- a full disk under .site-builder/ --------------------------------------------------------------

@contextmanager
def _tmpfs(path: Path, size: str):
    path.mkdir(exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


@pytest.mark.parametrize("size", ["8k", "64k", "128k", "192k"])
def test_a_full_disk_under_the_build_cache_is_a_one_line_error(built_site: Path, size: str):
    """A cold build (no output/ yet) with .site-builder/ on a tiny tmpfs: at 8k-64k SQLite's own
    database is full, at 128k-192k the article cache's files do not fit."""
    import shutil

    shutil.rmtree(built_site / "output")
    shutil.rmtree(built_site / ".site-builder")
    with _tmpfs(built_site / ".site-builder", size):
        result = build(built_site)
        assert result.returncode == 1, result.stdout
        assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr
        assert ".site-builder/" in result.stderr and "cannot" in result.stderr and "build cache" in result.stderr
        assert not (built_site / "output").exists()


def test_a_full_disk_for_compiled_templates_only_slows_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """In-process: Jinja's bytecode cache fails to store (ENOSPC); the template still renders."""
    import errno

    import jinja2

    from site_builder.render import _BytecodeCache

    def full(self, bucket):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "dump_bytecode", full)
    (tmp_path / "t.html").write_text("Hello {{ name }}")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)),
                             bytecode_cache=_BytecodeCache(str(tmp_path / "cache")))
    assert env.get_template("t.html").render(name="x") == "Hello x"
