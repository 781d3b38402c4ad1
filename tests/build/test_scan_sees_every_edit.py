"""The scan of content/articles (content.scan_articles) finds every file and every way a person
changes one: through the CLI, each edit shows in the next build; and the scan lists exactly what
a plain walk of the folders lists, in path order."""

from __future__ import annotations

import os
from pathlib import Path

from site_builder.content import scan_articles
from site_builder.errors import Notice
from tests.support.sites import make_site, run_cli

STORY = "---\ntitle: \"{title}\"\ndate: 2025-03-04T10:00:00Z\ntopics: [politics]\nsummary: A summary.\n---\n{body}\n"


def _build(site: Path) -> str:
    result = run_cli("build", "--site", site, "--jobs", "1", "--no-ingest")
    assert result.returncode == 0, result.stderr
    return result.stdout


def _shown(site: Path, text: str) -> bool:
    return any(text in page.read_text(encoding="utf-8") for page in (site / "output").rglob("*.html"))


def _later(path: Path) -> None:
    """An mtime a second past the last build's, as a person's save after it has (no same-tick save)."""
    st = path.lstat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000), follow_symlinks=False)


def test_every_kind_of_edit_shows_in_the_next_build(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    articles = site / "content" / "articles"
    story = articles / "2025" / "edits" / "story.md"
    story.parent.mkdir(parents=True)
    story.write_text(STORY.format(title="Scan story", body="First words here."), encoding="utf-8")
    target = site / "kept" / "linked-target.md"   # inside the site, outside content/
    target.parent.mkdir()
    target.write_text(STORY.format(title="Linked story", body="Linked first."), encoding="utf-8")
    (articles / "2025" / "edits" / "linked.md").symlink_to(target)
    _build(site)
    assert _shown(site, "First words here.") and _shown(site, "Linked first.")

    # Saved in place, same size: no folder's mtime moves.
    with open(story, "r+b") as handle:
        data = handle.read()
        handle.seek(0)
        handle.write(data.replace(b"First words", b"Fresh words"))
    _later(story)
    _build(site)
    assert _shown(site, "Fresh words here.")

    # Saved as editors do: a temp file renamed over the story.
    temp = story.with_name(".story.md.tmp")
    temp.write_text(STORY.format(title="Scan story", body="Renamed over it."), encoding="utf-8")
    os.replace(temp, story)
    _build(site)
    assert _shown(site, "Renamed over it.") and not _shown(site, "Fresh words here.")

    # Touched only: the build looks again rather than saying nothing changed.
    _later(story)
    assert "nothing changed since the last build" not in _build(site)
    assert "nothing changed since the last build" in _build(site)

    # The target of a symlinked story, edited in place.
    target.write_text(STORY.format(title="Linked story", body="Linked second."), encoding="utf-8")
    _later(target)
    _build(site)
    assert _shown(site, "Linked second.") and not _shown(site, "Linked first.")

    # A new story in a new folder, then a story deleted.
    new = articles / "2025" / "new-folder" / "new.md"
    new.parent.mkdir()
    new.write_text(STORY.format(title="New story", body="Brand new text."), encoding="utf-8")
    _build(site)
    assert _shown(site, "Brand new text.")
    story.unlink()
    _build(site)
    assert not _shown(site, "Renamed over it.") and _shown(site, "Brand new text.")


def _walked(articles: Path, site: Path) -> list[tuple[str, int, int]]:
    """What the scan must find, by a plain os.walk: regular *.md files and symlinks to files inside
    the site; hidden and editor temp names, other files and symlinked folders left out."""
    found = []
    for folder, dirs, files in os.walk(articles):
        dirs[:] = [d for d in dirs if not d.startswith((".", "#", "~")) and not d.endswith("~")]
        for name in files:
            path = Path(folder, name)
            if name.startswith((".", "#", "~")) or name.endswith("~") or not name.endswith(".md"):
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(site.resolve()):
                continue
            st = path.stat()
            found.append((path.relative_to(site).as_posix(), st.st_mtime_ns, st.st_size))
    return sorted(found)


def test_the_scan_lists_what_a_walk_lists_in_path_order(tmp_path: Path) -> None:
    site = tmp_path / "site"
    articles = site / "content" / "articles"
    for rel in ("a.md", "a-b.md", "a/b.md", "a/b-c.md", "a/b/c.md", "a.b/x.md", "z/deep/er/est.md",
                ".hidden.md", "#autosave#.md", "~lock.md", "backup.md~", "notes.txt", ".git/x.md", "a/.tmp/y.md"):
        path = articles / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: {rel}\ndate: 2025-01-01\n---\n{'x' * len(rel)}\n", encoding="utf-8")
    (articles / "folder.md").mkdir()
    (articles / "folder.md" / "inside.md").write_text("---\ntitle: t\ndate: 2025-01-01\n---\n", encoding="utf-8")
    (site / "kept").mkdir()
    (site / "kept" / "t.md").write_text("---\ntitle: t\ndate: 2025-01-01\n---\n", encoding="utf-8")
    (articles / "a" / "link.md").symlink_to(site / "kept" / "t.md")
    (articles / "linked-folder").symlink_to(site / "kept", target_is_directory=True)
    outside = tmp_path / "outside.md"
    outside.write_text("---\ntitle: o\ndate: 2025-01-01\n---\n", encoding="utf-8")
    (articles / "out.md").symlink_to(outside)

    skipped: list[Notice] = []
    scanned = scan_articles(articles, site, skipped)
    assert [(f.path, f.mtime_ns, f.size) for f in scanned] == _walked(articles, site)
    assert [f.path for f in scanned] == sorted(f.path for f in scanned)
    assert all(f.abs_path == str(site / f.path) for f in scanned)
    assert [n.path for n in skipped] == ["content/articles/out.md"]
