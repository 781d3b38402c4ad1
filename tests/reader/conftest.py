"""Fixtures for the reader-facing tests: the fixture site built with search, served under /repo/.

The site is built through the CLI (as a user would) with `search: true` and a base URL whose
path is /repo/, then served by a small static server that answers only under that prefix, so a
link that escapes it shows up as a 404 in the browser.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.browser import CHROMIUM, CHROMIUM_ARGS, browser_page, chromium_available  # noqa: F401
from support.browser import _require_chromium as _require_browser  # noqa: F401
from support.static_server import StaticServer, serve_site
from support.validators import _missing  # skips, or fails where the test tools must be installed
from tests.support.sites import REPO, make_site, run_cli

PREFIX = "/repo/"
AXE = REPO / "tools" / "node_modules" / "axe-core" / "axe.min.js"


# A story whose kicker and summary hold words its title and body do not: search must find it
# by either (issue 7: "indexing title, kicker, summary and body").
KICKER_WORD = "quayside"
SUMMARY_WORD = "marmalade"
EXTRA_STORY = f"""---
title: "Ferry timetable changes for the spring"
date: 2025-03-02T12:00:00+00:00
kicker: "{KICKER_WORD.upper()} NOTICE"
summary: "Passengers were told the {SUMMARY_WORD} crossing ends in April."
topics: [economy-business-finance]
regions: [europe]
---
The operator said the new timetable starts on the first Monday of the month. The lighthouse
keeper will sail on the first crossing.
"""
EXTRA_ROUTE = "2025/03/02/ferry-timetable-changes-for-the-spring.html"

# Stories of older years, so the index has a shard per year (site_builder/search.py): a search for
# SHARED_WORD must find the oldest story and the newest one, from different shards.
SHARED_WORD = "lighthouse"
OLD_STORIES = {
    "2023/2023-06-10/old-lighthouse.md": """---
title: "Lighthouse restored after a decade of storms"
date: 2023-06-10T09:00:00+00:00
topics: [weather]
regions: [europe]
---
Volunteers repainted the lighthouse and replaced its lamp with a brighter one.
""",
    "2024/2024-11-05/council-budget.md": """---
title: "Council sets the bus fares for the winter"
date: 2024-11-05T09:00:00+00:00
topics: [politics]
regions: [europe]
---
The council kept the fares as they were for the winter months.
""",
}
OLD_ROUTE = "2023/06/10/lighthouse-restored-after-a-decade-of-storms.html"


def make_search_site(destination: Path) -> Path:
    """The fixture site with the project's theme, `search: true`, one story for search and two of
    older years."""
    make_site(destination)
    articles = destination / "content" / "articles"
    (articles / "2025" / "2025-03-02" / "reader-search.md").write_text(EXTRA_STORY, encoding="utf-8")
    for rel, text in OLD_STORIES.items():
        (articles / rel).parent.mkdir(parents=True, exist_ok=True)
        (articles / rel).write_text(text, encoding="utf-8")
    config = destination / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\nsearch: true\n", encoding="utf-8")
    return destination


@dataclass(frozen=True)
class Served:
    root: Path        # the folder served
    base: str         # http://127.0.0.1:PORT/repo/
    server: StaticServer

    def url(self, route: str = "") -> str:
        return self.base + route.lstrip("/")

    def not_found(self) -> list[str]:
        return self.server.not_found()


@pytest.fixture(scope="session")
def built_search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output folder of the fixture site built with search under https://example.org/repo/."""
    from site_builder.search import find_pagefind
    if find_pagefind() is None:
        _missing("pagefind is not installed (pip install 'pagefind[bin]')")
    site = make_search_site(tmp_path_factory.mktemp("reader") / "site")
    proc = run_cli("build", "--site", site, "--base-url", "https://example.org" + PREFIX)
    assert proc.returncode == 0, proc.stderr
    output = site / "output"
    assert (output / "pagefind" / "shards.json").exists(), \
        f"`search: true` but the build wrote no output/pagefind/:\n{proc.stdout}{proc.stderr}"
    return output


@pytest.fixture(scope="session")
def served_site(built_search_site: Path) -> Iterator[Served]:
    yield from serve_under_prefix(built_search_site)


def serve_under_prefix(root: Path) -> Iterator[Served]:
    """Serve root at http://127.0.0.1:PORT/repo/ (tests/support/static_server.py: 404 outside it)."""
    with serve_site(root, prefix=PREFIX) as server:
        yield Served(root=root, base=server.url, server=server)


@pytest.fixture
def nojs_page() -> Iterator["Page"]:  # noqa: F821
    """A page in a fresh headless Chromium with JavaScript disabled."""
    if not chromium_available():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_ARGS))
        try:
            context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
            yield context.new_page()
        finally:
            browser.close()
