"""Reading a digest file: bytes -> numbered, normalised lines. The only I/O is `read_digest`.

Line numbers are physical and 1-based, blank lines counted, whatever the line ends are
(LF, CRLF, lone CR, or a mix), so `source.lines` always points at the file a person opens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from site_builder.errors import DigestError
from site_builder.limits import MAX_DIGEST_BYTES, FileRefused, FileTooLarge, read_regular_file

_BREAK = re.compile(r"\r\n|\r|\n")
# Spaces that look like spaces but do not split words for str.split() users downstream.
_SPACES = re.compile(r"[\u00a0\u2007\u202f\u3000\t\u2000-\u200a\u2028\u2029]+")
# C0/C1 controls, zero-width characters and stray BOMs: invisible, and not allowed in XML feeds.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class Line:
    """One physical line of a digest: its 1-based number and its normalised text."""

    number: int
    text: str


# Markdown a digest pasted from a CMS or a notes app may carry, which would otherwise reach a
# headline as '## Typhoon …' or '**HUALIEN** — …': an ATX heading's hashes, emphasis around
# words (both marks touching a word, not '5 * 3' or 'snake_case'), inline code, and a link,
# which keeps its address in brackets after its text (nothing a person wrote is lost).
_ATX_HEADING = re.compile(r"^#{1,6}\s+(?=\S)")
_EMPHASIS = re.compile(r"(?<![\w*_\\])(\*\*|__|\*|_|`)(?=[^\s*_`])([^*_`\n]{1,300}?)(?<=[^\s*_`\\])\1(?![\w*_])")
_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\(((?:https?://|mailto:|/)[^\s()]{1,500})\)")


def plain_markdown(text: str) -> str:
    """A line without the Markdown marks above: '## Chip exports hit record' -> 'Chip exports hit
    record', '**HUALIEN** —' -> 'HUALIEN —', '[the agency](https://…)' -> 'the agency (https://…)'."""
    if not any(mark in text for mark in "#*_`["):
        return text
    text = _ATX_HEADING.sub("", text)
    text = _LINK.sub(r"\1 (\2)", text)
    return _EMPHASIS.sub(r"\2", text)


def normalise_line(raw: str) -> str:
    """NBSP and other odd spaces become plain spaces; controls go; ends are trimmed; Markdown
    marks go (plain_markdown).

    The full-width space U+3000 is kept inside Chinese text but trimmed at the ends; the Unicode
    line and paragraph separators (U+2028/9) are spaces here, so line numbers stay those an editor shows.
    """
    text = _INVISIBLE.sub("", raw)
    text = _SPACES.sub(lambda m: "\u3000" if m.group() == "\u3000" else " ", text)
    return plain_markdown(text.strip())


def split_lines(text: str) -> tuple[Line, ...]:
    """Decoded text -> every physical line (blank ones too), normalised."""
    text = text.removeprefix("\ufeff")
    return tuple(Line(n, normalise_line(raw)) for n, raw in enumerate(_BREAK.split(text), start=1))


def decode_digest(data: bytes, path: Path | str) -> str:
    """UTF-8 with or without a BOM; anything else is a DigestError naming the line and byte."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise DigestError("is UTF-16, not UTF-8: save it as UTF-8 and ingest it again", path=path, line=1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        if b"\n" not in data[:exc.start] and b"\r" in data[:exc.start]:
            line = data.count(b"\r", 0, exc.start) + 1
        column = exc.start - max(data.rfind(b"\n", 0, exc.start), data.rfind(b"\r", 0, exc.start))
        raise DigestError(f"is not UTF-8: byte 0x{data[exc.start]:02x} at byte offset {exc.start} "
                          f"(column {column}) cannot be decoded; save the file as UTF-8",
                          path=path, line=line) from None


def read_digest(path: Path) -> tuple[Line, ...]:
    """Read and check a digest file. Raises DigestError for missing, huge, non-UTF-8 or empty files."""
    try:
        data = read_regular_file(path, MAX_DIGEST_BYTES, "a digest")
    except FileNotFoundError:
        raise DigestError("not found", path=path) from None
    except OSError as exc:
        raise DigestError(f"cannot be read: {exc.strerror}", path=path) from None
    except FileTooLarge as exc:
        raise DigestError(f"is {exc.size:,} bytes ({exc.size / 1024 / 1024:.1f} MB); a digest may be at most "
                          f"{MAX_DIGEST_BYTES // 1024 // 1024} MB (split it into several files)", path=path) from None
    except FileRefused as exc:
        raise DigestError(str(exc), path=path) from None
    lines = split_lines(decode_digest(data, path))
    if not any(line.text for line in lines):
        raise DigestError("is empty: it has no text to ingest", path=path)
    return lines
