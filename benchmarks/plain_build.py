#!/usr/bin/env python3
"""The floor: the least a build from the prescribed libraries can do, on the bench's corpus.

    python benchmarks/plain_build.py ARTICLES_DIR OUT_DIR [--jobs 2]

The page set of the anchors' sites in ../shared/bench (see its README): one page per article,
a home page listing every article, an overview page per taxonomy (topics, regions), a page per
topic and per region listing every article in it, and an RSS feed of the newest 50 items for the
home page and each term (what Hugo's config there writes). Templates as small as Hugo's there.

It reads each file, splits off the front-matter and parses it with libyaml's CSafeLoader,
renders the body with markdown-it-py's plain CommonMark preset (no typographer, no tables),
renders Jinja2 templates compiled once and writes the file, over `--jobs` forked processes that
each take an interleaved share of the articles; the parent writes the listings and feeds.
Nothing else: no cache for incremental builds, no pagination, no editions, no related stories,
no sitemap, no JSON-LD, no validation of the input. It is not a generator; bench.py times it as
the anchor "plain" to show how far the prescribed stack alone can go on this machine.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
from datetime import datetime
from pathlib import Path

import jinja2
import yaml
from feedgen.feed import FeedGenerator
from markdown_it import MarkdownIt

BASE_URL = "https://news.example.org/"
LAYOUT = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ title }} | Bench News</title>
{% if feed %}<link rel="alternate" type="application/rss+xml" href="{{ feed }}">{% endif %}
</head>
<body>
<header><a href="/">Bench News</a> &middot; <a href="/topics/">Topics</a> &middot; <a href="/regions/">Regions</a></header>
<main>
{% block main %}{% endblock %}
</main>
</body>
</html>
"""
TEMPLATES = {
    "base.html": LAYOUT,
    "single.html": """{% extends "base.html" %}{% block main %}<article>
<h1>{{ title }}</h1>
<p class="meta"><time datetime="{{ a.iso }}">{{ a.display }}</time>
Topics: {% for t in a.topics %}<a href="/topics/{{ t }}/">{{ t }}</a> {% endfor %}
Regions: {% for r in a.regions %}<a href="/regions/{{ r }}/">{{ r }}</a> {% endfor %}</p>
<p class="summary">{{ a.summary }}</p>
{{ body|safe }}
</article>{% endblock %}""",
    "list.html": """{% extends "base.html" %}{% block main %}<h1>{{ title }}</h1>
<ul class="articles">
{% for a in items %}<li><a href="{{ a.url }}">{{ a.title }}</a> <time datetime="{{ a.iso }}">{{ a.short }}</time><p>{{ a.summary }}</p></li>
{% endfor %}</ul>{% endblock %}""",
    "terms.html": """{% extends "base.html" %}{% block main %}<h1>{{ title }}</h1>
<ul class="terms">
{% for slug, count in terms %}<li><a href="/{{ plural }}/{{ slug }}/">{{ slug }}</a> ({{ count }})</li>
{% endfor %}</ul>{% endblock %}""",
}
ENV = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES), autoescape=True)
MD = MarkdownIt("commonmark")


def write(out: str, rel: str, data: str) -> None:
    path = f"{out}/{rel}"
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(data)


def build_articles(job: tuple[list[str], str]) -> list[dict]:
    """Read, parse, render and write a share of the articles; their listing fields back."""
    paths, out = job
    single = ENV.get_template("single.html")
    listed = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        _, head, body = text.split("---\n", 2)
        meta = yaml.load(head, Loader=yaml.CSafeLoader)
        date = meta["date"] if isinstance(meta["date"], datetime) else datetime.fromisoformat(meta["date"])
        url = f"/articles/{date.year}/{meta['slug']}/"
        a = {"title": meta["title"], "summary": meta["summary"], "topics": meta["topics"],
             "regions": meta["regions"], "url": url, "iso": date.isoformat(), "date": date,
             "display": f"{date.day} {date:%B %Y}", "short": f"{date.day} {date:%b %Y}"}
        write(out, f"{url[1:]}index.html", single.render(title=a["title"], a=a, body=MD.render(body)))
        listed.append(a)
    return listed


def rss(out: str, rel: str, title: str, link: str, items: list[dict]) -> None:
    fg = FeedGenerator()
    fg.title(title)
    fg.link(href=BASE_URL + link.lstrip("/"))
    fg.description(title)
    for a in reversed(items[:50]):
        fe = fg.add_entry()
        fe.title(a["title"])
        fe.link(href=BASE_URL + a["url"].lstrip("/"))
        fe.guid(BASE_URL + a["url"].lstrip("/"), permalink=True)
        fe.pubDate(a["date"])
        fe.description(a["summary"])
    path = f"{out}/{rel}"
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fg.rss_file(path)


def build_lists(articles: list[dict], out: str) -> None:
    articles.sort(key=lambda a: a["date"], reverse=True)
    listing = ENV.get_template("list.html")
    write(out, "index.html", listing.render(title="Latest news", items=articles, feed="/index.xml"))
    rss(out, "index.xml", "Bench News", "/", articles)
    for plural in ("topics", "regions"):
        terms: dict[str, list[dict]] = {}
        for a in articles:
            for slug in a[plural]:
                terms.setdefault(slug, []).append(a)
        write(out, f"{plural}/index.html", ENV.get_template("terms.html").render(
            title=plural.title(), plural=plural, terms=sorted((s, len(v)) for s, v in terms.items()),
            feed=f"/{plural}/index.xml"))
        rss(out, f"{plural}/index.xml", plural.title(), f"/{plural}/", [])
        for slug, items in terms.items():
            write(out, f"{plural}/{slug}/index.html",
                  listing.render(title=slug, items=items, feed=f"/{plural}/{slug}/index.xml"))
            rss(out, f"{plural}/{slug}/index.xml", f"{slug} | Bench News", f"/{plural}/{slug}/", items)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    paths = sorted(str(p) for p in args.articles.rglob("*.md"))
    out = str(args.out)
    # Many small interleaved shares: the workers finish together, and results flow back as they go.
    shares = [(paths[i::args.jobs * 8], out) for i in range(args.jobs * 8)]
    articles: list[dict] = []
    if args.jobs > 1:
        with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
            for listed in pool.imap_unordered(build_articles, shares):
                articles.extend(listed)
    else:
        for share in shares:
            articles.extend(build_articles(share))
    build_lists(articles, out)
    print(f"plain build: {len(articles)} articles into {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
