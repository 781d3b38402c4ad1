"""The Pagefind index: sharded by period, keyed by the pages' contents, committed with the pages."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_builder import search, urls
from site_builder.search import STORY_PATH, plan_shards
from tests.support.sites import run_cli

from .conftest import make_search_site

needs_pagefind = pytest.mark.skipif(search.find_pagefind() is None, reason="pagefind not installed (pip install 'pagefind[bin]')")

EDITED = "content/articles/2025/2025-03-02/reader-search.md"


def _snapshot(output: Path) -> dict[str, tuple[int, int, int]]:
    """Every file under output/: (inode, mtime, size) — a rewrite changes at least one."""
    found = {}
    for path in output.rglob("*"):
        if path.is_file():
            info = path.stat()
            found[path.relative_to(output).as_posix()] = (info.st_ino, info.st_mtime_ns, info.st_size)
    return found


def _changed(before: dict, after: dict) -> set[str]:
    return {rel for rel in before.keys() | after.keys() if before.get(rel) != after.get(rel)}


def _shards(output: Path) -> list[dict]:
    return json.loads((output / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]


def _page_count(shard: Path) -> int:
    entry = json.loads((shard / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(int(lang["page_count"]) for lang in entry["languages"].values())


# ---- planning (pure) ----------------------------------------------------------------------------

def _stories(year: int, month: int, days: range, per_day: int) -> dict[str, str]:
    return {f"{year}/{month:02d}/{day:02d}/s{n}.html": f"d{year}{month}{day}{n}" for day in days for n in range(per_day)}


def test_story_path_matches_the_article_route() -> None:
    from datetime import date
    from types import SimpleNamespace
    article = SimpleNamespace(edition=date(2025, 4, 6), slug="some-story")
    assert STORY_PATH.fullmatch(urls.article_route(article))  # type: ignore[arg-type]
    assert not STORY_PATH.fullmatch("topics/politics/index.html")
    assert not STORY_PATH.fullmatch("2025/index.html")


def test_shards_are_years_then_months_then_day_ranges() -> None:
    digests = {**_stories(2023, 5, range(1, 11), 1),              # 10 stories: one shard for 2023
               **_stories(2024, 1, range(1, 5), 1),               # 2024: 4 + 40 > 30, so by month
               **_stories(2024, 2, range(1, 21), 2),              # 40 > 30: split in 2 day ranges
               "index.html": "x", "topics/sport/index.html": "y"}  # not stories: not indexed
    shards = plan_shards(digests, salt="en", limit=30)
    assert [s.name for s in shards] == ["2024-02-17-31", "2024-02-01-16", "2024-01", "2023"]
    assert [len(s.pages) for s in shards] == [8, 32, 4, 10]
    assert sorted(p for s in shards for p in s.pages) == sorted(r for r in digests if r[0].isdigit() and "/" in r[5:])


def test_an_edit_changes_only_its_shards_key() -> None:
    digests = {**_stories(2023, 5, range(1, 11), 1), **_stories(2024, 3, range(1, 11), 1)}
    before = {s.name: s.key for s in plan_shards(digests, salt="en", limit=30)}
    digests["2024/03/05/s0.html"] = "edited"
    after = {s.name: s.key for s in plan_shards(digests, salt="en", limit=30)}
    assert before.keys() == after.keys() == {"2023", "2024"}
    assert before["2023"] == after["2023"] and before["2024"] != after["2024"]
    # Another language or pagefind binary: every shard is rebuilt.
    other = {s.name: s.key for s in plan_shards(digests, salt="fr", limit=30)}
    assert not set(other.values()) & set(after.values())


def test_the_newest_period_is_cut_into_small_parts() -> None:
    digests = {**_stories(2023, 5, range(1, 11), 1), **_stories(2024, 3, range(1, 31), 4)}   # 2024: 120 stories
    shards = plan_shards(digests, salt="en", limit=300, recent=50)
    assert [s.name for s in shards][-1] == "2023"
    assert sorted(s.name for s in shards[:-1]) == ["2024.1-of-3", "2024.2-of-3", "2024.3-of-3"]
    assert all(15 <= len(s.pages) <= 65 for s in shards[:-1]), [len(s.pages) for s in shards]  # by a hash
    assert sorted(p for s in shards for p in s.pages) == sorted(digests)
    before = {s.name: s.key for s in shards}
    # An edit, or one more story, in the newest period changes one part's key, no other.
    for rel in ("2024/03/30/s3.html", "2024/03/31/s0.html"):
        digests[rel] = "edited or new"
        after = {s.name: s.key for s in plan_shards(digests, salt="en", limit=300, recent=50)}
        holder = next(s.name for s in plan_shards(digests, salt="en", limit=300, recent=50) if rel in s.pages)
        assert after.keys() == before.keys() and {n for n in after if after[n] != before[n]} == {holder}
        before = after
    # A story of a newer period: the parts are one shard again, the newer period is the newest.
    digests["2025/01/02/s0.html"] = "new"
    assert [s.name for s in plan_shards(digests, salt="en", limit=300, recent=50)] == ["2025", "2024", "2023"]


@pytest.mark.parametrize("name", ["../escape", "/etc/escape", "fragment/../../escape", "fragment//x", "./x", "a\\..\\x"])
def test_a_bundle_file_named_outside_its_folder_is_refused(tmp_path: Path, name: str) -> None:
    import base64

    from site_builder.pagefind_service import PagefindError, _write_bundle
    bundle = tmp_path / "out" / "shard"
    with pytest.raises(PagefindError, match="outside its bundle"):
        _write_bundle(bundle, [{"path": "fragment/ok.pf_fragment", "content": base64.b64encode(b"ok").decode()},
                               {"path": name, "content": base64.b64encode(b"x").decode()}])
    assert (bundle / "fragment" / "ok.pf_fragment").read_bytes() == b"ok"
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["ok.pf_fragment"]


# ---- through the CLI ----------------------------------------------------------------------------

@pytest.fixture
def site(tmp_path: Path) -> Path:
    if search.find_pagefind() is None:
        pytest.skip("pagefind not installed")
    site = make_search_site(tmp_path / "site")
    proc = run_cli("build", "--site", site)
    assert proc.returncode == 0, proc.stderr
    return site


def _edit(site: Path, words: str) -> None:
    story = site / EDITED
    story.write_text(story.read_text(encoding="utf-8") + f"\n{words}\n", encoding="utf-8")


def test_build_writes_one_shard_per_year_with_every_story(site: Path) -> None:
    output = site / "output"
    stories = sorted(p.relative_to(output).as_posix() for p in output.glob("[0-9]*/*/*/*.html"))
    shards = _shards(output)
    assert [s["name"] for s in shards] == ["2025", "2024", "2023"]
    assert sum(s["pages"] for s in shards) == len(stories)
    for shard in shards:
        assert _page_count(output / "pagefind" / shard["name"]) == shard["pages"]
    assert (output / "pagefind" / "pagefind-ui.js").is_file() and (output / "pagefind" / "pagefind-ui.css").is_file()
    # no temporary folders left behind, in output/ or beside it
    # No staging folder left behind (the output lock file beside output/ stays, by design).
    assert not [p.name for p in site.iterdir() if p.name.startswith(".output") and p.name != ".output.lock"]


def test_a_build_with_nothing_changed_rewrites_no_index_file(site: Path) -> None:
    output = site / "output"
    before = _snapshot(output)
    assert run_cli("build", "--site", site).returncode == 0
    # A story touched but not changed: the build reads it again, its page and the index stay.
    story = site / EDITED
    os.utime(story, ns=(time.time_ns(), time.time_ns()))
    proc = run_cli("build", "--site", site)
    assert proc.returncode == 0, proc.stderr
    assert _changed(before, _snapshot(output)) == set()


def test_a_one_story_edit_reindexes_only_its_period(site: Path) -> None:
    output = site / "output"
    before = _snapshot(output)
    _edit(site, "The ferry also carries a zeppelinkeeper.")
    proc = run_cli("build", "--site", site)
    assert proc.returncode == 0, proc.stderr
    changed = {rel for rel in _changed(before, _snapshot(output)) if search.owns(rel)}
    assert changed, "the index was not updated"
    assert all(rel.startswith("pagefind/2025/") or rel == "pagefind/shards.json" for rel in changed), sorted(changed)
    assert "pagefind/shards.json" in changed   # the 2025 shard's key
    assert "1 of 3 shards" in proc.stdout, proc.stdout
    fragments = (output / "pagefind" / "2025" / "fragment").iterdir()
    assert any(b"zeppelinkeeper" in _gunzip(p) for p in fragments), "the edited text is not in the index"


def _add_stories(site: Path, count: int) -> None:
    """`count` short stories of March 2025, the newest period of the search site."""
    for n in range(count):
        day = 4 + n % 20
        path = site / "content" / "articles" / "2025" / f"2025-03-{day:02d}" / f"harbour-note-{n}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'---\ntitle: "Harbour master files note {n} of the season"\n'
                        f"date: 2025-03-{day:02d}T08:00:00+00:00\ntopics: [weather]\nregions: [europe]\n---\n"
                        f"The harbour master logged note {n} of the season before the tide turned.\n",
                        encoding="utf-8")


@needs_pagefind
def test_an_edit_in_a_busy_newest_period_reindexes_only_its_part(tmp_path: Path) -> None:
    site = make_search_site(tmp_path / "site")
    _add_stories(site, search.RECENT_STORIES + 10)
    assert run_cli("build", "--site", site).returncode == 0
    output = site / "output"
    parts = {s["name"]: s["pages"] for s in _shards(output) if s["name"].startswith("2025.")}
    assert len(parts) == 2 and sum(parts.values()) > search.RECENT_STORIES, parts
    before = _snapshot(output)
    _edit(site, "The ferry also carries a zeppelinkeeper.")
    proc = run_cli("build", "--site", site)
    assert proc.returncode == 0, proc.stderr
    changed = {rel for rel in _changed(before, _snapshot(output)) if search.owns(rel)}
    folders = {rel.split("/")[1] for rel in changed} - {"shards.json"}
    assert len(folders) == 1 and folders <= parts.keys(), sorted(changed)
    [part] = folders
    assert f"search index: {parts[part]} stories in 1 of 4 shards" in proc.stdout, proc.stdout   # 2 parts, 2024, 2023
    assert any(b"zeppelinkeeper" in _gunzip(p) for p in (output / "pagefind" / part / "fragment").iterdir())


def _gunzip(path: Path) -> bytes:
    import gzip
    data = path.read_bytes()
    try:
        return gzip.decompress(data)
    except OSError:   # pagefind's fragments are gzip with a signature in front on some versions
        return gzip.decompress(data[data.index(b"\x1f\x8b"):])


@pytest.mark.parametrize("damage", ["deleted", "entry cut short"])
def test_a_missing_shard_is_rebuilt_when_no_page_changed(site: Path, damage: str) -> None:
    output = site / "output"
    import shutil
    if damage == "deleted":
        shutil.rmtree(output / "pagefind" / "2023")
    else:
        (output / "pagefind" / "2023" / "pagefind-entry.json").write_bytes(b"")
    before = _snapshot(output)
    proc = run_cli("build", "--site", site)
    assert proc.returncode == 0, proc.stderr
    assert _page_count(output / "pagefind" / "2023") == 1
    changed = _changed(before, _snapshot(output))
    assert changed and all(rel.startswith("pagefind/2023/") for rel in changed), sorted(changed)


def test_the_catch_up_moves_nothing_while_a_build_holds_the_output_folder(site: Path) -> None:
    """serve's catch-up (search.catch_up) swaps its shards in under the output folder's lock, as a
    build commits: with `site-builder build` writing there (here: a thread holding the lock) it
    moves nothing, and the next catch-up does the work."""
    import threading

    from site_builder.build import build_site, page_digests
    from site_builder.config import load_config
    from site_builder.locks import lock_folder
    from site_builder.writer import output_lock_file

    _edit(site, "The ferry also carries a zeppelinkeeper.")
    config = load_config(site)
    build_site(config, ingest=False, search_later=True)
    output = site / "output"
    before = _snapshot(output)
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with lock_folder(output, "build", lock_file=output_lock_file(output)):
            held.set()
            release.wait(60)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(30)
        result = search.catch_up(output, page_digests(config), language=config.language)
    finally:
        release.set()
        holder.join()
    assert result.skipped and "a build is writing the output folder" in result.skipped, result
    assert _changed(before, _snapshot(output)) == set()
    result = search.catch_up(output, page_digests(config), language=config.language)
    assert (result.shards, result.total_shards) == (1, 3), result
    assert any(b"zeppelinkeeper" in _gunzip(p) for p in (output / "pagefind" / "2025" / "fragment").iterdir())


def test_a_catch_up_killed_after_its_commit_point_is_finished_by_the_next_build(site: Path, monkeypatch) -> None:
    """The catch-up commits through the build's writer.Transaction: once its journal is written,
    a failure while moving the shards in (a kill, a full disk) leaves them staged, and the next
    build's recover() moves them in, instead of an index with a shard missing for good."""
    from site_builder import writer
    from site_builder.build import build_site, page_digests
    from site_builder.config import load_config

    _edit(site, "The ferry also carries a quokkawrangler.")
    config = load_config(site)
    build_site(config, ingest=False, search_later=True)
    output = site / "output"

    def killed(output_dir: Path, staging: Path) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(writer, "apply_journal", killed)
    result = search.catch_up(output, page_digests(config), language=config.language)
    assert result.skipped and "could not be updated" in result.skipped, result
    assert (writer.staging_dir(output) / writer.JOURNAL).exists()
    monkeypatch.undo()
    build_site(config, ingest=False)
    assert not writer.staging_dir(output).exists()
    assert any(b"quokkawrangler" in _gunzip(p) for p in (output / "pagefind" / "2025" / "fragment").iterdir())


def _fake_pagefind(tmp_path: Path, body: str) -> dict[str, str]:
    script = tmp_path / "fake-pagefind"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return {**os.environ, "PAGEFIND_BINARY_PATH": str(script)}


def test_a_failing_pagefind_leaves_the_output_unchanged(site: Path, tmp_path: Path) -> None:
    output = site / "output"
    before = _snapshot(output)
    _edit(site, "An edit the failing build must not publish.")
    env = _fake_pagefind(tmp_path, "echo 'pagefind exploded' >&2; exit 3")
    proc = subprocess.run([sys.executable, "-m", "site_builder", "build", "--site", str(site)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr and "search index not built" in proc.stderr, proc.stderr
    assert _changed(before, _snapshot(output)) == set(), "output/ changed although the build failed"
    # The next build with a working pagefind publishes the edit and its index.
    proc = run_cli("build", "--site", site)
    assert proc.returncode == 0, proc.stderr
    assert "1 of 3 shards" in proc.stdout


def test_a_build_killed_while_indexing_leaves_the_output_unchanged(site: Path, tmp_path: Path) -> None:
    output = site / "output"
    before = _snapshot(output)
    _edit(site, "An edit the killed build must not half-publish.")
    marker = tmp_path / "indexing"
    env = _fake_pagefind(tmp_path, f"touch {marker}; sleep 60")
    proc = subprocess.Popen([sys.executable, "-m", "site_builder", "build", "--site", str(site)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert marker.exists(), "the build never started pagefind"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert _changed(before, _snapshot(output)) == set(), "output/ changed by a build killed while indexing"
    proc2 = run_cli("build", "--site", site)
    assert proc2.returncode == 0, proc2.stderr
    assert "1 of 3 shards" in proc2.stdout, proc2.stdout
    # No staging folder left behind (the output lock file beside output/ stays, by design).
    assert not [p.name for p in site.iterdir() if p.name.startswith(".output") and p.name != ".output.lock"]


def test_search_off_removes_the_index(site: Path) -> None:
    config = site / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("search: true", "search: false"), encoding="utf-8")
    proc = run_cli("build", "--site", site)
    assert proc.returncode == 0, proc.stderr
    assert not (site / "output" / "pagefind").exists()
    assert "removed output/pagefind/" in proc.stdout


def test_without_pagefind_the_build_says_so(tmp_path: Path) -> None:
    site = make_search_site(tmp_path / "site")
    env = {**os.environ, "PAGEFIND_BINARY_PATH": str(tmp_path / "no-such-pagefind")}
    proc = subprocess.run([sys.executable, "-m", "site_builder", "build", "--site", str(site)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "search index skipped: pagefind is not installed" in proc.stdout
    assert not (site / "output" / "pagefind").exists()


# ---- what Pagefind is given of a page -----------------------------------------------------------

from site_builder.pagefind_service import index_shards, indexed_part   # noqa: E402

_HEAD = '<!DOCTYPE html><html lang="en"><head><meta property="og:image" content="x" data-pagefind-meta="image[content]"></head>'


def test_indexed_part_keeps_the_head_and_the_body_element_only() -> None:
    page = (_HEAD + '<body><nav>Topics Sport Politics</nav><main><article data-pagefind-body><h1>T</h1>'
            '<article><p>nested</p></article><p>after</p></article><aside>related</aside></main></body></html>')
    kept = indexed_part(page)
    assert kept == (_HEAD[:-len("</head>")] + '</head><body><article data-pagefind-body><h1>T</h1>'
                    '<article><p>nested</p></article><p>after</p></article></body></html>')


@pytest.mark.parametrize("page", [
    _HEAD + "<body><article><p>no body mark</p></article></body></html>",
    _HEAD + "<body><div data-pagefind-body>one</div><div data-pagefind-body>two</div></body></html>",
    _HEAD + '<body><nav data-pagefind-filter="topic">Sport</nav><article data-pagefind-body>x</article></body></html>',
    _HEAD + "<body><article data-pagefind-body><script>'</article>'</script>x</article></body></html>",
    _HEAD + "<body><article data-pagefind-body><!-- </article> -->x</article></body></html>",
    _HEAD + "<body><article data-pagefind-body><article>unclosed</article></body></html>",
    '<html data-pagefind-body><head></head><body>whole</body></html>',
], ids=["no mark", "two marks", "filter outside", "script", "comment", "unbalanced", "mark on html"])
def test_indexed_part_gives_the_whole_page_when_a_cut_could_lose_something(page: str) -> None:
    assert indexed_part(page) is page


def test_the_cut_pages_give_the_same_index_as_the_whole_pages(site: Path, tmp_path: Path, monkeypatch) -> None:
    """Every story page of the fixture site indexed whole and cut: the same fragments (each
    page's text, title, meta, filters and word count), so the cut changes nothing a reader sees."""
    output = site / "output"
    pages = sorted(p.relative_to(output).as_posix() for p in output.glob("[0-9]*/*/*/*.html"))
    assert all(indexed_part(p.read_text(encoding="utf-8")) != p.read_text(encoding="utf-8")
               for p in (output / rel for rel in pages)), "a story page of the theme was not cut"

    def fragments(into: Path) -> dict[str, bytes]:
        index_shards(search.find_pagefind(), [("all", pages)], lambda rel: (output / rel).read_bytes(), into, "en", 1)
        return {p.name: _gunzip(p) for p in (into / "all" / "fragment").iterdir()}

    cut = fragments(tmp_path / "cut")
    monkeypatch.setattr("site_builder.pagefind_service.indexed_part", lambda page: page)
    whole = fragments(tmp_path / "whole")
    assert len(whole) == len(pages) and cut == whole
