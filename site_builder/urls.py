"""Every URL and output path of the site, in one place, aware of the path prefix (GitHub Pages).

A *route* is a page's address relative to the site root, such as "topics/politics/" or
"feed.xml". Routes ending in "/" are pretty URLs written as ".../index.html".
Links inside HTML are root-relative *with* the prefix ("/news/topics/politics/"), so the same
output works at https://user.github.io/news/ and in the preview server at 127.0.0.1:8000/news/.
Feeds, sitemaps and canonical links use absolute URLs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, urlsplit

from site_builder.feeds import FEED_FORMATS
from site_builder.models import Article


_SAFE_ROUTE = re.compile(r"^[A-Za-z0-9/._~-]*$")


@dataclass(frozen=True, slots=True)
class Urls:
    """Builds every link from the site_url (origin + prefix)."""

    site_url: str  # normalised: ends in "/"
    origin: str = ""
    prefix: str = ""   # the path prefix, "/" or "/news/"

    def __post_init__(self) -> None:
        parts = urlsplit(self.site_url)
        object.__setattr__(self, "origin", f"{parts.scheme}://{parts.netloc}")
        object.__setattr__(self, "prefix", parts.path or "/")

    def path(self, route: str) -> str:
        """A root-relative link for HTML: prefix + route, percent-encoded."""
        if _SAFE_ROUTE.match(route):  # slugs almost always are; quote() is slow
            return self.prefix + route
        return self.prefix + quote(route, safe="/-._~")

    def absolute(self, route: str) -> str:
        """An absolute URL for feeds, sitemaps and canonical links."""
        return self.origin + self.path(route)


def output_file(route: str) -> str:
    """The file (relative to output/) that serves a route."""
    return route + "index.html" if route == "" or route.endswith("/") else route


# Routes. Each is the single definition of where a kind of page lives.

def home_route(page: int = 1) -> str:
    return "" if page == 1 else f"page/{page}/"


def article_route(article: Article) -> str:
    """Stories live under their edition's day, as on many news sites: 2025/04/26/slug.html.

    A file, not a folder with an index.html: one file-system entry per story instead of two
    halves the build's metadata writes, which dominate a cold build's time (benchmarks/).
    """
    return f"{article.edition.year:04d}/{article.edition.month:02d}/{article.edition.day:02d}/{article.slug}.html"


# The shape of every article_route, for those who must tell a story's page from the others
# among output files (the search index, the preview server's moved-story redirects).
ARTICLE_ROUTE = re.compile(r"\d{4}/\d{2}/\d{2}/[^/]+\.html")


def taxonomy_index_route(kind: str) -> str:
    """kind is a taxonomy's plural (taxonomy.TAXONOMIES): 'topics', 'people' ..."""
    return f"{kind}/"


def term_route(kind: str, slug: str, page: int = 1) -> str:
    return f"{kind}/{slug}/" if page == 1 else f"{kind}/{slug}/page/{page}/"


def feed_route(folder: str, fmt: str) -> str:
    """A feed in the folder of the page it mirrors ('' for the site's own); fmt names a row of
    feeds.FEED_FORMATS, which says its file name."""
    return folder + FEED_FORMATS[fmt].file


def term_feed_route(kind: str, slug: str, fmt: str) -> str:
    return feed_route(term_route(kind, slug), fmt)


def editions_index_route() -> str:
    return "editions/"


def edition_route(day: date, page: int = 1) -> str:
    return f"editions/{day.isoformat()}/" if page == 1 else f"editions/{day.isoformat()}/page/{page}/"


def site_feed_route(fmt: str) -> str:
    return feed_route(home_route(), fmt)


def corrections_route() -> str:
    return "corrections/"


def corrections_feed_route(fmt: str) -> str:
    return feed_route(corrections_route(), fmt)


def search_route() -> str:
    return "search/"


def static_route(name: str) -> str:
    return f"static/{name}"


def sitemap_part_route(number: int) -> str:
    return f"sitemap-{number}.xml"


SITEMAP_ROUTE = "sitemap.xml"
NEWS_SITEMAP_ROUTE = "news-sitemap.xml"
ROBOTS_ROUTE = "robots.txt"
NOT_FOUND_ROUTE = "404.html"
NOJEKYLL_ROUTE = ".nojekyll"
SEARCH_BUNDLE_DIR = "pagefind"    # written by Pagefind after the build, not by the plan
