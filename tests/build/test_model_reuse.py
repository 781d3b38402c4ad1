"""Through the CLI: a build that puts the last build's site model back (model_cache) writes what a
build from scratch writes, after a body edit and after edits that change the grouping."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tests.support.sites import make_site, run_cli


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != ".site-builder.json"}


def _from_scratch(site: Path, where: Path) -> dict[str, bytes]:
    """The same site built by a copy with no .site-builder/ (no cache of any kind)."""
    shutil.copytree(site, where, symlinks=True, ignore=shutil.ignore_patterns("output", ".site-builder"))
    result = run_cli("build", "--site", where, "--jobs", "1")
    assert result.returncode == 0, result.stderr
    return _tree(where / "output")


def _write(folder: Path, name: str, title: str, when: datetime, people: str) -> Path:
    path = folder / f"{name}.md"
    path.write_text(f"---\ntitle: \"{title}\"\ndate: {when.isoformat()}\ntopics: [politics]\n"
                    f"people: {people}\nsummary: A summary.\n---\nBody of {title}.\n", encoding="utf-8")
    return path


def test_builds_that_reuse_the_model_match_builds_from_scratch(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    when = datetime(2025, 3, 3, 9, tzinfo=timezone.utc)
    folder = site / "content" / "articles" / "2025" / "2025-03-03"
    folder.mkdir(parents=True, exist_ok=True)
    # Two titles that slug alike on one day: the second is numbered by the model.
    first = _write(folder, "a", "Port strike talks", when, "[Ana Lopez]")
    second = _write(folder, "b", "Port strike talks", when - timedelta(hours=1), "[Ana Lopez]")
    assert run_cli("build", "--site", site).returncode == 0

    second.write_text(second.read_text(encoding="utf-8") + "\nDockers voted on Tuesday.\n", encoding="utf-8")
    body = run_cli("build", "--site", site)
    assert body.returncode == 0, body.stderr
    assert "only the text of 1 story changed" in body.stdout
    assert _tree(site / "output") == _from_scratch(site, tmp_path / "after-body")

    # Retitled: the numbering goes, and a person moves to another story.
    first.write_text(first.read_text(encoding="utf-8").replace("Port strike talks", "Ferries resume")
                     .replace("[Ana Lopez]", "[Lars Holm]"), encoding="utf-8")
    assert run_cli("build", "--site", site).returncode == 0
    assert _tree(site / "output") == _from_scratch(site, tmp_path / "after-retitle")
    assert (site / "output" / "2025" / "03" / "03" / "port-strike-talks.html").exists()
