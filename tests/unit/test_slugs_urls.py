"""Slugs and URLs: the hard little logic every link depends on."""

from datetime import date, datetime, timezone

import pytest

from site_builder.models import Article
from site_builder.slugs import is_valid_slug, slugify, unique_slugs
from site_builder.taxonomy import term_slug
from site_builder.urls import Urls, article_route, output_file, term_route


@pytest.mark.parametrize("text", ["台灣晶片出口創新高", "Путин и Зеленский", "مرحبا بالعالم", "😀🎉", "...",
                                  "", "CON", "nul", "../../etc/passwd", "a/b\\c", "Node.js 3.0", "  "])
def test_slugs_are_never_empty_and_always_safe(text):
    slug = slugify(text)
    assert slug and is_valid_slug(slug), (text, slug)
    assert "/" not in slug and ".." not in slug


def test_slugs_transliterate():
    assert slugify("台灣晶片出口創新高") == "tai-wan-jing-pian-chu-kou-chuang-xin-gao"
    assert slugify("Ünïcödé déjà vu") == "unicode-deja-vu"
    assert slugify("CON") == "con-1"


def test_emoji_slugs_are_stable_and_distinct():
    assert slugify("😀") == slugify("😀") != slugify("🎉")


def test_unique_slugs_are_deterministic():
    assert unique_slugs(["a", "a", "a-2", "b", "a"]) == ["a", "a-3", "a-2", "b", "a-4"]


def test_person_slug_leaves_out_the_native_spelling():
    assert term_slug("Lee Chun-yi (李淳一)") == "lee-chun-yi"
    assert term_slug("politics") == "politics"
    assert term_slug("Foreign Policy") == "foreign-policy"


def test_urls_keep_the_prefix():
    urls = Urls("https://user.github.io/news/")
    assert urls.prefix == "/news/" and urls.origin == "https://user.github.io"
    assert urls.path("topics/politics/") == "/news/topics/politics/"
    assert urls.absolute("feed.xml") == "https://user.github.io/news/feed.xml"
    assert urls.path("") == "/news/"
    assert urls.path("a b/é/") == "/news/a%20b/%C3%A9/"
    assert Urls("https://example.org/").path("x/") == "/x/"


def test_routes_and_files():
    article = Article(path="a.md", slug="s", title="t", edition=date(2025, 4, 26),
                      date=datetime(2025, 4, 25, tzinfo=timezone.utc))
    assert article_route(article) == "2025/04/26/s.html"
    assert output_file("") == "index.html"
    assert output_file("topics/") == "topics/index.html"
    assert output_file("feed.xml") == "feed.xml"
    assert term_route("topics", "sport", 2) == "topics/sport/page/2/"
