"""The oracle of the 'nothing lost' properties: which of a digest's lines a story must hold."""

from __future__ import annotations

from site_builder.ingest.digest import Line
from site_builder.ingest.paragraphs import all_paragraphs, story_span
from site_builder.ingest.text import is_page_furniture, is_rule_line


def story_line_numbers(lines: tuple[Line, ...]) -> list[int]:
    """Every non-blank line but a separator line ('***', which parts stories and belongs to none)
    or a web page's furniture ('Advertisement', anywhere),
    the digest's own heading and the email around the stories (header, greeting, sign-off); those
    only before the first story line or after the last."""
    expected = [line.number for line in lines
                if line.text and not is_rule_line(line.text) and not is_page_furniture(line.text)]
    found = all_paragraphs(lines)
    start, end = story_span(found)
    outside = {line.number for p in found[:start] + found[end:] for line in p.lines}
    expected = [n for n in expected if n not in outside]
    assert all(not expected or n < expected[0] or n > expected[-1] for n in outside), "left out mid-digest"
    return expected
