"""What templates see: one frozen view object per thing shown, built in presenter.py.

Every template gets `site` (SiteView) and `page` (PageView), plus the names its page kind
lists below. URLs in views are ready to print: `url` fields are root-relative links that
include the path prefix; `absolute_url`/feed `url` fields are absolute. Dates come as
ISO 8601 (`*_iso`, for `<time datetime>`) and as display text (`*_display`).

    template          extra names
    index.html        cards, pagination                      the front page and page/N/
    article.html      article                                one story
    term.html         term, cards, pagination                one topic / region / person / organization
    terms.html        heading, intro, terms                  /topics/, /regions/, /people/, /organizations/
    edition.html      edition, cards, pagination             one digest's day
    editions.html     editions                               the archive of editions
    corrections.html  corrected                              /corrections/: CorrectedStory, newest first
    alias.html        target (a Link, absolute url)          a redirect page at a story's old address
    404.html          (none)
    _card.html        card (an ArticleCard)                  rendered once per story; listings get the
                                                             result as `cards`, a tuple of HTML strings
"""

from __future__ import annotations

from dataclasses import dataclass

# What a story cut off by the paper (`truncated: true`) says, on its page and in feeds.
EXCERPT_NOTE = "This story is an excerpt: the source stopped mid-sentence, so the text ends where it did."
_SENTENCE_END = ".!?…。！？"
_CLOSERS = "\"'”’»)] "


def teaser(summary: str, truncated: bool) -> str:
    """A card's or feed entry's summary: a story the paper cut off ends with "…" unless its
    summary ends a sentence already (ingest's summaries of a cut-off story may end in one)."""
    if not truncated or not summary or summary.rstrip(_CLOSERS)[-1:] in _SENTENCE_END:
        return summary
    return summary.rstrip(" ,;:") + "…"


@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedLink:
    title: str
    mime: str   # application/rss+xml, application/atom+xml, application/feed+json
    url: str    # absolute
    label: str = ""   # the format's name: "RSS", "Atom", "JSON Feed" (feeds.FEED_FORMATS)


@dataclass(frozen=True, slots=True, kw_only=True)
class SiteView:
    title: str
    description: str
    language: str
    home_url: str
    absolute_home_url: str
    stylesheet_url: str
    static_url: str                 # prefix for theme static files, ends in "/"
    nav: tuple[Link, ...]           # Topics, Regions, Editions ... for the header
    top_topics: tuple[Link, ...]    # the busiest topics, for a section bar
    feeds: tuple[FeedLink, ...]     # the site-wide feeds
    publisher: str
    logo_url: str                   # absolute; the publisher's logo (JSON-LD, Open Graph)
    default_image_url: str          # absolute; the social card of a page with no image of its own
    search_url: str                 # root-relative: the search page
    search_enabled: bool            # a Pagefind index is built (the search page can use its script)
    show_provenance: bool = False   # show the newsroom's "Where this story came from" box
    corrections_url: str = ""       # root-relative: the corrections page (linked from the footer)
    nav_urls: frozenset[str] = frozenset()  # every URL in nav and top_topics (for aria-current)


@dataclass(frozen=True, slots=True, kw_only=True)
class PageView:
    title: str                      # for <title>; the template appends the site title
    description: str
    route: str
    canonical_url: str              # absolute
    kind: str                       # the page spec's kind (plan.py): home, article, topic ... terms, edition, 404
    feeds: tuple[FeedLink, ...]     # this page's own feeds first, then the site's


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleCard:
    """A story as listed on the front page and on topic, region and edition pages."""

    url: str
    title: str
    kicker: str | None
    summary: str                    # ends with "…" when the paper cut the story off (teaser())
    truncated: bool
    date_iso: str
    date_display: str
    topics: tuple[Link, ...]
    regions: tuple[Link, ...]
    lang: str | None = None         # the story's language when not the site's: a lang attribute


@dataclass(frozen=True, slots=True, kw_only=True)
class CorrectionView:
    date_iso: str
    date_display: str
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class CorrectedStory:
    """A story on the corrections page, with its corrections, newest first."""

    title: str
    url: str                        # root-relative, to the story's corrections notice
    corrections: tuple[CorrectionView, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleView:
    url: str
    absolute_url: str
    title: str
    kicker: str | None
    deck: str | None
    summary: str
    body_html: str                  # already safe HTML (Markdown rendered with raw HTML escaped)
    truncated: bool                 # the source stopped mid-sentence: shown as an excerpt
    date_iso: str
    date_display: str
    updated_iso: str | None
    updated_display: str | None
    image_url: str                  # absolute; the story's image or the site's default card
    photo_url: str | None           # the story's own image, shown with its credit; None: no photo
    topics: tuple[Link, ...]
    regions: tuple[Link, ...]
    people: tuple[Link, ...]
    organizations: tuple[Link, ...]
    edition: Link | None
    source: str | None              # "2025-04-26.txt, lines 1–16"
    photo_credit: str | None
    newer: Link | None
    older: Link | None
    related: tuple[ArticleCard, ...]
    json_ld: str = ""               # schema.org NewsArticle, JSON safe to put in a <script> as is
    lang: str | None = None         # the story's language when not the site's: a lang attribute
    event_iso: str | None = None    # the day the event happened, when not the publication day
    event_display: str | None = None   # "Sunday 20 April"
    corrections: tuple[CorrectionView, ...] = ()   # oldest first, as a notice reads
    excerpt_note: str = EXCERPT_NOTE


@dataclass(frozen=True, slots=True, kw_only=True)
class Pagination:
    number: int
    total: int
    newer_url: str | None           # the previous page (newer stories)
    older_url: str | None           # the next page (older stories)
    pages: tuple[Link, ...]         # every page, labelled "1", "2" ...


@dataclass(frozen=True, slots=True, kw_only=True)
class TermView:
    """A topic, region, person, organization or edition, with how many stories it has."""

    kind: str                       # topic, region, person, organization, edition
    slug: str
    label: str
    description: str
    url: str
    count: int
    feeds: tuple[FeedLink, ...] = ()
