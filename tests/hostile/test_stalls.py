"""No input stalls a build or an ingest (issue 12, section 6), through the command line.

Rendering in linear work is test_linear.py; here: YAML aliases that expand to millions of
names, files that are not files (/dev/zero, /dev/urandom, FIFOs), and the one table of limits
ingest and build share.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from site_builder.limits import MAX_ARTICLE_BYTES, MAX_LIST_ITEMS
from tests.hostile.conftest import HOSTILE_DIR, assert_fails_cleanly, build, put, snapshot
from tests.support.sites import run_cli

REL = HOSTILE_DIR.as_posix()


# ---- YAML aliases -------------------------------------------------------------------------------

def test_aliases_to_a_long_string_in_a_list_are_refused_at_once(built_site: Path):
    """`people: [*s, *s, …]`: 100,000 references to one 10 KB string (a 0.4 MB file) are a
    gigabyte of names to check one by one; the list's length is refused before any of that."""
    before = snapshot(built_site / "output")
    text = ("---\ntitle: Aliases\ndate: 2025-03-02\nx: &s " + "a" * 10_000 + "\n"
            "people: [" + ", ".join(["*s"] * 100_000) + "]\n---\nBody\n")
    put(built_site, "aliases.md", text)
    result = build(built_site)
    assert_fails_cleanly(built_site, result, before, f"{REL}/aliases.md:5:", "'people' lists 100,000 items",
                         f"at most {MAX_LIST_ITEMS:,}")


def test_a_few_aliases_of_a_long_string_are_refused_by_total_size(built_site: Path):
    before = snapshot(built_site / "output")
    text = ("---\ntitle: Aliases\ndate: 2025-03-02\nx: &s " + "b" * 50_000 + "\n"
            "organizations: [" + ", ".join(["*s"] * 900) + "]\n---\nBody\n")
    put(built_site, "long-names.md", text)
    result = build(built_site)
    assert_fails_cleanly(built_site, result, before, f"{REL}/long-names.md:5:", "'organizations' holds")


def test_a_long_ordinary_list_of_names_is_fine(built_site: Path):
    names = ", ".join(f"Person {n}" for n in range(300))
    put(built_site, "many-people.md", f"---\ntitle: Many people\ndate: 2025-03-02\npeople: [{names}]\n---\nBody\n")
    result = build(built_site)
    assert result.returncode == 0, result.stderr


# ---- files that are not files --------------------------------------------------------------------

@pytest.fixture
def alarm():
    """Turn a hang into a failure: a blocking open() of a FIFO is interrupted after 20 s."""
    def ring(signum, frame):  # type: ignore[no-untyped-def]
        raise TimeoutError("hung reading a file that is not a regular file")
    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_as_a_digest_is_refused_before_reading(built_site: Path, device: str):
    result = run_cli("ingest", "--site", built_site, device)
    assert result.returncode == 1
    assert f"error: {device}: is a device, not a file" in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1


def test_a_fifo_without_a_writer_as_a_digest_is_refused_not_waited_on(built_site: Path, tmp_path: Path):
    fifo = _fifo(tmp_path / "2025-03-02.txt")
    result = run_cli("ingest", "--site", built_site, fifo)   # run_cli's timeout would catch a hang
    assert result.returncode == 1
    assert f"{fifo}: is a named pipe (FIFO), not a file" in result.stderr, result.stderr


@pytest.mark.parametrize("kind", ["fifo", "dev-zero-link-inside"])
def test_a_non_file_in_content_digests_stops_the_build_cleanly(built_site: Path, kind: str):
    before = snapshot(built_site / "output")
    target = built_site / "content" / "digests" / "2025-03-02.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        _fifo(target)
    else:
        # A device reached through a link that stays inside the site (a link leaving the site
        # is skipped with a warning instead: test_content_safety.py).
        _fifo(built_site / "pipe")
        target.symlink_to("../../pipe")
    result = run_cli("build", "--site", built_site)
    assert_fails_cleanly(built_site, result, before, "content/digests/2025-03-02.txt: is a ", "not a file")


def test_a_link_to_dev_zero_in_content_digests_is_skipped_unread(built_site: Path):
    target = built_site / "content" / "digests" / "2025-03-02.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to("/dev/zero")
    result = run_cli("build", "--site", built_site)
    assert result.returncode == 0, result.stderr
    assert "content/digests/2025-03-02.txt: is a symlink to /dev/zero, outside the site folder: skipped" in \
        result.stdout + result.stderr


@pytest.mark.parametrize("kind", ["fifo", "dev-zero-link", "two-megabytes"])
def test_a_config_that_is_not_a_small_file_is_refused(built_site: Path, kind: str):
    before = snapshot(built_site / "output")
    config = built_site / "config.yaml"
    config.unlink()
    if kind == "fifo":
        _fifo(config)
        needle = "config.yaml: is a named pipe (FIFO), not a file"
    elif kind == "dev-zero-link":
        config.symlink_to("/dev/zero")
        needle = "config.yaml: is a device, not a file"
    else:
        config.write_text("#" * (2 * 1024 * 1024))
        needle = "config.yaml: is 2.0 MB; config.yaml may be at most 1 MB"
    assert_fails_cleanly(built_site, build(built_site), before, needle)


def test_an_article_that_became_a_fifo_is_an_error_not_a_hang(built_site: Path, alarm):
    """The scan lists only regular files, but a file can be replaced between scan and read."""
    from site_builder.load import read_one
    from site_builder.content import ArticleFile
    from site_builder.errors import ContentError

    fifo = _fifo(built_site / HOSTILE_DIR / "pipe.md")
    with pytest.raises(ContentError, match="pipe.md: is a named pipe"):
        read_one(ArticleFile(f"{REL}/pipe.md", str(fifo), 0, 0), None)


# ---- one table of limits -------------------------------------------------------------------------

def _huge_one_story_digest(path: Path) -> Path:
    """A digest under the digest limit whose one story is over the article limit."""
    line = "word and more words. " * (int(MAX_ARTICLE_BYTES * 1.1) // 21)
    path.write_text(f"Headline of a huge story\n\n{line}\n", encoding="utf-8")
    return path


def test_ingest_never_writes_an_article_the_build_would_refuse(built_site: Path, tmp_path: Path):
    articles_before = snapshot(built_site / "content")
    digest = _huge_one_story_digest(tmp_path / "2025-03-02.txt")
    result = run_cli("ingest", "--site", built_site, digest)
    assert result.returncode == 1
    assert f"{digest}:1: the story on lines 1-3 would make a 5.5 MB article; articles are limited to 5 MB" \
        in result.stderr, result.stderr
    assert snapshot(built_site / "content") == articles_before


def test_a_digest_with_an_oversized_story_in_content_digests_stops_the_build(built_site: Path):
    before = snapshot(built_site / "output")
    folder = built_site / "content" / "digests"
    folder.mkdir(parents=True, exist_ok=True)
    _huge_one_story_digest(folder / "2025-03-02.txt")
    result = run_cli("build", "--site", built_site)
    assert_fails_cleanly(built_site, result, before, "2025-03-02.txt:1:", "limited to 5 MB")
    assert not list((built_site / "content" / "articles").rglob("headline-of-a-huge-story*"))
