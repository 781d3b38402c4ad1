"""Headless Chromium for browser tests, driven by Playwright.

We use Debian's /usr/bin/chromium rather than `playwright install` (no browser downloads in CI or
on the dev box); SITE_BUILDER_CHROMIUM overrides the path. Every launch gets a fresh, throw-away
profile directory so no cache, service worker or cookie leaks from one test into the next.

Use from a test module or conftest:

    from support.browser import browser_page, launch_browser  # noqa: F401  (fixture import)

    @pytest.mark.browser
    def test_x(browser_page):
        browser_page.goto("http://127.0.0.1:8000/")

or outside pytest (scripts):

    with launch_browser() as context:
        page = context.new_page()
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

CHROMIUM = Path(os.environ.get("SITE_BUILDER_CHROMIUM", "/usr/bin/chromium"))

# Flags that keep Chromium quiet and offline: no GPU in CI containers, no sandbox when running
# as root in a container, no phoning home for components or field trials.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)


def chromium_available() -> bool:
    return CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)


@contextmanager
def launch_browser(*, viewport: tuple[int, int] = (1280, 800)) -> Iterator[BrowserContext]:
    """A headless Chromium with a fresh user-data-dir; yields a Playwright BrowserContext.

    A persistent context is the only way Playwright lets us choose the profile directory, and we
    want it fresh and deleted afterwards. Call `context.new_page()` for pages.
    """
    from playwright.sync_api import sync_playwright

    profile = Path(tempfile.mkdtemp(prefix="sb-chromium-"))
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                str(profile),
                executable_path=str(CHROMIUM),
                headless=True,
                args=list(CHROMIUM_ARGS),
                viewport={"width": viewport[0], "height": viewport[1]},
            )
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def _require_chromium() -> None:
    if not chromium_available():
        pytest.skip(f"Chromium not found at {CHROMIUM} (scripts/install-test-deps.sh installs it)")
    pytest.importorskip("playwright.sync_api")


@pytest.fixture
def browser_context() -> Iterator[BrowserContext]:
    """A fresh browser (and profile) per test."""
    _require_chromium()
    with launch_browser() as context:
        yield context


@pytest.fixture
def browser_page() -> Iterator[Page]:
    """A blank page in a fresh headless Chromium (own profile); console errors are collected in
    page.console_errors. Self-contained, so importing just this name into a test module works."""
    _require_chromium()
    with launch_browser() as context:
        page = context.pages[0] if context.pages else context.new_page()
        errors: list[str] = []
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.console_errors = errors  # type: ignore[attr-defined]
        yield page


# Characters drawn as "tofu" (the empty box of a missing glyph): each CJK character of the page's
# text is drawn on a canvas in the page's own font and compared with the box drawn for an
# unassigned code point, and with the other characters (tofu boxes are all alike; real glyphs
# differ). Finds screenshots taken on a machine without a CJK font (Debian: fonts-noto-cjk).
_TOFU_JS = r"""(sample) => {
  const text = sample === null ? document.body.innerText : sample;
  const chars = [...new Set(text.match(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\ue000-\uf8ff]/gu) || [])].slice(0, 80);
  const canvas = document.createElement('canvas');
  canvas.width = 48; canvas.height = 48;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const font = '36px ' + getComputedStyle(document.body).fontFamily;
  const draw = (ch) => {
    ctx.clearRect(0, 0, 48, 48);
    ctx.font = font; ctx.fillStyle = '#000'; ctx.textBaseline = 'top';
    ctx.fillText(ch, 4, 4);
    const data = ctx.getImageData(0, 0, 48, 48).data;
    let h = 0;
    for (let i = 3; i < data.length; i += 4) h = (Math.imul(h, 31) + data[i]) | 0;
    return h;
  };
  const missing = draw('\u0378');
  const seen = new Map();
  const tofu = [];
  for (const ch of chars) {
    const d = draw(ch);
    if (d === missing || seen.has(d)) tofu.push(ch);
    seen.set(d, ch);
  }
  return tofu;
}"""


def tofu_characters(page: "Page", text: str | None = None) -> list[str]:
    """The CJK characters of the page's text (or of `text`) that the browser cannot draw."""
    return page.evaluate(_TOFU_JS, text)
