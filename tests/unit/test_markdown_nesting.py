"""Deep nesting loses no text: markdown-it drops the rest of a document past its nesting limit
(20 levels); our renderer keeps it, as text, and renders ordinary nesting exactly as before."""

from __future__ import annotations

import re
from html import unescape

import pytest
from markdown_it import MarkdownIt

from site_builder.markdown import render_markdown


def words(html: str) -> list[str]:
    return re.findall(r"[a-z]+\d*", unescape(re.sub(r"<[^>]+>", " ", html)))


DEEP = {
    "blockquotes": "> " * 30 + "deep words\n" + "> " * 30 + "more words\n\nafter the quote\n",
    "run-together blockquotes": ">" * 40 + " deep words\n\nafter the quote\n",
    "bullets on one line": "- " * 30 + "deep words\n\nafter the list\n",
    "numbers on one line": "1. " * 30 + "deep words\n\nafter the list\n",
    "indented lists": "".join("  " * i + f"- item{i}\n" for i in range(40)) + "\nafter the list\n",
    "quotes in lists": "".join("  " * i + f"- > item{i}\n" for i in range(25)) + "\nafter the list\n",
}


@pytest.mark.parametrize("text", DEEP.values(), ids=DEEP.keys())
def test_no_word_is_lost_however_deep(text: str):
    expected = words(text.replace(">", " ").replace("-", " "))
    assert words(render_markdown(text)) == expected
    # markdown-it itself drops them: this is what the rule is for.
    assert words(MarkdownIt("commonmark").render(text)) != expected


@pytest.mark.parametrize("depth", [1, 4, 8])
def test_ordinary_nesting_renders_as_markdown_it_does(depth: int):
    reference = MarkdownIt("commonmark", {"typographer": True})
    reference.enable(["replacements", "smartquotes", "table", "strikethrough"])
    for text in ("> " * depth + "quoted\n\nafter\n", "".join("  " * i + f"- item{i}\n" for i in range(depth)),
                 "- " * depth + "x\n"):
        assert render_markdown(text) == reference.render(text)
