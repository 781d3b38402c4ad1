"""The exception tree. The CLI prints these without a traceback (unless --debug).

    SiteBuilderError                 anything the user can fix
    ├── ConfigError                  config.yaml is missing, unreadable or invalid
    ├── ContentError                 an article or digest cannot be read
    │   ├── FrontMatterError         an article's YAML front-matter is broken or wrongly typed
    │   └── DigestError              a digest is empty, not UTF-8, too large ...
    ├── TemplateError                a theme template is missing or fails to render
    └── OutputError                  output/ cannot be written, or two pages claim one path
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def shown_path(path: str) -> str:
    """A file name as a person can read it: bytes that are not UTF-8 (which Python keeps as
    surrogate escapes, and no terminal or page can print) shown as \\xNN."""
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:   # a surrogate no file name produces: shown as \udXXX
        return path.encode("utf-8", "backslashreplace").decode("utf-8")


class SiteBuilderError(Exception):
    """An error the user can fix; carries the file and line it is about, when known."""

    def __init__(self, message: str, *, path: Path | str | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = shown_path(str(self.path))
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        return where + self.message


class ConfigError(SiteBuilderError):
    """config.yaml is missing, unreadable or invalid."""


class ContentError(SiteBuilderError):
    """An article or a digest cannot be read."""


class FrontMatterError(ContentError):
    """An article's front-matter is not valid YAML or has values of the wrong type."""


class DigestError(ContentError):
    """A digest cannot be ingested: empty, not UTF-8, too large."""


class TemplateError(SiteBuilderError):
    """A theme template is missing or fails to render."""


class OutputError(SiteBuilderError):
    """The output folder cannot be written, or two pages claim one path."""


@dataclass(frozen=True, slots=True)
class Notice:
    """A warning about the input that the build recovered from, with where it is."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = shown_path(self.path) + (f":{self.line}" if self.line is not None else "")
        return f"{where}: {self.message}"
