"""Which digests a build ingests: new or changed ones only, read again only when touched."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from site_builder.config import load_config
from site_builder.ingest import ingest_digests
from site_builder.ingest.ledger import pending_digests

REPO = Path(__file__).resolve().parents[2]


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "content" / "digests").mkdir(parents=True)
    shutil.copy2(REPO / "config.yaml", site / "config.yaml")
    shutil.copy2(REPO / "content" / "digests" / "2025-04-26.txt", site / "content" / "digests" / "2025-04-26.txt")
    return site


def test_a_digest_is_pending_until_ingested_and_again_when_changed(tmp_path):
    site = _site(tmp_path)
    config = load_config(site)
    digest = site / "content" / "digests" / "2025-04-26.txt"
    assert pending_digests(config) == [digest]
    ingest_digests(config, [digest])
    assert pending_digests(config) == []
    digest.write_text(digest.read_text(encoding="utf-8") + "\nOne more line that ends a story.", encoding="utf-8")
    assert pending_digests(config) == [digest]


def test_a_touched_but_unchanged_digest_is_not_pending(tmp_path):
    site = _site(tmp_path)
    config = load_config(site)
    digest = site / "content" / "digests" / "2025-04-26.txt"
    ingest_digests(config, [digest])
    st = digest.stat()
    os.utime(digest, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert pending_digests(config) == []
    # A same-size change under a new mtime is still caught: the content hash decides.
    data = bytearray(digest.read_bytes())
    data[0:1] = b"X" if data[0:1] != b"X" else b"Y"
    digest.write_bytes(bytes(data))
    os.utime(digest, ns=(st.st_atime_ns, st.st_mtime_ns + 9_000_000_000))
    assert pending_digests(config) == [digest]


def test_hidden_files_and_other_extensions_are_not_digests(tmp_path):
    site = _site(tmp_path)
    folder = site / "content" / "digests"
    (folder / ".draft.txt").write_text("Hidden.", encoding="utf-8")
    (folder / "notes.md").write_text("Not a digest.", encoding="utf-8")
    assert [p.name for p in pending_digests(load_config(site))] == ["2025-04-26.txt"]
