"""Validate the site's output with real validators, not with the builder's own idea of valid.

- HTML: the Nu HTML Checker (vnu.jar, the W3C's validator.w3.org/nu engine), run once over a batch
  of files. Installed from npm into tools/node_modules by scripts/install-test-deps.sh.
- Atom: the RELAX NG schema of RFC 4287 (schemas/atom.rng) plus the RFC's rules that RELAX NG
  cannot state, plus feedparser's "bozo" check.
- RSS 2.0: the RSS Advisory Board's specification as structural checks (there is no schema), plus
  feedparser. The W3C Feed Validator is not on PyPI or npm, so it cannot be used here.
- Sitemaps: the sitemaps.org XSDs (schemas/sitemap.xsd, siteindex.xsd, sitemap-news.xsd).
- JSON Feed 1.1: the specification's keys and types.

Each validate_* returns a list of problems (empty = valid). tests/validity/
test_validators_selftest.py proves each one rejects a known-bad document.

Missing java or vnu.jar: the HTML tests skip on a developer's machine, but FAIL when the
validators are meant to be there: after scripts/install-test-deps.sh ran (it leaves
.venv/.test-deps-installed), under CI=true, or with SB_REQUIRE_VALIDATORS=1.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from datetime import datetime
from email.utils import parsedate_to_datetime
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = Path(__file__).resolve().parent / "schemas"
VNU_JAR = REPO / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = REPO / "tools" / "node_modules" / "axe-core" / "axe.min.js"
INSTALLED_STAMP = REPO / ".venv" / ".test-deps-installed"

ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM = "{%s}" % ATOM_NS
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


# Finding the tools ------------------------------------------------------------------------------

def validators_required() -> bool:
    """True when a missing validator is a failure, not a reason to skip."""
    if os.environ.get("SB_REQUIRE_VALIDATORS", "") not in ("", "0"):
        return True
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        return True
    return INSTALLED_STAMP.exists()


def _missing(what: str) -> None:
    message = f"{what} (scripts/install-test-deps.sh installs it)"
    if validators_required():
        pytest.fail(message + "; validators are required here (install-test-deps ran, CI, or "
                    "SB_REQUIRE_VALIDATORS)", pytrace=False)
    pytest.skip(message)


def java() -> str:
    found = shutil.which("java")
    if found is None:
        _missing("java is not installed")
    return found  # type: ignore[return-value]


def vnu_jar() -> Path:
    if not VNU_JAR.is_file():
        _missing(f"the Nu HTML Checker is missing: {VNU_JAR}")
    return VNU_JAR


@cache
def vnu_version() -> str:
    proc = subprocess.run([java(), "-jar", str(vnu_jar()), "--version"], capture_output=True, text=True,
                          timeout=120)
    return proc.stdout.strip()


# HTML -------------------------------------------------------------------------------------------

# vnu is started once per batch (the JVM costs ~1 s); batches keep the command line short.
_BATCH = 2000


def validate_html(paths: list[Path], *, root: Path | None = None) -> list[str]:
    """Run the Nu HTML Checker over `paths`; "file:line: message" for every error.

    .css and .svg files are checked too (vnu's CSS and SVG checkers), so one call covers a theme.

    root, if given, shortens file names in the messages to paths relative to it.
    """
    command = [java(), "-Xss16m", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", "--exit-zero-always",
               "--also-check-css", "--also-check-svg"]
    problems: list[str] = []
    for start in range(0, len(paths), _BATCH):
        batch = [str(p) for p in paths[start:start + _BATCH]]
        proc = subprocess.run([*command, *batch], capture_output=True, text=True, timeout=600)
        problems += _vnu_messages(proc.stdout + proc.stderr, root)
    return problems


def _vnu_messages(output: str, root: Path | None) -> list[str]:
    start = output.find('{"')
    if start < 0 or '"messages"' not in output:
        return [f"vnu: no JSON report in its output: {output[:500]!r}"] if output.strip() else []
    report = json.loads(output[start:output.rindex("}") + 1])
    problems = []
    for message in report.get("messages", []):
        if message.get("type") not in ("error", "non-document-error") and message.get("subType") != "fatal":
            continue
        url = message.get("url", "")
        name = unquote(url.removeprefix("file:"))
        if root is not None:
            try:
                name = str(Path(name).relative_to(root))
            except ValueError:
                pass
        line = message.get("lastLine") or message.get("firstLine") or 0
        problems.append(f"{name}:{line}: {message.get('message', '').strip()}"
                        + (f" [{message['extract'].strip()[:80]}]" if message.get("extract") else ""))
    return problems


# Shared XML and feed helpers --------------------------------------------------------------------

def _parse(xml: bytes, problems: list[str]) -> etree._Element | None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        return etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        problems.append(f"line {exc.lineno}: not well-formed XML: {exc.msg}")
        return None


def _where(element: etree._Element) -> str:
    return f"line {element.sourceline}"


def _feedparser_problems(data: bytes) -> list[str]:
    """feedparser (what many readers are built on) flags documents it had to guess at as bozo."""
    import feedparser

    parsed = feedparser.parse(data)
    if parsed.bozo:
        return [f"feedparser: {type(parsed.bozo_exception).__name__}: {parsed.bozo_exception}"]
    return []


def _is_absolute_url(value: str) -> bool:
    parts = urlsplit(value.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value.strip()


# RFC 3339 (Atom dates, JSON Feed dates): full date, "T", time, and a zone.
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _rfc3339_problem(value: str) -> str | None:
    if not _RFC3339.match(value):
        return f"{value!r} is not an RFC 3339 date-time (YYYY-MM-DDThh:mm:ss with a zone)"
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return f"{value!r} is not a real date-time"
    return None


# RSS 2.0 ----------------------------------------------------------------------------------------

# RFC 822 dates as the RSS spec uses them (4-digit years recommended, 2 allowed).
_RFC822 = re.compile(
    r"^(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"(\d{2}|\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? (UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|[A-IK-Z]|[+-]\d{4})$")
_EMAIL = re.compile(r"^[^@\s()]+@[^@\s()]+\.[^@\s()]+( \(.+\))?$")

RSS_CHANNEL = {"title", "link", "description", "language", "copyright", "managingEditor", "webMaster",
               "pubDate", "lastBuildDate", "category", "generator", "docs", "cloud", "ttl", "image",
               "rating", "textInput", "skipHours", "skipDays", "item"}
RSS_CHANNEL_REPEATABLE = {"category", "item"}
RSS_ITEM = {"title", "link", "description", "author", "category", "comments", "enclosure", "guid",
            "pubDate", "source"}
RSS_ITEM_REPEATABLE = {"category"}


def _rfc822_problem(value: str) -> str | None:
    match = _RFC822.match(value)
    if not match:
        return f"{value!r} is not an RFC 822 date (e.g. 'Sat, 26 Apr 2025 08:00:00 +0000')"
    try:
        stamp = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return f"{value!r} is not a real date"
    if match.group(1) and stamp.strftime("%a") != match.group(1):
        return f"{value!r}: the day of the week is wrong (it was a {stamp.strftime('%A')})"
    return None


def _check_children(parent: etree._Element, allowed: set[str], repeatable: set[str], what: str,
                    problems: list[str]) -> None:
    seen: set[str] = set()
    for child in parent:
        if not isinstance(child.tag, str):
            continue
        if child.tag.startswith("{"):
            continue  # namespaced extensions (atom:, content:, dc: ...) are allowed anywhere
        if child.tag not in allowed:
            problems.append(f"{_where(child)}: <{child.tag}> is not an element of RSS 2.0 <{what}>")
        elif child.tag in seen and child.tag not in repeatable:
            problems.append(f"{_where(child)}: <{what}> has more than one <{child.tag}>")
        seen.add(child.tag)


def validate_rss(xml: bytes) -> list[str]:
    """RSS 2.0 per the RSS Advisory Board's specification (rssboard.org/rss-specification)."""
    problems: list[str] = []
    root = _parse(xml, problems)
    if root is None:
        return problems
    if root.tag != "rss":
        return [f"root element is <{root.tag}>, not <rss>"]
    if root.get("version") != "2.0":
        problems.append(f"<rss version> is {root.get('version')!r}, not '2.0'")
    channels = root.findall("channel")
    if len(channels) != 1:
        return problems + [f"<rss> must hold exactly one <channel>, found {len(channels)}"]
    channel = channels[0]
    _check_children(channel, RSS_CHANNEL, RSS_CHANNEL_REPEATABLE, "channel", problems)
    for name in ("title", "link", "description"):
        if channel.find(name) is None:
            problems.append(f"<channel> is missing the required <{name}>")
    for name in ("title", "link"):
        element = channel.find(name)
        if element is not None and not (element.text or "").strip():
            problems.append(f"{_where(element)}: <channel><{name}> is empty")
    link = channel.find("link")
    if link is not None and (link.text or "").strip() and not _is_absolute_url(link.text):
        problems.append(f"{_where(link)}: <channel><link> {link.text!r} is not an absolute http(s) URL")
    for name in ("pubDate", "lastBuildDate"):
        element = channel.find(name)
        if element is not None and (problem := _rfc822_problem((element.text or "").strip())):
            problems.append(f"{_where(element)}: <{name}> {problem}")
    for name in ("managingEditor", "webMaster"):
        element = channel.find(name)
        if element is not None and not _EMAIL.match((element.text or "").strip()):
            problems.append(f"{_where(element)}: <{name}> must be an e-mail address, got {element.text!r}")
    ttl = channel.find("ttl")
    if ttl is not None and not (ttl.text or "").strip().isdigit():
        problems.append(f"{_where(ttl)}: <ttl> must be a whole number of minutes")
    image = channel.find("image")
    if image is not None:
        for name in ("url", "title", "link"):
            if image.find(name) is None:
                problems.append(f"{_where(image)}: <image> is missing <{name}>")
    selfs = channel.findall(f"{ATOM}link[@rel='self']")
    if not selfs:
        problems.append("<channel> has no <atom:link rel=\"self\" href=...> naming the feed's own URL")
    for self_link in selfs:
        if not _is_absolute_url(self_link.get("href", "")):
            problems.append(f"{_where(self_link)}: atom:link rel=self href {self_link.get('href')!r} is not absolute")
    guids: set[str] = set()
    for item in channel.findall("item"):
        _check_item(item, guids, problems)
    problems += _feedparser_problems(xml)
    return problems


def _check_item(item: etree._Element, guids: set[str], problems: list[str]) -> None:
    _check_children(item, RSS_ITEM, RSS_ITEM_REPEATABLE, "item", problems)
    title, description = item.find("title"), item.find("description")
    if not (title is not None and (title.text or "").strip()) and \
            not (description is not None and (description.text or "").strip()):
        problems.append(f"{_where(item)}: an <item> needs a <title> or a <description>")
    link = item.find("link")
    if link is not None and not _is_absolute_url(link.text or ""):
        problems.append(f"{_where(link)}: <item><link> {link.text!r} is not an absolute http(s) URL")
    guid = item.find("guid")
    if guid is not None:
        value = (guid.text or "").strip()
        permalink = guid.get("isPermaLink", "true")
        if permalink not in ("true", "false"):
            problems.append(f"{_where(guid)}: isPermaLink must be 'true' or 'false', got {permalink!r}")
        if permalink == "true" and not _is_absolute_url(value):
            problems.append(f"{_where(guid)}: guid {value!r} has isPermaLink=true (the default) but is not a URL")
        if value in guids:
            problems.append(f"{_where(guid)}: duplicate guid {value!r}")
        guids.add(value)
    pub = item.find("pubDate")
    if pub is not None and (problem := _rfc822_problem((pub.text or "").strip())):
        problems.append(f"{_where(pub)}: <pubDate> {problem}")
    author = item.find("author")
    if author is not None and not _EMAIL.match((author.text or "").strip()):
        problems.append(f"{_where(author)}: <author> must be an e-mail address (use dc:creator for a name), "
                        f"got {author.text!r}")
    for enclosure in item.findall("enclosure"):
        for attribute in ("url", "length", "type"):
            if not enclosure.get(attribute):
                problems.append(f"{_where(enclosure)}: <enclosure> is missing {attribute}=")
    source = item.find("source")
    if source is not None and not _is_absolute_url(source.get("url", "")):
        problems.append(f"{_where(source)}: <source> needs an absolute url=")


# Atom -------------------------------------------------------------------------------------------

@cache
def _atom_schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "atom.rng")))


def validate_atom(xml: bytes) -> list[str]:
    """Atom 1.0: RFC 4287's RELAX NG schema, its other MUSTs, and feedparser."""
    problems: list[str] = []
    root = _parse(xml, problems)
    if root is None:
        return problems
    if root.tag != ATOM + "feed":
        return [f"root element is {root.tag!r}, not the Atom <feed>"]
    schema = _atom_schema()
    if not schema.validate(root):
        problems += [f"line {e.line}: RFC 4287 schema: {e.message}" for e in schema.error_log]
    problems += _atom_rules(root)
    problems += _feedparser_problems(xml)
    return problems


def _atom_rules(feed: etree._Element) -> list[str]:
    """RFC 4287's requirements beyond the schema (its Schematron rules and section 4 MUSTs)."""
    problems: list[str] = []
    for element in feed.iter(ATOM + "updated", ATOM + "published"):
        if (problem := _rfc3339_problem((element.text or "").strip())):
            problems.append(f"{_where(element)}: <{etree.QName(element).localname}> {problem}")
    for element in feed.iter(ATOM + "id"):
        value = (element.text or "").strip()
        if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$", value):
            problems.append(f"{_where(element)}: <id> {value!r} is not an absolute IRI")
    feed_has_author = feed.find(ATOM + "author") is not None
    problems += _unique_alternates(feed, "feed")
    ids: set[str] = set()
    updated: dict[str, str] = {}
    for entry in feed.findall(ATOM + "entry"):
        where = _where(entry)
        # The W3C Feed Validator's DuplicateUpdated warning: readers take such entries as one edit.
        stamp = (entry.findtext(ATOM + "updated") or "").strip()
        if stamp in updated:
            problems.append(f"{where}: entry has the same <updated> {stamp} as the entry at {updated[stamp]} "
                            "(W3C Feed Validator: DuplicateUpdated)")
        updated.setdefault(stamp, where)
        if not feed_has_author and entry.find(ATOM + "author") is None and \
                entry.find(f"{ATOM}source/{ATOM}author") is None:
            problems.append(f"{where}: entry has no <author> and neither has the feed (RFC 4287 4.1.1)")
        content = entry.find(ATOM + "content")
        has_alternate = any(link.get("rel", "alternate") == "alternate" for link in entry.findall(ATOM + "link"))
        if content is None and not has_alternate:
            problems.append(f"{where}: entry has neither <content> nor <link rel=alternate> (RFC 4287 4.1.2)")
        if content is not None and entry.find(ATOM + "summary") is None and (
                content.get("src") is not None or _is_binary_type(content.get("type", "text"))):
            problems.append(f"{where}: entry's content is out of line or binary, so it needs a <summary>")
        problems += _unique_alternates(entry, "entry")
        ident = (entry.findtext(ATOM + "id") or "").strip()
        if ident in ids:
            problems.append(f"{where}: duplicate entry id {ident!r}")
        ids.add(ident)
    return problems


def _is_binary_type(media_type: str) -> bool:
    if media_type in ("text", "html", "xhtml") or media_type.startswith("text/"):
        return False
    return not (media_type.endswith("+xml") or media_type.endswith("/xml"))


def _unique_alternates(parent: etree._Element, what: str) -> list[str]:
    seen: set[tuple[str, str]] = set()
    problems = []
    for link in parent.findall(ATOM + "link"):
        if link.get("rel", "alternate") != "alternate":
            continue
        key = (link.get("type", ""), link.get("hreflang", ""))
        if key in seen:
            problems.append(f"{_where(link)}: {what} has two <link rel=alternate> with the same type and hreflang")
        seen.add(key)
    return problems


# JSON Feed 1.1 ----------------------------------------------------------------------------------

_FEED_STRINGS = ("home_page_url", "feed_url", "description", "user_comment", "next_url", "icon", "favicon",
                 "language")
_FEED_KEYS = {"version", "title", "items", "authors", "author", "expired", "hubs", *_FEED_STRINGS}
_ITEM_STRINGS = ("url", "external_url", "title", "content_html", "content_text", "summary", "image",
                 "banner_image", "language")
_ITEM_KEYS = {"id", "date_published", "date_modified", "authors", "author", "tags", "attachments", *_ITEM_STRINGS}
_URL_KEYS = {"home_page_url", "feed_url", "next_url", "icon", "favicon", "url", "external_url", "image",
             "banner_image"}


def validate_json_feed(data: bytes) -> list[str]:
    """JSON Feed 1.1 (jsonfeed.org/version/1.1): required keys, types, unique ids."""
    try:
        feed = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        return [f"not valid JSON: {exc}"]
    if not isinstance(feed, dict):
        return ["the top level must be an object"]
    problems: list[str] = []
    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        problems.append(f"version must be 'https://jsonfeed.org/version/1.1', got {feed.get('version')!r}")
    if not isinstance(feed.get("title"), str) or not feed["title"].strip():
        problems.append("title is required and must be a non-empty string")
    problems += _json_types(feed, _FEED_STRINGS, _FEED_KEYS, "feed")
    if "expired" in feed and not isinstance(feed["expired"], bool):
        problems.append("feed: expired must be true or false")
    problems += _json_authors(feed, "feed")
    if not isinstance(feed.get("items"), list):
        return problems + ["items is required and must be an array"]
    ids: set[str] = set()
    for number, item in enumerate(feed["items"], start=1):
        what = f"items[{number - 1}]"
        if not isinstance(item, dict):
            problems.append(f"{what} must be an object")
            continue
        ident = item.get("id")
        if not isinstance(ident, str) or not ident:
            problems.append(f"{what}: id is required and must be a non-empty string")
        elif ident in ids:
            problems.append(f"{what}: duplicate id {ident!r}")
        else:
            ids.add(ident)
        if not isinstance(item.get("content_html"), str) and not isinstance(item.get("content_text"), str):
            problems.append(f"{what}: content_html or content_text is required")
        problems += _json_types(item, _ITEM_STRINGS, _ITEM_KEYS, what)
        for key in ("date_published", "date_modified"):
            if key in item:
                if not isinstance(item[key], str):
                    problems.append(f"{what}: {key} must be a string")
                elif (problem := _rfc3339_problem(item[key])):
                    problems.append(f"{what}: {key} {problem}")
        if "tags" in item and (not isinstance(item["tags"], list) or
                               not all(isinstance(t, str) for t in item["tags"])):
            problems.append(f"{what}: tags must be an array of strings")
        problems += _json_authors(item, what)
        for attachment in item.get("attachments", []) or []:
            if not isinstance(attachment, dict) or not isinstance(attachment.get("url"), str) \
                    or not isinstance(attachment.get("mime_type"), str):
                problems.append(f"{what}: each attachment needs string url and mime_type")
    # (feedparser 6.0 reads no JSON Feed, so there is no second opinion here.)
    return problems


def _json_types(obj: dict, strings: tuple[str, ...], known: set[str], what: str) -> list[str]:
    problems = []
    for key in strings:
        if key in obj and not isinstance(obj[key], str):
            problems.append(f"{what}: {key} must be a string")
        elif key in _URL_KEYS and key in obj and not _is_absolute_url(obj[key]):
            problems.append(f"{what}: {key} {obj[key]!r} should be an absolute URL")
    for key in obj:
        if key not in known and not key.startswith("_"):
            problems.append(f"{what}: unknown key {key!r} (extensions must start with '_')")
    return problems


def _json_authors(obj: dict, what: str) -> list[str]:
    if "authors" not in obj:
        return []
    authors = obj["authors"]
    if not isinstance(authors, list):
        return [f"{what}: authors must be an array"]
    problems = []
    for author in authors:
        if not isinstance(author, dict) or not any(isinstance(author.get(k), str) and author.get(k)
                                                   for k in ("name", "url", "avatar")):
            problems.append(f"{what}: each author needs a name, url or avatar string")
    return problems


# Sitemaps ---------------------------------------------------------------------------------------

@cache
def _xsd(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def validate_sitemap(xml: bytes) -> list[str]:
    """A <urlset> against sitemaps.org's sitemap.xsd (with the Google News extension), or a
    <sitemapindex> against siteindex.xsd; plus the protocol's limits and Google News' rules."""
    problems: list[str] = []
    if len(xml) > 50 * 1024 * 1024:
        problems.append("larger than 50 MiB uncompressed (sitemaps.org limit)")
    root = _parse(xml, problems)
    if root is None:
        return problems
    schema_name = {SITEMAP + "urlset": "sitemap.xsd", SITEMAP + "sitemapindex": "siteindex.xsd"}.get(root.tag)
    if schema_name is None:
        return problems + [f"root element {root.tag!r} is neither sitemaps.org <urlset> nor <sitemapindex>"]
    schema = _xsd(schema_name)
    if not schema.validate(root):
        problems += [f"line {e.line}: {schema_name}: {e.message}" for e in schema.error_log]
    entries = list(root)
    if len(entries) > 50_000:
        problems.append(f"{len(entries)} entries; at most 50,000 are allowed")
    for loc in root.iter(SITEMAP + "loc"):
        if not _is_absolute_url(loc.text or ""):
            problems.append(f"{_where(loc)}: <loc> {loc.text!r} is not an absolute http(s) URL")
    news_urls = [url for url in root.findall(SITEMAP + "url") if url.find(NEWS + "news") is not None]
    if len(news_urls) > 1000:
        problems.append(f"{len(news_urls)} Google News entries; at most 1,000 are allowed")
    for url in news_urls:
        if len(url.findall(NEWS + "news")) != 1:
            problems.append(f"{_where(url)}: a <url> takes exactly one <news:news>")
    return problems


validate_sitemap_index = validate_sitemap


# robots.txt -------------------------------------------------------------------------------------

_ROBOTS_FIELDS = {"user-agent", "allow", "disallow", "sitemap", "crawl-delay", "host"}


def validate_robots(text: str, site_url: str) -> list[str]:
    """Every line a known `field: value`; Sitemap lines absolute; the site itself crawlable."""
    from urllib.robotparser import RobotFileParser

    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        content = line.split("#", 1)[0].strip()
        if not content:
            continue
        key, colon, value = content.partition(":")
        if not colon or key.strip().lower() not in _ROBOTS_FIELDS:
            problems.append(f"line {number}: {line!r} is not a robots.txt field")
        elif key.strip().lower() == "sitemap" and not _is_absolute_url(value.strip()):
            problems.append(f"line {number}: Sitemap must be an absolute URL, got {value.strip()!r}")
    parser = RobotFileParser()
    parser.parse(text.splitlines())
    if not parser.can_fetch("Googlebot", site_url):
        problems.append(f"robots.txt forbids crawling {site_url}")
    return problems
