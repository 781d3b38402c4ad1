"""Our linear typographic-quotes rule gives exactly markdown-it-py's output on normal text.

The reference is the same renderer with markdown-it-py's own `smartquotes` rule put back.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.rules_core.smartquotes import smartquotes as upstream_smartquotes

from site_builder.markdown import _renderer
from site_builder.smartquotes import check_quotes

REPO = Path(__file__).resolve().parents[2]


def _reference():
    md = _renderer()
    ref = type(md)("commonmark", {"html": False, "typographer": True, "linkify": False})
    ref.enable(["replacements", "smartquotes", "table", "strikethrough"])
    ref.disable(["html_block", "html_inline"])
    ref.core.ruler.at("smartquotes", upstream_smartquotes)
    ref.core.ruler.push("demote_headings", md.core.ruler.__rules__[-1].fn)
    return ref


REFERENCE = _reference()


def same(text: str) -> None:
    assert _renderer().render(text) == REFERENCE.render(text)


def test_the_rule_is_ours_and_the_reference_upstreams():
    ours = {r.name: r.fn for r in _renderer().core.ruler.__rules__}
    assert ours["smartquotes"] is not upstream_smartquotes
    assert ours["smartquotes"].__module__ == "site_builder.smartquotes"


def _texts() -> list[Path]:
    roots = [REPO / "content", REPO / "tests" / "fixtures"]
    return sorted(p for root in roots for p in root.rglob("*") if p.suffix in (".md", ".txt") and p.is_file())


@pytest.mark.parametrize("path", _texts(), ids=lambda p: p.name)
def test_the_example_site_and_the_fixtures_render_identically(path: Path):
    same(path.read_text(encoding="utf-8"))


CASES = [
    '"Hello," she said. "It\'s fine."', "'single' and \"double\"", "don't 'quote' me", '1"" and 2" tall',
    "**\"bold quote\"** and *'em'*", '"nested \'inner\' quote"', "a\"b\"c", "foo-\"-bar-\"-baz",
    '"open\nacross lines"', '"[link](http://x)"', '`"code"` "after"', "'90s rock", "rock 'n' roll",
    "\"a' " * 50, "'\"" * 40, '"' * 33, "'" * 33, '> "quote\n> in block"', "- 'item\n- item'",
    '*"a* "b*"', '"*a "b* c"', "Lee's 'view': \"no\".", "«x» \"y\" 'z'", '"\u00a0x\u00a0"', "'\u3000'",
]


@pytest.mark.parametrize("text", CASES)
def test_hand_written_cases_render_identically(text: str):
    same(text)


_WORD = st.text(alphabet="abcdeXYZ019", min_size=1, max_size=8)
_PUNCT = st.sampled_from(["'", '"', "'", '"', " ", " ", ", ", ". ", "-", "(", ")", "*", "**", "_", "`",
                          "\n", "\n\n", "> ", "- ", "[", "](u)", "!", "?", "\u2014", "\u00a0", "1", "\\"])
_PROSE = st.lists(st.one_of(_WORD, _PUNCT), max_size=80).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_PROSE)
def test_prose_with_quotes_and_markup_renders_identically(text: str):
    same(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_text_renders_identically(text: str):
    same(text)


def test_quotes_that_are_not_single_punctuation_are_refused():
    check_quotes("“”‘’")
    for bad in ("<<>>", "“”‘", "«»‹›x", "ab'\""):
        with pytest.raises(ValueError):
            check_quotes(bad)
