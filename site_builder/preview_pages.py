"""What the preview serves for a request: the file for a path under output/, the live-reload
script injected into pages, where a retitled story moved, and the page shown when a build failed.

Pure apart from looking at output/; split from server.py (the tornado side) to keep each readable.
"""

from __future__ import annotations

import html
import mimetypes
import os
import re
import stat
import traceback
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote, unquote_to_bytes

from site_builder import urls
from site_builder.errors import SiteBuilderError

# livereload.js finds the websocket from its own URL, so the snippet builds that URL from the
# page's address: it works on whatever host and port the browser used.
RELOAD_SNIPPET = (
    b'<script>(function(){var s=document.createElement("script");'
    b'var p=window.location.port||(window.location.protocol=="https:"?443:80);'
    b's.src="//"+window.location.host+"/livereload.js?port="+p+"&mindelay=250&maxdelay=2000";'
    b'(document.head||document.documentElement).appendChild(s);})();</script>'
)
# Added while the search index catches up with the last build: the search page then says so.
SEARCH_PENDING = b'<script>window.siteBuilderSearchPending=true;</script>'

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",  # what GitHub Pages sends for feed.xml and sitemaps
    ".json": "application/json; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".webmanifest": "application/manifest+json",
    ".woff2": "font/woff2",
    ".webp": "image/webp",
}


# ---- what to serve for a request path (pure apart from looking at output/) -------------------

@dataclass(frozen=True, slots=True)
class Serve:
    file: str  # real path, checked to be a regular file inside output/


@dataclass(frozen=True, slots=True)
class Redirect:
    location: str


@dataclass(frozen=True, slots=True)
class NotFound:
    pass


@dataclass(frozen=True, slots=True)
class BadRequest:
    reason: str


Resolution = Serve | Redirect | NotFound | BadRequest


def decode_path(raw: str) -> str | None:
    """The request path as text: percent-decoded once, UTF-8. None for NUL or invalid UTF-8.

    Tornado hands over the request line's bytes as latin-1 text; re-encoding gives the bytes back.
    """
    try:
        data = unquote_to_bytes(raw.encode("latin-1"))
        text = data.decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    if "\x00" in text or any(ord(c) < 0x20 for c in text):
        return None
    return text


def resolve(output_dir: Path, prefix: str, path: str) -> Resolution:
    """Map a decoded request path to a file inside output_dir, the way GitHub Pages does.

    Any ".." segment is refused outright (browsers never send one); then the real path, with
    symlinks resolved, must still lie inside output/, so a link pointing out is a 404.
    """
    if not path.startswith("/"):
        return BadRequest("the path must start with /")
    if path + "/" == prefix or (path == "/" and prefix != "/"):
        return Redirect(prefix)
    if not path.startswith(prefix):
        return NotFound()
    segments = [s for s in path[len(prefix):].split("/") if s not in ("", ".")]
    if ".." in segments:
        return BadRequest("'..' is not allowed in a path")
    wants_folder = path.endswith("/")
    root = os.path.realpath(output_dir)
    candidate = os.path.join(root, *segments) if segments else root
    try:
        real = os.path.realpath(candidate)
        if not _inside(real, root):
            return NotFound()
        info = os.stat(real)
        if stat.S_ISDIR(info.st_mode):
            if not wants_folder:
                return Redirect(quote(prefix + "/".join(segments) + "/"))
            return _regular_file(os.path.join(real, "index.html"), root)
        if wants_folder:
            return NotFound()
        return Serve(real) if stat.S_ISREG(info.st_mode) else NotFound()
    except FileNotFoundError:
        if segments and not wants_folder and "." not in segments[-1]:
            return _regular_file(candidate + ".html", root)  # GitHub Pages serves /about from about.html
        return NotFound()
    except (OSError, ValueError):  # name too long, a file used as a folder, ...
        return NotFound()


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _regular_file(path: str, root: str) -> Resolution:
    try:
        real = os.path.realpath(path)
        if _inside(real, root) and stat.S_ISREG(os.stat(real).st_mode):
            return Serve(real)
    except (OSError, ValueError):
        pass
    return NotFound()


def content_type(path: str) -> str:
    suffix = os.path.splitext(path)[1].lower()
    if suffix in _TYPES:
        return _TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path)
    return guessed or "application/octet-stream"


_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def inject_script(page: bytes, snippet: bytes = RELOAD_SNIPPET) -> bytes:
    """The reload snippet before </head>, else before </body>, else at the end."""
    for pattern in (_HEAD_END, _BODY_END):
        match = pattern.search(page)
        if match:
            return page[:match.start()] + snippet + page[match.start():]
    return page + snippet


# ---- stories that moved: a new title gives a new slug, so a new address ------------------------

_ARTICLE_PAGE = re.compile(rf"^{urls.ARTICLE_ROUTE.pattern}$")


@dataclass(frozen=True, slots=True)
class Moves:
    """Old story addresses and where they went, so that the page open in the browser follows its
    story when a retitled story gets a new slug (or a redated one a new day), instead of a 404."""

    known: frozenset[str] = frozenset()     # files in output/
    moved: tuple[tuple[str, str], ...] = ()  # (old file, new file)

    def target(self, rel: str) -> str | None:
        return dict(self.moved).get(rel)

    def after(self, written: tuple[str, ...], removed: tuple[str, ...]) -> Moves:
        """One build's effect. A move is one story page gone and one new one appearing together;
        anything else (several at once) is ambiguous and left alone."""
        gone = [r for r in removed if _ARTICLE_PAGE.match(r)]
        new = [w for w in written if w not in self.known and _ARTICLE_PAGE.match(w)]
        moved = dict(self.moved)
        for page in new:
            moved.pop(page, None)  # it exists again: a real page, not a redirect
        if len(gone) == 1 and len(new) == 1:
            old, target = gone[0], new[0]
            moved = {k: (target if v == old else v) for k, v in moved.items()}
            moved[old] = target
        known = (self.known | frozenset(written)) - frozenset(removed)
        return Moves(known=known, moved=tuple(sorted(moved.items())))


# ---- the build state shown to the browser ----------------------------------------------------

@dataclass(frozen=True, slots=True)
class BuildFailure:
    """A failed build, as the error page shows it."""

    kind: str
    message: str
    path: str | None
    line: int | None
    when: str


@dataclass(frozen=True, slots=True)
class Status:
    prefix: str
    failure: BuildFailure | None = None


def describe_failure(exc: BaseException, site_dir: Path) -> BuildFailure:
    """File and line, relative to the site folder so the page and terminal stay short."""
    root = str(site_dir) + os.sep
    message = str(exc).replace(root, "")
    path = line = None
    if isinstance(exc, SiteBuilderError):
        line = exc.line
        if exc.path is not None:
            path = str(exc.path).replace(root, "")
        kind = type(exc).__name__
    else:
        kind = f"internal error ({type(exc).__name__}); please report it"
        message = "".join(traceback.format_exception(exc)).replace(root, "")
    return BuildFailure(kind=kind, message=message, path=path, line=line,
                        when=datetime.now().strftime("%H:%M:%S"))


def error_page(failure: BuildFailure) -> bytes:
    """A self-contained page (no theme: the theme may be what broke), everything escaped."""
    where = ""
    if failure.path:
        where = html.escape(failure.path) + (f", line {failure.line}" if failure.line else "")
        where = f"<p class=where>In <code>{where}</code></p>"
    text = f"""<!doctype html>
<html lang=en><head><meta charset=utf-8><title>Build failed — site-builder</title>
<meta name=viewport content="width=device-width,initial-scale=1">
<style>body{{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}}
h1{{color:#b00020}}pre{{background:#fff4f4;border:1px solid #f0c0c0;padding:1rem;white-space:pre-wrap;
overflow-wrap:anywhere}}code{{font-size:95%}}</style></head>
<body><main><h1 id=build-error>Build failed</h1>
<p>{html.escape(failure.kind)} at {html.escape(failure.when)}</p>
{where}
<pre id=build-error-message>{html.escape(failure.message)}</pre>
<p>The rest of the site is as it was before this change. Fix the file and save: this page reloads by itself.</p>
</main></body></html>
"""
    return text.encode("utf-8")
