"""content/articles/**/*.md -> Article objects: front-matter read safely, typed and checked.

`parse_article` is pure (bytes in, Article and notices out); `scan_articles` is the I/O edge.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import stat
from array import array
from operator import itemgetter
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any, NamedTuple, Sequence
from zoneinfo import ZoneInfo

import yaml

from site_builder import frontmatter_extra as extra
from site_builder import yamlsafe
from site_builder.config import is_language_tag
from site_builder.confine import resolve_link, site_roots
from site_builder.errors import ContentError, FrontMatterError, Notice
from site_builder.limits import MAX_ARTICLE_BYTES, MAX_LIST_CHARS, MAX_LIST_ITEMS
from site_builder.models import Article, SourceRef
from site_builder.slugs import clean_name, is_valid_slug, slugify

_FENCE = re.compile(r"^---[ \t]*$", re.M)
# Characters XML 1.0 forbids (feeds would be unreadable) and that have no place in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")

KNOWN_KEYS = ("title", "date", "updated", "slug", "summary", "kicker", "deck", "topics", "regions",
              "countries", "people", "organizations", "status", "draft", "truncated", "edition",
              "source", "photo_credit", "image", "ingest_hash", "lang", "event_date", "aliases", "corrections")


class ArticleFile(NamedTuple):
    """An article file found on disk, with what is needed to tell whether it changed.

    A named tuple, not a dataclass: a build makes one per file, and ten thousand frozen
    dataclass instances cost more than the stat calls they record."""

    path: str          # relative to the site folder, POSIX separators
    abs_path: str
    mtime_ns: int
    size: int


def scan_articles(articles_dir: Path, site_dir: Path,
                  skipped: list[Notice] | None = None) -> tuple[ArticleFile, ...]:
    """Every *.md under content/articles, sorted by path; hidden and editor temp files skipped.

    A symlinked file is read only when it leads to a file inside the site folder; one that
    leaves it is skipped with a notice added to `skipped`, and a symlink loop is a ContentError
    (confine.py). Symlinked folders are not followed.

    Every build stats every file: an edit in place changes no folder's mtime, so nothing cheaper
    can see it. The stat is all but the whole cost (at 100,000 files, in one folder, ~0.35 s of
    ~0.5 s), so the loop around it is kept lean (_scan_folder)."""
    found: list[ArticleFile] = []
    if not articles_dir.is_dir():
        return ()
    cut = len(str(site_dir)) + 1
    roots: list[tuple[str, ...]] = []
    stack = [str(articles_dir)]
    while stack:
        folder = stack.pop()
        for abs_path, rel in _scan_folder(folder, folder[cut:].replace(os.sep, "/") + "/", stack, found):
            roots = roots or [site_roots(site_dir)]
            link = _followed_link(abs_path, rel, roots[0], skipped)
            if link is not None:
                found.append(link)
    # By path alone: paths are unique, and a sort on one string key is twice as fast as one on
    # the tuples (0.05 against 0.12 s at 100,000 files, which come in the folder's own order).
    found.sort(key=itemgetter(0))
    return tuple(found)


_COLUMNS: list[tuple[Sequence[ArticleFile], list[str], array[int], array[int]]] = []


def file_columns(files: Sequence[ArticleFile]) -> tuple[list[str], array[int], array[int]]:
    """The files' paths, sizes and mtimes as columns (not to be changed): made once per scan,
    which the inputs key, the article cache's lookup and the loaded articles all read."""
    if not _COLUMNS or _COLUMNS[0][0] is not files:
        _COLUMNS[:] = [(files, list(map(itemgetter(0), files)), array("q", map(itemgetter(3), files)),
                        array("q", map(itemgetter(2), files)))]   # path, size, mtime_ns (ArticleFile's order)
    return _COLUMNS[0][1:]


# Folders are read through a descriptor where the platform allows: each file's stat is then an
# fstatat() relative to it, not a lookup of the whole path (10 % of the scan's time).
_SCAN_BY_FD = os.scandir in os.supports_fd


def _scan_folder(folder: str, rel_prefix: str, folders: list[str],
                 found: list[ArticleFile]) -> list[tuple[str, str]]:
    """Append the regular *.md files of one folder to `found` and its subfolders to `folders`;
    return its *.md symlinks as (absolute path, relative path) for the caller to follow."""
    abs_prefix = folder + os.sep
    links: list[tuple[str, str]] = []
    make = tuple.__new__   # ArticleFile's own __new__ is a Python call per file
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)) if _SCAN_BY_FD else None
    try:
        with os.scandir(folder if fd is None else fd) as entries:
            for entry in entries:
                name = entry.name
                if name.startswith((".", "#", "~")) or name.endswith("~"):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    folders.append(abs_prefix + name)
                elif not name.endswith(".md"):
                    continue
                elif entry.is_file(follow_symlinks=False):
                    st = entry.stat(follow_symlinks=False)
                    found.append(make(ArticleFile, (rel_prefix + name, abs_prefix + name, st.st_mtime_ns, st.st_size)))
                elif entry.is_symlink():
                    links.append((abs_prefix + name, rel_prefix + name))
    finally:
        if fd is not None:
            os.close(fd)
    return links


def _followed_link(path: str, rel: str, roots: tuple[str, ...], skipped: list[Notice] | None) -> ArticleFile | None:
    """The article a symlink leads to, if it stays in the site and is a regular file."""
    target, notice = resolve_link(path, roots, rel)
    if notice is not None and skipped is not None:
        skipped.append(notice)
    if target is None:
        return None
    try:
        st = os.stat(target)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    return ArticleFile(rel, path, st.st_mtime_ns, st.st_size)


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def decode_text(data: bytes, path: str) -> str:
    """UTF-8 (a BOM is allowed); anything else is an error naming the line of the first bad byte."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        hint = " (it looks like UTF-16: save it as UTF-8)" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else \
            " (save it as UTF-8)"
        raise ContentError(f"is not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded{hint}",
                           path=path, line=line) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str, path: str) -> tuple[str, str, int]:
    """Return (yaml text, body, line number where the body starts)."""
    if not text.startswith("---"):
        raise FrontMatterError("has no front-matter: start the file with a '---' line, then "
                               "'title: ...' and 'date: ...', then another '---' line", path=path, line=1)
    first_nl = text.find("\n")
    if first_nl == -1 or text[:first_nl].strip() != "---":
        raise FrontMatterError("the first line must be exactly '---'", path=path, line=1)
    closing = _FENCE.search(text, first_nl + 1)
    if closing is None:
        raise FrontMatterError("front-matter is not closed: add a '---' line after it", path=path, line=1)
    yaml_text = text[first_nl + 1:closing.start()]
    body_start = closing.end() + 1
    body_line = text.count("\n", 0, body_start) + 1
    return yaml_text, text[body_start:], body_line


def _to_datetime(value: Any, tz: ZoneInfo, key: str, path: str, notices: list[Notice]) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time(0, 0))
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise FrontMatterError(f"'{key}' is not a date: {value!r} (write e.g. 2025-04-26T08:00:00+08:00 "
                                   "or 2025-04-26)", path=path) from None
    else:
        raise FrontMatterError(f"'{key}' must be a date, not {type(value).__name__} ({value!r})", path=path)
    if moment.tzinfo is None:
        # A date without an offset is local time where the newsroom is, not UTC (Hugo #12940).
        moment = moment.replace(tzinfo=tz)
    try:
        # Pages show local time and feeds UTC: a date at the very edge of the calendar
        # (0001-01-01T00:00+00:00 is year 0 in London) cannot be shown in both.
        moment.astimezone(timezone.utc)
        moment.astimezone(tz)
    except OverflowError:
        raise FrontMatterError(f"'{key}' {value!s} is out of range: dates must lie between the years 1 "
                               "and 9999 in both UTC and the site's time zone", path=path) from None
    if not 1900 <= moment.year <= 2200:
        notices.append(Notice(path, f"'{key}' {moment.date()} is far from today; check the year"))
    return moment


def _string(value: Any, key: str, path: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return _CONTROL.sub("", str(value)).strip()
    raise FrontMatterError(f"'{key}' must be text, not {type(value).__name__}", path=path)


def _language(value: Any, path: str, notices: list[Notice]) -> str | None:
    """A story's own language tag ('zh', 'pt-BR'); a malformed one is dropped with a notice."""
    tag = _string(value, "lang", path)
    if tag and not is_language_tag(tag):
        notices.append(Notice(path, f"lang {tag!r} is not a language tag such as 'zh' or 'pt-BR'; ignored"))
        return None
    return tag or None


def _string_list(value: Any, key: str, path: str, notices: list[Notice]) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        notices.append(Notice(path, f"'{key}' should be a list; read {value!r} as a list of one"))
        value = [value]
    if not isinstance(value, list):
        raise FrontMatterError(f"'{key}' must be a list such as [politics, health], not "
                               f"{type(value).__name__}", path=path)
    _check_list_size(value, key, path)
    items = []
    for item in value:
        text = _string(item, key, path)
        if text and text not in items:
            items.append(text)
    return tuple(items)


def _check_list_size(value: list[Any], key: str, path: str) -> None:
    """Refuse a list too long to be names, before any work per item: YAML aliases (`[*s, *s, …]`)
    make a 4 MB file a million copies of one long string, and each copy costs its length."""
    if len(value) > MAX_LIST_ITEMS:
        raise FrontMatterError(f"'{key}' lists {len(value):,} items; an article may list at most "
                               f"{MAX_LIST_ITEMS:,}", path=path)
    chars = sum(len(item) for item in value if isinstance(item, str))
    if chars > MAX_LIST_CHARS:
        raise FrontMatterError(f"'{key}' holds {chars:,} characters of names; an article's list may hold "
                               f"at most {MAX_LIST_CHARS:,}", path=path)


def _term_slugs(value: Any, key: str, path: str, notices: list[Notice]) -> tuple[str, ...]:
    """Topic and region names become slugs: 'Foreign Policy' -> 'foreign-policy'."""
    slugs: list[str] = []
    for name in _string_list(value, key, path, notices):
        slug = name if is_valid_slug(name) else slugify(clean_name(name))
        if slug not in slugs:
            slugs.append(slug)
    return tuple(slugs)


def _source(value: Any, path: str) -> SourceRef | None:
    if not isinstance(value, dict):
        return None
    lines = value.get("lines")
    digest = value.get("digest")
    if not isinstance(digest, str) or not isinstance(lines, list) or len(lines) != 2 \
            or not all(isinstance(n, int) and not isinstance(n, bool) for n in lines):
        return None
    return SourceRef(digest=digest, first_line=lines[0], last_line=lines[1])


def _bool(value: Any, key: str, path: str) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    raise FrontMatterError(f"'{key}' must be true or false, not {value!r}", path=path)


def _title_fallback(body: str, path: str) -> str:
    for line in body.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:90].rsplit(" ", 1)[0] if len(line) > 90 else line
    # A file name that is not UTF-8 arrives with surrogate escapes, which no page can encode.
    stem = Path(path).stem.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return stem.replace("-", " ").replace("_", " ").strip() or "Untitled"


def _load_yaml(yaml_text: str, path: str) -> dict[str, Any]:
    try:
        data = yamlsafe.load(yaml_text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None  # +1 for 1-based, +1 for the '---' line
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        # YAML notices an unclosed bracket or quote only where the next token is wrong; name the
        # line where the construct began too, as that is usually the one to fix.
        context = getattr(exc, "context_mark", None)
        if context is not None and mark is not None and context.line != mark.line:
            problem += f" ({getattr(exc, 'context', None) or 'the construct'} that began on line {context.line + 2})"
        raise FrontMatterError(f"front-matter is not valid YAML: {problem}", path=path, line=line) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError("front-matter must be 'key: value' lines, not a "
                               f"{type(data).__name__}", path=path, line=2)
    return data


def too_large_article(size: int) -> str:
    return f"is {size // 1024 // 1024} MB; articles are limited to {MAX_ARTICLE_BYTES // 1024 // 1024} MB"


def parse_article(path: str, data: bytes, tz: ZoneInfo) -> tuple[Article, tuple[Notice, ...]]:
    """Read one article file's bytes into an Article, with the notices about what was fixed up."""
    try:
        return _parse_article(path, data, tz)
    except FrontMatterError as exc:
        line = None if exc.line is not None else _key_line(data, exc.message)
        if line is None:
            raise
        raise FrontMatterError(exc.message, path=exc.path, line=line) from None


_KEY_IN_MESSAGE = re.compile(r"'(\w+)'")


def _key_line(data: bytes, message: str) -> int | None:
    """The line of the front-matter key an error message begins by naming ("'date' is not …").

    Values are checked after YAML has built them, when their lines are gone; on this rare path
    the key's line is found again in the text."""
    key = _KEY_IN_MESSAGE.match(message)
    if key is None or key[1] not in KNOWN_KEYS:
        return None
    text = data.decode("utf-8-sig", "replace").replace("\r\n", "\n").replace("\r", "\n")
    closing = _FENCE.search(text, text.find("\n") + 1)
    found = re.search(rf"^{key[1]}[ \t]*:", text[:closing.start() if closing else len(text)], re.M)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _parse_article(path: str, data: bytes, tz: ZoneInfo) -> tuple[Article, tuple[Notice, ...]]:
    if len(data) > MAX_ARTICLE_BYTES:
        raise ContentError(too_large_article(len(data)), path=path)
    notices: list[Notice] = []
    text = decode_text(data, path)
    if _CONTROL.search(text):
        notices.append(Notice(path, "control characters removed (they are not allowed in HTML or feeds)"))
        text = _CONTROL.sub("", text)
    yaml_text, body, _ = split_front_matter(text, path)
    meta = _load_yaml(yaml_text, path)
    for key in meta:
        if key not in KNOWN_KEYS:
            close = difflib.get_close_matches(str(key), KNOWN_KEYS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            notices.append(Notice(path, f"unknown front-matter key '{key}' ignored{hint}"))
    title = _string(meta.get("title"), "title", path)
    if not title:
        title = _title_fallback(body, path)
        notices.append(Notice(path, f"no title; using {title!r}"))
    if "date" not in meta or meta["date"] is None:
        raise FrontMatterError("has no 'date': add e.g. 'date: 2025-04-26T08:00:00+08:00'", path=path)
    moment = _to_datetime(meta["date"], tz, "date", path, notices)
    updated = _to_datetime(meta["updated"], tz, "updated", path, notices) if meta.get("updated") else None
    raw_slug = _string(meta.get("slug"), "slug", path)
    if raw_slug and not re.search(r"[^\W_]", raw_slug):
        # Nothing but punctuation ('..', '/'): there is no slug to keep, so the title gives one,
        # and it may then be numbered like any derived slug.
        notices.append(Notice(path, f"slug {raw_slug!r} has no letters or digits; using the title"))
        raw_slug = ""
    slug = raw_slug if is_valid_slug(raw_slug) else slugify(raw_slug or title)
    if raw_slug and slug != raw_slug:
        notices.append(Notice(path, f"slug {raw_slug!r} is not URL-safe; using {slug!r}"))
    status = _string(meta.get("status"), "status", path) or "published"
    if status not in ("published", "draft"):
        raise FrontMatterError(f"'status' must be 'published' or 'draft', not {status!r}", path=path)
    edition = meta.get("edition")
    edition_day = _to_datetime(edition, tz, "edition", path, notices).date() if edition else None
    line_of = lambda key: lambda index=None: extra.key_line(yaml_text, key, index)  # noqa: E731 (only on error)
    article = Article(
        path=path,
        slug=slug,
        slug_is_explicit=bool(raw_slug),
        title=title,
        date=moment,
        updated=updated,
        event_date=extra.event_date(meta.get("event_date"), path, line_of("event_date")),
        aliases=extra.aliases(meta.get("aliases"), path, line_of("aliases"), notices),
        corrections=extra.corrections(meta.get("corrections"), tz, path, line_of("corrections")),
        summary=_string(meta.get("summary"), "summary", path),
        kicker=_string(meta.get("kicker"), "kicker", path) or None,
        deck=_string(meta.get("deck"), "deck", path) or None,
        topics=_term_slugs(meta.get("topics"), "topics", path, notices),
        regions=_term_slugs(meta.get("regions"), "regions", path, notices),
        countries=tuple(c.upper() for c in _string_list(meta.get("countries"), "countries", path, notices)),
        people=_string_list(meta.get("people"), "people", path, notices),
        organizations=_string_list(meta.get("organizations"), "organizations", path, notices),
        draft=status == "draft" or _bool(meta.get("draft"), "draft", path),
        truncated=_bool(meta.get("truncated"), "truncated", path),
        edition=edition_day or moment.astimezone(tz).date(),
        source=_source(meta.get("source"), path),
        photo_credit=_string(meta.get("photo_credit"), "photo_credit", path) or None,
        image=_string(meta.get("image"), "image", path) or None,
        lang=_language(meta.get("lang"), path, notices),
        body=body,
        content_hash=content_hash(data),
        listing_hash=content_hash(f"{yaml_text}\x00{title}".encode("utf-8", "surrogatepass")),
    )
    return article, tuple(notices)
