"""The date a story happened, from the words of its lede.

A digest is an edition: its stories are dated the edition date unless the lede dates the story
itself. Rules (the first dating expression in the first two sentences wins):
- "yesterday", "last night", 昨天/昨日/昨晚 = edition - 1; "the day before yesterday", 前天 = - 2.
- "today", "this morning", "tonight", 今天/今日 = the edition.
- A weekday ("on Sunday", "Sunday", "last Sunday", 週日/周日/星期日/上週日) = the latest such
  day before the edition. A weekday equal to the edition's own weekday means the edition day
  (a Sunday paper saying "on Sunday" reports today; wire copy is dated the day it is filed),
  except after "last", which means a week before.
- Explicit dates: "April 24", "24 April", "April 24, 2025", "Apr. 24", "2025-04-24",
  "2025年4月24日", "4月24日", and the Taiwanese-press "24日" (day of the edition's month).
  Without a year, the year that puts the date on or before the edition. A date more than 31
  days before the edition is background ("the May 20 cyberattack"), not the story's date.
- French, Spanish, German, Portuguese and Italian "yesterday", "today" and weekday names are
  read the same way (hier/ayer/gestern/ontem/ieri; lundi/lunes/Montag ...), for sites in those
  languages.
- "on Sunday last week" = that day of the week before the edition's (weeks start on Sunday);
  "on Wednesday night and yesterday" = the later of the two.
- Explicit dates in French, Spanish, Portuguese, Italian and German ("el 3 de enero",
  "le 3 janvier", "am 3. Januar"), and Korean 어제/그제/오늘, "10월 9일", "9일", "지난 일요일".
- Sentences come from ingest's one splitter (text.sentence_spans): a deck line without a full
  stop is its own sentence, so its "would ... next week" does not make the lede's "on
  Wednesday" future.
- "tomorrow" in the lede's first sentence ("The Assembly is to open in Geneva tomorrow") = the
  edition + 1: the story is about that event. Not in a later sentence, nor after from/until/by.
- Otherwise future tense does not date a story: a date after the edition, "next Friday", "this Friday",
  or a date after will/would/'ll/is due to/is set to/is expected to/plans to/scheduled/ahead
  of/from/until/by/starting (and 將/将/會/会/預計/预计/明天/下週). The scan then moves on to
  the next expression.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .text import sentence_spans

__all__ = ["story_date"]

BACKGROUND_DAYS = 31
LEDE_SENTENCES = 2
LEDE_MAX_CHARS = 600

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_ZH_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}

# Weekdays in French, Spanish, German, Portuguese and Italian -> Monday=0 ... Sunday=6.
_X_WEEKDAYS = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "lunes": 0, "martes": 1, "miércoles": 2, "jueves": 3, "viernes": 4, "sábado": 5, "domingo": 6,
    "Montag": 0, "Dienstag": 1, "Mittwoch": 2, "Donnerstag": 3, "Freitag": 4, "Samstag": 5,
    "Sonntag": 6, "segunda-feira": 0, "terça-feira": 1, "quarta-feira": 2, "quinta-feira": 3,
    "sexta-feira": 4, "lunedì": 0, "martedì": 1, "mercoledì": 2, "giovedì": 3, "venerdì": 4,
    "sabato": 5, "domenica": 6,
}
_X_WEEKDAY_RE = "|".join(sorted(map(re.escape, _X_WEEKDAYS), key=len, reverse=True))

# Month names in French, Spanish, Portuguese, Italian and German ("el 3 de enero", "le 3 janvier",
# "am 3. Januar"); matched without regard to case.
_X_MONTHS = {name: k for k, names in enumerate((
    "janvier enero janeiro gennaio januar", "février fevrier febrero fevereiro febbraio februar",
    "mars marzo março marco märz", "avril abril aprile april", "mai mayo maio maggio",
    "juin junio junho giugno juni", "juillet julio julho luglio juli",
    "août aout agosto august", "septembre septiembre setiembre setembro settembre september",
    "octobre octubre outubro ottobre oktober", "novembre noviembre novembro november",
    "décembre decembre diciembre dezembro dicembre dezember"), start=1) for name in names.split()}
_X_MONTH_RE = "|".join(sorted(map(re.escape, _X_MONTHS), key=len, reverse=True))
_KO_WEEKDAY = {"월": 0, "화": 1, "수": 2, "목": 3, "금": 4, "토": 5, "일": 6}

_MONTH_RE = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
             r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# One alternation, one pass; the named group says which rule matched.
_EXPR_SOURCE = (
    r"(?P<dby>\bthe day before yesterday\b)"
    r"|(?P<tmrw>\b[Tt]omorrow\b(?![’']s))"
    r"|(?P<yday>\byesterday\b|\blast night\b|\bYesterday\b|\bLast night\b)"
    r"|(?P<today>\b(?:today|Today|this (?:morning|afternoon|evening)|tonight|Tonight)\b)"
    rf"|(?P<iso>\b(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})\b)"
    rf"|(?P<mdy>\b(?P<m1>{_MONTH_RE})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>\d{{4}})\b)?)"
    rf"|(?P<dmy>\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_RE})(?:\s+(?P<y2>\d{{4}})\b)?)"
    rf"|(?P<wd>\b(?P<wmod>(?:[Ll]ast|[Nn]ext|[Tt]his|[Oo]n)\s+)?(?P<wday>{_WEEKDAY_RE})\b)"
    r"|(?P<zhdate>(?:(?P<zy>\d{4})年)?(?P<zm>\d{1,2})月(?P<zd>\d{1,2})[日號号])"
    r"|(?P<zhday>(?<![\d月年])(?P<zd2>\d{1,2})日)"
    r"|(?P<zhyday>昨天|昨日|昨晚|昨晨)|(?P<zhdby>前天)|(?P<zhtoday>今天|今日|今晨|今早)"
    r"|(?P<zhwd>(?P<zwmod>上|下|本|這|这)?(?:週|周|星期|禮拜|礼拜)(?P<zwd>[一二三四五六日天]))"
    r"|(?P<zhfut>明天|明日|後天|后天)"
    # Other languages of the site (fr, es, de, pt, it): yesterday, today, weekdays.
    r"|(?P<xyday>\b(?:[Hh]ier|[Aa]yer|[Gg]estern|[Oo]ntem|[Ii]eri)\b)"
    r"|(?P<xtoday>\b(?:[Aa]ujourd’hui|[Aa]ujourd'hui|[Hh]oy|[Hh]eute|[Hh]oje|[Oo]ggi)\b)"
    rf"|(?P<xwd>\b(?P<xwday>{_X_WEEKDAY_RE})\b(?P<xnext>\s+(?:prochain|prochaine|próximo|próxima|que vem|prossimo|prossima))?)"
    rf"|(?P<xdate>\b(?P<xd>\d{{1,2}})(?:er|º|°|\.)?\s+(?:de\s+)?(?P<xm>(?i:{_X_MONTH_RE}))\b(?:\s+(?:de\s+)?(?P<xy>\d{{4}})\b)?)"
)
_EXPR = re.compile(_EXPR_SOURCE)
# Korean, in a second pattern used only for text with Hangul (every alternative costs time at
# every character of every lede).
_EXPR_KO = re.compile(_EXPR_SOURCE + (
    # Korean: 어제 (yesterday), 그제/그저께 (the day before), 오늘 (today), 10월 9일, 9일, 지난 일요일.
    r"|(?P<koyday>어제|어젯밤)|(?P<kodby>그제|그저께)|(?P<kotoday>오늘)"
    r"|(?P<kodate>(?:(?P<ky>\d{4})년\s*)?(?P<km>\d{1,2})월\s*(?P<kd>\d{1,2})일)"
    r"|(?P<koday>(?<![\d월])(?P<kd2>\d{1,2})일(?!\s*[동간째]))"
    r"|(?P<kowd>(?P<kwmod>지난\s*|다음\s*|이번\s*)?(?P<kwd>[월화수목금토일])요일)"
))
_HANGUL = re.compile(r"[\uac00-\ud7af]")
# "on Sunday last week" is the Sunday of the week before; "on Wednesday night and yesterday"
# is the later of the two (a story running into the edition's eve).
_LAST_WEEK_AFTER = re.compile(r"\s+last week\b")
_AND_AFTER = re.compile(r"(?:\s+(?:night|morning|afternoon|evening))?\s+(?:and|into)\s+")

# Words before an expression that put it in the future (checked in the same clause).
_FUTURE_BEFORE = re.compile(
    r"(?:\bwill\b|\bwould\b|’ll\b|'ll\b|\bshall\b|\bis due\b|\bare due\b|\bdue to\b|\bset to\b|"
    r"\bexpected to\b|\bplans? to\b|\bplanned\b|\bscheduled\b|\bto be held\b|\bgoing to\b|"
    r"\bintends? to\b|\bupcoming\b|\bva\b|\bvont\b|\bsera\b|\bdevrait\b|\bserá\b|\bva a\b|"
    r"\bwird\b|\bsoll\b|\bprévu\b|\bprevisto\b|將|将|會|会|預計|预计|計畫|计划|準備|准备|預定|预定|即將|即将|擬|拟)"
    r"[^,;:.。，；]{0,60}$"
    # These only when right before the date: "from Friday", "by April 30", "ahead of Sunday's".
    r"|\b(?:[Ff]rom|[Uu]ntil|[Tt]ill|[Bb]y|[Ss]tarting|[Bb]eginning|[Aa]head of|[Bb]efore|[Aa]s of|"
    r"[Ee]ffective|[Dd]eadline of)\s+(?:(?:on|next|this)\s+)?$"
)
# Words after a weekday that make it not a date ("Black Friday" is caught before).
_NOT_A_DAY_BEFORE = re.compile(r"(?:Black|Good|Super|Cyber|Bloody|Ash|Easter|Palm|Holy)\s+$")



def names_a_calendar_date(text: str) -> bool:
    """A whole date: with its year ('December 3, 2026', '3 Dec 2026', '2026-12-03', '2026年12月3日')
    or its weekday ('Thursday, December 3'), as a digest's own heading gives it."""
    weekday = False
    month_day = False
    for m in _EXPR.finditer(text):
        if m.group("iso") or m.group("y1") or m.group("y2") or m.group("xy") or m.group("zy"):
            return True
        weekday = weekday or bool(m.group("wd") and not m.group("wmod")) or bool(m.group("xwd"))
        month_day = month_day or bool(m.group("mdy") or m.group("dmy") or m.group("xdate") or m.group("zhdate"))
    return weekday and month_day


def _lede_sentences(text: str) -> list[str]:
    """The lede's sentences: up to LEDE_SENTENCES complete ones (a deck or kicker line without a
    full stop rides along uncounted), at most LEDE_MAX_CHARS in all. The splitter is ingest's
    one (text.sentence_spans), so abbreviations ("Gen.", "Sept.") and line breaks are read
    the same way as for names."""
    out: list[str] = []
    used = count = 0
    for start, end in sentence_spans(text[:LEDE_MAX_CHARS * 2]):
        piece = text[start:min(end, start + LEDE_MAX_CHARS - used)]
        if not piece:
            break
        out.append(piece)
        used += len(piece)
        if _COMPLETE.search(piece):
            count += 1
        if count >= LEDE_SENTENCES or used >= LEDE_MAX_CHARS:
            break
    return out


_COMPLETE = re.compile(r"[.!?…。！？][\"'”’»)）」』]*$")


def _latest_weekday(edition: date, weekday: int, *, strictly_before: bool) -> date:
    back = (edition.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return edition - timedelta(days=back)


def _in_week_before(edition: date, weekday: int) -> date:
    """That weekday in the week before the edition's, weeks starting on Sunday as newspaper
    calendars print them: from a Monday paper "on Wednesday last week" is five days back and
    "on Sunday last week" eight (not the eve: that Sunday starts this week)."""
    this_week = edition - timedelta(days=(edition.weekday() + 1) % 7)
    return this_week - timedelta(days=7) + timedelta(days=(weekday + 1) % 7)


def _month_day(edition: date, month: int, day: int, year: int | None) -> date | None:
    """The date, or None when it is invalid, in the future, or long past (background)."""
    try:
        if year is None:
            found = date(edition.year, month, day)
            if found > edition:
                # A date after the edition: last year's if far off, else the future.
                if (found - edition).days <= 180:
                    return None
                found = date(edition.year - 1, month, day)
        else:
            found = date(year, month, day)
    except ValueError:
        return None
    if found > edition or (edition - found).days > BACKGROUND_DAYS:
        return None
    return found


def _day_of_month(edition: date, day: int) -> date | None:
    """"24日": that day of the edition's month, or of the month before when it is later."""
    month, year = edition.month, edition.year
    if day > edition.day:  # last month's
        month, year = (12, year - 1) if month == 1 else (month - 1, year)
    return _month_day(edition, month, day, year)


def _resolve(m: re.Match[str], edition: date) -> date | None:
    kind = m.lastgroup
    g = m.group
    if kind in ("dby", "zhdby"):
        return edition - timedelta(days=2)
    if kind in ("yday", "zhyday"):
        return edition - timedelta(days=1)
    if kind in ("today", "zhtoday"):
        return edition
    if kind == "iso":
        try:
            found = date(int(g("iy")), int(g("im")), int(g("id")))
        except ValueError:
            return None
        return _month_day(edition, found.month, found.day, found.year)
    if kind == "mdy":
        return _month_day(edition, _MONTHS[g("m1").rstrip(".").lower()], int(g("d1")),
                          int(g("y1")) if g("y1") else None)
    if kind == "dmy":
        return _month_day(edition, _MONTHS[g("m2").rstrip(".").lower()], int(g("d2")),
                          int(g("y2")) if g("y2") else None)
    if kind == "wd":
        mod = (g("wmod") or "").strip().lower()
        if mod in ("next", "this"):
            return None
        return _latest_weekday(edition, _WEEKDAYS.index(g("wday").lower()), strictly_before=mod == "last")
    if kind == "zhdate":
        return _month_day(edition, int(g("zm")), int(g("zd")), int(g("zy")) if g("zy") else None)
    if kind == "zhday":
        return _day_of_month(edition, int(g("zd2")))
    if kind == "zhwd":
        mod = g("zwmod") or ""
        if mod in ("下", "本", "這", "这"):
            return None
        return _latest_weekday(edition, _ZH_WEEKDAY[g("zwd")], strictly_before=mod == "上")
    if kind == "xyday":
        return edition - timedelta(days=1)
    if kind == "xtoday":
        return edition
    if kind == "xwd":
        if g("xnext"):
            return None
        return _latest_weekday(edition, _X_WEEKDAYS[g("xwday")], strictly_before=False)
    if kind == "xdate":
        return _month_day(edition, _X_MONTHS[g("xm").lower()], int(g("xd")), int(g("xy")) if g("xy") else None)
    if kind == "koyday":
        return edition - timedelta(days=1)
    if kind == "kodby":
        return edition - timedelta(days=2)
    if kind == "kotoday":
        return edition
    if kind == "kodate":
        return _month_day(edition, int(g("km")), int(g("kd")), int(g("ky")) if g("ky") else None)
    if kind == "koday":
        return _day_of_month(edition, int(g("kd2")))
    if kind == "kowd":
        mod = (g("kwmod") or "").strip()
        if mod in ("다음", "이번"):
            return None
        return _latest_weekday(edition, _KO_WEEKDAY[g("kwd")], strictly_before=mod == "지난")
    return None  # zhfut: tomorrow never dates a story


def _is_future(text: str, start: int) -> bool:
    before = text[max(0, start - 80):start]
    return bool(_FUTURE_BEFORE.search(before))


def story_date(text: str, edition: date) -> date:
    """The date a story reports on: the edition date unless its lede says otherwise."""
    for index, sentence in enumerate(_lede_sentences(text)):
        found = _sentence_date(sentence, edition, first=index == 0)
        if found is not None:
            return found
    return edition


# "The Assembly is to open in Geneva tomorrow": an event the lede's first sentence announces
# for tomorrow is dated tomorrow (the story is about it). Not in a later sentence ("trains will
# run from tomorrow morning"), and not right after from/until/by.
_TOMORROW_NOT_AFTER = re.compile(r"\b(?:[Ff]rom|[Uu]ntil|[Tt]ill|[Bb]y|[Ss]tarting|[Bb]eginning|"
                                 r"[Aa]head of|[Bb]efore|[Aa]s of|[Ee]ffective)\s+$")


_RELATIVE = frozenset({"dby", "yday", "today", "zhyday", "zhdby", "zhtoday", "xyday", "xtoday",
                       "koyday", "kodby", "kotoday"})


def _sentence_date(lede: str, edition: date, *, first: bool = True) -> date | None:
    """The first dating expression of one sentence that is not in the future (the future
    check never looks into the sentence before); "tomorrow" only in the lede's first."""
    expr = _EXPR_KO if _HANGUL.search(lede) else _EXPR
    for m in expr.finditer(lede):
        if m.lastgroup == "zhfut":
            continue
        if m.lastgroup == "tmrw":
            if first and not _TOMORROW_NOT_AFTER.search(lede, max(0, m.start() - 16), m.start()):
                return edition + timedelta(days=1)
            continue
        if m.lastgroup == "wd" and _NOT_A_DAY_BEFORE.search(lede[max(0, m.start() - 8):m.start()]):
            continue
        if m.lastgroup not in _RELATIVE and _is_future(lede, m.start()):
            continue
        found = _resolve(m, edition)
        if found is None:
            continue
        if m.lastgroup == "wd" and _LAST_WEEK_AFTER.match(lede, m.end()):
            found = _in_week_before(edition, found.weekday())
        joined = _AND_AFTER.match(lede, m.end())
        if joined:
            nxt = expr.match(lede, joined.end())
            later = _resolve(nxt, edition) if nxt and nxt.lastgroup != "zhfut" else None
            if later is not None and later > found:
                found = later
        return found
    return None
