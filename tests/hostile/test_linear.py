"""Every article renders in time linear in its size, whatever its text.

Nothing here is timed. Work is counted: the Python trace hook sees every line executed and
every function called, in markdown-it and in our rules alike, so the count is the same on an
idle machine and on a busy one. Each pathological pattern is rendered at SMALL and at
10 x SMALL characters; linear work grows about 10 times, quadratic work about 100 times, so a
growth under 20 passes only linear rendering. (What the hook cannot see is work inside one C
call, such as slicing a string; the stalls found were all Python loops, as the instrument check
at the end shows for markdown-it-py's own quotes rule.)

Sizes: 3 KB and 30 KB, not 10 and 100: tracing costs ~10x, and the ratio is what matters.
"""

from __future__ import annotations

import sys
from typing import Callable

import pytest
from markdown_it.rules_core.smartquotes import smartquotes as upstream_smartquotes

from site_builder.markdown import _renderer, render_markdown

SMALL = 3_000
GROWTH_LIMIT = 20

PATTERNS = {
    "unbalanced quotes": "\"a' ",
    "quotes only": "'\"",
    "quotes among emphasis": "\"a *b* ",
    "nested emphasis": "*a **b ",
    "nested underscores": "_a __b ",
    "run of _": "_",
    "run of *": "*",
    "mixed delimiters": "*_~",
    "strikethrough openers": "~~a ",
    "run of [": "[",
    "link openers": "[a](",
    "image openers": "![",
    "nested link labels": "[a [b ",
    "emphasis in links": "[*a](",
    "run of <": "<",
    "autolink openers": "<a:",
    "run of backticks": "`",
    "backtick runs": "`` ` ",
    "run of &": "&",
    "entity openers": "&#",
    "backslashes": "\\",
    "reference definitions": "[a]: b\n",
    "table pipes": "|",
    "deep blockquotes": ">" * 40 + " a\n",
    "deep lists": "- " * 40 + "a\n",
    "deep ordered lists": "1. " * 30 + "a\n",
    "indented nesting": "- a\n  - b\n    - c\n      > d\n",
    "many lines": "a\n",
}


def steps(render: Callable[[str], str], text: str) -> int:
    """How many Python lines and calls rendering `text` executes."""
    count = 0

    def trace(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        count += 1
        return trace

    sys.settrace(trace)
    try:
        render(text)
    finally:
        sys.settrace(None)
    return count


def sized(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def growth(render: Callable[[str], str], unit: str, small: int = SMALL) -> float:
    render(sized(unit, small))    # imports and caches first, so neither count includes them
    return steps(render, sized(unit, small * 10)) / steps(render, sized(unit, small))


@pytest.mark.parametrize("unit", PATTERNS.values(), ids=PATTERNS.keys())
def test_article_bodies_render_in_linear_work(unit: str):
    assert growth(render_markdown, unit) < GROWTH_LIMIT


def test_the_count_catches_markdown_it_pys_quadratic_quotes_rule():
    """The instrument check: with markdown-it-py's own rule put back, the growth is far over the limit."""
    md = _renderer()
    upstream = type(md)("commonmark", {"html": False, "typographer": True})
    upstream.enable("smartquotes")
    upstream.core.ruler.at("smartquotes", upstream_smartquotes)
    assert growth(upstream.render, PATTERNS["unbalanced quotes"], small=1_000) > 3 * GROWTH_LIMIT
