"""incremental.inputs_key, the key that says no input changed: every article's path, size and
mtime, and the symlinks skipped for leaving the site; and story_edits, which recomputes it with
the edited files' stamps as the cache saw them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from site_builder.build import build_site
from site_builder.config import load_config
from site_builder.content import ArticleFile
from site_builder.incremental import inputs_key
from tests.support.sites import make_site

FILES = (ArticleFile("content/articles/a.md", "/s/a.md", 10, 100), ArticleFile("content/articles/b.md", "/s/b.md", 20, 200))


def test_any_path_size_mtime_or_skipped_link_changes_the_key() -> None:
    key = inputs_key("frame", FILES)
    variants = [
        inputs_key("frame2", FILES),
        inputs_key("frame", FILES[:1]),
        inputs_key("frame", (FILES[0], FILES[1]._replace(path="content/articles/c.md"))),
        inputs_key("frame", (FILES[0], FILES[1]._replace(size=201))),
        inputs_key("frame", (FILES[0], FILES[1]._replace(mtime_ns=21))),
        inputs_key("frame", FILES, ["content/articles/link.md"]),
        # A size and an mtime swapped, a path moved into the skipped list: other bytes.
        inputs_key("frame", (FILES[0]._replace(size=10, mtime_ns=100), FILES[1])),
        inputs_key("frame", FILES[:1], [FILES[1].path]),
    ]
    assert key not in variants and len(set(variants)) == len(variants)
    assert inputs_key("frame", FILES) == key   # the abs path is not part of it


def test_replaced_stamps_give_the_key_of_files_with_those_stamps() -> None:
    edited = (FILES[0], FILES[1]._replace(size=5, mtime_ns=6))
    assert inputs_key("frame", edited, ["x"], {FILES[1].path: (200, 20)}) == inputs_key("frame", FILES, ["x"])
    assert inputs_key("frame", FILES, (), {"content/articles/zz.md": (1, 2)}) == inputs_key("frame", FILES)


def test_a_body_edit_is_planned_alone_beside_a_skipped_symlink(tmp_path: Path) -> None:
    """A symlink leaving the site is an input of the first key but was left out of the one
    story_edits recomputed, so a site with one planned every page after a body edit."""
    site = make_site(tmp_path / "site")
    outside = tmp_path / "outside.md"
    outside.write_text("---\ntitle: Outside\ndate: 2025-03-01T10:00:00Z\n---\nNot here.\n")
    (site / "content" / "articles" / "linked.md").symlink_to(outside)
    now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    first = build_site(load_config(site), jobs=1, ingest=False, now=now)
    assert any("linked.md" in n.path for n in first.notices), first.notices
    story = next((site / "content" / "articles").rglob("cup-final.md"))
    story.write_text(story.read_text() + "\nMore.\n")
    second = build_site(load_config(site), jobs=1, ingest=False, now=now)
    assert any(m.startswith("only the text of 1 story changed") for m in second.messages), second.messages


def test_replaced_stamps_leave_the_kept_columns_of_a_scan_as_they_were() -> None:
    """An edit hashes one scan twice (incremental._columns keeps its columns): the second time
    with the edited files' cached stamps, which must not leak into the scan's own key."""
    files = (FILES[0], FILES[1])
    key = inputs_key("frame", files)
    assert inputs_key("frame", files, (), {FILES[1].path: (1, 2)}) != key
    assert inputs_key("frame", files) == key
