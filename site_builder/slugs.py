"""Slugs for URLs and file names: never empty, ASCII, safe on every file system."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

# Windows refuses these as file or folder names, whatever the extension.
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                       *(f"lpt{i}" for i in range(10))})
_VALID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG_LENGTH = 80


def slugify(text: str, *, max_length: int = MAX_SLUG_LENGTH) -> str:
    """A URL slug for any text: transliterated to ASCII, never empty, never a reserved name.

    Text with nothing to transliterate (emoji, symbols) gets a short stable hash instead.
    """
    # Imported here: most builds find every slug in the front-matter and never need it.
    from slugify import slugify as transliterate

    slug = transliterate(text, max_length=max_length, word_boundary=True, save_order=True)
    if not slug:
        slug = "x-" + hashlib.blake2b(text.encode("utf-8"), digest_size=4).hexdigest()
    if slug in _RESERVED:
        slug += "-1"
    return slug


# Invisible format characters (Unicode category Cf): zero-width space, joiners, word joiner, BOM,
# soft hyphen, bidi controls. In a name they make a second, identical-looking tag page.
_FORMAT = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")


@lru_cache(maxsize=65536)
def clean_name(name: str) -> str:
    """A topic, region, person or organization name as it is compared, slugged and shown: NFC,
    without invisible format characters, spaces collapsed. 'Ali\u200bce' and 'Alice' are one name.

    The cost: a zero-width non-joiner that Persian or Hindi spelling needs is dropped from
    tag names too (the story text keeps it)."""
    if name.isascii():
        return " ".join(name.split())
    return " ".join(_FORMAT.sub("", unicodedata.normalize("NFC", name)).split())


def is_valid_slug(slug: str) -> bool:
    """True when the slug can be used as it is: lower-case ASCII words joined by hyphens."""
    return bool(_VALID.match(slug)) and len(slug) <= 200 and slug not in _RESERVED


def unique_slugs(slugs: list[str]) -> list[str]:
    """Make repeated slugs distinct, deterministically: the second 'x' becomes 'x-2'."""
    seen: dict[str, int] = {}
    taken = set(slugs)
    result = []
    for slug in slugs:
        count = seen.get(slug, 0) + 1
        seen[slug] = count
        if count == 1:
            result.append(slug)
            continue
        n = count
        while f"{slug}-{n}" in taken:
            n += 1
        taken.add(f"{slug}-{n}")
        result.append(f"{slug}-{n}")
    return result
