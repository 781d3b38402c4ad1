"""cache.py: the parsed articles (by path, checked against mtime and size, in shards) and the
rendered bodies (by content hash, in SQLite) that a build keeps in .site-builder/."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from site_builder.cache import ArticleCache, BodyCache, write_cache_file
from site_builder.errors import OutputError
from site_builder.models import Article, stored_article


def _article(path: str, body: str = "") -> Article:
    return Article(path=path, slug=Path(path).stem, title=f"Title of {path}", date=datetime(2025, 1, 2, tzinfo=timezone.utc),
                   edition=date(2025, 1, 2), body=body, content_hash=f"hash-{path}")


def _shard_files(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("*.pickle")}


def test_an_entry_is_found_only_while_mtime_and_size_match(tmp_path: Path) -> None:
    cache = ArticleCache(tmp_path, "key")
    cache.save({"a.md": (100, 10, _article("a.md", body="the body"))}, {"a.md"})
    again = ArticleCache(tmp_path, "key")
    found = again.get("a.md", 100, 10)
    assert found == _article("a.md")   # kept without its body: that is the body cache's
    assert again.get("a.md", 101, 10) is None and again.get("a.md", 100, 11) is None
    assert again.stamp("a.md") == (10, 100)
    assert again.previous("a.md") == _article("a.md")   # whatever the file is now
    assert len(again) == 1


def test_another_key_starts_empty(tmp_path: Path) -> None:
    """The key holds the time zone, the code and the body cache's generation."""
    ArticleCache(tmp_path, "key").save({"a.md": (1, 1, _article("a.md"))}, {"a.md"})
    assert len(ArticleCache(tmp_path, "other")) == 0


def test_saving_rewrites_only_the_shards_that_changed(tmp_path: Path) -> None:
    entries = {f"{n}.md": (n, n, _article(f"{n}.md")) for n in range(200)}
    ArticleCache(tmp_path, "key").save(entries, set(entries))
    before = _shard_files(tmp_path)
    assert len(before) == ArticleCache.SHARDS
    cache = ArticleCache(tmp_path, "key")
    for name in before:
        os.utime(tmp_path / name, ns=(0, 0))
    entries["7.md"] = (8, 8, _article("7.md"))   # one story edited
    cache.save(entries, {"7.md"})
    after = _shard_files(tmp_path)
    assert [name for name, mtime in after.items() if mtime != 0] == [f"{cache._shard('7.md'):02d}.pickle"]
    assert ArticleCache(tmp_path, "key").get("7.md", 8, 8) is not None


def test_files_gone_are_forgotten(tmp_path: Path) -> None:
    entries = {"a.md": (1, 1, _article("a.md")), "b.md": (1, 1, _article("b.md"))}
    ArticleCache(tmp_path, "key").save(entries, set(entries))
    cache = ArticleCache(tmp_path, "key")
    cache.save({"a.md": entries["a.md"]}, set())
    assert len(cache) == 1
    reopened = ArticleCache(tmp_path, "key")
    assert reopened.previous("b.md") is None and reopened.get("a.md", 1, 1) is not None


def test_a_damaged_shard_is_only_a_cold_cache(tmp_path: Path) -> None:
    ArticleCache(tmp_path, "key").save({"a.md": (1, 1, _article("a.md"))}, {"a.md"})
    for shard in tmp_path.glob("*.pickle"):
        shard.write_bytes(b"not a pickle")
    assert len(ArticleCache(tmp_path, "key")) == 0


def test_bodies_are_kept_by_hash_across_builds(tmp_path: Path) -> None:
    with BodyCache(tmp_path / "bodies.sqlite") as bodies:
        generation = bodies.generation
        bodies.put_many({"h1": "<p>one</p>", "h2": "<p>two</p>"})
    with BodyCache(tmp_path / "bodies.sqlite") as bodies:
        assert bodies.generation == generation   # the article cache's entries stay valid
        assert bodies.get("h1") == "<p>one</p>" and bodies.get("missing", "none") == "none"
        assert bodies.load({"h2"})["h2"] == "<p>two</p>"
        assert bodies.count() == 2


def test_a_damaged_body_cache_starts_again_with_a_new_generation(tmp_path: Path) -> None:
    path = tmp_path / "bodies.sqlite"
    with BodyCache(path) as bodies:
        generation = bodies.generation
    path.write_bytes(b"this is not a database" * 100)
    with BodyCache(path) as bodies:
        assert bodies.generation != generation and bodies.count() == 0


def test_old_bodies_are_pruned_once_they_are_a_quarter_of_the_cache(tmp_path: Path) -> None:
    live = [_article(f"{n}.md") for n in range(400)]
    with BodyCache(tmp_path / "bodies.sqlite") as bodies:
        bodies.put_many({a.content_hash: "x" for a in live})
        bodies.put_many({f"old-{n}": "x" for n in range(200)})   # 600 = 400 * 5 / 4 + 100: kept
        bodies.tidy(live)
        assert bodies.count() == 600
        bodies.put_many({"old-one-more": "x"})
        bodies.tidy(live)
        assert bodies.count() == 400


def test_a_reader_in_a_forked_process_opens_its_own_connection(tmp_path: Path) -> None:
    with BodyCache(tmp_path / "bodies.sqlite") as bodies:
        bodies.put_many({"h": "<p>body</p>"})
        reader = bodies.reader()
        assert bodies.memory == {}   # the parent's copy is dropped before the fork
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:   # the child: a connection of its own, not the parent's
            os.write(write, (reader.get("h") or "").encode())
            os._exit(0)
        os.close(write)
        os.waitpid(pid, 0)
        assert os.read(read, 100) == b"<p>body</p>"


def test_a_cache_file_that_cannot_be_written_is_an_error_naming_it(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    with pytest.raises(OutputError, match="cannot write the build cache") as caught:
        write_cache_file(blocker / "state.json", b"{}")
    assert "not-a-folder" in str(caught.value)


def test_the_article_cache_is_valid_in_another_process(tmp_path: Path) -> None:
    """Entries are pickled by value (Article.__reduce__): a fresh interpreter loads them."""
    ArticleCache(tmp_path, "key").save({"a.md": (1, 2, _article("a.md"))}, {"a.md"})
    code = ("import sys; from pathlib import Path; from site_builder.cache import ArticleCache;"
            "print(ArticleCache(Path(sys.argv[1]), 'key').get('a.md', 1, 2).title)")
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "Title of a.md"


def test_a_process_reopens_the_cache_it_left_without_reading_it_again(tmp_path: Path, monkeypatch) -> None:
    """serve builds in-process after each save: the second build takes the cache object the first
    left, as long as no other process has written the cache's files since."""
    import site_builder.cache as cache_module

    first = cache_module.open_article_cache(tmp_path, "key")
    first.save({"a.md": (1, 1, _article("a.md"))}, {"a.md"})
    loads = []
    real = ArticleCache.__init__
    monkeypatch.setattr(ArticleCache, "__init__", lambda self, *a: loads.append(1) or real(self, *a))
    again = cache_module.open_article_cache(tmp_path, "key")
    assert again is first and not loads and again.get("a.md", 1, 1) is not None

    # Another process (a plain ArticleCache here) saves: this one reads the files again.
    other = ArticleCache(tmp_path, "key")
    other.save({"a.md": (1, 1, _article("a.md")), "b.md": (2, 2, _article("b.md"))}, {"b.md"})
    loads.clear()
    reread = cache_module.open_article_cache(tmp_path, "key")
    assert reread is not first and reread.get("b.md", 2, 2) is not None
    assert cache_module.open_article_cache(tmp_path, "other key") is not reread


def test_a_cache_whose_save_failed_is_read_again(tmp_path: Path, monkeypatch) -> None:
    import site_builder.cache as cache_module

    first = cache_module.open_article_cache(tmp_path, "key")
    first.save({"a.md": (1, 1, _article("a.md"))}, {"a.md"})

    def full(path: Path, data: bytes) -> None:
        raise OutputError("disk full", path=path)
    monkeypatch.setattr(cache_module, "write_cache_file", full)
    edited = (2, 2, replace(_article("a.md"), content_hash="edited"))   # the body alone: same token, no file removed
    with pytest.raises(OutputError):
        first.save({"a.md": edited}, {"a.md"})
    monkeypatch.undo()
    again = cache_module.open_article_cache(tmp_path, "key")
    assert again is not first and again.get("a.md", 2, 2) is None and again.get("a.md", 1, 1) is not None


def test_entries_are_the_cached_ones_for_files_as_recorded_and_none_for_others(tmp_path: Path) -> None:
    from site_builder.content import ArticleFile

    ArticleCache(tmp_path, "key").save({"a.md": (1, 2, _article("a.md")), "b.md": (1, 2, _article("b.md"))},
                                       {"a.md", "b.md"})
    cache = ArticleCache(tmp_path, "key")
    files = [ArticleFile("a.md", "/x/a.md", 1, 2), ArticleFile("b.md", "/x/b.md", 1, 3),
             ArticleFile("b.md", "/x/b.md", 9, 2), ArticleFile("c.md", "/x/c.md", 1, 2)]
    found = cache.entries(files)
    # The entry holds the article as the cache stores it (models.stored_form).
    assert found[0][:2] == (1, 2) and stored_article(found[0][2]) == _article("a.md") and found[1:] == [None, None, None]
    assert found[0] is cache._all["a.md"]   # the entry itself, not a copy


def test_the_paths_gone_are_found_from_the_paths_read_afresh() -> None:
    """_gone_paths: no pass over every cached path when the counts show none is gone, and the
    right paths whenever one is (a story deleted, renamed, or one deleted and one added)."""
    from site_builder.cache import _gone_paths

    class Counted(dict):
        iterated = 0

        def __iter__(self):
            Counted.iterated += 1
            return super().__iter__()

    entry = (1, 1, _article("x.md"))
    cached = Counted({f"{n}.md": entry for n in range(50)})
    fresh = {f"{n}.md": entry for n in range(50)}
    assert _gone_paths(cached, fresh, {"7.md"}) == set() and Counted.iterated == 0   # a body edit
    assert _gone_paths(cached, {**fresh, "new.md": entry}, {"new.md"}) == set()      # a story added
    assert Counted.iterated == 0
    without = {p: e for p, e in fresh.items() if p != "3.md"}
    assert _gone_paths(cached, without, set()) == {"3.md"}                           # deleted
    assert _gone_paths(cached, {**without, "new.md": entry}, {"new.md"}) == {"3.md"}  # one gone, one new
    assert _gone_paths(cached, {**without, "3b.md": entry}, {"3b.md", "5.md"}) == {"3.md"}
    assert _gone_paths(cached, {}, set()) == set(cached)
