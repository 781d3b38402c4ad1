"""`site-builder check` through the CLI: a whole site passes; each kind of breakage is reported.

Every broken case starts from a copy of the built fixture site with exactly one thing spoiled,
so each test proves the check can fail, and for the stated reason. The broken cases compare with
the unspoilt copy's report ("new errors"), so that each stays a test of its own breakage even
while the built site has some other problem (test_the_built_fixture_site_passes reports that).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.support.sites import Run, run_cli

ARTICLE_GLOB = "2025/03/0*/*.html"


def check(site: Path, output: Path, *extra: str) -> Run:
    return run_cli("check", "--site", site, "--output", output, *extra)


@pytest.fixture
def spoilt(fixture_site, tmp_path: Path) -> Path:
    """A private copy of the built fixture output, to spoil."""
    copy = tmp_path / "output"
    shutil.copytree(fixture_site.output, copy)
    return copy


def an_article(output: Path) -> Path:
    return sorted(output.glob(ARTICLE_GLOB))[0]


def insert_into_body(page: Path, html: str) -> None:
    text = page.read_text(encoding="utf-8")
    assert "</body>" in text
    page.write_text(text.replace("</body>", html + "\n</body>", 1), encoding="utf-8")


def all_errors(run: Run) -> list[str]:
    return [line for line in run.stdout.splitlines() if line.startswith("error: ")]


@pytest.fixture(scope="module")
def baseline(fixture_site) -> Run:
    return check(fixture_site.site, fixture_site.output)


@pytest.fixture
def errors(baseline: Run):
    """The errors a run reports that the unspoilt site does not."""
    known = set(all_errors(baseline))
    return lambda run: [line for line in all_errors(run) if line not in known]


def test_the_built_fixture_site_passes(fixture_site) -> None:
    run = check(fixture_site.site, fixture_site.output)
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"checked \d+ page\(s\), \d+ link\(s\), \d+ feed\(s\): 0 error\(s\)", run.stdout), run.stdout
    assert not [line for line in run.stdout.splitlines() if "orphan" in line], run.stdout


def test_the_example_site_passes(example_site) -> None:
    run = check(example_site.site, example_site.output)
    assert run.returncode == 0, run.stdout + run.stderr


def test_a_dangling_link_is_an_error(fixture_site, spoilt: Path, errors) -> None:
    page = an_article(spoilt)
    insert_into_body(page, '<p><a href="/news/topics/no-such-topic/">gone</a></p>')
    run = check(fixture_site.site, spoilt)
    assert run.returncode == 1
    [error] = errors(run)
    assert page.relative_to(spoilt).as_posix() in error
    assert "broken link '/news/topics/no-such-topic/'" in error


def test_a_link_to_a_deleted_page_is_an_error(fixture_site, spoilt: Path, errors) -> None:
    victim = sorted(spoilt.glob(ARTICLE_GLOB))[-1]   # the newest: in every feed
    victim.unlink()
    run = check(fixture_site.site, spoilt)
    assert run.returncode == 1
    name = victim.relative_to(spoilt).as_posix()
    # Listings, feeds and the sitemap all pointed at it; every one is named.
    sources = {line.removeprefix("error: ").split(":")[0] for line in errors(run)}
    assert sources
    assert {"sitemap.xml", "feed.xml", "atom.xml", "feed.json"} <= sources, run.stdout
    assert any(source.endswith("index.html") for source in sources), run.stdout
    assert all(name in line for line in errors(run)), run.stdout


def test_a_missing_anchor_is_an_error(fixture_site, spoilt: Path, errors) -> None:
    page = an_article(spoilt)
    insert_into_body(page, '<p><a href="/news/topics/#no-such-id">x</a> <a href="#nor-here">y</a></p>')
    run = check(fixture_site.site, spoilt)
    assert run.returncode == 1
    found = errors(run)
    assert len(found) == 2, run.stdout
    assert "no id 'no-such-id' in topics/index.html" in found[0]
    assert "no id 'nor-here' in this page" in found[1]


def test_a_present_anchor_passes(fixture_site, spoilt: Path, errors) -> None:
    page = an_article(spoilt)
    insert_into_body(page, '<p id="here"><a href="#here">self</a> <a href="#top">top</a></p>')
    run = check(fixture_site.site, spoilt)
    assert errors(run) == [], run.stdout


@pytest.mark.parametrize("href", ["/topics/", "https://example.org/elsewhere/", "../../../../other/"])
def test_a_link_outside_the_path_prefix_is_an_error(fixture_site, spoilt: Path, href: str, errors) -> None:
    page = an_article(spoilt)
    insert_into_body(page, f'<p><a href="{href}">escape</a></p>')
    run = check(fixture_site.site, spoilt)
    assert run.returncode == 1
    [error] = errors(run)
    assert f"{href!r} leaves the site's path prefix '/news/'" in error


def test_checking_against_another_prefix_fails(fixture_site, errors) -> None:
    """Built for /news/, deployed under /elsewhere/: every internal link would 404."""
    run = check(fixture_site.site, fixture_site.output, "--base-url", "https://example.org/elsewhere/")
    assert run.returncode == 1
    assert len(errors(run)) > 10
    assert all("leaves the site's path prefix '/elsewhere/'" in line or "broken" in line for line in errors(run))


def test_external_links_are_not_followed(fixture_site, spoilt: Path, errors) -> None:
    page = an_article(spoilt)
    insert_into_body(page, '<p><a href="https://example.com/x">x</a> <a href="mailto:a@example.com">m</a></p>')
    assert errors(check(fixture_site.site, spoilt)) == []


def test_a_malformed_feed_is_an_error(fixture_site, spoilt: Path, errors) -> None:
    feed = spoilt / "topics" / "politics" / "feed.xml"
    data = feed.read_bytes()
    feed.write_bytes(data[: len(data) // 2])
    run = check(fixture_site.site, spoilt)
    assert run.returncode == 1
    [error] = errors(run)
    assert error.startswith("error: topics/politics/feed.xml:") and "not well-formed XML" in error


def test_a_feed_missing_required_elements_is_an_error(fixture_site, spoilt: Path, errors) -> None:
    feed = spoilt / "atom.xml"
    text = feed.read_text(encoding="utf-8")
    feed.write_text(re.sub(r"<updated>[^<]*</updated>", "", text, count=1), encoding="utf-8")
    run = check(fixture_site.site, spoilt)
    assert run.returncode == 1
    assert any("atom.xml" in line and "Atom: <feed> has no <updated>" in line for line in errors(run)), run.stdout


def test_a_duplicate_guid_is_an_error(fixture_site, spoilt: Path, errors) -> None:
    feed = spoilt / "feed.xml"
    text = feed.read_text(encoding="utf-8")
    item = re.search(r"<item>.*?</item>", text, re.S).group(0)
    feed.write_text(text.replace(item, item + "\n" + item, 1), encoding="utf-8")
    run = check(fixture_site.site, spoilt)
    assert run.returncode == 1
    [error] = errors(run)
    assert error.startswith("error: feed.xml:") and "duplicate guid" in error


def test_a_duplicate_json_feed_id_is_an_error(fixture_site, spoilt: Path, errors) -> None:
    import json

    path = spoilt / "feed.json"
    feed = json.loads(path.read_text(encoding="utf-8"))
    feed["items"].append(feed["items"][0])
    path.write_text(json.dumps(feed), encoding="utf-8")
    run = check(fixture_site.site, spoilt)
    assert run.returncode == 1
    [error] = errors(run)
    assert "feed.json" in error and "duplicate item id" in error


def test_an_empty_sitemap_is_a_warning(fixture_site, spoilt: Path, errors) -> None:
    (spoilt / "extra-sitemap.xml").write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>', encoding="utf-8")
    run = check(fixture_site.site, spoilt)
    assert errors(run) == []
    assert "warning: extra-sitemap.xml:1: sitemap: <urlset> is empty" in run.stdout


def test_a_sitemap_listing_a_missing_page_is_an_error(fixture_site, spoilt: Path, errors) -> None:
    sitemap = spoilt / "sitemap.xml"
    text = sitemap.read_text(encoding="utf-8")
    extra = "<url><loc>https://example.org/news/not-built/</loc></url>\n</urlset>"
    sitemap.write_text(text.replace("</urlset>", extra), encoding="utf-8")
    run = check(fixture_site.site, spoilt)
    assert run.returncode == 1
    [error] = errors(run)
    assert error.startswith("error: sitemap.xml:") and "'https://example.org/news/not-built/'" in error


def test_an_orphan_page_is_a_warning(fixture_site, spoilt: Path, errors) -> None:
    """Orphans are warnings, as in Zola: a page nothing links to is odd, not broken; exit 0."""
    orphan = spoilt / "lost" / "index.html"
    orphan.parent.mkdir()
    shutil.copy2(spoilt / "404.html", orphan)
    run = check(fixture_site.site, spoilt)
    assert errors(run) == [], run.stdout
    warnings = [line for line in run.stdout.splitlines() if line.startswith("warning: ") and "orphan" in line]
    assert warnings == ["warning: lost/index.html: orphan page: no page links to it and the sitemap does not list it"]


def test_checking_a_site_that_was_never_built(tmp_path: Path, fixture_site) -> None:
    run = check(fixture_site.site, tmp_path / "nothing-here")
    assert run.returncode == 1
    assert "run `site-builder build` first" in run.stderr


def test_a_relative_link_in_a_feed_is_an_error(fixture_site, spoilt: Path, errors) -> None:
    """Feed readers have no base URL to resolve it against."""
    feed = spoilt / "regions" / "europe" / "feed.xml"
    text = feed.read_text(encoding="utf-8")
    feed.write_text(re.sub(r"<link>https://example.org/news/", "<link>/news/", text, count=1), encoding="utf-8")
    run = check(fixture_site.site, spoilt)
    assert run.returncode == 1
    [error] = errors(run)
    assert error.startswith("error: regions/europe/feed.xml:") and "is not an absolute URL" in error


def test_a_relative_link_in_the_404_page_is_an_error(fixture_site, spoilt: Path, errors) -> None:
    """GitHub Pages serves 404.html at the missed address, so "static/x.css" would resolve wrongly."""
    insert_into_body(spoilt / "404.html", '<p><a href="topics/">topics</a></p>')
    run = check(fixture_site.site, spoilt)
    assert run.returncode == 1
    [error] = errors(run)
    assert error.startswith("error: 404.html:") and "relative link 'topics/'" in error


def test_a_json_ld_url_to_a_missing_image_is_an_error(fixture_site, spoilt: Path, errors) -> None:
    page = an_article(spoilt)
    text = page.read_text(encoding="utf-8")
    assert "static/default-card.png" in text
    page.write_text(text.replace('"image": ["https://example.org/news/static/default-card.png"]',
                                 '"image": ["https://example.org/news/static/gone.png"]'), encoding="utf-8")
    run = check(fixture_site.site, spoilt)
    assert run.returncode == 1
    [error] = errors(run)
    assert "static/gone.png" in error
