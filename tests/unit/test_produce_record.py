"""produce.commit's record of output/ (.site-builder.json): restaged by every build that writes,
so its mtime is the newest; after an edit that keeps the same files, the last record's bytes are
staged again rather than sorted and written out anew."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from site_builder import writer
from site_builder.build import build_site
from site_builder.config import load_config
from tests.support.sites import make_site

NOW = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def _build(site: Path):
    return build_site(load_config(site), jobs=1, ingest=False, now=NOW)


def test_an_edit_restages_the_last_record_and_a_new_story_writes_a_new_one(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path / "site")
    _build(site)
    record = site / "output" / writer.OUTPUT_RECORD
    before, before_ns = record.read_bytes(), record.stat().st_mtime_ns
    story = next((site / "content" / "articles").rglob("cup-final.md"))
    story.write_text(story.read_text() + "\nMore.\n")
    time.sleep(0.01)
    with monkeypatch.context() as patch:
        patch.setattr(writer.OutputRecord, "dumps", lambda self: pytest.fail("the record was written out anew"))
        report = _build(site)
    assert report.written > 0
    assert record.read_bytes() == before and record.stat().st_mtime_ns > before_ns
    new = story.with_name("new-story.md")
    new.write_text("---\ntitle: A new story\ndate: 2025-03-02T09:00:00Z\n---\nNews.\n")
    _build(site)
    listed = set(json.loads(record.read_text())["files"])
    assert listed > set(json.loads(before)["files"]) and any("a-new-story" in rel for rel in listed)


def test_the_next_build_in_the_same_process_reuses_the_manifest_it_saved(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """serve's builds: the manifest and stamps committed by one build are not read back by the
    next (writer._KEPT); one replaced on disk by another process is read afresh."""
    site = make_site(tmp_path / "site")
    _build(site)
    story = next((site / "content" / "articles").rglob("cup-final.md"))
    story.write_text(story.read_text() + "\nMore.\n")
    with monkeypatch.context() as patch:
        # writer's own marshal only: the article cache reads its stories with marshal too.
        patch.setattr(writer, "marshal", SimpleNamespace(dumps=writer.marshal.dumps,
                                                         loads=lambda data: pytest.fail("read back from disk")))
        report = _build(site)
    assert any(m.startswith("only the text of 1 story") for m in report.messages), report.messages
    from site_builder.incremental import manifest_path
    path = manifest_path(load_config(site))
    files = writer.Manifest.load(path).files
    writer.atomic.replace(path, writer.Manifest({"x.html": ("f", "d")}).dumps())   # another process's build
    assert writer.Manifest.load(path).files == {"x.html": ("f", "d")} != files
