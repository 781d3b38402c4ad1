"""Writing output/ so that it is never half-written, and only the bytes that changed.

A build stages every new or changed file in a sibling folder, then writes a journal (the commit
point), then moves the staged files into output/ and deletes the stale ones. A build that fails
or is killed before the journal leaves output/ exactly as it was; one killed after it is rolled
forward by the next build (`recover`). Within the move, new pages go first and deletions last,
so every link in output/ resolves at every moment.
"""

from __future__ import annotations

import errno
import hashlib
import json
import marshal
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISDIR
from typing import Iterable, TypeVar

from site_builder import atomic
from site_builder.errors import OutputError

JOURNAL = ".journal.json"          # in the staging folder: its presence is the commit point
MANIFEST_STAGED = ".manifest"   # in the staging folder: the manifest, put in place by the commit
# The record a build leaves in output/: the site URL it was built for (what `check` judges it
# against), when it committed, and every file it wrote. Only those files are ever deleted, so a
# CNAME or a .git that a person put there survives every build, even with .site-builder/ gone.
OUTPUT_RECORD = ".site-builder.json"
STAGING_BESIDE = ".{name}.staging"   # the staging folder beside output/ (named after it) as a rule
STAGING_INSIDE = ".site-builder.staging"   # the staging folder when output/ is a mount point
# Top-level names no build writes or deletes (lost+found: the root of an ext4 mount point).
NEVER_OURS = frozenset({".git", "lost+found", OUTPUT_RECORD, STAGING_INSIDE})


def sha(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


FolderStamps = dict[str, tuple[int, int]]   # output folder ("" = output/ itself) -> (mtime_ns, inode)
MANIFEST_FORMAT = "site-builder manifest 2"   # first item of the file: a file of another layout is no manifest
STAMPS_FORMAT = "site-builder output stamps 1"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class OutputStamps:
    """What lets a build check output/ without looking at each file (damaged_since), saved after
    the files are in place (the manifest is committed with them, before the moves).

    folders: each output folder's stamp as the last build left it. verified_ns: files newer than
    this were changed behind the builds' backs, unless `written` (a build since wrote them,
    with this mtime): the record's mtime at the last build that looked at every file. In a
    build (Comparison.stamps), verified_ns None says it has just looked at every file."""

    folders: FolderStamps = field(default_factory=dict)
    verified_ns: int | None = None
    written: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def load(path: Path) -> "OutputStamps | None":
        identity = _identity(path)
        kept = _kept(path, identity)
        if isinstance(kept, OutputStamps):
            return kept
        try:
            tag, folders, verified_ns, written = marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return None
        if tag != STAMPS_FORMAT or not isinstance(folders, dict) or not isinstance(written, dict):
            return None
        return keep(path, OutputStamps(folders, verified_ns if isinstance(verified_ns, int) else None, written),
                    identity)

    def save(self, path: Path) -> None:
        try:
            atomic.replace(path, marshal.dumps((STAMPS_FORMAT, self.folders, self.verified_ns, self.written)))
        except OSError:
            return   # only a shortcut: without it the next build looks at every file
        keep(path, self)


@dataclass(slots=True)
class Manifest:
    """What the last build wrote: output file -> (fingerprint of its inputs, hash of its bytes);
    and the stamps of output/ saved beside it (none if missing: stamps_path)."""

    files: dict[str, tuple[str, str]] = field(default_factory=dict)
    stamps: OutputStamps | None = None

    @staticmethod
    def load(path: Path) -> "Manifest | None":
        identity = _identity(path)
        files = _kept(path, identity)
        if not isinstance(files, dict):
            try:
                tag, paths, fingerprints, digests = marshal.loads(path.read_bytes())
                if tag != MANIFEST_FORMAT or not len(paths) == len(fingerprints) == len(digests):
                    return None
            except (OSError, EOFError, ValueError, TypeError):
                return None
            files = keep(path, dict(zip(paths, zip(fingerprints, digests))), identity)
        return Manifest(files, OutputStamps.load(stamps_path(path)))

    def dumps(self) -> bytes:
        # Three columns of plain strings in marshal's format. At 126,000 files, with the collector
        # off as in a build, it loads as fast as a pickled dict (0.08 s) and is written in 0.075 s
        # against 0.11 s; and a cache file cannot run code when read.
        files = self.files
        return marshal.dumps((MANIFEST_FORMAT, list(files), [v[0] for v in files.values()],
                              [v[1] for v in files.values()]))


def stamps_path(manifest_path: Path) -> Path:
    return manifest_path.with_suffix(".stamps")


# serve builds again and again in one process: the manifest, stamps and record it last saved or
# read are kept, under their file's identity, rather than read back (0.11 s for the manifest at
# 126,000 files). Each version is a new file (atomic.replace, a rename into output/) with its
# own inode and change time, so one written by another process is read afresh. What is kept is
# shared by the builds that follow: nothing changes a manifest's files in place.
_KEPT: dict[str, tuple[tuple[int, ...], object]] = {}


def _identity(path: Path) -> tuple[int, ...] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _kept(path: Path, identity: tuple[int, ...] | None) -> object | None:
    kept = _KEPT.get(str(path))
    return kept[1] if kept is not None and identity is not None and kept[0] == identity else None


def keep(path: Path, value: T, identity: tuple[int, ...] | None = None) -> T:
    """Keep what path holds (identity: the file's as it was read; None: as it is now, just written)."""
    identity = identity or _identity(path)
    if identity is not None:
        _KEPT[str(path)] = (identity, value)
    return value


@dataclass(frozen=True, slots=True)
class OutputRecord:
    site_url: str
    files: frozenset[str]
    # The record's own mtime: it is staged after every other file of its build, so a file of
    # output/ newer than it was changed behind the build's back. (Not in the text, which stays
    # the same for the same site: two builds of one site are byte-identical.)
    committed_ns: int = 0

    @staticmethod
    def load(output_dir: Path) -> "OutputRecord | None":
        path = output_dir / OUTPUT_RECORD
        identity = _identity(path)   # read once per version in a process (_KEPT): a build reads it twice
        kept = _kept(path, identity)
        if isinstance(kept, OutputRecord):
            return kept
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return keep(path, OutputRecord(site_url=str(data["site_url"]),
                                           files=frozenset(str(f) for f in data["files"]),
                                           committed_ns=path.stat().st_mtime_ns), identity)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def dumps(self) -> bytes:
        return json.dumps({"generator": "site-builder", "site_url": self.site_url, "files": sorted(self.files)},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def staging_dir(output_dir: Path) -> Path:
    """Where a build stages its files: a folder on the same file system as output/, so that
    moving them in is a rename. Beside output/ (resolved through a symlink) as a rule; inside it
    when output/ is a mount point (a tmpfs, a container volume), whose parent is another disk."""
    real = output_dir.resolve()
    try:
        if real.is_dir() and os.stat(real).st_dev != os.stat(real.parent).st_dev:
            return real / STAGING_INSIDE
    except OSError:
        pass
    return real.parent / STAGING_BESIDE.format(name=real.name)


def output_lock_file(output_dir: Path) -> Path:
    """The lock that keeps two builds out of one output folder: beside it, never in it."""
    real = output_dir.resolve()
    return real.parent / f".{real.name}.lock"


def foreign_entries(output_dir: Path) -> list[str]:
    """Names in a non-empty output folder that has no record of ours, for the refusal message."""
    try:
        return sorted(e.name for e in os.scandir(output_dir) if e.name not in NEVER_OURS)
    except OSError:
        return []


def check_output_dir(output_dir: Path, site_dir: Path, *, built_before: bool = False) -> None:
    """Refuse an output folder whose stale-file clean-up would delete what a person wrote.

    built_before: the site's cache has a manifest of a build into this folder (an output/ from a
    version of site-builder that wrote no record): it is adopted, and its record written."""
    out = output_dir.resolve()
    site = site_dir.resolve()
    if out == site or site.is_relative_to(out) or out == Path(out.anchor) or out == Path.home():
        raise OutputError(f"refusing to use {out} as the output folder: it holds the site itself; "
                          "choose a folder of its own, such as output/", path=out)
    for guard in ("config.yaml", "content"):
        if (out / guard).exists():
            raise OutputError(f"refusing to build into {out}: it has a {guard}, so it looks like a site, not "
                              "an output folder", path=out)
    if out.exists() and not out.is_dir():
        raise OutputError("the output path exists and is not a folder", path=out)
    # A build deletes only files its record says it wrote; a folder of someone else's files with
    # no record of ours is not taken over at all. (A .git alone, a fresh Pages checkout, is empty.)
    if out.is_dir() and not built_before and not (out / OUTPUT_RECORD).is_file():
        names = foreign_entries(out)
        if names:
            shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
            raise OutputError(f"refusing to build into {out}: it holds files site-builder did not write ({shown}) "
                              f"and no {OUTPUT_RECORD} of an earlier build; move them out (files to publish at "
                              "the site's root, such as CNAME, go in the site's root/ folder) or build into "
                              "another folder with --output DIR", path=out)


class Transaction:
    """Stages the files of one build, then commits them to output/ in one step.

    Every output file goes through here: write() puts bytes into the staging folder (from any
    process: the forked render workers call it), record() notes a file as part of the commit
    (in the parent), stage() is both. A writer that makes a whole folder of files (Pagefind's
    bundle) fills folder(rel) and records it, or hands over one it prepared elsewhere with
    stage_folder(); delete() names a file or folder the commit removes from output/. As a
    context manager it begins, and on a failure before the commit point discards what it staged."""

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = output_dir
        self.staging = staging_dir(output_dir)
        self.writes: list[str] = []
        self.is_new: dict[str, bool] = {}
        self.deletes: list[str] = []
        self._root = str(self.staging)   # for write(): see there
        self._made: set[str] = set()   # folders made in staging by this process

    def __enter__(self) -> "Transaction":
        self.begin()
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        """A failure before the commit point discards the staged files; after it they stay."""
        if kind is not None and not self.committed():
            self.abort()

    def begin(self) -> None:
        try:
            if self.staging.exists():
                shutil.rmtree(self.staging)
            self.staging.mkdir(parents=True)
        except OSError as exc:
            raise OutputError(f"cannot create the staging folder beside the output folder: {exc.strerror}; "
                              "the previous output is unchanged", path=self.staging) from exc

    def write(self, rel: str, data: bytes) -> None:
        """Put one file's bytes into the staging folder, without recording it (a forked worker's
        record would be lost with the worker: its parent calls record())."""
        # Plain os calls on strings: thirteen thousand files in a cold build make pathlib and the
        # buffered file object a measurable cost.
        target = f"{self._root}/{rel}"
        try:
            folder = os.path.dirname(rel)
            if folder and folder not in self._made:
                os.makedirs(f"{self._root}/{folder}", exist_ok=True)
                self._made.add(folder)
            handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(handle, view):]
            finally:
                os.close(handle)
        except OSError as exc:
            raise self._not_staged(rel, exc) from None

    def record(self, rel: str, is_new: bool | None = None) -> None:
        """Make a file or folder in the staging folder part of the commit. is_new: whether
        output/ lacks it (new files are moved in first); None: look."""
        self.writes.append(rel)
        self.is_new[rel] = not (self.output_dir / rel).exists() if is_new is None else is_new

    def stage(self, rel: str, data: bytes, is_new: bool | None = None) -> None:
        """write() and record() one file."""
        self.write(rel, data)
        self.record(rel, is_new)

    def folder(self, rel: str) -> Path:
        """An empty folder at rel in the staging folder, to fill and then record()."""
        path = self.staging / rel
        try:
            shutil.rmtree(path, ignore_errors=True)
            path.mkdir(parents=True)
        except OSError as exc:
            raise self._not_staged(rel, exc) from None
        return path

    def stage_folder(self, rel: str, source: Path, is_new: bool | None = None) -> None:
        """Move a folder prepared elsewhere into the staging folder at rel, and record it (renamed
        when on the same file system, else copied and the source removed)."""
        target = self.folder(rel)
        try:
            target.rmdir()
            try:
                os.rename(source, target)
            except OSError as exc:
                if exc.errno != errno.EXDEV:
                    raise
                shutil.copytree(source, target)
                shutil.rmtree(source, ignore_errors=True)
        except OSError as exc:
            raise self._not_staged(rel, exc) from None
        self.record(rel, is_new)

    def _not_staged(self, rel: str, exc: OSError) -> OutputError:
        """A full or read-only disk while staging: the user's to fix, and nothing is committed."""
        return OutputError(f"cannot write {rel} into the staging folder: {exc.strerror or exc}; "
                           "the previous output is unchanged", path=f"{self._root}/{rel}")

    def delete(self, rel: str) -> None:
        """Remove this file or folder from output/ at the commit."""
        self.deletes.append(rel)

    def committed(self) -> bool:
        """Past the commit point: the staged files must stay for recover() to finish the job."""
        return (self.staging / JOURNAL).exists()

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def commit(self, manifest: Manifest | None, manifest_path: Path | None) -> None:
        """The commit point is the journal: after it, recover() can always finish the job.
        Without a manifest (the preview's search catch-up) the build's manifest stays as it is."""
        self._check_writable()
        try:
            if manifest is not None:
                atomic.replace(self.staging / MANIFEST_STAGED, manifest.dumps())
            # New files before changed ones: a changed listing may link to a new page.
            writes = sorted(self.writes, key=lambda rel: (not self.is_new[rel], rel))
            journal = {"writes": writes, "deletes": sorted(self.deletes),
                       "manifest": str(manifest_path) if manifest_path is not None else None}
            atomic.replace(self.staging / JOURNAL, json.dumps(journal).encode("utf-8"))
        except OSError as exc:  # a full disk, most likely: nothing is committed yet
            self.abort()
            raise OutputError(f"cannot write the build's journal: {exc.strerror or exc}; the previous output is "
                              "unchanged", path=self.staging) from exc
        try:
            apply_journal(self.output_dir, self.staging)
        except OSError as exc:  # past the commit point: the staged files stay for the next build
            raise OutputError(f"cannot move the new files into the output folder: {exc.strerror or exc}; run "
                              "the build again to finish (the files wait in the staging folder)",
                              path=self.output_dir) from exc

    def commit_fresh(self, manifest: Manifest, manifest_path: Path) -> None:
        """First build into a folder that does not exist: one rename puts the whole site in place."""
        try:
            os.rename(self.staging, self.output_dir)
        except OSError as exc:
            self.abort()
            raise OutputError(f"cannot create the output folder: {exc.strerror}", path=self.output_dir) from exc
        atomic.replace(manifest_path, manifest.dumps())

    def _check_writable(self) -> None:
        try:
            self.output_dir.mkdir(parents=True, exist_ok=True)
            _probe_writable(self.output_dir)
        except OSError as exc:
            self.abort()
            raise OutputError(f"cannot write to the output folder: {exc.strerror}; the previous output is "
                              "unchanged", path=self.output_dir) from exc


PROBE_PREFIX = ".write-probe-"
# File systems without unnamed temporary files answer O_TMPFILE with one of these.
_NO_TMPFILE = {errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT}


def _probe_writable(folder: Path) -> None:
    """Raise OSError unless a file can be created in folder. The probe is an unnamed file where
    the system has them (Linux's O_TMPFILE): a build killed during the check then leaves nothing
    in output/ — a named probe would stay there, in a folder that must be the previous build's."""
    tmpfile = getattr(os, "O_TMPFILE", 0)
    if tmpfile:
        try:
            os.close(os.open(folder, tmpfile | os.O_WRONLY | os.O_CLOEXEC, 0o600))
            return
        except OSError as exc:
            if exc.errno not in _NO_TMPFILE:
                raise
    probe = folder / f"{PROBE_PREFIX}{os.getpid()}"
    probe.write_bytes(b"")
    probe.unlink()


def _remove_stray_probes(output_dir: Path) -> None:
    """A named probe left by a build killed between creating and removing it."""
    for stray in output_dir.glob(f"{PROBE_PREFIX}*"):
        if stray.is_file():
            stray.unlink(missing_ok=True)


def apply_journal(output_dir: Path, staging: Path) -> None:
    """Move staged files into place and delete stale ones, as the journal says. Idempotent."""
    journal = json.loads((staging / JOURNAL).read_text(encoding="utf-8"))
    made: set[Path] = set()
    for rel in journal["writes"]:
        source = staging / rel
        if not source.exists():  # moved already by an earlier, interrupted run
            continue
        target = output_dir / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if target.is_dir():
            shutil.rmtree(target)
        os.replace(source, target)
    for rel in journal["deletes"]:
        _delete(output_dir, rel)
    manifest_staged = staging / MANIFEST_STAGED
    if manifest_staged.exists():
        # Copied, not renamed: output/ may be on another file system than the site's cache (EXDEV).
        atomic.replace(Path(journal["manifest"]), manifest_staged.read_bytes())
    shutil.rmtree(staging, ignore_errors=True)


def _delete(output_dir: Path, rel: str) -> None:
    target = output_dir / rel
    try:
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        else:
            target.unlink()
    except FileNotFoundError:
        return
    # Remove folders the deletion emptied, up to output/ itself.
    parent = target.parent
    while parent != output_dir and output_dir in parent.parents:
        try:
            parent.rmdir()
        except OSError:
            break
        parent = parent.parent


def recover(output_dir: Path) -> str | None:
    """Finish a build that was killed after its commit point, or discard one killed before it."""
    if output_dir.is_dir():
        _remove_stray_probes(output_dir)
    staging = staging_dir(output_dir)
    if not staging.exists():
        return None
    if (staging / JOURNAL).exists():
        try:
            apply_journal(output_dir, staging)
        except (OSError, ValueError, KeyError) as exc:
            raise OutputError(f"cannot finish the file moves of an interrupted build: {exc}; free the disk or "
                              "fix the folder's permissions and build again", path=output_dir) from exc
        return "finished the file moves of a build that was interrupted after its commit point"
    shutil.rmtree(staging, ignore_errors=True)
    return "discarded the staged files of an interrupted build (output/ was left as it was)"


def existing_files(output_dir: Path) -> set[str]:
    """Every file under output/, relative, POSIX separators (not .git, the record or staging)."""
    return set(file_stamps(output_dir))


def file_stamps(output_dir: Path) -> dict[str, int]:
    """Every file under output/ -> its mtime in ns (not .git, the record or staging)."""
    found: dict[str, int] = {}
    if not output_dir.is_dir():
        return found
    stack = [("", str(output_dir))]
    while stack:
        rel_folder, folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if not rel_folder and entry.name in NEVER_OURS:
                continue
            rel = f"{rel_folder}{entry.name}"
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((rel + "/", entry.path))
                else:
                    found[rel] = entry.stat(follow_symlinks=False).st_mtime_ns
            except OSError:
                continue
    return found


def damaged_files(output_dir: Path, recorded: set[str] | frozenset[str], record: "OutputRecord | None",
                  stamps: OutputStamps | None = None) -> set[str]:
    """Files the last build wrote that are gone, or changed since it committed (behind its back:
    by hand, by another program, by a build killed half-way in an older version).

    A file counts as there as file_stamps() would find it: below real folders (no symlink in
    their place), not a folder itself, not under a name no build writes. Each recorded file is
    looked up by itself rather than by a walk of output/, which would also list the search
    index's thousands of files (a third of a no-change build at 1,000 stories). Changed: newer
    than the record, or with stamps, than their verified_ns and not as a build since wrote it."""
    since = record.committed_ns if record is not None else None
    written: dict[str, int] = {}
    if record is not None and stamps is not None and stamps.verified_ns is not None:
        since, written = stamps.verified_ns, stamps.written
    root = str(output_dir)
    folders: set[str] = set()   # folders seen to be real ones
    damaged = set()
    for rel in recorded:
        try:
            stat = os.lstat(f"{root}/{rel}")
            if S_ISDIR(stat.st_mode) or (since is not None and stat.st_mtime_ns > since and written.get(rel) != stat.st_mtime_ns) \
                    or rel.partition("/")[0] in NEVER_OURS or not _real_folders(root, rel, folders):
                damaged.add(rel)
        except OSError:
            damaged.add(rel)
    return damaged


def _real_folders(root: str, rel: str, seen: set[str]) -> bool:
    """Whether every folder on rel's path is a real one (a symlink in its place is not ours)."""
    folder = rel.rpartition("/")[0]
    while folder and folder not in seen:
        if not S_ISDIR(os.lstat(f"{root}/{folder}").st_mode):
            return False
        seen.add(folder)
        folder = folder.rpartition("/")[0]
    return True


def folders_of(files: Iterable[str]) -> set[str]:
    """Every folder on the path of these output files, output/ itself ("") included."""
    folders = {""}
    for folder in {rel.rpartition("/")[0] for rel in files}:
        while folder not in folders:
            folders.add(folder)
            folder = folder.rpartition("/")[0]
    return folders


def folder_stamps(output_dir: Path, folders: Iterable[str]) -> FolderStamps:
    """(mtime_ns, inode) of each of these folders of output/ that is a real folder now."""
    root = str(output_dir)
    stamps: FolderStamps = {}
    for folder in folders:
        try:
            st = os.lstat(f"{root}/{folder}" if folder else root)
        except OSError:
            continue
        if S_ISDIR(st.st_mode):
            stamps[folder] = (st.st_mtime_ns, st.st_ino)
    return stamps


def damaged_since(output_dir: Path, recorded: set[str] | frozenset[str], record: OutputRecord | None,
                  stamps: OutputStamps | None, *, thorough: bool) -> tuple[set[str], FolderStamps]:
    """damaged_files(), and the stamps of all the recorded files' folders as they are now. Not
    thorough: only the files of folders whose stamp is not the saved one are looked up one by
    one. A file added to, removed from or renamed in a folder changes the folder's mtime, and a
    folder put back from elsewhere has another inode, so an unchanged stamp vouches for the
    folder's files: a one-story edit at 100,000 stories looks at 27,000 folders, not 126,000
    files. What no folder shows is a file rewritten in place, which the next thorough check
    finds (the stamps' verified_ns stays where it was). Folders missing from the stamps (the
    last build was killed before saving them, or an older version built) count as changed."""
    folders = folders_of(recorded)
    now = folder_stamps(output_dir, folders)
    if thorough or stamps is None:
        return damaged_files(output_dir, recorded, record, stamps), now
    saved = stamps.folders
    gone = {folder for folder in folders if folder not in now}
    suspect = {folder for folder in folders
               if folder in gone or now[folder] != saved.get(folder) or folder.partition("/")[0] in NEVER_OURS
               or (gone and _below(folder, gone))}
    if not NEVER_OURS.isdisjoint(recorded):   # a file by a name no build writes, at the top
        suspect.add("")
    if not suspect:
        return set(), now
    checked = {rel for rel in recorded if rel.rpartition("/")[0] in suspect}
    return damaged_files(output_dir, checked, record, stamps), now


def _below(folder: str, gone: set[str]) -> bool:
    """Whether a folder is below one that is no longer a real folder (a symlink now, perhaps
    to the very folder that was there: its files are not ours where they are)."""
    while folder:
        folder = folder.rpartition("/")[0]
        if folder in gone:
            return True
    return False
