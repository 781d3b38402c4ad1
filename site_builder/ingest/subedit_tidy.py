"""Headline tidying: the word tables the sub-editor's steps share, and step 1 (time words,
brackets, acronyms, idioms, a trailing source, a scene-setting opening), each removed whole. Pure."""

from __future__ import annotations

import re


MAX_TITLE = 80

_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:morning|afternoon|evening|night)"
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
# Time words a headline leaves out, each matched whole with what qualifies it, so that
# "early yesterday" or "yesterday morning" never leaves "early" or "morning" behind.
_TIME = re.compile(
    r"(?:,\s*)?\b(?:"
    rf"(?:(?:early|late|earlier|later)\s+)?(?:on\s+)?(?:yesterday|today|tonight|tomorrow|{_DAY})(?!['’]s)"
    rf"(?:\s+{_PART})?(?:\s+(?:and|or|to|into)\s+(?:early\s+)?(?:{_DAY}|yesterday|today|tonight)(?:\s+{_PART})?)?(?:\s+local\s+time)?"
    rf"|(?:early|late)\s+(?:on\s+)?{_DAY}"
    rf"|(?:earlier|later)\s+(?:this|last|next)\s+(?:week|month|year)"
    # ('last week’s earthquake' stays whole, as 'Tuesday’s election' does: a possessive names a thing)
    rf"|this\s+(?:{_PART}|week|weekend|month|year)(?!['’]s)"
    rf"|(?:since\s+)?(?:(?:early|late)\s+)?last\s+(?:night|week|weekend|month|year|{_DAY})(?!['’]s)"
    # future and relative times go as whole as past ones ("will take effect next week")
    rf"|(?:(?:from|starting|until|by)\s+)?(?<!the )(?<!The )next\s+(?:week|weekend|month|year|{_DAY})(?!['’]s|\s+of\b)"
    r"|(?:in|over)\s+the\s+(?:coming|next)\s+(?:few\s+)?(?:days|weeks|months)"
    r"|(?:the\s+)?day\s+after\s+tomorrow"
    r"|overnight"
    # a clock time with what places it: 'at 3:12am', 'shortly after 9pm local time'
    r"|(?:(?:at|around|about|shortly\s+(?:after|before)|just\s+(?:after|before)|after|before|until|by)\s+)?"
    r"\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm)(?:\s+local\s+time)?"
    rf"|in\s+the\s+early\s+hours\s+of\s+(?:yesterday|today|{_DAY})"
    rf"|(?:on\s+)?(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?"
    # 'early in the second half': when within a match or a period goes whole
    r"|(?:early|late)\s+in\s+the\s+(?:(?:first|second)\s+half|(?:first|second|third|final)\s+(?:quarter|period|round|set)"
    r"|day|morning|afternoon|evening|week|month|year|season|game|match)"
    # 'since early February': a part of a month goes whole, or 'early' is left behind
    rf"|(?:(?:in|since|from|until|by)\s+)?(?:early|late|mid)[-\s]{_MONTH}(?:\s+\d{{4}})?"
    r")\b(?:,(?=\s+[a-z]))?")
# Words before a day name that make it part of a name ("Easter Sunday", "Super Tuesday").
_NAMED_DAY = frozenset("Easter Palm Super Black Cyber Good Ash Bloody Holy Boxing Giving".split())
# A source given at the end: ", the US military said", ", according to officials", ", exit polls showed".
_TRAILING_SOURCE = re.compile(
    r",\s*(?:(?:according\s+to|citing)\s+[^,]{2,80}"
    r"|(?:said|says|reported|added|told\s+\w+)\s+(?!(?:it|he|she|they|we|I|that|there|this)\b)[^,]{2,60}"
    r"|[^,]{2,70}?\s+(?:said|says|reported|announced|added|showed|confirmed|told\s+reporters|"
    r"told\s+[A-Z]\w+|told\s+(?:a|an|the)\s+[\w-]+(?:\s+[\w-]+)?|wrote)(?:\s+in\s+a\s+statement)?)\s*$")
_PARENS = re.compile(r"\s*[(（][^()（）]{0,60}[)）]")

_ARTICLES = frozenset({"a", "an", "the"})
_REPORTING = frozenset("said says announced told reported warned confirmed claimed stated".split())
_PRONOUNS = frozenset("it they he she we".split())
_RELATIVE = frozenset("that which who whom whose where".split())
# Function words a headline never ends on, and words that tie what follows to what precedes
# ("of", "'s"): never a cut point before them.
FUNCTION_WORDS = frozenset(
    "a an the of in on at to for from by with and or nor but as into onto over under about against "
    "between among via per than like near across after before since during including its his her "
    "their our your my whose which that who whom is are was were be been being has have had will "
    "would can could may might must should do does did not no this these those said says if while "
    "when where because amid despite through toward towards upon within without along "
    # a word that wants its amount or its object: "... parts worth", "... tableware to all"
    "worth all every each some any both several".split())
# Where a headline may be cut: before these words the phrase before it is complete.
_CLAUSE_WORDS = frozenset("and but while as after before when where which who because amid despite "
                          "following whereas although though so".split())
_PREPOSITIONS = frozenset("in on at for with from over under into near across during against through along "
                          "toward towards since by including among about aboard amid despite after "
                          "before outside inside".split())
_AUXILIARIES = frozenset("is are was were has have had will would did does do".split())
_MODALS = frozenset("can could may might must should".split())
# Irregular plurals and collective nouns that take a plural verb.
_PLURAL_NOUNS = frozenset("people police men women children staff crew troops forces media".split())
_SUBJECT_STOPS = frozenset("of in from at on for with to into across aboard near that which who between "
                           "among under over along".split())
# A one-word phrase that is complete: a name or a number ('in Manila', 'at £2,500').
_NAMED = re.compile(r"^[\"“‘'(£$€¥]*(?:[A-Z\u00c0-\u00de]|\d)")
_CAPITALISED = re.compile(r"^[\"“‘'(]*[A-Z0-9\u00c0-\u00de]")


def _bare(word: str) -> str:
    return word.strip(",;:.\"“”‘’'()[]!?").lower()


def _capitalised(word: str) -> bool:
    return bool(_CAPITALISED.match(word))


# --- 1. tidy -------------------------------------------------------------------------------------

def drop_time_words(text: str) -> str:
    """Remove time expressions whole: 'struck off Hualien yesterday morning' -> 'struck off Hualien'."""
    def replace(match: re.Match[str]) -> str:
        found = match.group(0)
        before = text[:match.start()].rsplit(None, 1)
        day_only = re.fullmatch(rf",?\s*{_DAY}\b,?", found.strip())
        if day_only and before and before[-1].strip(",") in _NAMED_DAY:
            return found
        # '…Myanmar on Friday, killing' keeps its comma: it ends a clause; so does 'Kaohsiung,
        # Taiwan’s second city, yesterday opened': it closes an appositive.
        return "," if found.rstrip().endswith(",") or found.lstrip().startswith(",") else ""
    return _tidy_spaces(_TIME.sub(replace, text))


def _tidy_spaces(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,;:.])", r"\1", text)
    text = re.sub(r",(?:\s*,)+", ",", text)
    return text.strip(" ,")


_ACRONYM = re.compile(r"((?:[A-Z][\w’'-]*\s+(?:(?:of|and|the|for)\s+)?){0,7}[A-Z][\w’'-]*)\s+\(([A-Z]{2,6})\)")
_SMALL = frozenset("of and the for".split())


def _use_acronym(match: re.Match[str]) -> str:
    """'South Africa's African National Congress (ANC)' -> 'South Africa's ANC': the name the
    acronym spells out (its initials, small words aside) gives way to it."""
    words, acronym = match.group(1).split(), match.group(2)
    for k in range(len(words)):
        initials = "".join(w[0] for w in words[k:] if w not in _SMALL)
        if initials == acronym:
            return " ".join([*words[:k], acronym])
    # An acronym from another language ('Chinese Nationalist Party (KMT)', 'Republican People's
    # Party (CHP)'): a party's or body's name of as many words as the acronym has letters.
    head = re.sub(r"[’']s$", "", words[-1]).lower()
    if len(words) >= len(acronym) and head in _BODIES and not any(w in _SMALL for w in words[-len(acronym):]):
        possessive = words[-1][len(head):]
        return " ".join([*words[:len(words) - len(acronym)], acronym + possessive])
    return match.group(1)


_BODIES = frozenset("party union front movement congress council court agency alliance league".split())


_WORDY = ((re.compile(r"\bat the age of (?=\d)"), "at "),   # headline idiom: 'dies at 96'
          # A place is named, not described: 'in the northern city of Ayodhya' -> 'in Ayodhya'. Only
          # lower-case words before the kind of place ('the Saudi Arabian city of Jeddah' stays whole,
          # 'the' alone would leave 'Saudi Jeddah'), and only before a name ('a state of emergency').
          (re.compile(r"\bthe (?:[a-z-]+ ){0,2}(?:city|town|village|port|island|province|region|district) of "
                      r"(?=[A-Z])"), ""),
          # A headline gives the figure, not the hedge on it, where the bare figure is still true:
          # 'retake more than 1,000km²' -> 'retake 1,000km²', 'about 8 million' -> '8 million'. 'Nearly'
          # and 'almost' stay (the bare figure would overstate), and so does 'at least' on a toll.
          (re.compile(r"\b(?:more than|about|around|roughly|approximately|some) (?=\d)",
                      re.IGNORECASE), ""),
          # A collective subject in front of the plural it counts: 'A series of bomb blasts killed' ->
          # 'Bomb blasts kill' (the verb then agrees with the plural). Only as the subject: after a
          # preposition the phrase stays ('over a wave of crime': 'over crime' would be cut as too short).
          (re.compile(r"^A (?:series|wave|string|spate|flurry|barrage|handful) of (?=[a-z])"), ""),
          # A verdict names the deed, not the charge sheet: 'guilty of charges related to helping
          # Beijing' -> 'guilty of helping Beijing'.
          (re.compile(r"\b(guilty|convicted|acquitted|accused|cleared) of (?:charges|offences|offenses|crimes) "
                      r"(?:related to|relating to|linked to|of) (?=[a-z]+ing\b)"), r"\1 of "),
          # Headline words for an election's outcome: 'won Ukraine's presidential runoff' -> 'won
          # Ukraine's presidency', 'lost its parliamentary majority' -> 'lost its majority'.
          (re.compile(r"\b(won|wins|win)((?: [A-Z]\S*(?:’s|'s))?) (?:the )?presidential (?:election|runoff|race|vote|poll)\b"),
           r"\1\2 presidency"),
          (re.compile(r"\b(?:parliamentary|legislative) (?=majority\b)"), ""))


def drop_parentheses(text: str) -> str:
    """'Democratic Progressive Party (DPP) candidate Lai Ching-te (賴清德)' -> 'DPP candidate Lai
    Ching-te': a name with its acronym after it becomes the acronym; other brackets go."""
    return _tidy_spaces(_PARENS.sub("", _ACRONYM.sub(_use_acronym, text)))


def shorten_idioms(text: str) -> str:
    """Wordy phrases in their headline form: 'at the age of 96' -> 'at 96', 'in the northern city
    of Ayodhya' -> 'in Ayodhya'."""
    for wordy, short in _WORDY:
        text = wordy.sub(short, text)
    return text


_INNER_SOURCE = re.compile(r",\s*(?:[\w’'-]+\s+){0,5}(?:said|showed|reported|says)\s*,(?=\s+[a-z])")


def drop_trailing_source(text: str) -> str:
    """', the Central Election Commission said' at the end of a sentence: a headline leaves it out."""
    stripped = _INNER_SOURCE.sub(",", text.rstrip(" ."))
    match = _TRAILING_SOURCE.search(stripped)
    if match and match.start() >= 20:
        return stripped[:match.start()]
    return stripped
