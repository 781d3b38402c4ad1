"""A story in another language than the site's says so: lang on its page, its cards, its
JSON-LD and its Google News entry; a malformed tag is ignored with a notice naming the file."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import lxml.etree
import lxml.html

from tests.support.sites import make_site, run_cli

NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def _story(site, name: str, title: str, lang: str | None, when: datetime) -> None:
    folder = site / "content" / "articles" / when.strftime("%Y")
    folder.mkdir(parents=True, exist_ok=True)
    extra = f"lang: {lang}\n" if lang is not None else ""
    (folder / f"{name}.md").write_text(
        f"---\ntitle: \"{title}\"\ndate: {when.isoformat()}\ntopics: [politics]\nregions: [east-asia]\nslug: {name}\n{extra}"
        f"summary: \"{title}\"\n---\n{title}。\n", encoding="utf-8")


def _page(site, name: str) -> lxml.html.HtmlElement:
    [path] = [p for p in (site / "output").rglob(f"{name}*.html") if "page" not in p.parts] or \
        list((site / "output").rglob(f"{name}/index.html"))
    return lxml.html.fromstring(path.read_bytes())


def test_a_story_in_another_language_is_marked_as_such(tmp_path):
    site = make_site(tmp_path / "s")
    now = datetime.now(timezone.utc).replace(microsecond=0)
    _story(site, "taipei", "立法院三讀通過財政收支劃分法修正草案", "zh-Hant", now - timedelta(hours=2))
    _story(site, "english", "Parliament passes the budget", None, now - timedelta(hours=3))
    _story(site, "broken", "A story with a bad tag", "not a tag!", now - timedelta(hours=4))
    run = run_cli("build", "--site", site)
    assert run.returncode == 0, run.stderr
    assert "broken.md" in run.stderr and "'not a tag!' is not a language tag" in run.stderr

    page = _page(site, "taipei")
    assert page.get("lang") == site_language(site)             # the site's chrome stays in its language
    [story] = page.xpath('//article[contains(@class, "story")]')
    assert story.get("lang") == "zh-Hant"
    # 'Edition of …' and the tag labels are the site's words, not Chinese ones
    [meta] = story.xpath('.//p[@class="meta"]')
    assert meta.get("lang") == site_language(site) and meta.get("dir") is None
    ld = json.loads(page.xpath('//script[@type="application/ld+json"]')[0].text)
    assert ld["inLanguage"] == "zh-Hant"
    for name in ("english", "broken"):
        other = _page(site, name)
        assert other.xpath('//article[contains(@class, "story")]')[0].get("lang") is None
        assert json.loads(other.xpath('//script[@type="application/ld+json"]')[0].text)["inLanguage"] \
            == site_language(site)

    home = lxml.html.fromstring((site / "output" / "index.html").read_bytes())
    cards = {card.xpath(".//a")[0].text: card.get("lang") for card in home.xpath('//article[contains(@class, "card")]')}
    assert cards["立法院三讀通過財政收支劃分法修正草案"] == "zh-Hant"
    assert cards["Parliament passes the budget"] is None

    news = lxml.etree.fromstring((site / "output" / "news-sitemap.xml").read_bytes())
    languages = {url.findtext(f"{NEWS}news/{NEWS}title"): url.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}language")
                 for url in news}
    assert languages["立法院三讀通過財政收支劃分法修正草案"] == "zh-tw"
    assert languages["Parliament passes the budget"] == site_language(site).split("-")[0].lower()


def test_a_story_in_a_right_to_left_language_reads_right_to_left(tmp_path):
    site = make_site(tmp_path / "s")
    now = datetime.now(timezone.utc).replace(microsecond=0)
    _story(site, "cairo", "القاهرة تستضيف محادثات وقف إطلاق النار", "ar", now - timedelta(hours=2))
    _story(site, "english", "Parliament passes the budget", None, now - timedelta(hours=3))
    run = run_cli("build", "--site", site)
    assert run.returncode == 0, run.stderr
    assert _page(site, "cairo").xpath('//article[contains(@class, "story")]')[0].get("dir") == "rtl"
    # the site's own words inside it (dates, tag labels) stay in its language, left to right
    for chrome in _page(site, "cairo").xpath('//article[contains(@class, "story")]/*/p[@class="meta"]'
                                             ' | //footer[@class="story-tags"]'):
        assert (chrome.get("lang"), chrome.get("dir")) == (site_language(site), "ltr")
    assert _page(site, "cairo").get("dir") is None                 # the site's chrome stays left to right
    assert _page(site, "english").xpath('//article[contains(@class, "story")]')[0].get("dir") is None
    home = lxml.html.fromstring((site / "output" / "index.html").read_bytes())
    directions = {card.xpath(".//a")[0].text: card.get("dir") for card in home.xpath('//article[contains(@class, "card")]')}
    assert directions["القاهرة تستضيف محادثات وقف إطلاق النار"] == "rtl"
    assert directions["Parliament passes the budget"] is None
    [card] = [c for c in home.xpath('//article[contains(@class, "card")]') if c.get("lang") == "ar"]
    assert card.xpath('.//p[@class="meta"]')[0].get("dir") == "ltr"


def site_language(site) -> str:
    import yaml
    return (yaml.safe_load((site / "config.yaml").read_text(encoding="utf-8")) or {}).get("language", "en")


def test_a_site_in_a_right_to_left_language_reads_right_to_left(tmp_path):
    import yaml
    site = make_site(tmp_path / "s")
    config = yaml.safe_load((site / "config.yaml").read_text(encoding="utf-8"))
    config["language"] = "ar"
    (site / "config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    _story(site, "cairo", "القاهرة تستضيف محادثات وقف إطلاق النار", None, datetime.now(timezone.utc) - timedelta(hours=2))
    run = run_cli("build", "--site", site)
    assert run.returncode == 0, run.stderr
    home = lxml.html.fromstring((site / "output" / "index.html").read_bytes())
    assert (home.get("lang"), home.get("dir")) == ("ar", "rtl")
