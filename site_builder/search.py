"""Full-text search without a server: a Pagefind index of the story pages, in output/pagefind/.

Pagefind (PyPI `pagefind[bin]`) reads the built HTML and writes a static bundle: the search
page's JavaScript fetches only the index fragments a query needs, so search works on GitHub
Pages under any path prefix (pagefind.js derives the result URLs' base from its own address,
/repo/pagefind/pagefind.js -> /repo/).

What is indexed is decided by the theme and by the URL layout together:
- only story pages are read (ARTICLE_GLOB, the shape of urls.article_route), so the listing
  pages, which repeat every story's summary, never become results;
- inside a story page, only the element the theme marks `data-pagefind-body` is indexed (title,
  kicker, summary and body belong in it); the theme marks the topic and region links
  `data-pagefind-filter="topic"` / `"region"`.

Chinese and Japanese text is split into words only by the extended binary (`pagefind[extended]`);
find_pagefind() prefers it when installed. With `pagefind[bin]`, a Chinese site still gets an
index, but a query must match whole whitespace-separated runs.

The binary is run as a subprocess rather than through pagefind's asyncio service API: the
preview server calls the build from inside Tornado's running event loop, where asyncio.run()
is not allowed, and a subprocess can be timed out and killed cleanly.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from site_builder import urls
from site_builder.errors import OutputError

BUNDLE_DIR = urls.SEARCH_BUNDLE_DIR
# urls.article_route: YYYY/MM/DD/<slug>.html. Valid both as a wax glob (pagefind --glob) and
# for pathlib's glob, which count_articles uses.
ARTICLE_GLOB = "[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/*.html"
TIMEOUT_SECONDS = 900
INSTALL_HINT = "pip install 'pagefind[bin]'"


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchResult:
    """What indexing did: pages indexed and time taken, or why it was skipped."""

    pages: int = 0
    seconds: float = 0.0
    skipped: str | None = None      # None when an index was written
    version: str | None = None      # of the pagefind binary used

    @property
    def indexed(self) -> bool:
        return self.skipped is None

    def summary(self) -> str:
        if self.skipped is not None:
            return f"search index skipped: {self.skipped}"
        version = f" {self.version}" if self.version else ""
        return f"search index: {self.pages} stories indexed by pagefind{version} in {self.seconds:.2f} s"


def find_pagefind() -> Path | None:
    """The pagefind binary: $PAGEFIND_BINARY_PATH, the PyPI wheel (extended first), or PATH."""
    try:
        # pagefind's own lookup, so the Python package and our build agree on the binary.
        from pagefind.service import get_executable
    except ImportError:
        env = os.environ.get("PAGEFIND_BINARY_PATH")
        if env:
            return Path(env)
        try:  # the binary wheel alone, without the Python wrapper
            from pagefind_bin import get_executable as wheel_binary
            return wheel_binary()
        except (ImportError, FileNotFoundError):
            pass
        found = shutil.which("pagefind_extended") or shutil.which("pagefind")
        return Path(found) if found else None
    try:
        binary = get_executable()
    except FileNotFoundError:  # a wheel without its binary (unsupported platform)
        return None
    return binary if binary is not None and binary.exists() else None


def index_language(language: str) -> str:
    """The language tag pagefind files the index under. Forcing one language keeps a single index
    whatever `lang` individual pages carry; pagefind.js falls back to it from the search page."""
    return language.strip() or "en"


def count_articles(output_dir: Path) -> int:
    return sum(1 for _ in output_dir.glob(ARTICLE_GLOB))


def _pagefind_command(binary: Path, site: Path, bundle: Path, language: str) -> list[str]:
    return [str(binary), "--site", str(site), "--glob", ARTICLE_GLOB,
            "--force-language", index_language(language), "--output-path", str(bundle), "--quiet"]


def _read_entry(bundle: Path) -> tuple[int, str | None]:
    """Pages indexed and the pagefind version, from the bundle's pagefind-entry.json."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = sum(int(lang.get("page_count", 0)) for lang in entry.get("languages", {}).values())
    return pages, entry.get("version")


def _swap_in(output_dir: Path, fresh: Path) -> None:
    """Replace output/pagefind/ with the fresh bundle. Pagefind's fragment names are content
    hashes, so writing over the old bundle would leave every stale fragment behind."""
    target = output_dir / BUNDLE_DIR
    old = output_dir / f".{BUNDLE_DIR}.old"
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.rename(target, old)
    os.rename(fresh, target)
    shutil.rmtree(old, ignore_errors=True)


def remove_search_index(output_dir: Path) -> None:
    shutil.rmtree(output_dir / BUNDLE_DIR, ignore_errors=True)


def build_search_index(output_dir: Path, *, language: str, binary: Path | None = None) -> SearchResult:
    """Index the story pages under output_dir (any built site tree) into output_dir/pagefind/.

    Returns a skipped result, not an error, when pagefind is not installed or there is no story
    to index (an old bundle is then removed: its results would point at missing pages).
    Raises OutputError when pagefind itself fails.
    """
    output_dir = Path(output_dir)
    binary = binary or find_pagefind()
    if binary is None:
        return SearchResult(skipped=f"pagefind is not installed ({INSTALL_HINT})")
    if not output_dir.is_dir():
        return SearchResult(skipped=f"{output_dir} does not exist")
    if count_articles(output_dir) == 0:
        remove_search_index(output_dir)
        return SearchResult(skipped="no story pages to index")

    start = time.perf_counter()
    fresh = output_dir / f".{BUNDLE_DIR}.new"
    if fresh.exists():
        shutil.rmtree(fresh)
    command = _pagefind_command(binary, output_dir.resolve(), fresh.resolve(), language)
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        raise OutputError(f"pagefind did not finish within {TIMEOUT_SECONDS} s", path=output_dir) from exc
    except OSError as exc:
        raise OutputError(f"cannot run pagefind ({binary}): {exc.strerror}", path=output_dir) from exc
    if proc.returncode != 0 or not (fresh / "pagefind-entry.json").exists():
        shutil.rmtree(fresh, ignore_errors=True)
        detail = (proc.stderr.strip() or proc.stdout.strip()).splitlines()
        raise OutputError(f"pagefind failed (exit {proc.returncode}): {' / '.join(detail[-3:])}",
                          path=output_dir)
    pages, version = _read_entry(fresh)
    _swap_in(output_dir, fresh)
    return SearchResult(pages=pages, seconds=time.perf_counter() - start, version=version)
