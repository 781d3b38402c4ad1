"""Typographic quotes in time linear in the text, whatever the text.

markdown-it-py's own `smartquotes` core rule is quadratic on unbalanced quotes (`"a' ` repeated:
156 KB took 43 s; markdown-it JS issue 1208 is the same rule): every closing quote scans the
whole stack of unmatched openers, every token copies that stack, and every quote slices the rest
of its text and rebuilds the token's string. This is the same algorithm, decision for decision,
with those costs removed:

- the stack is popped in place (each opener is pushed and popped once), and the topmost opener
  of each kind (single or double) is found through a second, per-kind stack of positions;
- quotes are found with `pattern.search(text, pos)`, not on a slice;
- replacements are collected and each token's text is rebuilt once, at the end.

Rebuilding at the end is exact only because markdown-it's decisions look at the characters
around a quote just for "whitespace? punctuation? digit?", and a straight quote and its curly
replacement answer alike (both punctuation). `check_quotes` makes sure the configured quotes
are single punctuation characters, so that holds.
"""

from __future__ import annotations

import re
import unicodedata

from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.token import Token

_QUOTE = re.compile(r"['\"]")
APOSTROPHE = "\u2019"


def check_quotes(quotes: str) -> None:
    """Refuse quotes the linear rewrite cannot treat exactly like markdown-it's rule."""
    if len(quotes) != 4 or not all(unicodedata.category(q).startswith("P") for q in quotes):
        raise ValueError(f"typographic quotes must be four punctuation characters, not {quotes!r}")


def _is_punct(code: int) -> bool:
    return isMdAsciiPunct(code) or isPunctChar(chr(code))


def _char_before(tokens: list[Token], i: int, text: str, at: int) -> int:
    """The character before a quote; at the start of a token, the last one of the nearest
    earlier token with text on the same line; a space at the start of a line."""
    if at > 0:
        return ord(text[at - 1])
    for j in range(i - 1, -1, -1):
        if tokens[j].type in ("softbreak", "hardbreak"):
            break
        if tokens[j].content:
            return ord(tokens[j].content[-1])
    return 0x20


def _char_after(tokens: list[Token], i: int, text: str, at: int) -> int:
    """The character after a quote, looking into later tokens on the same line like _char_before."""
    if at + 1 < len(text):
        return ord(text[at + 1])
    for j in range(i + 1, len(tokens)):
        if tokens[j].type in ("softbreak", "hardbreak"):
            break
        if tokens[j].content:
            return ord(tokens[j].content[0])
    return 0x20


def _process_inlines(tokens: list[Token], quotes: str) -> None:
    # Unmatched openers, bottom to top, levels never decreasing: (token index, position, single, level).
    stack: list[tuple[int, int, bool, int]] = []
    tops: dict[bool, list[int]] = {True: [], False: []}   # stack indices of single / double openers
    edits: dict[int, dict[int, str]] = {}

    def pop_to(height: int) -> None:
        while len(stack) > height:
            entry = stack.pop()
            tops[entry[2]].pop()

    for i, token in enumerate(tokens):
        level = token.level
        height = len(stack)
        while height and stack[height - 1][3] > level:
            height -= 1
        pop_to(height)
        if token.type != "text":
            continue
        text = token.content
        match = _QUOTE.search(text)
        while match is not None:
            at = match.start()
            single = match.group() == "'"
            last = _char_before(tokens, i, text, at)
            nxt = _char_after(tokens, i, text, at)
            last_punct, next_punct = _is_punct(last), _is_punct(nxt)
            last_space, next_space = isWhiteSpace(last), isWhiteSpace(nxt)
            can_open = not (next_space or (next_punct and not (last_space or last_punct)))
            can_close = not (last_space or (last_punct and not (next_space or next_punct)))
            if nxt == 0x22 and not single and 0x30 <= last <= 0x39:
                can_open = can_close = False   # 1"" : the first quote is an inch mark
            if can_open and can_close:
                # In a run of punctuation it is replaced; in the middle of a word it is not.
                can_open, can_close = last_punct, next_punct
            match = _QUOTE.search(text, at + 1)
            if not can_open and not can_close:
                if single:
                    edits.setdefault(i, {})[at] = APOSTROPHE
                continue
            if can_close:
                same = tops[single]
                if same and stack[same[-1]][3] == level:
                    opener = stack[same[-1]]
                    open_quote, close_quote = (quotes[2], quotes[3]) if single else (quotes[0], quotes[1])
                    edits.setdefault(i, {})[at] = close_quote
                    edits.setdefault(opener[0], {})[opener[1]] = open_quote
                    pop_to(same[-1])
                    continue
            if can_open:
                tops[single].append(len(stack))
                stack.append((i, at, single, level))
            elif can_close and single:
                edits.setdefault(i, {})[at] = APOSTROPHE

    for index, changes in edits.items():
        chars = list(tokens[index].content)
        for at, char in changes.items():
            chars[at] = char
        tokens[index].content = "".join(chars)


def smartquotes(state) -> None:  # type: ignore[no-untyped-def]
    """A drop-in for markdown-it's `smartquotes` core rule."""
    if not state.md.options.typographer:
        return
    quotes = state.md.options.quotes
    for token in state.tokens:
        if token.type == "inline" and token.children is not None and _QUOTE.search(token.content):
            _process_inlines(token.children, quotes)
