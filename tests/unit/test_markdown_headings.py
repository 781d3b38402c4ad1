"""Body headings sit below the page's h1, skip no level, and keep siblings at one level."""

from __future__ import annotations

import re

import pytest

from site_builder.markdown import render_markdown


@pytest.mark.parametrize("markdown, shown", [
    # Two subheads of one level were h2 then h3, as if the second sat under the first.
    ("### Search continues\n\ntext\n\n### Aftershocks\n\ntext", ["h2 Search continues", "h2 Aftershocks"]),
    ("## A\n\n## B\n\n### C\n\n## D", ["h2 A", "h2 B", "h3 C", "h2 D"]),
    ("# A\n\n### B\n\n### C\n\n# D", ["h2 A", "h3 B", "h3 C", "h2 D"]),     # no level skipped under A
    ("#### A\n\n## B\n\n### C", ["h2 A", "h2 B", "h3 C"]),
    ("# A\n\n## B\n\n### C\n\n#### D\n\n##### E\n\n###### F", ["h2 A", "h3 B", "h4 C", "h5 D", "h6 E", "h6 F"]),
])
def test_body_headings_make_an_outline_below_the_title(markdown: str, shown: list[str]) -> None:
    html = render_markdown(markdown)
    assert [f"{tag} {text}" for tag, text in re.findall(r"<(h\d)>([^<]*)</h\d>", html)] == shown
