"""The plan: every output, typed by its spec, with a fingerprint that changes exactly when what it shows does."""

import dataclasses
import subprocess
import sys

import pytest

from site_builder.errors import OutputError
from site_builder.plan import (ArticlePage, FeedSpec, HomePage, NotFoundPage, PageSpec, SitemapSpec, TermPage, TermsPage,
                               plan_site, plan_story_edits)
from site_builder.taxonomy import related_stories

from tests.unit.stories import NOW, config, model, sample, story


def _plan(cfg, site):
    return {o.route: o for o in plan_site(site, cfg, "key", (), NOW)}


def test_routes_are_unique_and_pages_typed(tmp_path):
    cfg = config(tmp_path)
    outputs = plan_site(sample(cfg), cfg, "key", (), NOW)
    assert len({o.file for o in outputs}) == len(outputs)
    by_route = {o.route: o.spec for o in outputs}
    assert isinstance(by_route[""], HomePage) and by_route[""].template == "index.html"
    assert isinstance(by_route["2025/04/26/vote-count.html"], ArticlePage)
    assert isinstance(by_route["people/anna-berg/"], TermPage) and by_route["people/anna-berg/"].kind == "person"
    assert isinstance(by_route["organizations/"], TermsPage)
    assert isinstance(by_route["404.html"], NotFoundPage)


def test_feeds_follow_the_tables(tmp_path):
    cfg = config(tmp_path)
    routes = _plan(cfg, sample(cfg))
    feeds = {r for r, o in routes.items() if isinstance(o.spec, FeedSpec)}
    assert {"feed.xml", "atom.xml", "feed.json", "topics/politics/feed.xml", "topics/politics/atom.xml",
            "regions/nordic/feed.xml", "corrections/feed.xml", "corrections/atom.xml"} <= feeds
    assert not any(r.startswith(("people/", "organizations/")) for r in feeds)   # those have no feeds


def test_the_sitemap_lists_every_page_but_404(tmp_path):
    cfg = config(tmp_path)
    routes = _plan(cfg, sample(cfg))
    listed = {r for r, _ in routes["sitemap.xml"].spec.entries}
    pages = {r for r, o in routes.items() if isinstance(o.spec, PageSpec)}
    assert isinstance(routes["sitemap.xml"].spec, SitemapSpec)
    assert listed == pages - {"404.html"}


def _plans_around(tmp_path, **edit):
    """The plan of the sample site, and of the same site with its newest story edited so."""
    cfg = config(tmp_path)
    site = sample(cfg)
    edited = dataclasses.replace(site.articles[0], **edit)
    return _plan(cfg, site), _plan(cfg, dataclasses.replace(site, articles=(edited, *site.articles[1:])))


def test_a_body_edit_changes_the_story_and_its_feeds_not_the_listings(tmp_path):
    before, after = _plans_around(tmp_path, content_hash="c-changed")
    changed = {r for r in before if before[r].fingerprint != after[r].fingerprint}
    assert "2025/04/26/vote-count.html" in changed and "feed.xml" in changed and "topics/politics/atom.xml" in changed
    assert "" not in changed and "topics/politics/" not in changed and "sitemap.xml" not in changed


def test_a_listing_edit_changes_the_listings(tmp_path):
    before, after = _plans_around(tmp_path, listing_hash="l-changed")
    assert before[""].fingerprint != after[""].fingerprint
    assert before["topics/politics/"].fingerprint != after["topics/politics/"].fingerprint
    assert before["topics/sport/"].fingerprint == after["topics/sport/"].fingerprint


def test_plan_story_edits_makes_the_same_outputs_as_plan_site(tmp_path):
    cfg = config(tmp_path)
    site = sample(cfg)
    full = {o.route: o for o in plan_site(site, cfg, "key", (), NOW)}
    edits = plan_story_edits(site, cfg, "key", {1}, related_stories(site))
    assert {o.route for o in edits} >= {"2025/04/26/coalition-talks.html", "feed.xml", "topics/politics/feed.xml"}
    for output in edits:
        assert output == full[output.route]


def test_an_alias_that_is_another_page_names_the_story(tmp_path):
    cfg = config(tmp_path)
    site = model(cfg, story("a", 1), story("b", 2, aliases=("2025/04/26/a.html",)))
    with pytest.raises(OutputError) as raised:
        plan_site(site, cfg, "key", (), NOW)
    assert "content/articles/b.md" in str(raised.value) and "the page of content/articles/a.md" in str(raised.value)


def test_the_news_sitemap_lists_the_last_two_days_only(tmp_path):
    cfg = config(tmp_path)
    routes = _plan(cfg, sample(cfg))
    assert routes["news-sitemap.xml"].spec.items == (0, 1, 2)
    assert "news-sitemap.xml" in routes["robots.txt"].spec.text


def test_plan_needs_neither_markdown_nor_jinja():
    code = "import sys, site_builder.plan; print([m for m in ('markdown_it', 'jinja2', 'feedgen') if m in sys.modules])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_article_route_pattern_matches_story_pages_only(tmp_path):
    from site_builder.urls import ARTICLE_ROUTE

    cfg = config(tmp_path)
    for output in plan_site(sample(cfg), cfg, "key", (), NOW):
        assert bool(ARTICLE_ROUTE.fullmatch(output.route)) == isinstance(output.spec, ArticlePage), output.route
