"""In-memory stories, config and site model for the unit tests of taxonomy, plan, feeds and render."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from site_builder.config import SiteConfig, parse_config
from site_builder.models import Article
from site_builder.taxonomy import SiteModel, build_site_model

NOW = datetime(2025, 4, 26, 12, tzinfo=timezone.utc)
REPO = Path(__file__).resolve().parents[2]


def config(site_dir: Path, **extra: object) -> SiteConfig:
    """A site whose theme is the repository's (linked, as a site would have it)."""
    theme = site_dir / "theme"
    if not theme.exists():
        site_dir.mkdir(parents=True, exist_ok=True)
        theme.symlink_to(REPO / "theme")
    data = {"title": "Test News", "site_url": "https://news.example.org/", "timezone": "UTC",
            "topics": {"politics": {"label": "Politics", "iptc": "11000000", "description": "Who governs"}},
            "regions": {"nordic": {"label": "Nordic countries", "countries": ["SE", "NO"]}}, **extra}
    return parse_config(data, site_dir)


def story(slug: str, hours_ago: float, **fields: object) -> Article:
    when = NOW - timedelta(hours=hours_ago)
    values: dict[str, object] = {"path": f"content/articles/{slug}.md", "slug": slug, "title": slug.replace("-", " ").title(),
                                 "date": when, "edition": when.date(), "summary": f"About {slug}.",
                                 "body": f"The story of *{slug}*.", "content_hash": f"c-{slug}",
                                 "listing_hash": f"l-{slug}"}
    values.update(fields)
    return Article(**values)  # type: ignore[arg-type]


def model(cfg: SiteConfig, *articles: Article) -> SiteModel:
    return build_site_model(articles, cfg, NOW)[0]


def sample(cfg: SiteConfig) -> SiteModel:
    """Four stories: two on politics in the Nordic countries, one naming a person twice spelt, one on sport."""
    return model(cfg,
                 story("vote-count", 1, topics=("politics",), regions=("nordic",), people=("Anna Berg",)),
                 story("coalition-talks", 3, topics=("politics",), people=("anna berg",), organizations=("UN",)),
                 story("cup-final", 5, topics=("sport",), people=("Anna Berg",)),
                 story("old-news", 24 * 10, topics=("politics",), edition=date(2025, 4, 16)))
