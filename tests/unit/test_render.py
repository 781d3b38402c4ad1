"""Rendering: the presenter picks each page's view by its spec type; the renderer writes each feed format."""

import json

import pytest
from lxml import etree

from site_builder import plan
from site_builder.plan import FeedSpec, PageSpec, plan_site
from site_builder.presenter import Presenter
from site_builder.render import Renderer, news_language, xml_text
from site_builder.taxonomy import TAXONOMIES

from tests.unit.stories import NOW, config, sample


def test_every_kind_of_page_has_a_view():
    kinds = {v for v in vars(plan).values() if isinstance(v, type) and issubclass(v, PageSpec) and v is not PageSpec}
    assert len(kinds) == 9 and kinds == set(Presenter._CONTEXTS)


@pytest.fixture
def built(tmp_path):
    cfg = config(tmp_path)
    site = sample(cfg)
    return site, {o.route: o for o in plan_site(site, cfg, "key", (), NOW)}, Renderer(site, cfg, {})


def test_each_page_sees_its_own_names(built):
    site, outputs, renderer = built
    context = renderer.presenter.context(outputs["topics/politics/"], renderer.card_html)
    assert context["term"].label == "Politics" and len(context["cards"]) == 3
    assert context["page"].kind == "topic" and context["page"].feeds[0].title == "Politics – Test News (RSS)"
    assert [f.label for f in context["term"].feeds] == ["RSS", "Atom"]          # what term.html prints
    person = renderer.presenter.context(outputs["people/anna-berg/"], renderer.card_html)
    assert person["page"].kind == "person" and person["term"].feeds == ()
    terms = renderer.presenter.context(outputs["people/"], renderer.card_html)
    assert terms["heading"] == "People" and [t.label for t in terms["terms"]] == ["Anna Berg"]


def test_the_header_links_the_taxonomies_the_table_puts_in_it(built):
    site, outputs, renderer = built
    labels = [link.label for link in renderer.presenter.site.nav]
    assert labels == ["Latest", *(t.label for t in TAXONOMIES if t.in_nav), "Editions"]


@pytest.mark.parametrize("route,mime", [("feed.xml", "application/rss+xml"), ("atom.xml", "application/atom+xml"),
                                        ("feed.json", "application/feed+json")])
def test_site_feeds_are_written_in_their_format_and_linked_with_its_type(built, route, mime):
    site, outputs, renderer = built
    data = renderer.render(outputs[route])
    assert isinstance(outputs[route].spec, FeedSpec)
    if route.endswith(".json"):
        assert [i["title"] for i in json.loads(data)["items"]][:1] == ["Vote Count"]
    else:
        assert b"Vote Count" in data and etree.fromstring(data) is not None
    assert mime in {link.mime for link in renderer.presenter.site.feeds if link.url.endswith("/" + route)}


def test_pages_render_with_the_theme(built):
    site, outputs, renderer = built
    html = renderer.render(outputs["2025/04/26/vote-count.html"]).decode()
    assert "<em>vote-count</em>" in html and "NewsArticle" in html
    assert 'type="application/feed+json">JSON Feed</a>' in html      # the footer names each format by its label
    assert "Politics" in renderer.render(outputs["topics/"]).decode()


def test_news_sitemap_language_and_xml_text():
    assert news_language("zh-Hant-TW") == "zh-tw" and news_language("zh") == "zh-cn" and news_language("en_GB") == "en"
    assert xml_text("a\x00b\x1fc\ufffe") == "abc"
