"""A digest's lines -> paragraphs: one per line, or one per block of lines when the text is
hard-wrapped (~72 columns, blank lines between paragraphs). A Segment (one story) is a run of
them. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from site_builder.ingest.dates import names_a_calendar_date
from site_builder.ingest.digest import Line
from site_builder.ingest.text import (
    HEADING_WORDS,
    ends_complete,
    ends_open,
    find_kicker,
    is_cjk,
    is_credit,
    is_page_furniture,
    is_rule_line,
)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of the digest: its physical lines (non-blank only) and joined text."""

    lines: tuple[Line, ...]
    text: str
    blank_before: bool = False   # a blank line separates it from the paragraph before
    ruled_before: bool = False   # a separator line ('***', '---') parts it from the paragraph before

    @property
    def first(self) -> int:
        return self.lines[0].number

    @property
    def last(self) -> int:
        return self.lines[-1].number



@dataclass(frozen=True, slots=True)
class Segment:
    """One story: consecutive paragraphs, with why it was started (for reports and tuning)."""

    paragraphs: tuple[Paragraph, ...]
    reason: str = "start"

    @property
    def first(self) -> int:
        return self.paragraphs[0].first

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(line for p in self.paragraphs for line in p.lines)

    @property
    def last(self) -> int:
        return self.paragraphs[-1].last


def _blocks(lines: Iterable[Line]) -> tuple[list[list[Line]], frozenset[int]]:
    """Runs of non-blank lines, and the first line number of each run a separator line opens:
    a separator line ends a block as a blank line does, and is no text of any story; a web
    page's furniture (is_page_furniture) is in no block and ends none."""
    blocks: list[list[Line]] = []
    ruled: set[int] = set()
    current: list[Line] = []
    rule_seen = False
    for line in lines:
        if line.text and is_page_furniture(line.text):
            continue                     # 'Advertisement': in no story, and it parts nothing
        if line.text and not is_rule_line(line.text):
            if not current and rule_seen and blocks:
                ruled.add(line.number)
            rule_seen = False
            current.append(line)
            continue
        # A rule right under a line that ends no sentence underlines a headline ('Storm hits
        # coast' over '-----'): it parts nothing. (A story cut off mid-sentence ends anyway.)
        underline = bool(current) and not ends_complete(current[-1].text)
        rule_seen = rule_seen or (bool(line.text) and not underline)
        if current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks, frozenset(ruled)


def _is_hard_wrapped(blocks: list[list[Line]]) -> bool:
    """True when paragraphs are blocks of short lines (text wrapped at ~70 columns).

    In that layout most lines inside a block end mid-sentence and are short; in the usual
    digest layout every line is a whole paragraph.
    """
    # (a kicker's line, '【速報】日銀が追加利上げ' or '‘ABUSE OF POWER’: …', opens with a label: not
    # counted, for a short headline after the label would look like a wrapped line)
    inner = [line for block in blocks for line in block[:-1] if not find_kicker(line.text)]
    if len(inner) < 3:
        return False
    short_open = sum(1 for line in inner if len(line.text) <= 100 and not ends_complete(line.text))
    return short_open >= 0.6 * len(inner)


def _join(texts: list[str]) -> str:
    joined = texts[0]
    for piece in texts[1:]:
        glue = "" if is_cjk(joined[-1:]) and is_cjk(piece[:1]) else " "
        if joined.endswith("-") and not joined.endswith(" -") and piece[:1].islower():
            glue = ""  # a word hyphenated across the wrap
        joined += glue + piece
    return joined


def _wrap_width(blocks: list[list[Line]]) -> int:
    """The column the text was wrapped at: its longest wrapped line (lines over 100 characters
    are paragraphs left whole)."""
    return max((len(line.text) for block in blocks for line in block if len(line.text) <= 100), default=0)


def _opens_paragraph(text: str) -> bool:
    """A capital, an opening quote or a letter of a script without capitals (Chinese, Korean)."""
    first = text[:1]
    return first.isupper() or first in "“‘\"'「『(" or (first.isalpha() and not first.islower() and not first.isupper())


def _paragraph_ends(line: str, following: str, width: int) -> bool:
    """Hard-wrapped text with no blank lines: a paragraph ends at a line that ends a sentence
    before one that opens like a paragraph, or at a line the next one's first word would have
    fitted on (a wrapping tool fills every line of a paragraph but its last: so a teaser the paper
    cut off mid-sentence still ends its paragraph)."""
    if not _opens_paragraph(following):
        return False
    if ends_complete(line):
        return True
    first_word = following.split(None, 1)[0]
    return not is_cjk(line[-1:]) and len(line) + 1 + len(first_word) <= width


def is_digest_heading(text: str) -> bool:
    """The digest's own title line ('TODAY'S TOP STORIES - Thursday, December 3, 2026', 'Morning
    Briefing | 3 Dec 2026'): short, no sentence, a whole date. Asked of a digest's first paragraph."""
    return len(text) <= 120 and len(text.split()) <= HEADING_WORDS and not ends_complete(text) \
        and not ends_open(text) and not is_credit(text) and not text.lower().startswith("by ") \
        and names_a_calendar_date(text)


# A digest pasted from an email keeps the email around it: its header lines, a greeting and a
# sign-off. None is a story's text.
_EMAIL_HEADER = re.compile(r"^(?:From|Sent|Date|To|Cc|Bcc|Subject|Reply-To)\s*:\s|^-+\s*Forwarded message", re.I)
# 'Hi all,' 'Dear colleagues,' 'Good morning team:' (a comma within four words: 'Hello Kitty maker
# Sanrio said …' is a lede)
_GREETING = re.compile(r"^(?:hi|hello|dear|hey|good (?:morning|afternoon|evening))(?:\s+[\w.'’-]+){0,3}\s*[,!:—-]", re.I)
_SIGN_OFF = re.compile(r"^(?:thanks|thank you|many thanks|best|best wishes|regards|best regards|kind regards|"
                       r"cheers|sincerely)\b\s*[,.!]?(?:\s+[A-Z][\w.'’-]*){0,3}$", re.I)
_NAME_ONLY_WORDS = 3
# A newsletter's own lines around its stories: 'View this email in your browser' before them;
# '© 2026 The Daily Ledger. All rights reserved.', 'To unsubscribe, click here.' after them. Each
# is anchored to a form no story's sentence takes ('Copyright lawsuits …' has no year after it).
_NEWSLETTER_LINE = re.compile(
    r"^(?:©|\(c\)\s|copyright\s*(?:©\s*)?\d{4})"
    r"|all rights reserved\.?$"
    r"|^(?:to unsubscribe|unsubscribe (?:here|now|from|at any time)\b|click here to unsubscribe|you (?:are )?receiv\w* this (?:email|newsletter|message)"
    r"|view (?:this email|this newsletter|it|online) in (?:your |a )?browser|having trouble viewing this"
    r"|manage (?:your )?(?:preferences|subscriptions?)|forward (?:this (?:email )?)?to a friend)", re.I)
_NEWSLETTER_CHARS = 200


def _newsletter_line(text: str) -> bool:
    return len(text) <= _NEWSLETTER_CHARS and _NEWSLETTER_LINE.search(text) is not None


def story_span(found: tuple[Paragraph, ...]) -> tuple[int, int]:
    """The slice of a digest's paragraphs that holds its stories: without the digest's own heading
    line (is_digest_heading) or an email's header lines, a newsletter's lines and a greeting
    before them, and without an email's sign-off ('Thanks,' and a name) or a newsletter's
    footer (copyright, unsubscribe) after them. Pure."""
    start, end = 0, len(found)
    while start < end and (_EMAIL_HEADER.match(found[start].text) or _newsletter_line(found[start].text)):
        start += 1
    while end > start + 1 and _newsletter_line(found[end - 1].text):
        end -= 1
    if start < end - 1 and _GREETING.match(found[start].text) and len(found[start].text) <= 120:
        start += 1
    if start < end - 1 and is_digest_heading(found[start].text):
        start += 1
    last = found[end - 1].text if end > start + 1 else ""
    if last and len(last.split()) <= _NAME_ONLY_WORDS and not ends_complete(last) \
            and _SIGN_OFF.match(found[end - 2].text) and end - 2 > start:
        end -= 2                                   # 'Thanks,' then 'Mei'
    elif last and _SIGN_OFF.match(last):
        end -= 1                                   # 'Best regards, Mei'
    return start, end


def paragraphs(lines: tuple[Line, ...]) -> tuple[Paragraph, ...]:
    """Lines -> paragraphs: one per non-blank line, or per block when the text is hard-wrapped;
    separator lines, the digest's own heading line and an email's wrapping (story_span) are in none."""
    found = all_paragraphs(lines)
    start, end = story_span(found)
    return found[start:end]


def all_paragraphs(lines: tuple[Line, ...]) -> tuple[Paragraph, ...]:
    """Every paragraph, the digest's heading line too (separator lines are in none)."""
    blocks, ruled = _blocks(lines)
    if _is_hard_wrapped(blocks):
        result = []
        # Without blank lines the only paragraph ends are lines that end a sentence and are
        # followed by a capital; with them, the blocks are the paragraphs.
        split_sentences = len(blocks) == 1
        width = _wrap_width(blocks)
        for block in blocks:
            # Credit lines stay paragraphs of their own even inside a block.
            run: list[Line] = []
            for line in block:
                if split_sentences and run and _paragraph_ends(run[-1].text, line.text, width):
                    result.append(Paragraph(tuple(run), _join([x.text for x in run])))
                    run = []
                # A line opening in small letters inside a block carries on the line before
                # ("by Taiwan’s Coast Guard, which …"), whatever it looks like on its own.
                continues = bool(run) and line.text[:1].islower()
                credit = is_credit(line.text) and not continues
                if credit or find_kicker(line.text) and run:
                    if run:
                        result.append(Paragraph(tuple(run), _join([x.text for x in run])))
                    run = []
                    if credit:
                        result.append(Paragraph((line,), line.text))
                        continue
                run.append(line)
            if run:
                result.append(Paragraph(tuple(run), _join([x.text for x in run])))
        return tuple(replace(p, ruled_before=True) if p.first in ruled else p for p in result)
    return tuple(Paragraph((line,), line.text, i == 0 and n > 0, i == 0 and line.number in ruled)
                 for n, block in enumerate(blocks) for i, line in enumerate(block))
