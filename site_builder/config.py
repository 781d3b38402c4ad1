"""config.yaml -> a frozen, validated SiteConfig. Loaded once; every problem reported together."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from site_builder import yamlsafe
from site_builder.errors import ConfigError
from site_builder.limits import MAX_CONFIG_BYTES, FileRefused, read_regular_file

CONFIG_FILE = "config.yaml"
IPTC_MEDIATOPIC_URI = "http://cv.iptc.org/newscodes/mediatopic/"
_SLUG_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True, kw_only=True)
class TopicDef:
    """A topic the site knows: its label and, for news topics, its IPTC Media Topic code."""

    slug: str
    label: str
    iptc: str | None = None
    description: str = ""

    @property
    def scheme_uri(self) -> str | None:
        return IPTC_MEDIATOPIC_URI + self.iptc if self.iptc else None


@dataclass(frozen=True, slots=True, kw_only=True)
class RegionDef:
    """A region the site groups countries into (ISO 3166 alpha-2 codes)."""

    slug: str
    label: str
    description: str = ""
    countries: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedSettings:
    items: int = 50
    full_text: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class Publisher:
    name: str
    url: str = ""
    logo: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class SiteConfig:
    """Everything config.yaml says, validated. `site_dir` is the folder holding it."""

    site_dir: Path
    title: str
    description: str = ""
    language: str = "en"
    site_url: str  # origin + path prefix, always ending in "/"
    timezone: str
    items_per_page: int = 20
    publication_time: time = time(6, 0)   # when an edition is published, in the site's zone (ingest)
    publish_future: bool = False
    search: bool = False            # build a Pagefind index into output/pagefind/ with each build
    show_provenance: bool = False   # the story page's "Where this story came from" box (newsroom use)
    home_country: str | None = None  # ISO alpha-2 of the newsroom's country: ingest's fallback place
    feeds: FeedSettings = field(default_factory=FeedSettings)
    publisher: Publisher
    default_image: str = ""
    topics: tuple[TopicDef, ...] = ()
    regions: tuple[RegionDef, ...] = ()
    theme_dir: Path
    templates_dir: Path  # the site's own template overrides, searched before the theme's
    content_dir: Path
    output_dir: Path

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def articles_dir(self) -> Path:
        return self.content_dir / "articles"

    @property
    def digests_dir(self) -> Path:
        return self.content_dir / "digests"

    @property
    def cache_dir(self) -> Path:
        return self.site_dir / ".site-builder"

    def topic(self, slug: str) -> TopicDef | None:
        return next((t for t in self.topics if t.slug == slug), None)

    def region(self, slug: str) -> RegionDef | None:
        return next((r for r in self.regions if r.slug == slug), None)

    def regions_of_country(self, code: str) -> tuple[str, ...]:
        return tuple(r.slug for r in self.regions if code in r.countries)


class _Problems:
    """Collects config problems so they can all be reported at once, each with its line when
    the text of config.yaml is known."""

    def __init__(self, where: Callable[[str], str] = lambda key: "") -> None:
        self.items: list[str] = []
        self.where = where

    def add(self, key: str, message: str) -> None:
        self.items.append(f"{self.where(key)}config value '{key}': {message}")


def key_locator(text: str, name: str) -> Callable[[str], str]:
    """'timezone' or 'topics.politics.iptc' -> 'config.yaml:12: ', found in the YAML text by
    indentation (YAML keeps no lines once loaded); '' when not found (a key given on the command line)."""
    lines = text.splitlines()

    def where(key: str) -> str:
        start, indent = 0, -1
        for n, part in enumerate(key.split(".")):
            name_ = rf"['\"]?{re.escape(part)}['\"]?\s*:"
            if n and re.search(rf"[{{,]\s*{name_}", lines[start]):
                continue    # inside a flow mapping on the parent's line: {label: x, iptc: y}
            pattern = re.compile(rf"^(\s*){name_}")
            for number in range(start + (n > 0), len(lines)):
                line = lines[number]
                depth = len(line) - len(line.lstrip())
                if n and line.strip() and not line.lstrip().startswith("#") and depth <= indent:
                    return ""   # left the parent's block
                found = pattern.match(line)
                if found and (depth > indent if n else depth == 0):
                    start, indent = number, depth
                    break
            else:
                return ""
        return f"{name}:{start + 1}: "
    return where


def _unknown_keys(data: dict[str, Any], known: tuple[str, ...], prefix: str, problems: _Problems) -> None:
    for key in data:
        if key in known:
            continue
        close = difflib.get_close_matches(str(key), known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (known keys: {', '.join(known)})"
        problems.add(prefix + str(key), f"unknown key{hint}")


def _get(data: dict[str, Any], key: str, kind: type | tuple[type, ...], default: Any, prefix: str,
         problems: _Problems, check: Callable[[Any], str | None] | None = None) -> Any:
    if key not in data or data[key] is None:
        if default is _REQUIRED:
            problems.add(prefix + key, "is required")
            return None
        return default
    value = data[key]
    if isinstance(value, bool) and kind is int or not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        problems.add(prefix + key, f"must be a {names}, not {type(value).__name__} ({value!r})")
        return default if default is not _REQUIRED else None
    if check is not None:
        message = check(value)
        if message:
            problems.add(prefix + key, message)
            return default if default is not _REQUIRED else None
    return value


_REQUIRED = object()


def _check_site_url(value: str) -> str | None:
    try:
        parts = urlsplit(value)
    except ValueError as exc:   # an unbalanced or invalid [IPv6] host
        return f"is not a valid URL ({exc})"
    if "@" in parts.netloc:
        # Named without the value: it holds a password, and this message goes to logs.
        return ("must not contain a user name or password ('user:pass@'): it would be published in every "
                "page and feed; give the address alone, such as 'https://user.github.io/news/'")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"must be an absolute http(s) URL such as 'https://user.github.io/news/', not {value!r}"
    host_problem = _check_host(parts.netloc)
    if host_problem:
        return host_problem
    if parts.query or parts.fragment:
        return "must not have a query or fragment"
    if not _URL_PATH.fullmatch(parts.path):
        return ("its path may hold only letters, digits and - . _ ~ / (percent-encode anything else), "
                f"not {parts.path!r}")
    return None


_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")
_IPV4 = re.compile(r"(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}")


def _check_host(netloc: str) -> str | None:
    """A host name (IDN allowed), an IPv4 address or a bracketed IPv6 one, and a port from 1 to 65535."""
    import ipaddress

    host, port = netloc, ""
    if netloc.startswith("["):
        end = netloc.find("]")
        host, port = netloc[1:end] if end > 0 else netloc, netloc[end + 1:] if end > 0 else ""
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return f"its host {netloc!r} is not a valid IPv6 address"
    else:
        host, _, port = netloc.partition(":")
        port = ":" + port if _ else ""
        try:
            ascii_host = host.rstrip(".").encode("idna").decode("ascii")
        except UnicodeError:
            ascii_host = ""
        labels = ascii_host.split(".")
        if not ascii_host or len(ascii_host) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
            return f"its host {host!r} is not a valid host name (letters, digits and hyphens between dots)"
        if labels[-1].isdigit() and not _IPV4.fullmatch(ascii_host):
            return f"its host {host!r} is not a valid IPv4 address"
    if port and not (port[0] == ":" and port[1:].isdigit() and 1 <= int(port[1:]) <= 65535):
        return f"its port {port[1:]!r} is not a number from 1 to 65535"
    return None


# RFC 3986 path characters, without the few that would need escaping in HTML or XML.
_URL_PATH = re.compile(r"[A-Za-z0-9\-._~/%!$()*+,;=:@]*")


def normalise_site_url(value: str) -> str:
    """Origin plus path prefix, always ending in one '/'."""
    parts = urlsplit(value.strip())
    path = "/" + parts.path.strip("/")
    if not path.endswith("/"):
        path += "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


def _check_timezone(value: str) -> str | None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: a name that is a folder of tzdata ('America'), or too long for a file name.
        return f"{value!r} is not an IANA time zone name (e.g. 'Europe/London', 'Asia/Taipei', 'UTC')"
    return None


def _publication_time(value: str | int) -> time:
    """'06:00' -> 06:00. YAML 1.1 reads an unquoted 06:00 as the base-60 number 360, which is
    minutes past midnight: taken as such."""
    if isinstance(value, int):
        return time(value // 60, value % 60)
    try:
        return time.fromisoformat(value.strip())
    except ValueError:
        return time(6, 0)   # reported by _check_publication_time


def _check_publication_time(value: str | int) -> str | None:
    if isinstance(value, bool) or isinstance(value, int) and not 0 <= value < 24 * 60:
        return f"must be a time of day such as \"06:00\", not {value!r}"
    if isinstance(value, str):
        try:
            time.fromisoformat(value.strip())
        except ValueError:
            return f"must be a time of day such as \"06:00\", not {value!r}"
    return None


def _positive(value: int) -> str | None:
    return None if value > 0 else "must be a whole number above 0"


def is_language_tag(value: str) -> bool:
    """A BCP 47 tag as sites write them: 'en', 'en-GB', 'zh-Hant-TW'."""
    return re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", value) is not None


# Languages written right to left (their BCP 47 primary subtags): a page or story in one gets
# dir="rtl", so its punctuation and numbers fall where its readers expect them.
_RIGHT_TO_LEFT = frozenset("ar fa ur he yi ps sd ug dv ckb ku".split())


def is_right_to_left(tag: str | None) -> bool:
    """Whether text in the language `tag` ('ar', 'fa-IR', 'en') is written right to left."""
    return bool(tag) and tag.split("-")[0].lower() in _RIGHT_TO_LEFT


def _check_home_country(value: str) -> str | None:
    return None if re.fullmatch(r"[A-Z]{2}", value) else \
        "must be an ISO 3166 alpha-2 country code in capitals, such as TW or GB"


def _check_language(value: str) -> str | None:
    return None if is_language_tag(value) else \
        f"{value!r} is not a BCP 47 language tag such as 'en', 'en-GB' or 'zh-TW'"


def _parse_topics(raw: Any, problems: _Problems) -> tuple[TopicDef, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        problems.add("topics", "must be a mapping of topic slug to {label, iptc, description}")
        return ()
    topics = []
    for slug, spec in raw.items():
        key = f"topics.{slug}"
        if not isinstance(slug, str) or not _SLUG_KEY.match(slug):
            problems.add(key, "a topic slug must be lower-case letters, digits and hyphens")
            continue
        spec = spec or {}
        if not isinstance(spec, dict):
            problems.add(key, "must be a mapping with label, iptc, description")
            continue
        _unknown_keys(spec, ("label", "iptc", "description"), key + ".", problems)
        iptc = spec.get("iptc")
        if iptc is not None:
            iptc = str(iptc)
            if not re.fullmatch(r"\d{8}", iptc):
                problems.add(key + ".iptc", f"must be an 8-digit IPTC Media Topic code, not {iptc!r}")
                iptc = None
        topics.append(TopicDef(
            slug=slug,
            label=_get(spec, "label", str, slug.replace("-", " ").capitalize(), key + ".", problems),
            iptc=iptc,
            description=_get(spec, "description", str, "", key + ".", problems),
        ))
    return tuple(topics)


def _parse_regions(raw: Any, problems: _Problems) -> tuple[RegionDef, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        problems.add("regions", "must be a mapping of region slug to {label, description, countries}")
        return ()
    regions = []
    for slug, spec in raw.items():
        key = f"regions.{slug}"
        if not isinstance(slug, str) or not _SLUG_KEY.match(slug):
            problems.add(key, "a region slug must be lower-case letters, digits and hyphens")
            continue
        spec = spec or {}
        if not isinstance(spec, dict):
            problems.add(key, "must be a mapping with label, description, countries")
            continue
        _unknown_keys(spec, ("label", "description", "countries"), key + ".", problems)
        countries = _get(spec, "countries", list, [], key + ".", problems)
        codes = []
        for code in countries:
            if isinstance(code, bool):
                problems.add(key + ".countries", "YAML read a code as true/false: quote it, e.g. \"NO\" for Norway")
            elif not isinstance(code, str) or not re.fullmatch(r"[A-Z]{2}", code):
                problems.add(key + ".countries", f"{code!r} is not an ISO 3166 alpha-2 code such as 'TW'")
            else:
                codes.append(code)
        regions.append(RegionDef(
            slug=slug,
            label=_get(spec, "label", str, slug.replace("-", " ").title(), key + ".", problems),
            description=_get(spec, "description", str, "", key + ".", problems),
            countries=tuple(codes),
        ))
    return tuple(regions)


_TOP_KEYS = ("title", "description", "language", "site_url", "timezone", "items_per_page", "publication_time",
             "future_articles", "feeds", "publisher", "default_image", "topics", "regions", "theme", "search",
             "show_provenance", "home_country")


def parse_config(data: Any, site_dir: Path, *, base_url: str | None = None,
                 output_dir: Path | None = None, source: Path | None = None,
                 where: Callable[[str], str] = lambda key: "") -> SiteConfig:
    """Validate the mapping read from config.yaml; raise ConfigError listing every problem
    (`where` gives each problem's 'config.yaml:LINE: ')."""
    source = source or site_dir / CONFIG_FILE
    problems = _Problems(where)
    if not isinstance(data, dict):
        raise ConfigError("must be a YAML mapping of keys such as title, site_url, timezone", path=source)
    _unknown_keys(data, _TOP_KEYS, "", problems)
    title = _get(data, "title", str, _REQUIRED, "", problems)
    site_url = _get(data, "site_url", str, _REQUIRED, "", problems, _check_site_url)
    if base_url is not None:
        message = _check_site_url(base_url)
        if message:
            problems.add("--base-url", message)
        else:
            site_url = base_url
    timezone = _get(data, "timezone", str, _REQUIRED, "", problems, _check_timezone)
    future = _get(data, "future_articles", str, "hold", "", problems,
                  lambda v: None if v in ("hold", "publish") else "must be 'hold' or 'publish'")
    feeds_raw = _get(data, "feeds", dict, {}, "", problems)
    _unknown_keys(feeds_raw, ("items", "content"), "feeds.", problems)
    feed_items = _get(feeds_raw, "items", int, 50, "feeds.", problems, _positive)
    feed_content = _get(feeds_raw, "content", str, "full", "feeds.", problems,
                        lambda v: None if v in ("full", "summary") else "must be 'full' or 'summary'")
    publisher_raw = _get(data, "publisher", dict, {}, "", problems)
    _unknown_keys(publisher_raw, ("name", "url", "logo"), "publisher.", problems)
    theme = _get(data, "theme", str, "theme", "", problems)
    config = SiteConfig(
        site_dir=site_dir,
        title=title or "",
        description=_get(data, "description", str, "", "", problems),
        language=_get(data, "language", str, "en", "", problems, _check_language),
        site_url=normalise_site_url(site_url) if site_url else "http://localhost/",
        timezone=timezone or "UTC",
        items_per_page=_get(data, "items_per_page", int, 20, "", problems, _positive),
        publication_time=_publication_time(_get(data, "publication_time", (str, int), "06:00", "", problems,
                                                _check_publication_time)),
        publish_future=future == "publish",
        search=_get(data, "search", bool, False, "", problems),
        show_provenance=_get(data, "show_provenance", bool, False, "", problems),
        home_country=_get(data, "home_country", str, "", "", problems, _check_home_country) or None,
        feeds=FeedSettings(items=feed_items, full_text=feed_content == "full"),
        publisher=Publisher(
            name=_get(publisher_raw, "name", str, title or "", "publisher.", problems),
            url=_get(publisher_raw, "url", str, "", "publisher.", problems),
            logo=_get(publisher_raw, "logo", str, "", "publisher.", problems),
        ),
        default_image=_get(data, "default_image", str, "", "", problems),
        topics=_parse_topics(data.get("topics"), problems),
        regions=_parse_regions(data.get("regions"), problems),
        theme_dir=site_dir / theme,
        templates_dir=site_dir / "templates",
        content_dir=site_dir / "content",
        output_dir=output_dir if output_dir is not None else site_dir / "output",
    )
    if problems.items:
        raise ConfigError(f"{len(problems.items)} problem(s):\n  " + "\n  ".join(problems.items), path=source)
    return config


def load_config(site_dir: Path, *, base_url: str | None = None, output_dir: Path | None = None) -> SiteConfig:
    """Read and validate SITE_DIR/config.yaml."""
    site_dir = site_dir.resolve()
    path = site_dir / CONFIG_FILE
    try:
        text = read_regular_file(path, MAX_CONFIG_BYTES, "config.yaml").decode("utf-8-sig")
    except FileRefused as exc:   # a FIFO would hang the read, /dev/zero fill memory
        raise ConfigError(str(exc), path=path) from None
    except FileNotFoundError:
        raise ConfigError("not found; run site-builder in the folder holding config.yaml, or pass --site DIR",
                          path=path) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"is not UTF-8 text ({exc.reason} at byte {exc.start})", path=path) from None
    except OSError as exc:
        raise ConfigError(f"cannot be read: {exc.strerror}", path=path) from None
    try:
        data = yamlsafe.load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ConfigError(f"is not valid YAML: {getattr(exc, 'problem', exc)}", path=path, line=line) from None
    resolved_output = output_dir.resolve() if output_dir is not None else None
    return parse_config(data, site_dir, base_url=base_url, output_dir=resolved_output, source=path,
                        where=key_locator(text, path.name))
