"""What lets a build do only the work its changes need: the keys that say what changed, the
state the last build left in .site-builder/, and the memo of related stories.

The five keys, from the widest to the narrowest:
- code_key: the package's source; with the time zone and version it is the article cache's key
  (cache_key), so a code change re-reads every article;
- frame_key: every input but the articles (code, config, templates, static and root files) by
  name, size and mtime; inputs_key adds every article's: equal inputs keys, nothing to build;
- global_key: what every page depends on besides its stories (config, templates, code, nav), by
  content: part of every output's fingerprint (plan.py).
"""

from __future__ import annotations

import hashlib
import json
import pickle
from array import array
from bisect import bisect_left
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Sequence

from site_builder import __version__, atomic
from site_builder.assets import ROOT_FILES_DIR
from site_builder.config import CONFIG_FILE, SiteConfig
from site_builder.content import ArticleFile, file_columns
from site_builder.errors import Notice
from site_builder.models import article_paths, stored_article
from site_builder.writer import Manifest, OutputRecord, OutputStamps, damaged_since

if TYPE_CHECKING:
    from site_builder.cache import ArticleCache, Entry
    from site_builder.taxonomy import SiteModel

_PACKAGE_DIR = Path(__file__).parent
_CODE_KEY: list[str] = []


def code_key() -> str:
    """The package's source code, hashed once per process."""
    if _CODE_KEY:
        return _CODE_KEY[0]
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(_PACKAGE_DIR.rglob("*.py")):
        digest.update(path.read_bytes())
    _CODE_KEY.append(digest.hexdigest())
    return _CODE_KEY[0]


def cache_key(config: SiteConfig) -> str:
    """The article cache's key, less the body cache's generation (cache.ArticleCache)."""
    return hashlib.blake2b(f"{config.timezone}|{__version__}|{code_key()}".encode(), digest_size=8).hexdigest()


def frame_key(config: SiteConfig) -> str:
    """A hash of every input but the articles (code, config, templates, static files): name,
    size and mtime."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{__version__}|{code_key()}|{config.site_url}|{config.output_dir}".encode())
    digest.update((config.site_dir / CONFIG_FILE).read_bytes())
    digest.update(repr(config).encode("utf-8", "surrogatepass"))   # as read: see global_key
    folders = (config.templates_dir, config.theme_dir, config.site_dir / "static", config.site_dir / ROOT_FILES_DIR)
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    st = path.stat()
                    digest.update(f"{path}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def inputs_key(frame: str, files: Sequence[ArticleFile], skipped: Sequence[str] = (),
               replaced: Mapping[str, tuple[int, int]] | None = None) -> str:
    """frame plus every article's (path, size, mtime), in path order, and the paths of symlinks
    skipped for leaving the site (an input too): equal keys mean nothing to rebuild. replaced:
    (size, mtime) to take for some files instead of theirs (story_edits: as the cache saw them)."""
    # Columns, not a string per file: paths joined, sizes and mtimes as arrays of 64-bit ints
    # (at 100,000 files 0.08 s against 0.14 s, and this runs twice in an edit). The counts come
    # first, and no path holds a NUL, so two different inputs never give the same bytes.
    paths, sizes, mtimes = file_columns(files)
    if replaced:
        sizes, mtimes = array("q", sizes), array("q", mtimes)
    for path, (size, mtime) in (replaced or {}).items():
        index = bisect_left(paths, path)   # files are in path order (content.scan_articles)
        if index < len(paths) and paths[index] == path:
            sizes[index], mtimes[index] = size, mtime
    digest = _paths_digest(frame, files, tuple(skipped)).copy()
    digest.update(sizes.tobytes())
    digest.update(mtimes.tobytes())
    return digest.hexdigest()


_PATHS_DIGEST: list[tuple[list[str], dict[tuple[str, tuple[str, ...]], "hashlib._Hash"]]] = []


def _paths_digest(frame: str, files: Sequence[ArticleFile], skipped: tuple[str, ...]) -> "hashlib._Hash":
    """inputs_key's hash up to the sizes and mtimes, kept for the same scan: an edit's second
    key (story_edits) differs only in those, and the paths are most of the bytes."""
    paths = file_columns(files)[0]
    if not _PATHS_DIGEST or _PATHS_DIGEST[0][0] is not paths:
        _PATHS_DIGEST[:] = [(paths, {})]
    digests = _PATHS_DIGEST[0][1]
    digest = digests.get((frame, skipped))
    if digest is None:
        digest = hashlib.blake2b(frame.encode(), digest_size=16)
        digest.update(f"{len(paths)}|{len(skipped)}|".encode())
        digest.update("\0".join([*paths, *skipped, ""]).encode("utf-8", "surrogatepass"))
        digests[(frame, skipped)] = digest
    return digest


def _hash_files(paths: list[Path], digest: "hashlib._Hash") -> None:
    for path in sorted(paths):
        digest.update(str(path).encode())
        digest.update(path.read_bytes())


def global_key(config: SiteConfig, model: SiteModel) -> str:
    """Everything every page depends on besides its stories: config, templates, code, nav."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(__version__.encode())
    digest.update(config.site_url.encode())
    digest.update((config.site_dir / CONFIG_FILE).read_bytes())
    # The config as this build read it: config.yaml may have changed on disk since (while the
    # build waited for the output lock), and the pages are rendered from this one.
    digest.update(repr(config).encode("utf-8", "surrogatepass"))
    for folder in (config.templates_dir, config.theme_dir / "templates"):
        if folder.is_dir():
            _hash_files([p for p in folder.rglob("*") if p.is_file()], digest)
    _hash_files([p for p in _PACKAGE_DIR.glob("*.py")], digest)
    present = {t.slug for t in model.topics.terms}
    digest.update("|".join(t.slug for t in config.topics if t.slug in present).encode())
    return digest.hexdigest()


def _output_key(config: SiteConfig) -> str:
    """Names the cache files of one output folder: a site may be built into several."""
    return hashlib.blake2b(str(config.output_dir.resolve()).encode(), digest_size=6).hexdigest()


def manifest_path(config: SiteConfig) -> Path:
    return config.cache_dir / f"manifest-{_output_key(config)}.bin"


def built_here_before(config: SiteConfig) -> bool:
    """The site's cache has a manifest of a build into this output folder, in this format or the
    pickle of earlier versions (whose output/ may carry no record: it must not be refused as
    someone else's files after an upgrade)."""
    return manifest_path(config).is_file() \
        or (config.cache_dir / f"manifest-{_output_key(config)}.pickle").is_file()


def page_digests(config: SiteConfig) -> dict[str, str]:
    """Output-relative path -> content digest of every file the last build committed (the manifest)."""
    manifest = Manifest.load(manifest_path(config))
    return {} if manifest is None else {rel: digest for rel, (_fp, digest) in manifest.files.items()}


def verified_manifest(config: SiteConfig, messages: list[str], *, thorough: bool = True) -> tuple[Manifest | None, bool]:
    """The last build's manifest, less the files that are gone from output/ or were changed since
    it committed, which this build then writes again (saying so in messages); and whether any
    were. No manifest, or no record of ours in output/: (None, True), and the build compares
    with what is there. thorough=False trusts the folders that look as the last build left
    them (writer.damaged_since): a file rewritten in place in one of them is then not seen."""
    if not config.output_dir.is_dir():
        return None, True
    previous = Manifest.load(manifest_path(config))
    record = OutputRecord.load(config.output_dir)
    if previous is None:
        return None, True
    # No record: an output/ of a version that wrote none, adopted with its manifest (files that
    # are gone are written again; a change in place cannot be seen without the record's time).
    thorough = thorough or previous.stamps is None
    damaged, folders = damaged_since(config.output_dir, set(previous.files), record, previous.stamps, thorough=thorough)
    # What the commit will save (produce.commit): a thorough check starts the stamps afresh.
    stamps = OutputStamps(folders) if thorough else replace(previous.stamps, folders=folders)  # type: ignore[arg-type]
    if not damaged:
        return Manifest(previous.files, stamps), record is None
    shown = ", ".join(sorted(damaged)[:3]) + (f" and {len(damaged) - 3} more" if len(damaged) > 3 else "")
    messages.append(f"output/ does not match the last build: {len(damaged)} file(s) missing or changed since "
                    f"({shown}); writing them again")
    return Manifest({rel: v for rel, v in previous.files.items() if rel not in damaged}, stamps), True


class BuildState:
    """What the last successful build saw, to skip a build when no input changed at all."""

    def __init__(self, config: SiteConfig) -> None:
        self.path = config.cache_dir / f"state-{_output_key(config)}.json"
        self.manifest_path = manifest_path(config)
        try:
            self.data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.data = {}
        for name in ("articles", "pages", "feeds", "held_back", "drafts"):
            setattr(self, name, int(self.data.get(name, 0)))

    def unchanged(self, inputs: str, now: datetime, output_dir: Path) -> bool:
        release = self.data.get("next_release")
        return (self.data.get("inputs") == inputs and output_dir.is_dir() and self.manifest_path.exists()
                and (release is None or now.timestamp() < release))

    def file_notices(self, fresh: list[Notice], reread: set[str], present: set[str]) -> list[Notice]:
        """The last build's notices about files not read again, plus this build's."""
        kept = [Notice(*n) for n in self.data.get("file_notices", []) if n[0] in present and n[0] not in reread]
        return sorted(kept + fresh, key=lambda n: (n.path, n.line or 0, n.message))

    def notices(self) -> tuple[Notice, ...]:
        return tuple(Notice(*n) for n in self.data.get("notices", []))

    def save(self, inputs: str, key: str, model: SiteModel, pages: int, feeds: int, now: datetime,
             file_notices: list[Notice], notices: list[Notice]) -> None:
        # The next moment the site changes with no input changing: a held-back story comes due,
        # or a story ages out of the news sitemap.
        from site_builder.sitemaps import NEWS_SITEMAP_DAYS

        moments = [a.date.timestamp() for a in model.held_back]
        window = NEWS_SITEMAP_DAYS * 86400
        for article in model.articles:   # newest first: only the first few can be recent
            if article.date.timestamp() + window <= now.timestamp():
                break
            moments.append(article.date.timestamp() + window)
        release = min(moments, default=None)
        data = {"inputs": inputs, "global_key": key, "next_release": release, "articles": len(model.articles),
                "pages": pages, "feeds": feeds, "held_back": len(model.held_back), "drafts": model.drafts,
                "file_notices": [[n.path, n.message, n.line] for n in file_notices],
                "notices": [[n.path, n.message, n.line] for n in notices]}
        from site_builder.cache import write_cache_file
        write_cache_file(self.path, json.dumps(data).encode("utf-8"))


def story_edits(state: BuildState, frame: str, key: str, now: datetime, previous: Manifest | None,
                cache: ArticleCache, files: tuple[ArticleFile, ...], fresh: dict[str, Entry],
                reread: set[str], model: SiteModel, skipped: Sequence[str] = ()) -> set[int] | None:
    """The stories whose bodies alone changed since the last build, when nothing else did
    (no story added, removed or retitled, no template, config or code change, no story come
    due); else None, and the whole site is planned."""
    if not reread or previous is None or state.data.get("global_key") != key:
        return None
    release = state.data.get("next_release")
    if release is not None and now.timestamp() >= release:
        return None
    # The cache must hold the very files this output was last built from (another output
    # folder may have been built from other versions since), and so the same set of stories.
    # Files not read afresh are as cached; the others are taken as the cache recorded them.
    if len(fresh) != len(cache) or any(cache.stamp(path) is None for path in reread):
        return None
    last = {path: cache.stamp(path) for path in reread}
    if inputs_key(frame, files, skipped, last) != state.data.get("inputs"):  # type: ignore[arg-type]
        return None
    paths = article_paths(model.articles)
    index_of = dict(zip(paths, range(len(paths))))
    edited = set()
    for path in reread:
        before = cache.previous(path)
        index = index_of.get(path)
        # Equal in every field but the hash of the whole file: the front-matter and title are
        # the same (listing_hash), so the model is the last build's but for this story's body.
        after = stored_article(fresh[path][2])
        if before is None or index is None or replace(before, content_hash="") != replace(after, content_hash="", body=""):
            return None
        edited.add(index)
    return edited


def related(config: SiteConfig, model: SiteModel) -> tuple[tuple[int, ...], ...]:
    """related_stories(), memoised in .site-builder/: an edit that keeps a story's topics, regions
    and people (most edits) leaves every story's related ones as they were."""
    from site_builder.taxonomy import related_key, related_stories

    path = config.cache_dir / "related.pickle"
    key = related_key(model)
    try:
        saved_key, found = pickle.loads(path.read_bytes())
        if saved_key == key:
            return found
    except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
        pass
    found = related_stories(model)
    try:
        atomic.replace(path, pickle.dumps((key, found), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # only a cache
    return found
