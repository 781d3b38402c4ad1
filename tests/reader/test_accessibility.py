"""Accessibility in headless Chromium: axe-core (WCAG 2 A/AA, 2.1 AA) on the front page, a story,
a topic page and the search page, in light and dark colour schemes; and keyboard use.

axe-core comes from tools/node_modules (scripts/install-test-deps.sh). With SB_WRITE_AXE=1 the
results are written to docs/axe-results.json (or to the path SB_WRITE_AXE_PATH names).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.browser import launch_browser

from .conftest import AXE, PREFIX, REPO, Served, _missing, _require_browser
from .test_search_browser import BUDGET_ROUTE, RESULT_LINK, SEARCH_INPUT

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa"]
BLOCKING = ("serious", "critical")
PAGES = {
    "front": "",
    "article": BUDGET_ROUTE,
    "topic": "topics/politics/",
    "search": "search/",
}
SCHEMES = ("light", "dark")


@pytest.fixture(scope="module")
def context() -> Iterator["BrowserContext"]:  # noqa: F821
    _require_browser()
    if not AXE.is_file():
        _missing(f"axe-core not found at {AXE}")
    with launch_browser(viewport=(1280, 900)) as ctx:
        yield ctx


@pytest.fixture(scope="module")
def axe_results() -> Iterator[dict[str, dict]]:
    """Every page's axe summary, written to a file at the end when SB_WRITE_AXE=1."""
    collected: dict[str, dict] = {}
    yield collected
    if os.environ.get("SB_WRITE_AXE") == "1" and collected:
        target = Path(os.environ.get("SB_WRITE_AXE_PATH", REPO / "docs" / "axe-results.json"))
        target.parent.mkdir(parents=True, exist_ok=True)
        axe_version = next(iter(collected.values())).get("axe_version")
        document = {"axe_version": axe_version, "tags": AXE_TAGS,
                    "pages": dict(sorted(collected.items()))}
        target.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def open_page(context, served: Served, route: str, scheme: str):
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto(served.url(route))
    page.wait_for_load_state("networkidle")
    if route == "search/":
        # Audit the search UI as a reader sees it: with results and filters showing.
        page.wait_for_selector(SEARCH_INPUT, timeout=15_000)
        page.fill(SEARCH_INPUT, "year")
        page.wait_for_selector(RESULT_LINK, timeout=15_000)
        page.wait_for_timeout(500)
    return page


def run_axe(page) -> dict:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            const nodes = (v) => v.nodes.map(n => ({target: n.target, html: n.html.slice(0, 300),
                                                    summary: n.failureSummary}));
            return {axe_version: r.testEngine.version, url: r.url,
                    violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                                        helpUrl: v.helpUrl, nodes: nodes(v)})),
                    passes: r.passes.length, incomplete: r.incomplete.map(v => v.id)};
        }""", AXE_TAGS)


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} nodes)")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {(node['summary'] or '').splitlines()[-1:]}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_no_serious_violations(context, served_site: Served, axe_results: dict, name: str, scheme: str) -> None:
    page = open_page(context, served_site, PAGES[name], scheme)
    try:
        result = run_axe(page)
    finally:
        page.close()
    result["url"] = PREFIX + PAGES[name]  # without the origin: the port changes from run to run
    axe_results[f"{name}-{scheme}"] = result
    violations = result["violations"]
    print(f"\naxe {name} ({scheme}): {len(violations)} violation(s)\n{describe(violations)}")
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"{name} ({scheme}):\n{describe(blocking)}"


# ---- keyboard --------------------------------------------------------------------------------

ACTIVE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    return {tag: el.tagName.toLowerCase(), href: el.getAttribute('href'), text: (el.innerText || el.value || '').trim().slice(0, 60),
            inMain: !!el.closest('main'), inNav: !!el.closest('nav'), inHeader: !!el.closest('header'),
            isMain: el.tagName === 'MAIN' || el.getAttribute('role') === 'main', id: el.id};
}"""


def tab(page) -> dict | None:
    page.keyboard.press("Tab")
    return page.evaluate(ACTIVE)


def test_skip_link_comes_first_then_the_nav(context, served_site: Served) -> None:
    page = context.new_page()
    try:
        page.goto(served_site.url(""))
        first = tab(page)
        assert first is not None and first["tag"] == "a" and (first["href"] or "").startswith("#"), first
        target_id = first["href"][1:]
        assert page.evaluate("(id) => { const t = document.getElementById(id); return !!t && (t.tagName === 'MAIN' || !!t.closest('main')); }", target_id), \
            f"the skip link's target #{target_id} is not the main content"
        nav_links = page.evaluate("() => Array.from(document.querySelectorAll('header nav a[href]')).map(a => a.getAttribute('href'))")
        assert nav_links, "no nav links in the header"
        reached: list[str] = []
        for _ in range(len(nav_links) + 10):
            focused = tab(page)
            assert focused is not None
            assert not focused["inMain"], f"focus reached main ({focused}) before the nav links"
            if focused["inNav"] and focused["inHeader"]:
                reached.append(focused["href"])
            if reached == nav_links:
                break
        assert reached == nav_links, f"nav links reached by Tab: {reached}, expected {nav_links}"
    finally:
        page.close()


@pytest.mark.parametrize("route", [PAGES["front"], PAGES["article"]])
def test_skip_link_moves_focus_to_main(context, served_site: Served, route: str) -> None:
    page = context.new_page()
    try:
        page.goto(served_site.url(route))
        tab(page)
        page.keyboard.press("Enter")
        focused = page.evaluate(ACTIVE)
        if focused is None or not (focused["isMain"] or focused["inMain"]):
            # Browsers may only move the sequential-focus starting point: the next Tab is in main.
            focused = tab(page)
        assert focused is not None and (focused["isMain"] or focused["inMain"]), focused
    finally:
        page.close()


STYLE_OF = """(el) => {
    const s = getComputedStyle(el);
    return {outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, outlineStyle: s.outlineStyle,
            outlineWidth: parseFloat(s.outlineWidth) || 0, boxShadow: s.boxShadow};
}"""

# A stable key for an element: its path of tag:index from <body>.
PATH_OF = """(el) => {
    if (!el || el === document.body || el === document.documentElement) return '';
    const parts = [];
    for (let e = el; e && e !== document.body; e = e.parentElement)
        parts.unshift(e.tagName + ':' + Array.prototype.indexOf.call(e.parentElement.children, e));
    return parts.join('/');
}"""

# Unfocused looks of everything that can take focus, read before anything has focus.
BASELINE = """([styleOf, pathOf]) => {
    const style = new Function('return ' + styleOf)(), path = new Function('return ' + pathOf)();
    const all = document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex], iframe');
    const out = {};
    for (const el of all) out[path(el)] = style(el);
    return out;
}"""


def visible_focus(focused: dict, unfocused: dict | None) -> bool:
    """An outline or a box-shadow that the element does not have when unfocused."""
    unfocused = unfocused or {"outline": "none", "boxShadow": "none"}
    outline = (focused["outlineStyle"] != "none" and focused["outlineWidth"] > 0
               and focused["outline"] != unfocused["outline"])
    shadow = focused["boxShadow"] != "none" and focused["boxShadow"] != unfocused["boxShadow"]
    return outline or shadow


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", list(PAGES))
def test_every_focusable_element_shows_focus(context, served_site: Served, name: str, scheme: str) -> None:
    page = open_page(context, served_site, PAGES[name], scheme)
    try:
        page.evaluate("() => { if (document.activeElement) document.activeElement.blur(); window.scrollTo(0, 0); }")
        baseline = page.evaluate(BASELINE, [STYLE_OF, PATH_OF])
        missing: list[str] = []
        seen: list[str] = []
        for _ in range(400):
            page.keyboard.press("Tab")
            key = page.evaluate(f"() => ({PATH_OF})(document.activeElement)")
            if not key or key in seen:
                break  # wrapped around to the start, or left the document
            seen.append(key)
            focused = page.evaluate(f"() => ({STYLE_OF})(document.activeElement)")
            if not visible_focus(focused, baseline.get(key)):
                info = page.evaluate(ACTIVE)
                missing.append(f"{info}\n      focused: {focused}\n      unfocused: {baseline.get(key)}")
        assert seen, "Tab focused nothing"
        print(f"\n{name} ({scheme}): {len(seen)} focusable elements by Tab")
        assert not missing, (f"{name} ({scheme}): {len(missing)} of {len(seen)} element(s) without a visible "
                             "focus indicator:\n" + "\n".join(missing))
    finally:
        page.close()
