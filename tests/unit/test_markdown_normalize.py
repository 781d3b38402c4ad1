"""markdown.py's normalize rule (a cheaper stand-in for markdown-it's) gives markdown-it's result."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt
from markdown_it.rules_core.normalize import normalize as markdown_it_normalize
from markdown_it.rules_core.state_core import StateCore

from site_builder.markdown import _normalize

CASES = ["", "plain\n\ntext\n", "a\r\nb", "a\rb", "a\r\r\nb\n\r", "\r\n\r\n\r", "x\0y\0", "\0\r\n\0\r", "é\u2028\x85\r"]


@pytest.mark.parametrize("text", CASES)
def test_normalize_as_markdown_it_does(text: str):
    md = MarkdownIt("commonmark")
    ours, theirs = StateCore(text, md, {}), StateCore(text, md, {})
    _normalize(ours)
    markdown_it_normalize(theirs)
    assert ours.src == theirs.src
