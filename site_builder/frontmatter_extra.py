"""The front-matter fields about a story's dates and addresses: `event_date`, `aliases`, `corrections`.

Pure: values read from YAML in, typed values out, or a FrontMatterError naming the file and
the line of the bad entry (found by composing the YAML again, only when there is an error).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timezone
from typing import Any, Callable
from zoneinfo import ZoneInfo

import yaml

from site_builder.errors import FrontMatterError, Notice
from site_builder.models import Correction

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# What an alias may hold: a path of URL-safe segments. No "..", no query, no scheme.
_ALIAS_SEGMENT = re.compile(r"^[A-Za-z0-9._~-]+$")
CORRECTION_KEYS = ("date", "text")


def key_line(yaml_text: str, key: str, index: int | None = None) -> int | None:
    """The file line (1-based, counting the opening '---') of `key`'s value, or of its index-th item."""
    try:
        node = yaml.compose(yaml_text, Loader=_Loader)
    except yaml.YAMLError:
        return None
    if not isinstance(node, yaml.MappingNode):
        return None
    for name, value in node.value:
        if getattr(name, "value", None) != key:
            continue
        if index is not None and isinstance(value, yaml.SequenceNode) and index < len(value.value):
            return value.value[index].start_mark.line + 2
        return value.start_mark.line + 2
    return None


def event_date(value: Any, path: str, line: Callable[[], int | None]) -> date | None:
    """`event_date: 2025-04-20`: a calendar day (a date-time is read as its day)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise FrontMatterError(f"'event_date' is not a day: {value!r} (write e.g. 2025-04-20)", path=path, line=line())


def alias_route(value: str) -> str | None:
    """An alias as a route under the site's root: '/2025/04/26/old.html' -> '2025/04/26/old.html',
    '/old/path' -> 'old/path/' (a folder with an index.html, as Hugo writes aliases). None when
    it is not a safe path."""
    text = value.strip()
    if not text or "://" in text or "?" in text or "#" in text or "\\" in text:
        return None
    folder = text.endswith("/")
    segments = [s for s in text.strip("/").split("/")]
    if not segments or segments == [""] or any(not _ALIAS_SEGMENT.match(s) or s in (".", "..") for s in segments):
        return None
    route = "/".join(segments)
    if folder or "." not in segments[-1]:
        route += "/"
    return route


def aliases(value: Any, path: str, line: Callable[[int | None], int | None], notices: list[Notice]) -> tuple[str, ...]:
    """`aliases: [/old/address.html]` -> routes, in order, without repeats."""
    if value is None:
        return ()
    if isinstance(value, str):
        notices.append(Notice(path, f"'aliases' should be a list; read {value!r} as a list of one", line(None)))
        value = [value]
    if not isinstance(value, list):
        raise FrontMatterError(f"'aliases' must be a list of old addresses such as [/2025/04/26/old-slug.html], "
                               f"not {type(value).__name__}", path=path, line=line(None))
    routes: list[str] = []
    for index, item in enumerate(value):
        route = alias_route(item) if isinstance(item, str) else None
        if route is None:
            raise FrontMatterError(f"alias {item!r} is not a path on this site such as /2025/04/26/old-slug.html "
                                   "(letters, digits and . _ ~ - between slashes)", path=path, line=line(index))
        if route not in routes:
            routes.append(route)
    return tuple(routes)


def corrections(value: Any, tz: ZoneInfo, path: str, line: Callable[[int | None], int | None]) -> tuple[Correction, ...]:
    """`corrections: [{date: 2025-04-27, text: "…"}]` -> Corrections, oldest first."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise FrontMatterError("'corrections' must be a list of entries, each with 'date' and 'text'",
                               path=path, line=line(None))
    found = []
    for index, item in enumerate(value):
        where = line(index)
        if not isinstance(item, dict):
            raise FrontMatterError(f"correction {index + 1} must have 'date' and 'text', not {item!r}",
                                   path=path, line=where)
        unknown = [str(k) for k in item if k not in CORRECTION_KEYS]
        if unknown:
            raise FrontMatterError(f"correction {index + 1} has unknown key '{unknown[0]}' (a correction has "
                                   "'date' and 'text')", path=path, line=where)
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            raise FrontMatterError(f"correction {index + 1} has no 'text'", path=path, line=where)
        found.append(Correction(date=_moment(item.get("date"), tz, index, path, where), text=text.strip()))
    return tuple(sorted(found, key=lambda c: c.date))


def _moment(value: Any, tz: ZoneInfo, index: int, path: str, where: int | None) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time(0, 0))
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            moment = None
    else:
        moment = None
    if moment is None:
        raise FrontMatterError(f"correction {index + 1} has no valid 'date' ({value!r}); write e.g. "
                               "2025-04-27 or 2025-04-27T10:30:00+08:00", path=path, line=where)
    # A date without an offset is the newsroom's local time, as for 'date'.
    moment = moment if moment.tzinfo is not None else moment.replace(tzinfo=tz)
    try:
        moment.astimezone(timezone.utc)
        moment.astimezone(tz)
    except OverflowError:
        raise FrontMatterError(f"correction {index + 1}'s date {value!s} is out of range", path=path, line=where) from None
    return moment
