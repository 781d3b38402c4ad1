"""The one configured Markdown renderer, and the rewriting of body links for feeds."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urljoin

from markdown_it import MarkdownIt

from site_builder.smartquotes import check_quotes, smartquotes

# markdown-it-py writes attributes as name="value" with the value HTML-escaped, so a regex
# over its own output is exact; it is never run over text a person wrote as HTML. (Its text
# escapes every '"', so 'href="' occurs only as an attribute, and it writes no attribute whose
# name merely ends in href or src: no word boundary is needed, which makes the scan 3x faster.)
_URL_ATTR = re.compile(r'(href|src)="([^"]*)"')


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    # Raw HTML off: a digest is text from elsewhere, so <script> in it must print as text.
    # markdown-it's own link validation already refuses javascript:, vbscript: and data: URLs.
    md = MarkdownIt("commonmark", {"html": False, "typographer": True, "linkify": False})
    md.enable(["replacements", "smartquotes", "table", "strikethrough"])
    # markdown-it-py's own quotes rule is quadratic on unbalanced quotes: ours is linear, same output.
    check_quotes(md.options.quotes)
    md.core.ruler.at("smartquotes", smartquotes)
    md.core.ruler.at("normalize", _normalize)
    # With html off these rules only ever decline; dropping them saves 4% of the Markdown time.
    md.disable(["html_block", "html_inline"])
    md.core.ruler.push("demote_headings", _demote_headings)
    md.block.ruler.before("table", "too_deep", _too_deep)
    return md


def _normalize(state) -> None:  # type: ignore[no-untyped-def]
    """markdown-it's first rule, same result: line endings to \\n and NUL to U+FFFD. Its two
    regex substitutions rewrite every newline of every body (7% of the Markdown time); a body
    is read with its line endings normalised already, so here the text is only searched."""
    src = state.src
    if "\r" in src:
        src = src.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in src:
        src = src.replace("\0", "\ufffd")
    state.src = src


def _too_deep(state, start: int, end: int, silent: bool) -> bool:  # type: ignore[no-untyped-def]
    """Near markdown-it's nesting limit, the rest of the container is one paragraph of text.

    At the limit (20 levels: `> > > …`, `- - - …`) markdown-it drops everything after that point
    in the document, without a word; here it is kept, as text, two levels before: a list opens
    two levels at once."""
    if state.level < state.md.options.maxNesting - 2:
        return False
    if silent:
        return True
    line = start + 1
    while line < end and (state.isEmpty(line) or state.sCount[line] >= state.blkIndent):
        line += 1
    state.push("paragraph_open", "p", 1).map = [start, line]
    inline = state.push("inline", "", 0)
    inline.content = state.getLines(start, line, state.blkIndent, False).strip()
    inline.map = [start, line]
    inline.children = []
    state.push("paragraph_close", "p", -1)
    state.line = line
    return True


def _demote_headings(state) -> None:  # type: ignore[no-untyped-def]
    """The page's title is its only h1; body headings go below it with no level skipped.

    '# A' becomes h2, and a '###' straight after it h3, not h4: a skipped level breaks the
    outline screen readers navigate by (and the HTML checker warns of it). Headings of one level
    stay siblings: '### A' and '### B' with nothing above them are both h2 (each heading sits one
    below the nearest earlier heading of a higher level, h2 under none).
    """
    outline: list[tuple[int, int]] = []   # (written level, shown level) of the open sections
    open_levels: list[int] = []
    for token in state.tokens:
        if token.type == "heading_open":
            written = int(token.tag[1])
            while outline and outline[-1][0] >= written:
                outline.pop()
            level = min(outline[-1][1] + 1 if outline else 2, 6)
            outline.append((written, level))
            token.tag = f"h{level}"
            open_levels.append(level)
        elif token.type == "heading_close" and open_levels:
            token.tag = f"h{open_levels.pop()}"


def render_markdown(text: str) -> str:
    """Markdown -> HTML, raw HTML escaped, with typographic quotes and dashes."""
    return _renderer().render(text)


def absolutize_urls(html: str, base_url: str) -> str:
    """Make every href and src absolute against the page's URL: feed readers have no base."""
    return _URL_ATTR.sub(lambda m: f'{m.group(1)}="{urljoin(base_url, m.group(2).replace("&amp;", "&")).replace("&", "&amp;")}"', html)
