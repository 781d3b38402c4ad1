"""The Pagefind index: what is indexed, where it is written, and what happens without pagefind."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from site_builder import search, urls
from site_builder.search import ARTICLE_GLOB, SearchResult, build_search_index

from .conftest import make_search_site, run_cli

needs_pagefind = pytest.mark.skipif(search.find_pagefind() is None, reason="pagefind not installed (pip install 'pagefind[bin]')")

STORY = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<nav>Every page says navigation</nav>
<main data-pagefind-body><h1>{title}</h1><p>{text}</p>
<a data-pagefind-filter="topic" href="/t/">{topic}</a></main></body></html>"""


def _tree(root: Path, stories: dict[str, tuple[str, str, str]]) -> Path:
    """A built-site-like tree: story pages at their routes, plus a listing page."""
    for route, (title, text, topic) in stories.items():
        path = root / route
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(STORY.format(title=title, text=text, topic=topic), encoding="utf-8")
    (root / "topics").mkdir(parents=True, exist_ok=True)
    (root / "topics" / "index.html").write_text(
        "<html lang='en'><body><main data-pagefind-body>listing zebra</main></body></html>", encoding="utf-8")
    return root


def _entry(output: Path) -> dict:
    return json.loads((output / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))


def test_article_glob_matches_the_article_route() -> None:
    # The glob hard-codes urls.article_route's shape: YYYY/MM/DD/<slug>.html.
    from types import SimpleNamespace
    article = SimpleNamespace(edition=date(2025, 4, 6), slug="some-story")
    route = urls.article_route(article)  # type: ignore[arg-type]
    assert Path(route).match(ARTICLE_GLOB)
    assert not Path("topics/politics/index.html").match(ARTICLE_GLOB)
    assert not Path("2025/index.html").match(ARTICLE_GLOB)


def test_skipped_without_pagefind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "find_pagefind", lambda: None)
    _tree(tmp_path, {"2025/04/26/a.html": ("A", "words", "Sport")})
    result = build_search_index(tmp_path, language="en")
    assert isinstance(result, SearchResult)
    assert not result.indexed and "pagefind[bin]" in (result.skipped or "")
    assert "skipped" in result.summary()
    assert not (tmp_path / "pagefind").exists()


@needs_pagefind
def test_indexes_story_pages_only(tmp_path: Path) -> None:
    _tree(tmp_path, {"2025/04/26/a.html": ("Alpha", "first story", "Sport"),
                     "2025/04/27/b.html": ("Beta", "second story", "Politics")})
    result = build_search_index(tmp_path, language="en")
    assert result.indexed and result.pages == 2, result
    assert result.version and result.seconds >= 0
    entry = _entry(tmp_path)
    assert list(entry["languages"]) == ["en"]
    assert (tmp_path / "pagefind" / "pagefind.js").exists()
    assert (tmp_path / "pagefind" / "pagefind-ui.js").exists()
    assert list((tmp_path / "pagefind" / "filter").iterdir()), "no filter index written"
    # no temporary folders left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2025", "pagefind", "topics"]


@needs_pagefind
def test_reindex_replaces_the_bundle(tmp_path: Path) -> None:
    _tree(tmp_path, {"2025/04/26/a.html": ("Alpha", "first story", "Sport")})
    build_search_index(tmp_path, language="en")
    first = {p.name for p in (tmp_path / "pagefind" / "fragment").iterdir()}
    (tmp_path / "2025/04/26/a.html").unlink()
    _tree(tmp_path, {"2025/04/27/b.html": ("Beta", "another story", "Politics")})
    result = build_search_index(tmp_path, language="en")
    assert result.pages == 1
    second = {p.name for p in (tmp_path / "pagefind" / "fragment").iterdir()}
    assert len(second) == 1 and not first & second, "stale fragments left behind"


@needs_pagefind
def test_no_stories_removes_an_old_bundle(tmp_path: Path) -> None:
    _tree(tmp_path, {"2025/04/26/a.html": ("Alpha", "first story", "Sport")})
    build_search_index(tmp_path, language="en")
    shutil.rmtree(tmp_path / "2025")
    result = build_search_index(tmp_path, language="en")
    assert not result.indexed and "no story" in (result.skipped or "")
    assert not (tmp_path / "pagefind").exists()


def test_missing_folder_is_skipped(tmp_path: Path) -> None:
    result = build_search_index(tmp_path / "nope", language="en", binary=Path("/bin/true"))
    assert not result.indexed


@needs_pagefind
def test_build_with_search_writes_the_index(tmp_path: Path) -> None:
    """Through the CLI: `search: true` in config.yaml gives output/pagefind/ with every story."""
    site = make_search_site(tmp_path / "site")
    proc = run_cli("build", "--site", site)
    assert proc.returncode == 0, proc.stderr
    output = site / "output"
    stories = list(output.glob(ARTICLE_GLOB))
    assert (output / "pagefind" / "pagefind-entry.json").exists(), "build did not write the search index"
    entry = _entry(output)
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == len(stories)
    # A second build with nothing changed keeps the index.
    proc = run_cli("build", "--site", site)
    assert proc.returncode == 0, proc.stderr
    assert (output / "pagefind" / "pagefind-entry.json").exists()
