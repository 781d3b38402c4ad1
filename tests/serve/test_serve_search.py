"""serve with `search: true`: a save is built and the pages reload without waiting for Pagefind;
the search index catches up afterwards, and until it has, pages carry the flag that makes the
search page say so."""

from __future__ import annotations

import json
import stat
import time
from pathlib import Path

import pytest

from site_builder.search import find_pagefind

from .conftest import serving

ARTICLE = "content/articles/2025/2025-03-01/budget-vote.md"
PENDING = "siteBuilderSearchPending=true"
SLOW_SECONDS = 3


def _wrap_pagefind(script: Path, first: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make builds run pagefind through `script`, which runs the shell line `first` before it."""
    real = find_pagefind()
    if real is None:
        pytest.skip("pagefind not installed")
    script.write_text(f'#!/bin/sh\n{first}\nexec "{real}" "$@"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(script))


@pytest.fixture
def slow_pagefind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pagefind that takes SLOW_SECONDS to start: the window in which search is catching up."""
    _wrap_pagefind(tmp_path / "slow-pagefind", f"sleep {SLOW_SECONDS}", monkeypatch)


def test_a_save_reloads_before_the_search_index_catches_up(site: Path, slow_pagefind: None) -> None:
    config = site / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\nsearch: true\n", encoding="utf-8")
    with serving(site) as server:
        server.wait_for_line(r"search index: \d+ stories in 1 of 1 shards", timeout=120)
        server.wait_for_page("search/", lambda status, text: status == 200 and PENDING not in text)
        shards = site / "output" / "pagefind" / "shards.json"
        key_before = json.loads(shards.read_text(encoding="utf-8"))["shards"][0]["key"]

        mark = server.mark()
        saved = time.monotonic()
        article = site / ARTICLE
        article.write_text(article.read_text(encoding="utf-8") + "\nThe zeppelinkeeper voted too.\n",
                           encoding="utf-8")
        server.wait_for_build(mark)
        built = time.monotonic()
        # Built, and pages reloaded, well inside Pagefind's SLOW_SECONDS: search did not block it.
        assert built - saved < SLOW_SECONDS, server.output
        status, text = server.page("search/")
        assert status == 200 and PENDING in text, "the search page does not know search is catching up"
        assert 'id="search-catching-up"' in text

        line = server.wait_for_line(r"search index: \d+ stories in 1 of 1 shards", start=mark, timeout=120)
        assert "after the page reload" in line
        assert server.lines.index(line, mark) > server.lines.index(server.wait_for_build(mark), mark)
        server.wait_for_page("search/", lambda status, text: status == 200 and PENDING not in text)
        assert json.loads(shards.read_text(encoding="utf-8"))["shards"][0]["key"] != key_before


@pytest.fixture
def logged_pagefind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """pagefind that writes the time (time.time()) of each start into the returned file."""
    log = tmp_path / "pagefind-starts.txt"
    _wrap_pagefind(tmp_path / "logged-pagefind", f'date +%s.%N >> "{log}"', monkeypatch)
    return log


BROWSER_DELAY = 1.0   # how long the pretend browser takes to come back after it was told to reload


def test_the_search_catch_up_waits_for_the_reloaded_page(site: Path, logged_pagefind: Path) -> None:
    """A browser told to reload comes back (its reloaded page's livereload hello) before Pagefind
    starts: the catch-up must not take the CPU from the reload. Played by a websocket client that
    answers the reload BROWSER_DELAY late; every pagefind start for the save comes after it."""
    import asyncio

    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    config = site / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\nsearch: true\n", encoding="utf-8")
    hello = json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]})
    with serving(site) as server:
        server.wait_for_line(r"search index: \d+ stories in 1 of 1 shards", timeout=120)
        origin = f"http://{server.host}:{server.port}"

        async def pretend_browser() -> float:
            request = HTTPRequest(f"ws://{server.host}:{server.port}/livereload", headers={"Origin": origin})
            page = await websocket_connect(request)
            await page.write_message(hello)
            await asyncio.wait_for(page.read_message(), 30)            # the server's hello
            article = site / ARTICLE
            article.write_text(article.read_text(encoding="utf-8") + "\nThe zeppelinkeeper voted too.\n",
                               encoding="utf-8")
            while "reload" not in (await asyncio.wait_for(page.read_message(), 60) or ""):
                pass
            page.close()
            await asyncio.sleep(BROWSER_DELAY)
            reloaded = await websocket_connect(request)
            back = time.time()
            await reloaded.write_message(hello)
            await asyncio.wait_for(reloaded.read_message(), 30)
            reloaded.close()
            return back

        mark = server.mark()
        started_before = len(logged_pagefind.read_text(encoding="utf-8").split())
        back = asyncio.run(pretend_browser())
        server.wait_for_line(r"search index: \d+ stories in 1 of 1 shards.*after the page reload", start=mark,
                             timeout=120)
    starts = [float(t) for t in logged_pagefind.read_text(encoding="utf-8").split()[started_before:]]
    assert starts and all(start >= back for start in starts), (back, starts, server.output)
