"""Outputs -> bytes: the Jinja2 environment, the feed items, the sitemap.

Templates are looked up first in the site's own `templates/` folder, then in the theme's,
so a site overrides any template by adding a file of the same name (as Pelican and Hugo allow).
"""

from __future__ import annotations

import os
import re
import traceback
from datetime import timezone
from html import escape

import jinja2
from feedgen.entry import FeedEntry
from markupsafe import Markup

from site_builder import urls
from site_builder.config import SiteConfig, is_right_to_left
from site_builder.errors import TemplateError
from site_builder.feeds import FEED_FORMATS, FeedCategory, FeedItem, FeedMeta
from site_builder.markdown import absolutize_urls
from site_builder.outputs import Output
from site_builder.plan import AliasSpec, FeedSpec, PageSpec, StaticSpec, TextSpec
from site_builder.presenter import BodySource, Presenter
from site_builder.repeats import says_same
from site_builder.sitemaps import NewsSitemapSpec, SitemapSpec
from site_builder.taxonomy import SiteModel
from site_builder.urls import Urls
from site_builder.views import EXCERPT_NOTE, Link, teaser


class _SiteLoader(jinja2.FileSystemLoader):
    """Templates from the site's folders, never through a symlink that leaves the site (or the
    theme's) folder: a template linked to /proc/self/environ or a file elsewhere would publish it."""

    def __init__(self, searchpath: list[str], config: SiteConfig) -> None:
        super().__init__(searchpath)
        from site_builder.confine import site_roots

        self.roots = site_roots(config.site_dir, config.theme_dir)

    def get_source(self, environment: jinja2.Environment, template: str):
        from site_builder.confine import within

        source, filename, uptodate = super().get_source(environment, template)
        target = os.path.realpath(filename)
        if not within(target, self.roots):
            raise TemplateError(f"is a symlink to {target}, outside the site folder: a template is not read from "
                                "there (copy it into the theme)", path=filename)
        return source, filename, uptodate


def make_environment(config: SiteConfig) -> jinja2.Environment:
    folders = [config.templates_dir, config.theme_dir / "templates"]
    # Compiling the theme costs more than rendering the pages of a one-story rebuild: keep the
    # compiled templates between builds (Jinja checks each against its source's checksum).
    bytecode = config.cache_dir / "templates"
    try:
        bytecode.mkdir(parents=True, exist_ok=True)
        bytecode_cache = _BytecodeCache(str(bytecode))
    except OSError:
        bytecode_cache = None
    env = jinja2.Environment(
        bytecode_cache=bytecode_cache,
        loader=_SiteLoader([str(f) for f in folders if f.is_dir()] or [str(folders[-1])], config),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,
        keep_trailing_newline=True,
    )
    # `title is repeated_by(text)`: the text says the title's words in the same order (repeats.py).
    env.tests["repeated_by"] = says_same
    # `lang is right_to_left`: the language is written right to left (a dir="rtl" attribute).
    env.tests["right_to_left"] = is_right_to_left
    return env


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, which a full disk only makes slower: a template that
    cannot be stored is compiled again next time."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def template_error(exc: BaseException, config: SiteConfig) -> TemplateError:
    """A Jinja error as a TemplateError naming the template file and line."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        path = exc.filename or exc.name or "template"
        return TemplateError(f"template syntax error: {exc.message}", path=path, line=exc.lineno)
    if isinstance(exc, jinja2.TemplateNotFound):
        folders = f"{config.templates_dir} or {config.theme_dir / 'templates'}"
        return TemplateError(f"template '{exc.name}' not found in {folders}", path=exc.name)
    if isinstance(exc, UnicodeDecodeError):
        # Raised while the loader reads the file: its name is in the loader's frame, not in a template's.
        return TemplateError(f"is not UTF-8: byte 0x{exc.object[exc.start]:02x} cannot be decoded (save it as UTF-8)",
                             path=_loading_file(exc), line=exc.object.count(b"\n", 0, exc.start) + 1)
    # Jinja rewrites tracebacks so that template frames carry the template's file and line.
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".html", ".xml", ".j2"))]
    if frames:
        frame = frames[-1]
        return TemplateError(f"template error: {type(exc).__name__}: {exc}", path=frame.filename, line=frame.lineno)
    return TemplateError(f"template error: {type(exc).__name__}: {exc}")


def _loading_file(exc: BaseException) -> str | None:
    """The template file a Jinja loader was reading when exc was raised, if any."""
    tb = exc.__traceback__
    found = None
    while tb is not None:
        if tb.tb_frame.f_code.co_name == "get_source":
            name = tb.tb_frame.f_locals.get("filename")
            found = str(name) if name else found
        tb = tb.tb_next
    return found


class Renderer:
    """Renders any planned output to bytes. One per process; not shared between threads."""

    def __init__(self, model: SiteModel, config: SiteConfig, body_cache: BodySource) -> None:
        self.model = model
        self.config = config
        self.urls = Urls(config.site_url)
        self.env = make_environment(config)
        self.presenter = Presenter(model, config)
        self.presenter.body_cache = body_cache
        self._card_html: dict[tuple[int, int], Markup] = {}
        self._partials: dict[tuple, Markup] = {}
        self.env.globals["partial_cached"] = self.partial_cached
        self._lastmods: dict[int, str] = {}
        self._feed_items: dict[int, FeedItem] = {}
        self._feed_entries: dict[str, FeedEntry] = {}

    def card_html(self, index: int, level: int = 2) -> Markup:
        """A story's _card.html, under a heading of `level`; rendered once, shown on many pages."""
        key = (index, level)
        html = self._card_html.get(key)
        if html is None:
            html = Markup(self.env.get_template("_card.html").render(card=self.presenter.card(index), level=level,
                                                                       site=self.presenter.site))
            self._card_html[key] = html
        return html

    def partial_cached(self, name: str, **variant: str) -> Markup:
        """Render a template that sees only `site` (and `variant`) once per variant, as Hugo's
        partialCached does: the header and footer are the same on thousands of pages."""
        key = (name, *sorted(variant.items()))
        html = self._partials.get(key)
        if html is None:
            html = Markup(self.env.get_template(name).render(site=self.presenter.site, **variant))
            self._partials[key] = html
        return html

    def render(self, output: Output) -> bytes:
        spec = output.spec
        try:
            if isinstance(spec, PageSpec):
                context = self.presenter.context(output, self.card_html)
                return self.env.get_template(spec.template).render(**context).encode("utf-8")
            if isinstance(spec, AliasSpec):
                return self._alias(spec)
        except jinja2.TemplateError as exc:
            raise template_error(exc, self.config) from exc
        except (TypeError, AttributeError, KeyError, ValueError) as exc:
            raise template_error(exc, self.config) from exc
        if isinstance(spec, FeedSpec):
            return self._feed(output.route, spec)
        if isinstance(spec, SitemapSpec):
            return self._sitemap(spec)
        if isinstance(spec, NewsSitemapSpec):
            return self._news_sitemap(spec)
        if isinstance(spec, TextSpec):
            return spec.text.encode("utf-8")
        if isinstance(spec, StaticSpec):
            return spec.source.read_bytes()
        raise TypeError(f"cannot render {spec!r}")

    def _feed_item(self, index: int) -> FeedItem:
        # A story is in several feeds (the site's, its topics', its regions'): build its entry once.
        item = self._feed_items.get(index)
        if item is None:
            item = self._feed_items[index] = self._make_feed_item(index)
        return item

    def _make_feed_item(self, index: int) -> FeedItem:
        article = self.model.articles[index]
        url = self.urls.absolute(urls.article_route(article))
        content = None
        if self.config.feeds.full_text:
            content = absolutize_urls(self.presenter.body_html(article), url)
            if article.truncated:
                # The feed says what the page says: the paper cut the story off.
                content += f"<p>…</p>\n<p><em>{escape(EXCERPT_NOTE)}</em></p>\n"
        categories = [FeedCategory(term=t.slug, label=t.label, scheme=t.scheme)
                      for t in (self.model.topics.term(s) for s in article.topics) if t is not None]
        categories += [FeedCategory(term=t.slug, label=t.label, scheme=self.urls.absolute(urls.taxonomy_index_route("regions")))
                       for t in (self.model.regions.term(s) for s in article.regions) if t is not None]
        return FeedItem(id=url, url=url, title=article.title, summary=teaser(article.summary, article.truncated),
                        content_html=content, published=article.date, updated=article.modified,
                        categories=tuple(categories), author=self.config.publisher.name or self.config.title)

    def _correction_item(self, index: int) -> FeedItem:
        """A corrected story in the corrections feed: its notices, dated by the latest one."""
        article = self.model.articles[index]
        url = self.urls.absolute(urls.article_route(article)) + "#corrections"
        notes = self.presenter.correction_views(article)
        content = "".join(f"<p><strong>Correction, {escape(c.date_display)}:</strong> {escape(c.text)}</p>\n"
                          for c in reversed(notes))
        return FeedItem(id=url, url=url, title=f"Correction: {article.title}", summary=notes[-1].text,
                        content_html=content, published=article.corrections[0].date,
                        updated=article.corrections[-1].date, categories=(),
                        author=self.config.publisher.name or self.config.title)

    def _feed(self, route: str, spec: FeedSpec) -> bytes:
        if spec.corrections:
            items = tuple(self._correction_item(i) for i in spec.items)
            title, description = f"Corrections – {self.config.title}", \
                f"Stories of {self.config.title} corrected after publication"
        else:
            items = tuple(self._feed_item(i) for i in spec.items)
            title = self.config.title if spec.term is None else f"{spec.term.label} – {self.config.title}"
            description = self.config.description if spec.term is None else \
                (spec.term.description or f"Stories filed under {spec.term.label}")
        meta = FeedMeta(title=title, description=description, language=self.config.language,
                        home_url=self.urls.absolute(spec.html_route), self_url=self.urls.absolute(route))
        return FEED_FORMATS[spec.fmt].write(meta, items, self._feed_entries)

    def _sitemap(self, spec: SitemapSpec) -> bytes:
        outer, inner = ("sitemapindex", "sitemap") if spec.index else ("urlset", "url")
        lines = ['<?xml version="1.0" encoding="UTF-8"?>',
                 f'<{outer} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
        absolute = self.urls.absolute
        for route, story in spec.entries:
            lastmod = self._lastmod(story)
            lines.append(f"  <{inner}><loc>{escape(absolute(route), quote=False)}</loc>"
                         + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "") + f"</{inner}>")
        lines.append(f"</{outer}>")
        return ("\n".join(lines) + "\n").encode("utf-8")

    def _lastmod(self, story: int) -> str:
        if story < 0:
            return ""
        stamp = self._lastmods.get(story)
        if stamp is None:
            article = self.model.articles[story]
            moment = article.modified.astimezone(timezone.utc)
            stamp = self._lastmods[story] = moment.isoformat().replace("+00:00", "Z")
        return stamp

    def _alias(self, spec: AliasSpec) -> bytes:
        article = self.model.articles[spec.article]
        route = urls.article_route(article)
        target = Link(label=article.title, url=self.urls.path(route))
        return self.env.get_template("alias.html").render(
            site=self.presenter.site, target=target, absolute_url=self.urls.absolute(route)).encode("utf-8")

    def _news_sitemap(self, spec: NewsSitemapSpec) -> bytes:
        name = escape(self.config.publisher.name or self.config.title, quote=False)
        lines = ['<?xml version="1.0" encoding="UTF-8"?>',
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">']
        for index in spec.items:
            article = self.model.articles[index]
            language = news_language(article.lang or self.config.language)
            lines.append(
                f"  <url><loc>{escape(self.urls.absolute(urls.article_route(article)), quote=False)}</loc>"
                f"<news:news><news:publication><news:name>{name}</news:name>"
                f"<news:language>{language}</news:language></news:publication>"
                f"<news:publication_date>{article.date.isoformat()}</news:publication_date>"
                f"<news:title>{escape(xml_text(article.title), quote=False)}</news:title></news:news></url>")
        lines.append("</urlset>")
        return ("\n".join(lines) + "\n").encode("utf-8")


def news_language(tag: str) -> str:
    """Google News wants an ISO 639 code, except zh-cn and zh-tw for the two Chinese scripts."""
    parts = tag.lower().replace("_", "-").split("-")
    if parts[0] == "zh":
        traditional = {"hant", "tw", "hk", "mo"}
        return "zh-tw" if traditional & set(parts[1:]) else "zh-cn"
    return parts[0]


def xml_text(text: str) -> str:
    """Drop the characters XML 1.0 cannot carry (control characters, lone surrogates)."""
    return _XML_ILLEGAL.sub("", text)


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
