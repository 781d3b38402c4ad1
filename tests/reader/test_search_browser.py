"""Search in a real browser, on the site served under /repo/ as on GitHub Pages; and the site
read with JavaScript off."""

from __future__ import annotations

import json
import re

import pytest

from .conftest import (EXTRA_ROUTE, KICKER_WORD, OLD_ROUTE, PREFIX, SHARED_WORD, SUMMARY_WORD, Served, make_search_site,
                       run_cli, serve_under_prefix)

pytestmark = pytest.mark.browser

# tests/fixtures/site: "year" is in the budget story (politics, economy) and the Taiwan chips
# story (economy only); "chancellor" only in the budget story.
BUDGET_TITLE = "Parliament passes the spring budget after all-night sitting"
BUDGET_ROUTE = "2025/03/01/parliament-passes-the-spring-budget-after-all-night-sitting.html"
CHIPS_ROUTE = "2025/03/02/tai-wan-jing-pian-chu-kou-chuang-xin-gao.html"
SEARCH_INPUT = ".pagefind-ui__search-input"
RESULT_LINK = ".pagefind-ui__result-link"


def _search(page, served: Served, query: str) -> list[str]:
    """Open the search page, type the query, return the result links' hrefs once they settle."""
    page.goto(served.url("search/"))
    page.wait_for_selector(SEARCH_INPUT, timeout=15_000)
    page.fill(SEARCH_INPUT, query)
    _wait_for_answer(page, query)
    return _settled_hrefs(page)


def _wait_for_answer(page, query: str) -> None:
    """Until Pagefind says "N results for QUERY" or "No results for QUERY" (not "Searching for
    QUERY...", which it says while the merged shards still load)."""
    page.wait_for_function(
        "(q) => { const m = document.querySelector('.pagefind-ui__message');"
        " if (!m) return false; const t = m.textContent.toLowerCase();"
        " return t.includes(q.toLowerCase()) && /\\bresults? for\\b/.test(t); }", arg=query, timeout=15_000)


def _settled_hrefs(page) -> list[str]:
    """The result links once Pagefind has drawn as many as its message counts ("2 results for
    …"; none for "No results"). Results arrive one fragment request at a time, so a loaded
    machine can show the message well before the links; then the list must stop changing."""
    message = page.locator(".pagefind-ui__message").inner_text().lower()
    found = re.search(r"(\d+) results? for", message)
    expected = int(found.group(1)) if found else 0
    previous: list[str] | None = None
    for _ in range(150):
        hrefs = [a.get_attribute("href") or "" for a in page.query_selector_all(RESULT_LINK)]
        if len(hrefs) >= expected and hrefs == previous:
            return hrefs
        previous = hrefs
        page.wait_for_timeout(100)
    return previous or []


def test_search_finds_a_story_and_links_under_the_prefix(browser_page, served_site: Served) -> None:
    hrefs = _search(browser_page, served_site, "chancellor")
    assert hrefs == [PREFIX + BUDGET_ROUTE], hrefs
    browser_page.click(RESULT_LINK)
    browser_page.wait_for_load_state()
    assert browser_page.url == served_site.url(BUDGET_ROUTE)
    assert browser_page.locator("h1").first.inner_text().strip() == BUDGET_TITLE
    assert browser_page.console_errors == []
    assert served_site.not_found() == [], "requests that got a 404"


def test_search_merges_the_shards_of_every_period(browser_page, served_site: Served) -> None:
    """The index is one Pagefind bundle per year here (2023, 2024, 2025): one query finds the
    oldest story and the newest, in one list, and every shard's files load under the prefix."""
    shards = json.loads((served_site.root / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]
    assert [s["name"] for s in shards] == ["2025", "2024", "2023"], shards
    hrefs = _search(browser_page, served_site, SHARED_WORD)
    assert sorted(hrefs) == sorted([PREFIX + OLD_ROUTE, PREFIX + EXTRA_ROUTE]), hrefs
    assert browser_page.console_errors == []
    assert served_site.not_found() == [], "requests that got a 404"
    # Outside the preview server nothing is catching up: the notice stays hidden.
    assert browser_page.locator("#search-catching-up").is_hidden()


@pytest.fixture(scope="module")
def busy_site(tmp_path_factory: pytest.TempPathFactory):
    """The search site with 60 more stories in 2025, its newest period, which the index then cuts
    into parts (search.RECENT_STORIES); three of them carry SHARED_WORD."""
    from site_builder import search
    site = make_search_site(tmp_path_factory.mktemp("busy") / "site")
    for n in range(search.RECENT_STORIES + 10):
        day = 4 + n % 20
        path = site / "content" / "articles" / "2025" / f"2025-03-{day:02d}" / f"harbour-note-{n}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        extra = f" The {SHARED_WORD} keeper signed it." if n in BUSY_HITS else ""
        path.write_text(f'---\ntitle: "Harbour master files note {n} of the season"\n'
                        f"date: 2025-03-{day:02d}T08:00:00+00:00\ntopics: [weather]\nregions: [europe]\n---\n"
                        f"The master logged note {n} before the tide turned.{extra}\n", encoding="utf-8")
    proc = run_cli("build", "--site", site, "--base-url", "https://example.org" + PREFIX)
    assert proc.returncode == 0, proc.stderr
    yield from serve_under_prefix(site / "output")


BUSY_HITS = (0, 1, 2)


def test_search_merges_the_parts_of_a_busy_newest_period(browser_page, busy_site: Served) -> None:
    """One query finds the oldest story and stories in different parts of the newest period."""
    bundle = busy_site.root / "pagefind"
    parts = [s["name"] for s in json.loads((bundle / "shards.json").read_text(encoding="utf-8"))["shards"]
             if s["name"].startswith("2025.")]
    holding = {name for name in parts if any(SHARED_WORD.encode() in _gunzip(f) for f in (bundle / name / "fragment").iterdir())}
    assert len(parts) == 2 and holding == set(parts), (parts, holding)   # the word is in both parts
    hrefs = _search(browser_page, busy_site, SHARED_WORD)
    notes = [h for h in hrefs if "harbour-master-files-note" in h]
    assert PREFIX + OLD_ROUTE in hrefs and PREFIX + EXTRA_ROUTE in hrefs and len(notes) == len(BUSY_HITS), hrefs
    assert browser_page.console_errors == [] and busy_site.not_found() == []


def _gunzip(path) -> bytes:
    import gzip
    data = path.read_bytes()
    return gzip.decompress(data[data.index(b"\x1f\x8b"):])


@pytest.mark.parametrize("word", [KICKER_WORD, SUMMARY_WORD])
def test_search_finds_kicker_and_summary_words(browser_page, served_site: Served, word: str) -> None:
    hrefs = _search(browser_page, served_site, word)
    assert hrefs == [PREFIX + EXTRA_ROUTE], hrefs


def test_search_indexes_only_story_pages(browser_page, served_site: Served) -> None:
    # "Harbour" is in the site title on every page and in one story's title: listing pages,
    # topic pages and the front page must not come up as results.
    hrefs = _search(browser_page, served_site, "harbour")
    assert hrefs, "no results"
    assert all(re.fullmatch(re.escape(PREFIX) + r"\d{4}/\d\d/\d\d/[^/]+\.html", h) for h in hrefs), hrefs


def test_filter_by_topic(browser_page, served_site: Served) -> None:
    hrefs = _search(browser_page, served_site, "year")
    assert sorted(hrefs) == sorted([PREFIX + BUDGET_ROUTE, PREFIX + CHIPS_ROUTE]), hrefs
    topic = browser_page.locator("details.pagefind-ui__filter-block", has_text="Topic")
    if topic.get_attribute("open") is None:  # collapsed on narrow screens
        topic.locator("summary").click()
    topic.get_by_label(re.compile(r"^Politics")).check()
    browser_page.wait_for_function(
        f"document.querySelectorAll('{RESULT_LINK}').length === 1", timeout=10_000)
    assert _settled_hrefs(browser_page) == [PREFIX + BUDGET_ROUTE]


def test_search_page_query_parameter(browser_page, served_site: Served) -> None:
    """The no-JS form submits ?q=…; with JS the page runs that query."""
    browser_page.goto(served_site.url("search/?q=chancellor"))
    _wait_for_answer(browser_page, "chancellor")
    assert _settled_hrefs(browser_page) == [PREFIX + BUDGET_ROUTE]


def test_front_page_reads_without_javascript(nojs_page, served_site: Served) -> None:
    response = nojs_page.goto(served_site.url(""))
    assert response is not None and response.status == 200
    story = re.compile(re.escape(PREFIX) + r"\d{4}/\d\d/\d\d/[^/]+\.html")
    links = [a for a in nojs_page.locator("main a").all() if story.fullmatch(a.get_attribute("href") or "")]
    assert links, "no story links on the front page"
    assert links[0].is_visible() and links[0].inner_text().strip()


def test_article_reads_without_javascript(nojs_page, served_site: Served) -> None:
    response = nojs_page.goto(served_site.url(BUDGET_ROUTE))
    assert response is not None and response.status == 200
    assert nojs_page.locator("h1").first.inner_text().strip() == BUDGET_TITLE
    assert nojs_page.get_by_text("ran for fourteen hours").first.is_visible()


def test_search_page_without_javascript_offers_browsing(nojs_page, served_site: Served) -> None:
    nojs_page.goto(served_site.url("search/"))
    fallback = nojs_page.locator("#search-fallback")
    assert fallback.is_visible()
    links = [a.get_attribute("href") for a in fallback.locator("a").all()]
    assert links and all(h and h.startswith(PREFIX) for h in links), links


def test_search_made_while_the_index_catches_up_says_so(browser_page, served_site: Served) -> None:
    """`site-builder serve` flags its pages (window.siteBuilderSearchPending) while the index
    catches up with a save: a search made then shows the notice, and still runs."""
    browser_page.add_init_script("window.siteBuilderSearchPending = true;")
    notice = browser_page.locator("#search-catching-up")
    hrefs = _search(browser_page, served_site, "chancellor")
    assert hrefs == [PREFIX + BUDGET_ROUTE], hrefs
    assert notice.is_visible()
    assert "catching up" in notice.inner_text()
