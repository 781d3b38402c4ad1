"""The catalogue, part 2: markup and script in every front-matter field and in the body.

One site is built with one article per field carrying the payload, and one carrying it in every
field. Whatever went in must come out as text: no element, attribute or javascript: link in any
HTML page, every feed and sitemap well-formed with the text round-tripping, feed.json valid JSON.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import lxml.etree
import lxml.html
import pytest

from tests.hostile.conftest import article_text, build, check_outputs, put
from tests.support.sites import make_site, run_cli

PAYLOAD = "\"><img src=x onerror=alert(1)><script>alert('x')</script> javascript:alert(1) & ' </script>"
TEXT_FIELDS = ("title", "kicker", "deck", "summary", "photo_credit")
LIST_FIELDS = ("topics", "regions", "people", "organizations")
ATOM = "{http://www.w3.org/2005/Atom}"


def _fields_for(field: str) -> dict[str, object]:
    fields: dict[str, object] = {"title": f"Field {field}", "date": "2025-03-02T12:00:00+00:00",
                                 "topics": ["politics"], "summary": f"Summary of {field}"}
    if field in TEXT_FIELDS:
        fields[field] = f"{field} {PAYLOAD}"
        if field == "photo_credit":
            fields["image"] = "static/photo.png"   # a credit is shown only with its photo
    elif field in LIST_FIELDS:
        fields[field] = ["politics", f"{field} {PAYLOAD}"] if field == "topics" else [f"{field} {PAYLOAD}"]
    elif field == "slug":
        fields["slug"] = PAYLOAD
    elif field == "source":
        fields["source"] = {"digest": f"digests/{PAYLOAD}.txt", "lines": [1, 3]}
    elif field == "image":
        fields["image"] = "javascript:alert(1)"
    return fields


FIELDS = TEXT_FIELDS + LIST_FIELDS + ("slug", "source", "image")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = make_site(tmp_path_factory.mktemp("inject") / "site")
    config = site / "config.yaml"
    (site / "static").mkdir(exist_ok=True)   # the photo that photo_credit's story shows
    (site / "static" / "photo.png").write_bytes((site / "theme" / "static" / "logo.png").read_bytes())
    # Every story in the feeds; the newsroom's source box on, so the source is shown too.
    config.write_text(config.read_text().replace("items: 4", "items: 50") + "\nshow_provenance: true\n")
    for field in FIELDS:
        put(site, f"field-{field}.md", article_text(f"Body of {field}.\n", **_fields_for(field)))
    everything: dict[str, object] = {"date": "2025-03-02T13:00:00+00:00", "slug": "all-fields"}
    for field in TEXT_FIELDS:
        everything[field] = f"{field} {PAYLOAD}"
    for field in LIST_FIELDS:
        everything[field] = [f"{field} {PAYLOAD}"]
    everything["source"] = {"digest": PAYLOAD, "lines": [1, 2]}
    body = f"{PAYLOAD}\n\n[link](javascript:alert(1)) <a href='javascript:alert(2)'>x</a>\n"
    put(site, "all-fields.md", article_text(body, **everything))
    result = build(site)
    assert result.returncode == 0, result.stderr
    return site


def test_no_page_feed_or_sitemap_carries_live_markup(hostile_site: Path):
    problems = check_outputs(hostile_site / "output")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("field", FIELDS)
def test_each_field_is_shown_as_text_on_its_page(hostile_site: Path, field: str):
    day = hostile_site / "output" / "2025" / "03" / "02"
    pages = [p for p in day.glob("*.html") if f"Body of {field}." in p.read_text(encoding="utf-8")]
    assert len(pages) == 1, [p.name for p in day.iterdir()]
    page = pages[0]
    assert page.resolve().is_relative_to((hostile_site / "output").resolve())
    doc = lxml.html.fromstring(page.read_bytes())
    text = doc.text_content()
    if field == "summary":  # the page shows it as its description
        assert doc.cssselect('meta[name="description"]')[0].get("content") == f"{field} {PAYLOAD}"
    elif field in TEXT_FIELDS or field in ("people", "organizations"):
        assert f"{field} {PAYLOAD}" in text, f"{field}'s text did not survive as text"
    if field == "source":
        assert "alert('x')" in text  # shown as the file name, as text
    # JSON-LD is valid JSON and carries the title exactly.
    for script in doc.iter("script"):
        if script.get("type") == "application/ld+json":
            data = json.loads(script.text)
            assert data["headline"] == doc.cssselect("h1")[0].text_content()


def test_the_all_fields_story_round_trips_through_every_feed(hostile_site: Path):
    out = hostile_site / "output"
    title = f"title {PAYLOAD}"
    rss = lxml.etree.parse(str(out / "feed.xml"))
    assert title in [t.text for t in rss.iterfind(".//item/title")]
    for item in rss.iterfind(".//item"):
        assert len(item.find("title")) == 0  # no child elements: text only
    atom = lxml.etree.parse(str(out / "atom.xml"))
    titles = [t.text for t in atom.iterfind(f".//{ATOM}entry/{ATOM}title")]
    assert title in titles
    feed = json.loads((out / "feed.json").read_text(encoding="utf-8"))
    item = next(i for i in feed["items"] if i["title"] == title and i["summary"] == f"summary {PAYLOAD}")
    assert item["url"].endswith("/all-fields.html")
    # The body HTML inside the feed is escaped HTML: parsed, it has no script, no javascript: link.
    fragment = lxml.html.fragment_fromstring(item["content_html"], create_parent="div")
    assert not fragment.findall(".//script") and not fragment.findall(".//img")
    assert all(not a.get("href", "").startswith("javascript:") for a in fragment.iter("a"))


def test_term_names_with_markup_get_safe_pages_and_feeds(hostile_site: Path):
    out = hostile_site / "output"
    for kind in ("topics", "regions", "people", "organizations"):
        folders = [p for p in (out / kind).iterdir() if p.is_dir()]
        for folder in folders:
            assert folder.resolve().is_relative_to(out.resolve())
            assert all(c.isascii() and (c.isalnum() or c == "-") for c in folder.name), folder.name
    for feed in out.glob("*/*/feed.xml"):
        lxml.etree.parse(str(feed))


def test_sitemap_urls_are_all_inside_the_site(hostile_site: Path):
    out = hostile_site / "output"
    sitemap = lxml.etree.parse(str(out / "sitemap.xml"))
    for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
        assert loc.text.startswith("https://example.org/news/")
        rel = loc.text.removeprefix("https://example.org/news/")
        assert (out / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)).is_file(), loc.text


def test_site_builder_check_finds_nothing_but_the_missing_image(hostile_site: Path):
    """`site-builder check` over the hostile site: links, anchors and feeds all hold. The one
    expected complaint is the story whose `image:` was `javascript:alert(1)`: it became a harmless
    URL inside the site (…/news/javascript%3Aalert%281%29) that serves no file."""
    result = run_cli("check", "--site", hostile_site)
    errors = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("error:")]
    assert all("field-image.html" in line for line in errors), errors
