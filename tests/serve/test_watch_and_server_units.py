"""Unit tests of the watcher and of the server's pure parts (path resolution, script injection)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from site_builder.errors import FrontMatterError
from site_builder.server import (
    BadRequest,
    NotFound,
    Redirect,
    Reloads,
    Serve,
    decode_path,
    describe_failure,
    error_page,
    inject_script,
    resolve,
)
from site_builder.watch import (
    Watcher,
    WatchSet,
    is_ignored,
    relevant,
)

# ---- the watcher ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["a.md.swp", ".a.md.swx", "a.md~", ".#a.md", "4913", ".DS_Store", "x.tmp",
                                  ".goutputstream-XYZ12", "#a.md#"])
def test_editor_droppings_are_ignored(name: str) -> None:
    assert is_ignored(name)


@pytest.mark.parametrize("name", ["a.md", "2025-04-26.txt", "base.html", "config.yaml", "style.css", "4914"])
def test_real_files_are_watched(name: str) -> None:
    assert not is_ignored(name)


def test_relevant_paths() -> None:
    watch = WatchSet(folders=(Path("/s/content"),), files=(Path("/s/config.yaml"),),
                     excluded=frozenset({"/s/content/skip"}))
    assert relevant(watch, "/s/content/articles/a.md")
    assert relevant(watch, "/s/config.yaml")
    assert not relevant(watch, "/s/other.yaml")  # beside config.yaml, not watched
    assert not relevant(watch, "/s/content/skip/a.md")  # an excluded folder
    assert not relevant(watch, "/s/content/.git/HEAD")  # a hidden folder
    assert not relevant(watch, "/s/content/articles/.a.md.swp")


class Calls:
    def __init__(self) -> None:
        self.batches: list[list[str]] = []
        self.event = threading.Event()

    def __call__(self, paths: list[str]) -> None:
        self.batches.append(paths)
        self.event.set()

    def wait(self) -> list[str]:
        assert self.event.wait(15), "no change reported"
        self.event.clear()
        return self.batches[-1]


@pytest.fixture(params=[False, True], ids=["events", "polling"])
def watched(request: pytest.FixtureRequest, tmp_path: Path):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (tmp_path / "output").mkdir()
    (tmp_path / "config.yaml").write_text("title: x\n")
    watch_set = WatchSet(folders=(content, tmp_path / "output"), files=(tmp_path / "config.yaml",),
                         excluded=frozenset({str(tmp_path / "output")}))
    calls = Calls()
    watcher = Watcher(lambda: watch_set, calls, quiet=0.3, force_polling=request.param)
    watcher.start()
    yield tmp_path, calls
    watcher.stop()


def test_a_burst_of_writes_is_one_change(watched) -> None:
    root, calls = watched
    article = root / "content" / "articles" / "a.md"
    for n in range(20):
        article.write_text(f"version {n}\n")
    assert calls.wait() == [str(article)]
    assert len(calls.batches) == 1


def test_polling_takes_over_when_change_events_fail(monkeypatch, tmp_path: Path) -> None:
    import watchfiles

    real = watchfiles.watch

    def events_fail(*paths, force_polling=False, **kwargs):
        if not force_polling:
            raise OSError(28, "inotify watch limit reached")
        return real(*paths, force_polling=force_polling, **kwargs)

    monkeypatch.setattr(watchfiles, "watch", events_fail)
    calls = Calls()
    watcher = Watcher(lambda: WatchSet((tmp_path,), (), frozenset()), calls, quiet=0.2, force_polling=False)
    watcher.start()
    try:
        (tmp_path / "a.md").write_text("x")
        assert calls.wait() == [str(tmp_path / "a.md")]
        assert watcher.polling
    finally:
        watcher.stop()


def test_temp_files_and_excluded_folders_are_not_changes(watched) -> None:
    root, calls = watched
    articles = root / "content" / "articles"
    (articles / ".a.md.swp").write_text("x")
    (articles / "4913").write_text("x")
    (root / "output" / "index.html").write_text("x")
    (articles / "real.md").write_text("x")
    assert calls.wait() == [str(articles / "real.md")]


def test_new_folders_deletions_renames_and_config(watched) -> None:
    root, calls = watched
    folder = root / "content" / "articles" / "2025" / "04"
    folder.mkdir(parents=True)
    (folder / "first.md").write_text("x")
    assert any(p.startswith(str(root / "content" / "articles" / "2025")) for p in calls.wait())
    (folder / "new.md").write_text("x")  # inside the new folder: it is watched now
    assert str(folder / "new.md") in calls.wait()
    (folder / "new.md").rename(folder / "renamed.md")
    assert str(folder / "renamed.md") in calls.wait()
    (folder / "renamed.md").unlink()
    assert str(folder / "renamed.md") in calls.wait()
    replacement = root / "config.yaml.tmp"
    replacement.write_text("title: y\n")
    os.replace(replacement, root / "config.yaml")  # how editors save
    assert str(root / "config.yaml") in calls.wait()


# ---- path resolution -------------------------------------------------------------------------------


@pytest.fixture
def out(tmp_path: Path) -> Path:
    out = tmp_path / "output"
    (out / "topics" / "politics").mkdir(parents=True)
    (out / "index.html").write_text("home")
    (out / "about.html").write_text("about")
    (out / "topics" / "politics" / "index.html").write_text("politics")
    (tmp_path / "secret").write_text("secret")
    os.symlink(tmp_path / "secret", out / "link")
    return out


@pytest.mark.parametrize("path, expected", [
    ("/news/", Serve),
    ("/news/index.html", Serve),
    ("/news/topics/politics/", Serve),
    ("/news/about", Serve),                       # GitHub Pages serves about.html for /about
    ("/news/topics/politics", Redirect),
    ("/news", Redirect),
    ("/", Redirect),
    ("/news/topics/", NotFound),                  # a folder without index.html
    ("/news/index.html/", NotFound),
    ("/news/link", NotFound),                     # a symlink out of output/
    ("/news/../secret", BadRequest),
    ("/news/a/../../secret", BadRequest),
    ("/elsewhere/", NotFound),
    ("news/", BadRequest),
])
def test_resolve(out: Path, path: str, expected: type) -> None:
    assert isinstance(resolve(out, "/news/", path), expected)


def test_resolve_serves_the_real_file(out: Path) -> None:
    found = resolve(out, "/news/", "/news/topics/politics/")
    assert isinstance(found, Serve) and Path(found.file).read_text() == "politics"
    assert resolve(out, "/news/", "/news/topics/politics") == Redirect("/news/topics/politics/")
    assert resolve(out, "/", "/topics/politics") == Redirect("/topics/politics/")


@pytest.mark.parametrize("raw, expected", [
    ("/news/a%20b", "/news/a b"),
    ("/news/%E4%B8%AD", "/news/中"),
    ("/news/%2e%2e/x", "/news/../x"),             # decoded once; resolve() then refuses the '..'
    ("/news/%252e", "/news/%2e"),
    ("/news/%00", None),
    ("/news/%0a", None),
    ("/news/%ff", None),
    ("/news/\xff", None),                         # raw non-UTF-8 byte, as tornado hands it over
])
def test_decode_path(raw: str, expected: str | None) -> None:
    assert decode_path(raw) == expected


@pytest.mark.parametrize("page", [
    b"<html><head><title>x</title></head><body></body></html>",
    b"<HTML><HEAD></HEAD ><BODY></BODY></HTML>",
    b"<html><body>no head</body></html>",
    b"no tags at all",
])
def test_inject_script_once(page: bytes) -> None:
    result = inject_script(page, b"<script>S</script>")
    assert result.count(b"<script>S</script>") == 1
    assert result.replace(b"<script>S</script>", b"") == page
    if b"</head" in page.lower():
        assert result.lower().index(b"<script>s</script>") < result.lower().index(b"</head")


def test_error_page_escapes_and_names_the_file(tmp_path: Path) -> None:
    exc = FrontMatterError("bad <b>YAML</b> & more", path=tmp_path / "content" / "x<script>.md", line=3)
    failure = describe_failure(exc, tmp_path)
    assert failure.path == "content/x<script>.md" and failure.line == 3
    page = error_page(failure).decode()
    assert "content/x&lt;script&gt;.md, line 3" in page
    assert "<script>" not in page and "<b>" not in page


def test_moves_follow_a_retitled_story() -> None:
    from site_builder.server import Moves

    moves = Moves(known=frozenset({"index.html", "2025/03/01/a.html", "2025/03/01/b.html"}))
    moves = moves.after(("index.html", "2025/03/01/a2.html"), ("2025/03/01/a.html",))
    assert moves.target("2025/03/01/a.html") == "2025/03/01/a2.html"
    moves = moves.after(("2025/03/01/a3.html",), ("2025/03/01/a2.html",))  # retitled again
    assert moves.target("2025/03/01/a.html") == "2025/03/01/a3.html"
    assert moves.target("2025/03/01/a2.html") == "2025/03/01/a3.html"
    moves = moves.after(("2025/03/01/a.html",), ())  # the old address is a page again
    assert moves.target("2025/03/01/a.html") is None
    # Two stories gone and two new at once: which went where is a guess, so no redirect.
    both = Moves(known=frozenset({"2025/03/01/x.html", "2025/03/01/y.html"})).after(
        ("2025/03/01/x2.html", "2025/03/01/y2.html"), ("2025/03/01/x.html", "2025/03/01/y.html"))
    assert both.moved == ()


# ---- the reloads the search catch-up waits for ------------------------------------------------------

def test_reloads_wait_only_for_browsers_told_and_not_back() -> None:
    import time
    reloads = Reloads()
    assert reloads.wait(timeout=5)                       # no reload asked: no wait
    reloads.asked()
    assert not reloads.wait(timeout=0.05)                # asked, not yet sent by the server loop
    reloads.told(2)
    reloads.back()
    assert not reloads.wait(timeout=0.05)                # one of two back
    threading.Timer(0.2, reloads.back).start()
    started = time.monotonic()
    assert reloads.wait(timeout=5) and time.monotonic() - started < 4
    reloads.asked()
    reloads.told(0)                                      # nobody connected: nothing to wait for
    assert reloads.wait(timeout=5)
    reloads.back()                                       # a new tab's hello never goes below zero
    reloads.told(1)
    assert not reloads.wait(timeout=0.05)
