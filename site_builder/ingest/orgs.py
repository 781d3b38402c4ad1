"""Organisations named in a story: "the Ministry of X", "X Party", "X Council", "X Agency",
"X Yuan", "X Bureau", ... (a capitalised run ending in an organisation word), "Name (ACRONYM)"
where the acronym fits the name's initials, and the names in data/organisations.tsv (NATO, NASA,
the NBA, the Boston Celtics, central banks, wires ...), a table places.py also reads for their
countries. Read from the runs of capitalised words of namewords.py, like people (names.py).
"""

from __future__ import annotations

import re

from .namewords import (
    _CONNECTOR_WORDS,
    _ORG_HEAD_WORDS,
    _TITLE_WORDS,
    _U,
    _bare,
    _clean,
    _known_orgs,
    _place_words,
    _spans,
    _table_orgs,
)

__all__ = ["find_organizations"]

_ACRONYM_AFTER = re.compile(r"^\s*\((?P<acr>[A-Z][A-Za-z&]{1,9})\)")
_COMMA_LIST_BEFORE = re.compile(rf"((?:[{_U}][\w’'\-]*,\s+){{1,3}})$")
_ORG_OF_HEADS = frozenset("Ministry Department Office Bureau University Bank Council Committee "
                          "Commission Court Institute Academy Federation Union League Organization "
                          "Organisation Association Chamber Board Government".split())



_ORG_NOISE = frozenset("The the A An In On At By For From With And But Also Former Then Under As "
                       "Asked If When While After Before Since Meanwhile".split())


def _org_prefix(words: list[str]) -> list[str]:
    """The words before an organisation's "X of Y" head that belong to its name ("US" in "US
    Department of Commerce"): none up to a person's title ("Commerce Secretary") or up to a place
    named as possessor ("Taiwan’s Ministry of ...") or a connecting word ("Lutnick of the")."""
    single, _ = _place_words()
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        possessor = w.endswith(("’s", "'s")) and _bare(w) in single
        if w.rstrip(".") in _TITLE_WORDS or w in _CONNECTOR_WORDS or possessor:
            return words[i + 1:]
    return words


def _org_in_span(words: list[str]) -> list[str]:
    """The organisation name in a run of capitalised words, or []."""
    k = 0
    while k < len(words) and (words[k] in _ORG_NOISE or words[k] in _CONNECTOR_WORDS):
        k += 1
    words = [w.rstrip(",") for w in words[k:]]
    if not words:
        return []
    # "Ministry of Foreign Affairs", "US Department of Commerce": a head, then "of ...", up to a
    # person's title; what comes before the head stays, after any title or a place's possessive.
    of_head = next((i for i, w in enumerate(words[:-2]) if w in _ORG_OF_HEADS and words[i + 1] in ("of", "for")),
                   None)
    if of_head is not None:
        out = _org_prefix(words[:of_head]) + [words[of_head]]
        for w in words[of_head + 1:]:
            if w.rstrip(".") in _TITLE_WORDS and out[-1] not in ("of", "for", "and"):
                break                    # "... of Commerce Secretary X"; but "of Justice" is the name
            if w in ("the", "The") and out[-1] == "and":
                break                    # "Ministry of Justice and the Chinese Academy": two names
            out.append(w)
        while out[-1] in _CONNECTOR_WORDS:
            out.pop()
        return out
    heads = [i for i, w in enumerate(words) if _bare(w) in _ORG_HEAD_WORDS]
    if not heads:
        return []
    head = heads[0]
    # Extend over directly following heads ("Force Command", "Public Security Bureau").
    while head + 1 < len(words) and _bare(words[head + 1]) in _ORG_HEAD_WORDS:
        head += 1
    out = words[:head + 1]
    out[-1] = _bare(out[-1])
    # "Russia’s General Staff" -> "General Staff" (only a place is stripped as possessor:
    # "People’s Liberation Army" keeps its word).
    single, _ = _place_words()
    for i, w in enumerate(out[:-1]):
        if w.endswith(("’s", "'s")) and _bare(w) in single:
            out = out[i + 1:]
            break
    # A person's title inside means a job ("Chief of the Defence Staff"), not an organisation;
    # right before the head it is part of the name ("General Staff").
    if any(w.rstrip(".") in _TITLE_WORDS for w in out[:-2]):
        return []
    if len(out) < 2 and out[0] not in _known_orgs():
        return []
    return out


def find_organizations(text: str) -> tuple[str, ...]:
    """Organisations named in the story, in order of first mention, each once."""
    text = _clean(text)
    found: list[tuple[int, str]] = []
    acronyms: set[str] = set()
    for start, end, words in _spans(text):
        acr_m = _ACRONYM_AFTER.match(text[end:end + 14])
        org = _org_in_span(words)
        if acr_m:
            acr = acr_m.group("acr")
            if not org or (org[0][0] != acr[0] and text[max(0, start - 2):start] == ", "):
                before = _COMMA_LIST_BEFORE.search(text[max(0, start - 80):start])
                lead = before.group(1).split() if before else []
                org = _fit_acronym(lead + words, acr) or org
            if org:
                acronyms.add(acr)
                found.append((start, _join_org(text, start, end, org) + f" ({acr})"))
                continue
        if org:
            found.append((start, " ".join(org)))
        known = _known_orgs()
        for w in words:
            b = _bare(w)
            if b in known:
                found.append((start, b))
        found += [(start, name) for name in _table_names_in(words)]
    return _dedupe_orgs(found, acronyms)


def _table_names_in(words: list[str]) -> list[str]:
    """Multi-word names of the organisation table inside a run ("the Boston Celtics")."""
    _, multi, longest, firsts = _table_orgs()
    if not any(w in firsts for w in words):
        return []
    bare = [_bare(w.rstrip(",")) if k == len(words) - 1 or w.endswith(("’s", "'s", ".", ","))
            else w for k, w in enumerate(words)]
    out: list[str] = []
    i = 0
    while i < len(bare):
        for j in range(min(len(bare), i + longest), i + 1, -1):
            cand = " ".join(bare[i:j])
            if cand in multi:
                out.append(cand)
                i = j - 1
                break
        i += 1
    return out


def _join_org(text: str, start: int, end: int, org: list[str]) -> str:
    """The organisation as written (keeping commas), when it is the end of the span."""
    joined = " ".join(org)
    m = re.search(r"(?:[^\s,]+,?\s+){%d}[^\s,]+$" % (len(org) - 1), text[max(0, start - 80):end])
    if m and m.group().replace(",", "").split() == [w.rstrip(",") for w in org]:
        return m.group()
    return joined


def _fit_acronym(words: list[str], acr: str) -> list[str]:
    """The shortest tail of words whose letters spell the acronym, first letters agreeing."""
    words = [w.rstrip(",") for w in words]
    for start in range(len(words) - 1, -1, -1):
        tail = words[start:]
        if tail[0] in _ORG_NOISE or tail[0] in _CONNECTOR_WORDS or tail[0][0] != acr[0]:
            continue
        initials = "".join(w[0] for w in tail if w[0].isupper())
        if initials == acr or (_subsequence(acr.upper(), "".join(tail).upper()) and len(tail) >= len(acr) // 2):
            return tail
    return []


def _subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


def _dedupe_orgs(found: list[tuple[int, str]], acronyms: set[str]) -> tuple[str, ...]:
    """First mention order; an acronym or a shorter/longer form of a listed name is dropped
    (at one position the longer name wins: "UN Security Council" over "UN")."""
    found.sort(key=lambda f: (f[0], -len(f[1])))
    out: list[str] = []
    bases: list[str] = []
    for _, org in found:
        base = re.sub(r"\s*\([^)]*\)$", "", org)
        if org in acronyms or base in bases:
            continue
        if any(f" {base}".endswith(f" {b}") or f" {b}".endswith(f" {base}") or f" {base} " in f" {b} "
               for b in bases):
            continue
        out.append(org)
        bases.append(base)
    return tuple(out)
