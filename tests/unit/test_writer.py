"""writer.Transaction, the one path by which a build's files reach output/: staged, then
committed in one step at the journal; recover() finishing or discarding a killed build; the
record and damaged_files() that tell a build what changed in output/ behind its back."""

from __future__ import annotations

import errno
import json
import os
import time
from pathlib import Path

import pytest

from site_builder import writer
from site_builder.errors import OutputError
from site_builder.pool import PARALLEL_THRESHOLD, map_chunks
from site_builder.writer import (JOURNAL, OUTPUT_RECORD, Manifest, OutputRecord, Transaction, check_output_dir,
                                 OutputStamps, damaged_files, damaged_since, folder_stamps, folders_of, recover,
                                 staging_dir, stamps_path)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _output(tmp_path: Path, files: dict[str, bytes]) -> Path:
    """An output folder a previous build left with these files."""
    output = tmp_path / "output"
    output.mkdir()
    for rel, data in files.items():
        (output / rel).write_bytes(data)
    return output


def _commit(output: Path, manifest_path: Path, staged: dict[str, bytes], deletes: tuple[str, ...] = ()) -> None:
    with Transaction(output) as transaction:
        for rel, data in staged.items():
            transaction.stage(rel, data)
        for rel in deletes:
            transaction.delete(rel)
        transaction.commit(Manifest({rel: ("fp", writer.sha(data)) for rel, data in staged.items()}), manifest_path)


def test_staged_files_reach_output_only_at_the_commit(tmp_path: Path) -> None:
    output = _output(tmp_path, {"old.html": b"old"})
    with Transaction(output) as transaction:
        transaction.stage("a/b/page.html", b"new page")
        transaction.stage("old.html", b"changed")
        assert _tree(output) == {"old.html": b"old"}   # nothing moved in before the commit
        assert transaction.is_new == {"a/b/page.html": True, "old.html": False}
        transaction.commit(Manifest({"a/b/page.html": ("f", "d")}), tmp_path / "manifest.pickle")
    assert _tree(output) == {"a/b/page.html": b"new page", "old.html": b"changed"}
    assert not transaction.staging.exists()
    assert Manifest.load(tmp_path / "manifest.pickle") == Manifest({"a/b/page.html": ("f", "d")})


def test_new_files_are_moved_in_before_changed_ones(tmp_path: Path) -> None:
    """A changed listing may link to a new page: the journal lists new files first."""
    output = _output(tmp_path, {"index.html": b"old"})
    transaction = Transaction(output)
    transaction.begin()
    transaction.stage("index.html", b"links to z")
    transaction.stage("z/new.html", b"new")
    real_apply = writer.apply_journal
    seen: list[list[str]] = []

    def spy(output_dir: Path, staging: Path) -> None:
        seen.append(json.loads((staging / JOURNAL).read_text())["writes"])
        real_apply(output_dir, staging)

    writer.apply_journal = spy   # type: ignore[assignment]
    try:
        transaction.commit(Manifest(), tmp_path / "m.pickle")
    finally:
        writer.apply_journal = real_apply   # type: ignore[assignment]
    assert seen == [["z/new.html", "index.html"]]


def test_deletes_remove_files_and_the_folders_they_empty(tmp_path: Path) -> None:
    output = tmp_path / "output"
    (output / "gone" / "deep").mkdir(parents=True)
    (output / "gone" / "deep" / "page.html").write_bytes(b"x")
    (output / "kept.html").write_bytes(b"k")
    _commit(output, tmp_path / "m.pickle", {"new.html": b"n"}, deletes=("gone/deep/page.html",))
    assert _tree(output) == {"kept.html": b"k", "new.html": b"n"}
    assert not (output / "gone").exists()


def test_a_failure_before_the_commit_point_leaves_output_as_it_was(tmp_path: Path) -> None:
    output = _output(tmp_path, {"page.html": b"before"})
    with pytest.raises(RuntimeError):
        with Transaction(output) as transaction:
            transaction.stage("page.html", b"after")
            raise RuntimeError("the build failed while rendering")
    assert _tree(output) == {"page.html": b"before"}
    assert not staging_dir(output).exists()


def test_a_failure_after_the_commit_point_is_finished_by_recover(tmp_path: Path, monkeypatch) -> None:
    output = _output(tmp_path, {"page.html": b"before"})
    real_replace = os.replace
    calls = {"n": 0}

    def failing_replace(src, dst, *args, **kwargs):
        if str(dst).startswith(str(output) + os.sep):
            calls["n"] += 1
            if calls["n"] == 2:
                raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(writer.os, "replace", failing_replace)
    with pytest.raises(OutputError, match="cannot move the new files into the output folder"):
        _commit(output, tmp_path / "m.pickle", {"a.html": b"a", "page.html": b"after"})
    assert (staging_dir(output) / JOURNAL).exists()   # kept by the context manager, to finish the job
    monkeypatch.undo()
    assert recover(output) == "finished the file moves of a build that was interrupted after its commit point"
    assert _tree(output) == {"a.html": b"a", "page.html": b"after"}
    assert not staging_dir(output).exists()
    assert Manifest.load(tmp_path / "m.pickle") is not None


def test_recover_discards_what_a_build_killed_before_its_commit_point_staged(tmp_path: Path) -> None:
    output = _output(tmp_path, {"page.html": b"before"})
    transaction = Transaction(output)
    transaction.begin()
    transaction.stage("page.html", b"half-built")   # and the build is killed here
    assert recover(output) == "discarded the staged files of an interrupted build (output/ was left as it was)"
    assert _tree(output) == {"page.html": b"before"}
    assert recover(output) is None


def test_the_first_build_renames_the_staging_folder_into_place(tmp_path: Path) -> None:
    output = tmp_path / "output"
    with Transaction(output) as transaction:
        transaction.stage("index.html", b"home")
        transaction.commit_fresh(Manifest({"index.html": ("f", "d")}), tmp_path / "m.pickle")
    assert _tree(output) == {"index.html": b"home"}
    assert Manifest.load(tmp_path / "m.pickle") == Manifest({"index.html": ("f", "d")})


def test_files_written_by_forked_workers_are_committed_once_the_parent_records_them(tmp_path: Path) -> None:
    """The render workers write() into the staging folder; only the parent's record() counts."""
    output = tmp_path / "output"
    output.mkdir()
    count = PARALLEL_THRESHOLD
    with Transaction(output) as transaction:
        def job(indices: list[int]) -> list[tuple[int, int]]:
            for i in indices:
                transaction.write(f"p/{i % 7}/{i}.html", str(i).encode())
            return [(i, os.getpid()) for i in indices]

        results = [r for part in map_chunks(job, list(range(count)), 2) for r in part]
        assert {pid for _, pid in results} - {os.getpid()}, "the job did not run in worker processes"
        assert transaction.writes == []
        for i, _ in results:
            transaction.record(f"p/{i % 7}/{i}.html")
        transaction.commit(Manifest(), tmp_path / "m.pickle")
    assert _tree(output) == {f"p/{i % 7}/{i}.html": str(i).encode() for i in range(count)}


def test_a_full_disk_while_staging_is_an_error_naming_the_file(tmp_path: Path) -> None:
    output = tmp_path / "output"
    with Transaction(output) as transaction:
        (transaction.staging / "blocked").write_bytes(b"a file where a folder is wanted")
        with pytest.raises(OutputError, match="cannot write blocked/page.html into the staging folder"):
            transaction.write("blocked/page.html", b"x")


def test_a_folder_is_staged_in_place_or_moved_in(tmp_path: Path, monkeypatch) -> None:
    """Pagefind's bundle: filled in the staging folder, or prepared elsewhere and handed over
    (copied when the rename crosses file systems)."""
    output = tmp_path / "output"
    (output / "pagefind" / "old").mkdir(parents=True)
    (output / "pagefind" / "old" / "stale.js").write_bytes(b"stale")
    prepared = tmp_path / "elsewhere"
    (prepared / "sub").mkdir(parents=True)
    (prepared / "sub" / "entry.json").write_bytes(b"{}")

    def cross_device(src, dst):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    with Transaction(output) as transaction:
        filled = transaction.folder("pagefind/a")
        (filled / "index.js").write_bytes(b"a")
        transaction.record("pagefind/a")
        with monkeypatch.context() as patch:
            patch.setattr(writer.os, "rename", cross_device)
            transaction.stage_folder("pagefind/b", prepared)
        transaction.delete("pagefind/old")
        transaction.commit(Manifest(), tmp_path / "m.pickle")
    assert _tree(output) == {"pagefind/a/index.js": b"a", "pagefind/b/sub/entry.json": b"{}"}
    assert not prepared.exists()


def test_damaged_files_are_those_gone_or_changed_since_the_record(tmp_path: Path) -> None:
    output = tmp_path / "output"
    _commit(output, tmp_path / "m.pickle", {"a.html": b"a", "b.html": b"b", "c.html": b"c"})
    with Transaction(output) as transaction:   # the record is staged after every other file
        transaction.stage(OUTPUT_RECORD, OutputRecord(site_url="https://x.org/", files=frozenset({"a.html", "b.html", "c.html"})).dumps())
        transaction.commit(Manifest(), tmp_path / "m.pickle")
    record = OutputRecord.load(output)
    assert record is not None and record.site_url == "https://x.org/"
    (output / "a.html").unlink()
    later = record.committed_ns + 1_000_000_000
    os.utime(output / "b.html", ns=(later, later))
    recorded = {"a.html", "b.html", "c.html"}
    assert damaged_files(output, recorded, record) == {"a.html", "b.html"}
    # Without a record (an output/ of a version that wrote none), only missing files show.
    assert damaged_files(output, recorded, None) == {"a.html"}


def test_the_staging_folder_is_beside_output_named_after_it(tmp_path: Path) -> None:
    assert staging_dir(tmp_path / "public") == tmp_path.resolve() / ".public.staging"


@pytest.mark.parametrize("make, pattern", [
    (lambda site, out: site, "it holds the site itself"),
    (lambda site, out: (out.mkdir(), (out / "config.yaml").write_text(""), out)[-1], "looks like a site"),
    (lambda site, out: (out.mkdir(), (out / "notes.txt").write_text(""), out)[-1], "files site-builder did not write"),
])
def test_an_output_folder_that_would_lose_a_persons_files_is_refused(tmp_path: Path, make, pattern) -> None:
    site = tmp_path / "site"
    site.mkdir()
    with pytest.raises(OutputError, match=pattern):
        check_output_dir(make(site, tmp_path / "out"), site)


def test_an_output_folder_with_our_record_or_only_a_git_folder_is_accepted(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    out = tmp_path / "out"
    (out / ".git").mkdir(parents=True)
    check_output_dir(out, site)
    (out / "page.html").write_text("")
    (out / OUTPUT_RECORD).write_text("{}")
    check_output_dir(out, site)


def test_damaged_files_agrees_with_a_walk_of_output(tmp_path: Path) -> None:
    """damaged_files() looks each recorded file up by itself; a file counts as there exactly as
    a walk of output/ (file_stamps) finds it: a symlink in place of a folder, a folder in place
    of a file or a name no build writes leave it missing."""
    output = tmp_path / "output"
    for rel in ("a/page.html", "b/page.html", "c/page.html", "d.html", "e/f/g.html", ".git/x.html"):
        (output / rel).parent.mkdir(parents=True, exist_ok=True)
        (output / rel).write_bytes(b"x")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "page.html").write_bytes(b"x")
    (output / "b" / "page.html").unlink()
    (output / "b").rmdir()
    (output / "b").symlink_to(elsewhere)                 # a symlink where a folder was
    (output / "d.html").unlink()
    (output / "d.html").mkdir()                          # a folder where a file was
    (output / "link.html").symlink_to(output / "a" / "page.html")   # a symlink as a file: its own mtime
    recorded = {"a/page.html", "b/page.html", "c/page.html", "d.html", "e/f/g.html", ".git/x.html",
                "link.html", "gone.html", "e/gone.html"}
    record = OutputRecord(site_url="", files=frozenset(recorded), committed_ns=0)
    stamps = writer.file_stamps(output)
    for since in (None, record):
        walked = {rel for rel in recorded if rel not in stamps or (since is not None and stamps[rel] > 0)}
        assert damaged_files(output, recorded, since) == walked
    assert damaged_files(output, recorded, None) == {"b/page.html", "d.html", ".git/x.html", "gone.html", "e/gone.html"}


def _built(tmp_path: Path) -> tuple[Path, set[str], OutputRecord]:
    """An output/ as a build leaves it: files in nested folders, the record staged last."""
    output = tmp_path / "output"
    files = {"index.html": b"i", "a/page.html": b"a", "a/other.html": b"o", "b/c/deep.html": b"d", "e/f.html": b"f"}
    with Transaction(output) as transaction:
        for rel, data in files.items():
            transaction.stage(rel, data)
        transaction.stage(OUTPUT_RECORD, OutputRecord(site_url="", files=frozenset(files)).dumps())
        transaction.commit(Manifest(), tmp_path / "m.bin")
    record = OutputRecord.load(output)
    assert record is not None
    return output, set(files), record


def test_folders_of_names_every_folder_on_the_way() -> None:
    assert folders_of({"index.html", "a/b/c.html", "a/d.html"}) == {"", "a", "a/b"}


def test_damaged_since_sees_what_changes_a_folder(tmp_path: Path) -> None:
    """A file removed, one replaced by a rename (as git, rsync and most editors write), a folder
    put back as a symlink to itself: each changes a folder's stamp, and is found as
    damaged_files() finds it; with every stamp as saved, nothing is looked up."""
    output, recorded, record = _built(tmp_path)
    saved = OutputStamps(folder_stamps(output, folders_of(recorded)), record.committed_ns)
    assert damaged_since(output, recorded, record, saved, thorough=False) == (set(), saved.folders)
    time.sleep(0.01)
    (output / "a" / "page.html").unlink()
    later = record.committed_ns + 10**9
    replacement = output / "e" / "f.html.tmp"
    replacement.write_bytes(b"hand-made")
    os.utime(replacement, ns=(later, later))
    os.replace(replacement, output / "e" / "f.html")
    moved = tmp_path / "elsewhere"
    os.rename(output / "b", moved)
    (output / "b").symlink_to(moved)   # b/c keeps its inode and mtime, but is no longer ours
    damaged, now = damaged_since(output, recorded, record, saved, thorough=False)
    assert damaged == {"a/page.html", "e/f.html", "b/c/deep.html"} == damaged_files(output, recorded, record)
    assert now["a"] != saved.folders["a"] and "b" not in now


def test_damaged_since_trusts_a_folder_whose_stamp_is_unchanged(tmp_path: Path, monkeypatch) -> None:
    """The shortcut itself: with the folders as saved, one lstat per folder and none per file;
    a file rewritten in place (no folder changes) is then only seen by the thorough check, or
    without stamps; one a build since wrote (in the stamps' `written`) is not damaged."""
    output, recorded, record = _built(tmp_path)
    saved = OutputStamps(folder_stamps(output, folders_of(recorded)), record.committed_ns)
    later = record.committed_ns + 10**9
    for rel in ("a/page.html", "a/other.html"):
        (output / rel).write_bytes(b"in place")
        os.utime(output / rel, ns=(later, later))
    calls: list[str] = []
    real_lstat = os.lstat
    monkeypatch.setattr(writer.os, "lstat", lambda path: (calls.append(str(path)), real_lstat(path))[1])
    assert damaged_since(output, recorded, record, saved, thorough=False)[0] == set()
    assert len(calls) == len(folders_of(recorded))   # 4 folders, not 5 files
    assert damaged_since(output, recorded, record, saved, thorough=True)[0] == {"a/page.html", "a/other.html"}
    assert damaged_since(output, recorded, record, None, thorough=False)[0] == {"a/page.html", "a/other.html"}
    vouched = OutputStamps(saved.folders, record.committed_ns, {"a/page.html": later})
    assert damaged_since(output, recorded, record, vouched, thorough=True)[0] == {"a/other.html"}


def test_the_manifest_and_its_stamps_round_trip_and_a_foreign_file_is_no_manifest(tmp_path: Path) -> None:
    path = tmp_path / "manifest.bin"
    files = {"index.html": ("fp1", "d1"), "a/b.html": ("fp2", "d2")}
    path.write_bytes(Manifest(files).dumps())
    stamps = OutputStamps({"": (1, 2), "a": (3, 4)}, 5, {"a/b.html": 6})
    stamps.save(stamps_path(path))
    assert Manifest.load(path) == Manifest(files, stamps)
    stamps_path(path).write_bytes(b"garbage")
    assert Manifest.load(path) == Manifest(files, None)
    import pickle
    for foreign in (pickle.dumps(files), b"", b"\x00\x01", Manifest(files).dumps()[:-3]):
        path.write_bytes(foreign)
        assert Manifest.load(path) is None


def test_the_record_is_read_once_per_version_in_a_process(tmp_path: Path, monkeypatch) -> None:
    output = tmp_path / "output"
    _commit(output, tmp_path / "m.bin", {OUTPUT_RECORD: OutputRecord(site_url="a", files=frozenset({"x"})).dumps()})
    first = OutputRecord.load(output)
    with monkeypatch.context() as patch:
        patch.setattr(writer.json, "loads", lambda text: pytest.fail("read again"))
        assert OutputRecord.load(output) is first
    _commit(output, tmp_path / "m.bin", {OUTPUT_RECORD: OutputRecord(site_url="b", files=frozenset({"x"})).dumps()})
    assert OutputRecord.load(output).site_url == "b"
