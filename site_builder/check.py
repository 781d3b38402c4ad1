"""`site-builder check`: is a built site whole? Links, anchors, the path prefix, feeds, sitemap.

Like Zola's and Nikola's check, it reads only output/, so it judges what will be deployed:

- every internal link (href, src, srcset, poster in HTML, social-card <meta> and JSON-LD URLs;
  links and guids in feeds; the URLs of the sitemap and robots.txt) resolves to a file in
  output/, the way GitHub Pages serves it ("x/" -> x/index.html, percent-decoded, query and
  fragment dropped); in 404.html, which Pages serves at any address, no relative links;
- every "#anchor" names an id (or <a name>) in the page it points to;
- nothing leaves the path prefix: a root-relative link without it, or an absolute URL on the
  site's origin outside it, 404s on https://user.github.io/repo/ (FIELD-NOTES, "Sub-paths");
- feeds are well-formed XML with their required elements and unique ids / guids;
- the sitemap parses and lists only pages that exist;
- warnings: pages nothing links to and that are not in the sitemap, duplicate ids in a page,
  relative URLs inside feed content (readers resolve them against the wrong base).

HTML is parsed with lxml (a dependency of feedgen, so always installed): 0.29 ms a story page
against html.parser's 0.74 ms, and the check has to keep up with 20,000-page sites. Two passes:
read every page (ids and links; over a process pool from 2,000 pages), then resolve every link
against that index.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from site_builder import urls
from site_builder.errors import OutputError
from site_builder.feeds import FEED_FORMATS

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
JSON_FEED_VERSIONS = ("https://jsonfeed.org/version/1", "https://jsonfeed.org/version/1.1")

# Folders whose pages are not the site's own (search index, theme assets): no orphan warnings.
NOT_PAGES = ("pagefind/", "static/")
# Attributes that hold one URL, and the elements they count on.
URL_ATTRIBUTES = {
    "href": {"a", "area", "link"},
    "src": {"img", "script", "iframe", "source", "video", "audio", "track", "embed", "input"},
    "poster": {"video"},
    "action": {"form"},
    "data": {"object"},
}
SRCSET_ELEMENTS = {"img", "source"}
# <meta> whose content is a URL that should exist (social cards).
URL_METAS = {"og:url", "og:image", "twitter:image", "og:image:url", "og:image:secure_url"}
SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:", "sms:", "geo:", "about:")
_CONTENT_URL = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""", re.I)
_W3C_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$")


@dataclass(frozen=True, slots=True)
class Problem:
    file: str           # relative to output/, POSIX
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class CheckReport:
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    pages: int = 0
    links: int = 0
    feeds: int = 0

    def format(self) -> str:
        lines = [f"checked {self.pages} page(s), {self.links} link(s), {self.feeds} feed(s): "
                 f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)"]
        lines += [f"error: {p}" for p in self.errors]
        lines += [f"warning: {p}" for p in self.warnings]
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Page:
    """What the check needs of one HTML page."""
    ids: frozenset[str]
    refs: tuple[tuple[int, str], ...]      # (line, URL as written)
    duplicate_ids: tuple[str, ...] = ()
    base: str | None = None                # <base href>, if any
    broken_json_ld: tuple[int, ...] = ()   # lines of <script type="application/ld+json"> that don't parse
    redirect: tuple[int, str] | None = None   # (line, URL) of a <meta http-equiv="refresh">: an alias page


@dataclass(slots=True)
class _Collector:
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, file: str, message: str, line: int | None = None) -> None:
        self.errors.append(Problem(file, message, line))

    def warn(self, file: str, message: str, line: int | None = None) -> None:
        self.warnings.append(Problem(file, message, line))


# Resolving URLs ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Target:
    """Where a URL lands. kind: 'external', 'skip', 'file', 'missing' or 'outside'."""
    kind: str
    file: str = ""        # for 'file': the output file; for 'missing'/'outside': the path asked for
    fragment: str = ""


class Resolver:
    """Maps URLs to files of output/ as GitHub Pages would serve them under the path prefix."""

    def __init__(self, site_url: str, files: set[str]) -> None:
        parts = urlsplit(site_url)
        self.host = (parts.hostname or "").lower()
        self.port = parts.port
        self.prefix = parts.path if parts.path.endswith("/") else (parts.path or "") + "/"
        self.files = files
        self._cache: dict[str, Target] = {}

    def page_url(self, file: str) -> str:
        """The root-relative URL a file is served at (index.html -> its folder)."""
        if file == "index.html":
            return self.prefix
        if file.endswith("/index.html"):
            return self.prefix + file[: -len("index.html")]
        return self.prefix + file

    def resolve(self, url: str, base_path: str) -> Target:
        """url as written in a page served at base_path (root-relative, e.g. /repo/a/b.html)."""
        url = url.strip()
        lowered = url[:12].lower()
        if lowered.startswith(SKIP_SCHEMES):
            return Target("skip")
        if url.startswith("#") or url == "":
            return Target("file", file="", fragment=unquote(url[1:]))   # same page
        if "://" in lowered or url.startswith("//"):
            key = url
        elif url.startswith("/"):
            key = url
        else:
            key = base_path + "\0" + url
        cached = self._cache.get(key)
        if cached is None:
            cached = self._resolve(url, base_path)
            self._cache[key] = cached
        return cached

    def _resolve(self, url: str, base_path: str) -> Target:
        parts = urlsplit(url)
        if parts.scheme and parts.scheme not in ("http", "https"):
            return Target("skip")
        if parts.netloc:
            try:
                same = (parts.hostname or "").lower() == self.host and parts.port == self.port
            except ValueError:
                return Target("missing", file=url)
            if not same:
                return Target("external")
            path = parts.path or "/"
        else:
            path = urlsplit(urljoin(base_path, url)).path
        fragment = unquote(parts.fragment)
        path = _normalise(unquote(path))
        if not (path + "/").startswith(self.prefix):
            return Target("outside", file=path, fragment=fragment)
        route = path[len(self.prefix):]
        for candidate in _candidates(route):
            if candidate in self.files:
                return Target("file", file=candidate, fragment=fragment)
        return Target("missing", file=path, fragment=fragment)


def _normalise(path: str) -> str:
    """Resolve "." and ".." like a browser, keeping a trailing slash."""
    if "/." not in path:
        return path
    normal = posixpath.normpath(path)
    if path.endswith("/") and not normal.endswith("/"):
        normal += "/"
    return normal.replace("//", "/")


def _candidates(route: str) -> tuple[str, ...]:
    """The files GitHub Pages tries for a route: x/ -> x/index.html; x -> x, then x/index.html."""
    if route == "" or route.endswith("/"):
        return (route + "index.html",)
    return (route, route + "/index.html")


# Reading pages ----------------------------------------------------------------------------------

# remove_blank_text: whitespace-only text nodes are a third of a page's nodes and of no use here.
_HTML_PARSER = etree.HTMLParser(recover=True, no_network=True, remove_comments=True, remove_pis=True,
                                remove_blank_text=True)
# Only elements that can carry an id or a URL: selecting them in C is 3x faster than visiting all.
_INTERESTING = etree.XPath("//*[@id or @name or @href or @src or @srcset or @poster or @action or @data "
                           "or @content]")


def scan_html(data: bytes) -> Page:
    """ids and URLs of one page. Pure: bytes in, facts out."""
    try:
        root = etree.fromstring(data, _HTML_PARSER)
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        return Page(ids=frozenset(), refs=())
    ids: set[str] = set()
    duplicates: list[str] = []
    refs: list[tuple[int, str]] = []
    base: str | None = None
    redirect: tuple[int, str] | None = None
    for element in _INTERESTING(root):
        attrib = element.attrib
        tag = element.tag
        ident = attrib.get("id")
        if ident is not None:
            if ident in ids:
                duplicates.append(ident)
            ids.add(ident)
        if tag == "a" and "name" in attrib:
            ids.add(attrib["name"])
        line = element.sourceline or 0
        for name, tags in URL_ATTRIBUTES.items():
            value = attrib.get(name)
            if value is not None and tag in tags:
                refs.append((line, value))
        if tag in SRCSET_ELEMENTS and "srcset" in attrib:
            for candidate in attrib["srcset"].split(","):
                words = candidate.split()
                if words:
                    refs.append((line, words[0]))
        elif tag == "meta" and (attrib.get("property") or attrib.get("name") or "") in URL_METAS:
            content = attrib.get("content")
            if content:
                refs.append((line, content))
        elif tag == "base" and "href" in attrib:
            base = attrib["href"]
        if tag == "meta" and (attrib.get("http-equiv") or "").lower() == "refresh":
            target = _refresh_url(attrib.get("content") or "")
            if target:
                redirect = (line, target)
    broken: list[int] = []
    for script in _JSON_LD(root):
        line = script.sourceline or 0
        try:
            data = json.loads(script.text or "")
        except ValueError:
            broken.append(line)
            continue
        refs.extend((line, url) for url in _json_ld_urls(data))
    return Page(ids=frozenset(ids), refs=tuple(refs), duplicate_ids=tuple(duplicates), base=base,
                broken_json_ld=tuple(broken), redirect=redirect)


_REFRESH_URL = re.compile(r"^\s*\d+(?:\.\d*)?\s*[;,]\s*(?:url\s*=\s*)?(['\"]?)(?P<url>.*?)\1\s*$", re.I | re.S)


def _refresh_url(content: str) -> str:
    """The URL of a meta refresh's content, '0; url=/news/x.html' -> '/news/x.html' (HTML's rules, simplified)."""
    match = _REFRESH_URL.match(content)
    return match.group("url").strip() if match else ""


_JSON_LD = etree.XPath("//script[@type='application/ld+json']")
# schema.org properties whose value is a URL of a page or an image (sameAs points elsewhere).
_JSON_LD_URL_KEYS = frozenset({"url", "@id", "image", "logo", "contentUrl", "thumbnailUrl", "mainEntityOfPage"})


def _json_ld_urls(data: object, key: str = "") -> list[str]:
    """Absolute http(s) URLs held by URL-valued properties anywhere in a JSON-LD document."""
    if isinstance(data, dict):
        return [url for k, v in data.items() for url in _json_ld_urls(v, k)]
    if isinstance(data, list):
        return [url for v in data for url in _json_ld_urls(v, key)]
    if isinstance(data, str) and key in _JSON_LD_URL_KEYS and data.startswith(("http://", "https://")):
        return [data]
    return []


def _scan_files(output_dir: str, files: list[str]) -> list[Page]:
    """Worker: scan a batch of pages (module level, so a process pool can pickle it)."""
    root = Path(output_dir)
    return [scan_html((root / file).read_bytes()) for file in files]


# Below this many pages, starting processes costs more than it saves.
_PARALLEL_FROM = 2000


def scan_pages(output_dir: Path, files: list[str], jobs: int | None = None) -> dict[str, Page]:
    """Scan every page, over several processes for big sites (parsing is most of the check)."""
    jobs = jobs or os.cpu_count() or 1
    if jobs < 2 or len(files) < _PARALLEL_FROM:
        return dict(zip(files, _scan_files(str(output_dir), files), strict=True))
    from concurrent.futures import ProcessPoolExecutor

    size = max(200, len(files) // (jobs * 8))
    batches = [files[i:i + size] for i in range(0, len(files), size)]
    pages: dict[str, Page] = {}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for batch, scanned in zip(batches, pool.map(_scan_files, [str(output_dir)] * len(batches), batches),
                                  strict=True):
            pages.update(zip(batch, scanned, strict=True))
    return pages


def _list_files(output_dir: Path) -> set[str]:
    """Every file under output/, relative and POSIX, without hidden build metadata."""
    found: set[str] = set()
    root = str(output_dir)
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        for name in files:
            if not name.startswith(".") or name == urls.NOJEKYLL_ROUTE:
                found.add(prefix + name)
    return found


# Checking links ---------------------------------------------------------------------------------

class LinkChecker:
    """Resolves URLs found anywhere (pages, feeds, sitemaps) and records what they reach."""

    def __init__(self, resolver: Resolver, pages: dict[str, Page], out: _Collector) -> None:
        self.resolver = resolver
        self.pages = pages
        self.out = out
        self.linked: set[str] = set()    # files some other file links to
        self.count = 0

    def check(self, source: str, line: int | None, url: str, base_path: str,
              source_page: Page | None = None, *, what: str = "link") -> Target:
        self.count += 1
        target = self.resolver.resolve(url, base_path)
        if target.kind == "outside":
            self.out.error(source, f"{what} {url!r} leaves the site's path prefix {self.resolver.prefix!r} "
                           f"(it would 404 on GitHub Pages); build links with the prefix", line)
        elif target.kind == "missing":
            hint = ""
            if target.file.startswith(self.resolver.prefix + "pagefind/"):
                hint = " (the search index is missing: set search: true and install 'pagefind[bin]')"
            self.out.error(source, f"broken {what} {url!r}: no file in the output serves {target.file!r}{hint}",
                           line)
        elif target.kind == "file":
            page = source_page if target.file == "" else self.pages.get(target.file)
            if target.file and target.file != source:
                self.linked.add(target.file)
            if target.fragment and page is not None and not _anchor_ok(target.fragment, page):
                where = "this page" if target.file in ("", source) else target.file
                self.out.error(source, f"{what} {url!r}: no id {target.fragment!r} in {where}", line)
        return target


NOT_FOUND_PAGE = "404.html"


def _is_relative_path(url: str) -> bool:
    url = url.strip()
    return bool(url) and not url.startswith(("/", "#", "?")) and ":" not in url.split("/", 1)[0]


def _anchor_ok(fragment: str, page: Page) -> bool:
    # "#top" and text fragments work without an id (HTML's "scroll to the fragment").
    return fragment in page.ids or fragment.lower() == "top" or fragment.startswith(":~:")


def _check_pages(pages: dict[str, Page], links: LinkChecker, out: _Collector) -> None:
    resolver = links.resolver
    # URLs that mean the same on every page (root-relative or absolute, no fragment) and were
    # found good and recorded as linked: most of a page's links are the same navigation, so
    # this skips ~90 % of the resolving on a big site.
    settled: set[str] = set()
    for file, page in pages.items():
        base = resolver.page_url(file)
        if page.base:
            base = urljoin(base, page.base)
        for line, url in page.refs:
            if url in settled:
                links.count += 1
                continue
            if file == NOT_FOUND_PAGE and _is_relative_path(url):
                # GitHub Pages serves 404.html at whatever address was missed, so a relative link
                # in it resolves against that address, not against /prefix/404.html.
                out.error(file, f"relative link {url!r} in the 404 page breaks when it is served at a "
                          "deeper address; use a root-relative or absolute URL", line)
                continue
            target = links.check(file, line, url, base, page)
            if "#" not in url and (url.startswith("/") or "://" in url[:12]) and (
                    target.kind in ("external", "skip") or (target.kind == "file" and target.file != file)):
                settled.add(url)
        if page.redirect is not None:
            # An alias page: its redirect must land on a page (check_site's "every alias resolves").
            line, url = page.redirect
            links.check(file, line, url, base, page, what="redirect")
        for line in page.broken_json_ld:
            out.error(file, "the JSON-LD in <script type=\"application/ld+json\"> is not valid JSON", line)
        for ident in sorted(set(page.duplicate_ids)):
            out.warn(file, f"id {ident!r} is used more than once")


# Feeds and sitemaps -----------------------------------------------------------------------------

_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def _parse_xml(file: str, data: bytes, out: _Collector) -> etree._Element | None:
    try:
        return etree.fromstring(data, _XML_PARSER)
    except etree.XMLSyntaxError as exc:
        out.error(file, f"not well-formed XML: {exc.msg}", exc.lineno)
        return None


def _text(element: etree._Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _check_feed_url(links: LinkChecker, file: str, element: etree._Element | None, url: str, what: str) -> None:
    """Feeds, sitemaps and robots.txt are read without a base URL: their links must be absolute."""
    if not url:
        return
    line = element.sourceline if element is not None else None
    if "://" not in url:
        links.out.error(file, f"{what} {url!r} is not an absolute URL", line)
        return
    links.check(file, line, url, links.resolver.prefix, what=what)


def _check_content_urls(links: LinkChecker, file: str, element: etree._Element | None, html: str) -> None:
    """URLs inside a feed item's HTML must be absolute: readers resolve relative ones wrongly."""
    for url in _CONTENT_URL.findall(html):
        if not url or url.startswith("#") or url.lower().startswith(SKIP_SCHEMES):
            continue
        if "://" not in url and not url.startswith("//"):
            links.out.warn(file, f"relative URL {url!r} in feed content: feed readers resolve it against "
                           "their own base; make it absolute", element.sourceline if element is not None else None)
        else:
            _check_feed_url(links, file, element, url, "link in feed content")


def check_rss(file: str, root: etree._Element, links: LinkChecker, out: _Collector) -> None:
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        out.error(file, "RSS: no <rss><channel>")
        return
    if root.get("version") != "2.0":
        out.error(file, f"RSS: version is {root.get('version')!r}, expected '2.0'", root.sourceline)
    for name in ("title", "link", "description"):
        element = channel.find(name)
        if element is None:
            out.error(file, f"RSS: <channel> has no <{name}>", channel.sourceline)
        elif name != "description" and not _text(element):
            out.error(file, f"RSS: <channel> has an empty <{name}>", element.sourceline)
    link = channel.find("link")
    _check_feed_url(links, file, link, _text(link), "RSS channel link")
    for self_link in channel.findall(f"{ATOM}link[@rel='self']"):
        _check_feed_url(links, file, self_link, self_link.get("href", ""), "RSS atom:link self")
    for name in ("pubDate", "lastBuildDate"):
        _check_rfc822(file, channel.find(name), out)
    guids: dict[str, int] = {}
    for item in channel.iter("item"):
        line = item.sourceline
        if not _text(item.find("title")) and not _text(item.find("description")):
            out.error(file, "RSS: an <item> needs a <title> or a <description>", line)
        item_link = item.find("link")
        _check_feed_url(links, file, item_link, _text(item_link), "RSS item link")
        guid = item.find("guid")
        if guid is None:
            out.warn(file, "RSS: <item> has no <guid>: readers cannot tell it from an edited one", line)
        else:
            value = _text(guid)
            if value in guids:
                out.error(file, f"RSS: duplicate guid {value!r} (first at line {guids[value]})", guid.sourceline)
            guids.setdefault(value, guid.sourceline or 0)
            if guid.get("isPermaLink", "true") == "true":
                _check_feed_url(links, file, guid, value, "RSS permalink guid")
        _check_rfc822(file, item.find("pubDate"), out)
        for name in ("description", "{http://purl.org/rss/1.0/modules/content/}encoded"):
            body = item.find(name)
            if body is not None and body.text:
                _check_content_urls(links, file, body, body.text)


def _check_rfc822(file: str, element: etree._Element | None, out: _Collector) -> None:
    if element is None:
        return
    try:
        stamp = parsedate_to_datetime(_text(element))
    except (TypeError, ValueError):
        stamp = None
    if stamp is None:
        out.error(file, f"RSS: <{element.tag}> {_text(element)!r} is not an RFC 822 date", element.sourceline)


def check_atom(file: str, root: etree._Element, links: LinkChecker, out: _Collector) -> None:
    for name in ("id", "title", "updated"):
        if root.find(ATOM + name) is None:
            out.error(file, f"Atom: <feed> has no <{name}>", root.sourceline)
    _check_rfc3339(file, root.find(ATOM + "updated"), out)
    for link in root.findall(ATOM + "link"):
        _check_feed_url(links, file, link, link.get("href", ""), f"Atom link rel={link.get('rel', 'alternate')}")
    ids: dict[str, int] = {}
    for entry in root.iter(ATOM + "entry"):
        line = entry.sourceline
        for name in ("id", "title", "updated"):
            if entry.find(ATOM + name) is None:
                out.error(file, f"Atom: <entry> has no <{name}>", line)
        _check_rfc3339(file, entry.find(ATOM + "updated"), out)
        _check_rfc3339(file, entry.find(ATOM + "published"), out)
        ident = _text(entry.find(ATOM + "id"))
        if ident:
            if ident in ids:
                out.error(file, f"Atom: duplicate entry id {ident!r} (first at line {ids[ident]})", line)
            ids.setdefault(ident, line or 0)
        for link in entry.findall(ATOM + "link"):
            _check_feed_url(links, file, link, link.get("href", ""), "Atom entry link")
        content = entry.find(ATOM + "content")
        if content is not None and content.get("type") == "html" and content.text:
            _check_content_urls(links, file, content, content.text)


def _check_rfc3339(file: str, element: etree._Element | None, out: _Collector) -> None:
    if element is None:
        return
    value = _text(element)
    try:
        stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        stamp = None
    if stamp is None or stamp.tzinfo is None or "T" not in value:
        out.error(file, f"Atom: <{etree.QName(element).localname}> {value!r} is not an RFC 3339 date-time",
                  element.sourceline)


def check_json_feed(file: str, data: bytes, links: LinkChecker, out: _Collector) -> bool:
    """Returns False when the file is JSON but not a JSON Feed (then it is none of our business)."""
    try:
        feed = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        out.error(file, f"not valid JSON: {exc}")
        return True
    if not isinstance(feed, dict) or not str(feed.get("version", "")).startswith("https://jsonfeed.org/version/"):
        return False
    if feed["version"] not in JSON_FEED_VERSIONS:
        out.error(file, f"JSON Feed: unknown version {feed['version']!r}")
    if not isinstance(feed.get("title"), str) or not feed.get("title"):
        out.error(file, "JSON Feed: 'title' must be a non-empty string")
    for key in ("home_page_url", "feed_url"):
        if isinstance(feed.get(key), str):
            _check_feed_url(links, file, None, feed[key], f"JSON Feed {key}")
    items = feed.get("items")
    if not isinstance(items, list):
        out.error(file, "JSON Feed: 'items' must be an array")
        return True
    seen: set[str] = set()
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            out.error(file, f"JSON Feed: item {number} is not an object")
            continue
        ident = item.get("id")
        if not isinstance(ident, str) or not ident:
            out.error(file, f"JSON Feed: item {number} has no string 'id'")
        elif ident in seen:
            out.error(file, f"JSON Feed: duplicate item id {ident!r}")
        else:
            seen.add(ident)
        if not isinstance(item.get("content_html"), str) and not isinstance(item.get("content_text"), str):
            out.error(file, f"JSON Feed: item {number} needs 'content_html' or 'content_text'")
        if isinstance(item.get("url"), str):
            _check_feed_url(links, file, None, item["url"], "JSON Feed item url")
        if isinstance(item.get("content_html"), str):
            _check_content_urls(links, file, None, item["content_html"])
    return True


def check_sitemap(file: str, root: etree._Element, links: LinkChecker, out: _Collector,
                  listed: set[str]) -> None:
    """A <urlset> or <sitemapindex>; adds the files the urlset lists to `listed`."""
    name = etree.QName(root).localname
    if root.tag not in (SITEMAP_NS + "urlset", SITEMAP_NS + "sitemapindex"):
        out.error(file, f"sitemap: root element is <{name}> in namespace {etree.QName(root).namespace!r}; "
                  "expected <urlset> or <sitemapindex> in http://www.sitemaps.org/schemas/sitemap/0.9")
        return
    child = "url" if name == "urlset" else "sitemap"
    entries = root.findall(SITEMAP_NS + child)
    if not entries:
        out.warn(file, f"sitemap: <{name}> is empty; sitemaps.org's schema requires at least one <{child}> "
                 "(leave the file out instead)", root.sourceline)
    if len(entries) > 50_000:
        out.error(file, f"sitemap: {len(entries)} entries; sitemaps.org allows at most 50,000 a file")
    seen: set[str] = set()
    for entry in entries:
        loc = entry.find(SITEMAP_NS + "loc")
        url = _text(loc)
        if not url or "://" not in url:
            out.error(file, f"sitemap: <{child}> needs an absolute <loc>, got {url!r}", entry.sourceline)
            continue
        if url in seen:
            out.error(file, f"sitemap: {url!r} is listed twice", loc.sourceline)
        seen.add(url)
        target = links.check(file, loc.sourceline, url, links.resolver.prefix, what="sitemap URL")
        if target.kind == "external":
            out.error(file, f"sitemap: {url!r} is not on the site's origin", loc.sourceline)
        elif target.kind == "file":
            listed.add(target.file)
        lastmod = entry.find(SITEMAP_NS + "lastmod")
        if lastmod is not None and not _W3C_DATE.match(_text(lastmod)):
            out.error(file, f"sitemap: <lastmod> {_text(lastmod)!r} is not a W3C date", lastmod.sourceline)


def _check_robots(data: bytes, links: LinkChecker) -> None:
    for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), start=1):
        key, _, value = line.partition(":")
        if key.strip().lower() == "sitemap" and value.strip():
            url = value.strip()
            if "://" not in url:
                links.out.error("robots.txt", f"Sitemap URL {url!r} is not an absolute URL", number)
            else:
                links.check("robots.txt", number, url, links.resolver.prefix, what="Sitemap URL")


# The checker of each format of feeds.FEED_FORMATS; an XML feed is known by its root element.
FEED_CHECKS = {"rss": check_rss, "atom": check_atom, "json": check_json_feed}
_XML_FEED_CHECKS = {FEED_FORMATS[name].root: check for name, check in FEED_CHECKS.items() if FEED_FORMATS[name].root}


def _check_xml_files(files: set[str], output_dir: Path, links: LinkChecker, out: _Collector,
                     listed: set[str]) -> int:
    feeds = 0
    sitemaps: list[tuple[str, etree._Element]] = []
    for file in sorted(files):
        if file.startswith(NOT_PAGES):
            continue
        if file.endswith(".xml"):
            root = _parse_xml(file, (output_dir / file).read_bytes(), out)
            if root is None:
                feeds += 1
                continue
            check = _XML_FEED_CHECKS.get(root.tag)
            if check is not None:
                feeds += 1
                check(file, root, links, out)
            elif etree.QName(root).localname in ("urlset", "sitemapindex"):
                sitemaps.append((file, root))
        elif file.endswith(".json"):
            feeds += check_json_feed(file, (output_dir / file).read_bytes(), links, out)
    for file, root in sitemaps:
        check_sitemap(file, root, links, out, listed)
    if "sitemap.xml" not in files:
        out.warn("sitemap.xml", "no sitemap.xml: search engines find only what they crawl")
    return feeds


# The whole check --------------------------------------------------------------------------------

def check_site(output_dir: Path, site_url: str) -> CheckReport:
    """Check a built site in output_dir, built for site_url (origin + path prefix)."""
    if not output_dir.is_dir():
        raise OutputError("no built site here: run `site-builder build` first", path=output_dir)
    files = _list_files(output_dir)
    out = _Collector()
    pages = scan_pages(output_dir, sorted(f for f in files if f.endswith((".html", ".htm"))))
    resolver = Resolver(site_url, files)
    links = LinkChecker(resolver, pages, out)
    _check_pages(pages, links, out)
    listed: set[str] = set()
    feeds = _check_xml_files(files, output_dir, links, out, listed)
    if "robots.txt" in files:
        _check_robots((output_dir / "robots.txt").read_bytes(), links)
    _warn_orphans(pages, links.linked | listed, out)
    if "index.html" not in files:
        out.error("index.html", "the site has no front page (index.html)")
    return CheckReport(errors=tuple(out.errors), warnings=tuple(out.warnings), pages=len(pages),
                       links=links.count, feeds=feeds)


def _warn_orphans(pages: dict[str, Page], reached: set[str], out: _Collector) -> None:
    for file in pages:
        if file in reached or file in ("index.html", "404.html") or file.startswith(NOT_PAGES):
            continue
        if pages[file].redirect is not None:
            continue   # an alias: an old address kept for links elsewhere, linked from nowhere here
        out.warn(file, "orphan page: no page links to it and the sitemap does not list it")
