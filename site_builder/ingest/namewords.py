"""What finding people and organisations share: runs of capitalised words, sentence by
sentence, and the word lists both read (titles, given names, organisation heads, the table of
organisations a news desk meets daily).

A run of capitalised words is found by one fast regex inside each sentence (text.sentence_spans,
ingest's one splitter: a run never crosses a full stop, so "... Suhua Highway. The National Fire
Agency" is two runs); names.py reads people from the runs and orgs.py organisations. Photo and
reporting credits ("Photo: EPA-EFE", "Additional reporting by ...") are taken out first.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

from .text import sentence_spans

__all__ = ["organisation_bases", "organisation_table"]

_U = "A-ZÀ-ÖØ-ÞĀ-ſ"          # upper-case letters (Latin Extended-A mixes cases; good enough)

# Titles and roles that introduce a person's name. Capitalised ones are matched by their last
# word inside a run ("Foreign Minister" -> "Minister"); lower-case ones just before a run.
_TITLES = """
President|Vice President|Prime Minister|Deputy Prime Minister|Premier|Vice Premier|Chancellor|
Minister|Foreign Minister|Defense Minister|Defence Minister|Finance Minister|Interior Minister|
Economy Minister|Health Minister|Justice Minister|Secretary|Secretary of State|Secretary-General|
Deputy Secretary-General|Director-General|Director|Deputy Director|Chairman|Chairwoman|Chairperson|
Chair|Speaker|Deputy Speaker|Governor|Mayor|Deputy Mayor|Senator|Sen\\.|Representative|Rep\\.|
Congressman|Congresswoman|Legislator|Councilor|Councillor|Commissioner|Ambassador|Envoy|
King|Queen|Prince|Princess|Emperor|Pope|Cardinal|Archbishop|Bishop|Rabbi|Imam|Sheikh|
Judge|Justice|Chief Justice|Prosecutor|Attorney General|Attorney-General|Admiral|General|Gen\\.|
Major General|Lieutenant General|Lieutenant|Lt\\.|Colonel|Col\\.|Major|Maj\\.|Captain|Capt\\.|
Sergeant|Sgt\\.|Commander|Chief|Chief Executive|CEO|Professor|Prof\\.|Dr\\.?|Mr\\.?|Mrs\\.?|Ms\\.?|
Sir|Dame|Lord|Lady|Coach|Detective|Inspector|Officer|Superintendent|Spokesperson|Spokesman|
Spokeswoman|Leader|Opposition Leader|Founder|Dean|Rector|Principal|Sister|Father|Brother|
president|vice president|premier|minister|foreign minister|secretary|secretary-general|
spokesperson|spokesman|spokeswoman|envoy|aide|adviser|advisor|leader|lawmaker|legislator|
councilor|mayor|governor|chairman|chairwoman|chief|director|ambassador|commander|official|
judge|prosecutor|lawyer|attorney|professor|researcher|analyst|economist|scientist|author|
coach|striker|midfielder|defender|goalkeeper|captain|player|singer|actor|actress|artist|
novelist|writer|journalist|reporter|correspondent|editor|photographer|activist|campaigner|
founder|chief executive|CEO|manager|head|deputy head|owner|resident|survivor|victim|witness|
suspect|student|teacher|doctor|nurse|farmer|entrepreneur|billionaire|candidate|challenger|
incumbent|rival|counterpart|predecessor|successor|colleague|wife|husband|son|daughter|mother|
father|brother|sister|named|identified as|nicknamed|forward|guard|centre|center|pitcher|
quarterback|star|teammate|winger|batter|rookie|veteran|champion|swimmer|sprinter|cyclist|
runner|skater|gymnast|boxer|golfer|astronaut|administrator
"""

# Given names frequent in international news: a run starting with one is a person.
_GIVEN_NAMES = frozenset("""
Abdul Abdullah Adam Ahmed Alan Alex Alexander Alexei Alexey Ali Alice Amanda Amy Andrew Andrei
Andrzej Angela Ann Anna Anne Anthony Antonio Antony Ashraf Barack Ben Benjamin Bernie Bill Boris
Brian Carlos Catherine Charles Chris Christian Christine Christopher Claudia Daniel David Dmitry
Donald Elizabeth Elon Emmanuel Emily Eric Fatima Francis Frank Friedrich Fumio George Gabriel
Hassan Heinrich Helen Hillary Hugh Hussein Ibrahim Igor Ivan Jacinda Jack James Jane Janet Javier
Jean Jeff Jennifer Jens Jerome Jim Joe John Jonathan Jose José Joseph Juan Julia Justin Kamala
Karen Karl Keir Kevin Kim Kirill Klaus Kristi Laura Lee Liz Luis Luiz Lula Marco Maria Marie
Mark Martin Mary Matteo Maxim Michael Michel Mike Mikhail Mohammed Muhammad Narendra Nancy Nicolas
Nikolai Olaf Olena Oleksandr Olga Pablo Paul Pedro Pete Peter Pierre Rachel Rafael Recep Richard
Rishi Robert Roman Ron Ruth Sam Samuel Sarah Scott Sergei Sergey Shigeru Shinzo Simon Sophie Stephen
Steve Steven Susan Thomas Tim Tom Tony Ursula Valentina Valery Viktor Vladimir Volodymyr William
Xi Yaroslav Yoon Yuri Julian Lionel Kathy Fernando Muhammad Anthony Ursula Claudia Kathy Yulia Yury Zhang Hamid Kofi Cyril Bola Abiy Paul William Gustavo Javier Nayib
Gabriel Claudia Ignacio Dilma Jair Benjamin Isaac Yair Ayatollah Ali Masoud Recep Mette Ulf Petteri
""".split())

# Words that end an organisation's name.
_ORG_HEADS = """
Ministry|Department|Office|Agency|Bureau|Council|Committee|Commission|Party|Parliament|Assembly|
Congress|Senate|Court|Tribunal|Yuan|Army|Navy|Air Force|Forces|Force|Guard|Police|Service|
Administration|Authority|Institute|Institution|University|College|Academy|School|Hospital|
Foundation|Association|Federation|Union|League|Alliance|Organization|Organisation|Fund|Bank|
Group|Company|Corporation|Corp\\.?|Inc\\.?|Ltd\\.?|Co\\.|Holdings|Network|Times|News|Post|Agency|
Board|Cabinet|Directorate|Staff|Command|Front|Movement|Coalition|Centre|Center|Club|Society|
Secretariat|Exchange|Reserve|Prosecutors Office|Prosecutors’ Office|Church|Brigade|Battalion|
Regiment|Division|Corps|Commission|Times|Herald|Journal|Broadcasting Corporation|Airlines|Airways|
Motors|Electronics|Semiconductor Manufacturing Company|Pharmaceuticals|Energy|Petroleum|Oil|
Survey|Observatory|Laboratory|Palace
"""

@lru_cache(maxsize=1)
def organisation_table() -> tuple[tuple[str, str | None], ...]:
    """(name, ISO country or None) rows of data/organisations.tsv: the organisations and teams
    a news desk meets daily (space agencies, leagues and clubs, UN bodies, central banks,
    wires). A data table, so that teaching ingest a name is a one-line edit."""
    rows: list[tuple[str, str | None]] = []
    text = files(__package__).joinpath("data", "organisations.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, country, *_ = (line.split("\t") + ["-"])[:3]
        rows.append((name.strip(), None if country.strip() in ("", "-") else country.strip()))
    return tuple(rows)


@lru_cache(maxsize=1)
def organisation_bases() -> dict[str, str]:
    """Name -> the base country (fourth column) of the table's companies that have one."""
    bases: dict[str, str] = {}
    text = files(__package__).joinpath("data", "organisations.tsv").read_text("utf-8")
    for line in text.splitlines():
        fields = line.split("\t")
        if not line.startswith("#") and len(fields) >= 4 and fields[3].strip():
            bases[fields[0].strip()] = fields[3].strip()
    return bases


@lru_cache(maxsize=1)
def _table_orgs() -> tuple[frozenset[str], dict[str, str], int, frozenset[str]]:
    """(single-word names, multi-word names, longest name in words, their first words)."""
    single = {name for name, _ in organisation_table() if " " not in name}
    multi = {name: name for name, _ in organisation_table() if " " in name}
    longest = max((len(n.split()) for n in multi), default=1)
    return frozenset(single), multi, longest, frozenset(n.split()[0] for n in multi)


def _known_orgs() -> frozenset[str]:
    return _table_orgs()[0]

# Wire datelines credit an agency: "NAIROBI, Kenya (AP) —", "BRASILIA (Reuters) -".
_DATELINE_CREDIT = re.compile(
    r"\((?:AP|Reuters|AFP|Bloomberg|CNA|dpa|EFE|Xinhua|Kyodo|Yonhap|ANSA|PA|UPI)\)\s*[—–-]+")
_CREDIT_LINE = re.compile(
    r"^\s*(?:Photo|Photos|Photograph|Image|Images|Graphic|Video|Picture|Pictures|Source|Credit)s?"
    r"(?:\s+credit)?\s*[:：].*$|^\s*(?:Additional reporting|Reporting|Writing|Editing) by\b.*$|"
    r"^\s*[-—–]\s*(?:Reuters|AFP|AP|Bloomberg|CNA|EPA-EFE|Xinhua)\s*$",
    re.M)
# The head word of each capitalised title ("Minister" of "Foreign Minister"; not "Foreign").
_TITLE_WORDS = frozenset(t.strip().split()[-1].rstrip(".\\") for t in _TITLES.split("|")
                         if t.strip()[:1].isupper())
_WORD_CHARS = rf"[{_U}][\w’'.\-]*"
# A run of capitalised words joined by single spaces and a few lower-case connectors.
# The first capital comes before the look-behind (one character longer) that checks what precedes
# it: a pattern that opens with a character class is scanned for in C (2x faster, same matches).
_SPAN_RE = re.compile(
    rf"[{_U}](?<![\w’'\-].)[\w’'.\-]*(?:[ \u00a0](?:(?:of|for|and|the|on|de|da|del|der|van|von|bin|al)[ \u00a0])*"
    rf"{_WORD_CHARS})*")
_POSSESSIVE = re.compile(r"[’']s?$")
_ORG_HEAD_WORDS = frozenset(w for h in _ORG_HEADS.split("|") for w in [h.strip().split()[-1].rstrip(".\\?")] if w)
_CONNECTOR_WORDS = frozenset("of for and the on de da del der van von bin al".split())


@lru_cache(maxsize=8)
def _clean(text: str) -> str:
    """Drop credit lines; they name agencies, not the story's organisations or people.
    Cached: people and organisations read the same story."""
    return _DATELINE_CREDIT.sub(" — ", _CREDIT_LINE.sub("", text))


@lru_cache(maxsize=1)
def _place_words() -> tuple[frozenset[str], frozenset[str]]:
    """(single words that name a country, demonym or institution; every gazetteer name)."""
    from . import places
    gaz = places._gazetteer().latin
    single = {k for table in (places._COUNTRY_ALIASES, places._INSTITUTIONS, places._DEMONYMS)
              for k in table if " " not in k}
    single |= {k for k, _ in places._pycountry_names() if " " not in k}
    return frozenset(single - _GIVEN_NAMES), frozenset(gaz)


def _spans(text: str) -> list[tuple[int, int, list[str]]]:
    """Runs of capitalised words, never across a sentence break: "... Suhua Highway. The
    National Fire Agency" is two runs (ingest's one splitter, text.sentence_spans)."""
    return [(start, end, list(words)) for start, end, words in _frozen_spans(text)]


@lru_cache(maxsize=8)
def _frozen_spans(text: str) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
    """_spans, cached for the story at hand (people and organisations read the same text);
    frozen, so that no caller can change what the next one reads."""
    out: list[tuple[int, int, tuple[str, ...]]] = []
    for start, end in sentence_spans(text):
        out += [(m.start(), m.end(), tuple(m.group().split())) for m in _SPAN_RE.finditer(text, start, end)]
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def _bare(word: str) -> str:
    """The word without a possessive or full stop ("Trump’s" -> "Trump"). Cached: names read
    each capitalised word several times, and a story's names repeat."""
    return _POSSESSIVE.sub("", word).rstrip(".")
