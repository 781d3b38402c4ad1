"""What a reader sees, in headless Chromium: the topic bar at every width, the search results
page, and what is kept off story pages (newsroom provenance, a photo credit without a photo)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from support.browser import launch_browser
from tests.support.sites import REPO, run_cli

from .conftest import PREFIX, Served, _require_browser, serve_under_prefix

pytestmark = pytest.mark.browser

WIDTHS = (320, 768, 1280, 1920)
STORY_TEMPLATE = """---
title: "Story number {n} about {label}"
date: 2025-03-0{day}T0{hour}:00:00+00:00
summary: "A short summary of story {n}."
topics: [{slug}]
{extra}---
The body of story {n} says something about {label} that a reader wants to know.
"""


def _reader_site(destination: Path, *, extra_config: str = "") -> Path:
    """A site with the shipped config.yaml's topics (long labels), one story in each of the
    first ten, and the project's theme, built under the /repo/ prefix."""
    destination.mkdir(parents=True)
    shutil.copytree(REPO / "theme", destination / "theme")
    config = yaml.safe_load((REPO / "config.yaml").read_text(encoding="utf-8"))
    config["search"] = False
    (destination / "config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True) + extra_config,
                                             encoding="utf-8")
    folder = destination / "content" / "articles" / "2025"
    folder.mkdir(parents=True)
    for n, (slug, spec) in enumerate(list(config["topics"].items())[:10]):
        extra = ""
        if n == 0:
            extra = 'photo_credit: "Photo: EPA-EFE"\n'
        if n == 1:
            extra = 'photo_credit: "Photo: Reuters"\nimage: "static/photo.png"\n'
        (folder / f"story-{n}.md").write_text(STORY_TEMPLATE.format(
            n=n, label=spec["label"], slug=slug, day=1 + n % 3, hour=n % 10, extra=extra), encoding="utf-8")
    (destination / "static").mkdir()
    shutil.copy(REPO / "theme" / "static" / "logo.png", destination / "static" / "photo.png")
    return destination


def _build(site: Path) -> Path:
    proc = run_cli("build", "--site", site, "--base-url", "https://example.org" + PREFIX)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site / "output"


@pytest.fixture(scope="module")
def reader_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    _require_browser()
    output = _build(_reader_site(tmp_path_factory.mktemp("reader-view") / "site"))
    yield from serve_under_prefix(output)


# Is every link of the section bar either on screen, or reachable by scrolling the bar with a
# visible sign (a scrollbar that is not hidden, or the fade) that there is more? Returns the
# problems found, one string each.
TOPIC_BAR_PROBLEMS = """() => {
  const problems = [];
  const nav = document.querySelector('.section-nav');
  if (!nav) return ['no section bar'];
  const list = nav.querySelector('ul');
  const overflows = list.scrollWidth > list.clientWidth + 1;
  if (overflows) {
    const hidden = getComputedStyle(list).scrollbarWidth === 'none';
    const fade = getComputedStyle(nav, '::after');
    const fadeShown = fade.display !== 'none' && fade.content !== 'none' && parseFloat(fade.width) > 0;
    if (hidden) problems.push('the bar scrolls but its scrollbar is hidden');
    if (!fadeShown) problems.push('the bar scrolls but nothing shows there is more');
  }
  for (const link of list.querySelectorAll('a')) {
    link.scrollIntoView({block: 'nearest', inline: 'nearest'});
    const r = link.getBoundingClientRect();
    const box = list.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) { problems.push(link.textContent + ': not displayed'); continue; }
    if (r.left < -0.5 || r.right > window.innerWidth + 0.5) problems.push(link.textContent + ': off screen');
    if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.bottom > box.bottom + 0.5)
      problems.push(link.textContent + ': clipped by the bar');
  }
  list.scrollLeft = 0;
  return problems;
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_every_topic_in_the_bar_is_reachable_and_visibly_so(reader_site: Served, width: int) -> None:
    with launch_browser(viewport=(width, 800)) as context:
        page = context.new_page()
        page.goto(reader_site.url(""))
        labels = page.locator(".section-nav a").all_inner_texts()
        assert len(labels) == 8, labels
        assert page.evaluate(TOPIC_BAR_PROBLEMS) == []
        # From a tablet's width up nothing needs scrolling: every topic is on screen at once.
        if width >= 768:
            assert page.evaluate("() => { const l = document.querySelector('.section-nav ul');"
                                 " return l.scrollWidth <= l.clientWidth + 1; }")


def test_story_page_hides_provenance_and_a_credit_without_its_photo(reader_site: Served) -> None:
    with launch_browser(viewport=(1280, 900)) as context:
        page = context.new_page()
        page.goto(reader_site.url("2025/03/01/story-number-0-about-politics.html"))
        text = page.locator("main").inner_text()
        assert "Where this story came from" not in text
        assert "EPA-EFE" not in text, "a photo credit is shown with no photo"
        page.goto(reader_site.url("2025/03/02/story-number-1-about-conflict-war-and-peace.html"))
        figure = page.locator("figure.story-photo")
        assert figure.count() == 1
        figure.locator("img").wait_for(state="visible", timeout=10_000)
        assert page.evaluate("() => document.querySelector('figure.story-photo img').naturalWidth") > 0
        assert figure.locator("figcaption").inner_text() == "Photo: Reuters"
        assert page.locator("main").inner_text().count("Reuters") == 1, "the credit is shown more than once"


def test_show_provenance_switch_shows_the_source_box(tmp_path: Path) -> None:
    site = _reader_site(tmp_path / "site", extra_config="show_provenance: true\n")
    story = site / "content" / "articles" / "2025" / "story-0.md"
    story.write_text(story.read_text(encoding="utf-8").replace(
        "topics:", "source: {digest: 2025-03-01.txt, lines: [3, 9]}\ntopics:", 1), encoding="utf-8")
    html = (_build(site) / "2025/03/01/story-number-0-about-politics.html").read_text(encoding="utf-8")
    assert "Where this story came from" in html and "2025-03-01.txt, lines 3–9" in html
    assert "EPA-EFE" not in html


def test_search_results_page_keeps_the_query_and_the_headline_face(served_site: Served) -> None:
    with launch_browser(viewport=(1280, 900)) as context:
        page = context.new_page()
        page.goto(served_site.url("search/?q=chancellor"))
        page.wait_for_selector(".pagefind-ui__result-title", timeout=15_000)
        assert page.input_value("#header-q") == "chancellor"
        faces = page.evaluate("""() => [
            getComputedStyle(document.querySelector('.pagefind-ui__result-title')).fontFamily,
            getComputedStyle(document.querySelector('h1')).fontFamily]""")
        assert faces[0] == faces[1], faces
