"""Live reload in a real browser: headless Chromium (Debian's) driven by Playwright.

The test only edits files on disk; the open page must change by itself (issue 4).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.support.sites import make_site

from .conftest import ServeProcess, serving

pytestmark = pytest.mark.browser

RELOAD_TIMEOUT_MS = 15_000
ARTICLE = "content/articles/2025/2025-03-01/budget-vote.md"
ARTICLE_ROUTE = "2025/03/01/budget-vote.html"
SEED_DIGEST = Path("/work/shared/seed-digest.txt")
REPO_DIGEST = Path(__file__).resolve().parents[2] / "content" / "digests" / "2025-04-26.txt"


@pytest.fixture
def pinned_site(tmp_path: Path) -> Path:
    """The fixture site, with the test article's slug pinned so that a new title keeps its URL.

    (Without a `slug:`, the slug comes from the title, and a retitled story moves to a new URL.)
    """
    site = make_site(tmp_path / "site")
    article = site / ARTICLE
    article.write_text(article.read_text(encoding="utf-8").replace("kicker: BUDGET", "kicker: BUDGET\nslug: budget-vote"),
                       encoding="utf-8")
    return site


@pytest.fixture
def live(pinned_site: Path):
    with serving(pinned_site) as process:
        yield process


def _open_connected(page, url: str) -> None:
    """Open a page and wait until its livereload socket has shaken hands with the server."""
    page.goto(url)
    page.wait_for_function("() => window.LiveReload && window.LiveReload.connector"
                           " && window.LiveReload.connector.protocol >= 7", timeout=RELOAD_TIMEOUT_MS)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_edited_title_appears_broken_yaml_shows_error_and_recovers(live: ServeProcess, browser_page) -> None:
    page = browser_page
    article = live.site / ARTICLE
    _open_connected(page, live.url + ARTICLE_ROUTE)
    assert "Parliament passes the spring budget" in page.inner_text("h1")

    # 1. A new title, saved on disk, shows up in the open page.
    _edit(article, 'title: "Parliament passes', 'title: "Senate approves')
    page.locator("h1", has_text="Senate approves the spring budget").wait_for(timeout=RELOAD_TIMEOUT_MS)

    # 2. Broken front-matter: the page shows the error, naming the file and line.
    _edit(article, "kicker: BUDGET", 'kicker: "BUDGET')
    page.locator("#build-error").wait_for(timeout=RELOAD_TIMEOUT_MS)
    message = page.inner_text("#build-error-message")
    assert "budget-vote.md" in message
    assert "YAML" in message
    assert live.wait_for_line(r"build failed")

    # 3. Fixed: the page recovers by itself and shows the story again.
    _edit(article, 'kicker: "BUDGET', "kicker: BUDGET")
    page.locator("h1", has_text="Senate approves the spring budget").wait_for(timeout=RELOAD_TIMEOUT_MS)
    assert page.locator("#build-error").count() == 0
    live.wait_for_line(r"the build works again")


def test_retitled_story_with_a_derived_slug_is_followed_to_its_new_address(site: Path, browser_page) -> None:
    """No `slug:`: the new title gives a new slug and a new address; the open page follows it."""
    page = browser_page
    with serving(site) as process:
        _open_connected(page, process.url + "2025/03/01/parliament-passes-the-spring-budget-after-all-night-sitting.html")
        _edit(site / ARTICLE, 'title: "Parliament passes', 'title: "Senate approves')
        page.locator("h1", has_text="Senate approves the spring budget").wait_for(timeout=RELOAD_TIMEOUT_MS)
        assert page.url.endswith("/2025/03/01/senate-approves-the-spring-budget-after-all-night-sitting.html")
        process.wait_for_line(r"moved to 2025/03/01/senate-approves")


def test_template_error_shows_in_browser_and_recovers(live: ServeProcess, browser_page) -> None:
    page = browser_page
    template = live.site / "theme" / "templates" / "article.html"
    good = template.read_text(encoding="utf-8")
    _open_connected(page, live.url + ARTICLE_ROUTE)

    template.write_text(good + "\n{% if %}\n", encoding="utf-8")
    page.locator("#build-error").wait_for(timeout=RELOAD_TIMEOUT_MS)
    assert "article.html" in page.inner_text("main")

    template.write_text(good, encoding="utf-8")
    page.locator("h1", has_text="Parliament passes the spring budget").wait_for(timeout=RELOAD_TIMEOUT_MS)


def test_deleted_article_leaves_the_open_edition_page(live: ServeProcess, browser_page) -> None:
    page = browser_page
    source = live.site / "content/articles/2025/2025-03-01/cup-final.md"
    title = _title(source)
    _open_connected(page, live.url + "editions/2025-03-01/")
    assert page.locator("main h2", has_text=title).count() == 1
    source.unlink()
    page.locator("main h2", has_text=title).wait_for(state="detached", timeout=RELOAD_TIMEOUT_MS)


def test_new_digest_is_ingested_and_listed_on_the_open_front_page(live: ServeProcess, browser_page) -> None:
    page = browser_page
    _open_connected(page, live.url)
    before = set(_titles(live.site))
    mark = live.mark()
    digest_dir = live.site / "content" / "digests"
    digest_dir.mkdir(parents=True, exist_ok=True)
    source = SEED_DIGEST if SEED_DIGEST.is_file() else REPO_DIGEST
    shutil.copyfile(source, digest_dir / "2025-04-26.txt")

    # The rebuild ingests the digest into content/articles; its stories are the newest, so they
    # lead the front page.
    line = live.wait_for_build(mark, timeout=60)
    assert "build failed" not in line, live.output
    new = sorted(set(_titles(live.site)) - before)
    assert new, live.output
    # Evaluated while the page may be reloading: a document without its <main> yet is "not yet".
    page.wait_for_function(
        "titles => titles.some(t => (document.querySelector('main')?.innerText ?? '').includes(t))",
        arg=new, timeout=RELOAD_TIMEOUT_MS)


def _titles(site: Path) -> list[str]:
    titles = []
    for path in sorted((site / "content" / "articles").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            meta = yaml.safe_load(text.split("---", 2)[1]) or {}
            if isinstance(meta, dict) and meta.get("title"):
                titles.append(str(meta["title"]))
    return titles


def _title(path: Path) -> str:
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])
    return str(meta["title"])
