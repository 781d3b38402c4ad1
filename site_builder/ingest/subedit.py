"""An English lede sentence -> a headline, as a sub-editor writes one. Pure.

    "The High Court yesterday found a New Taipei City woman guilty of helping Beijing …"
    -> "High Court finds New Taipei City woman guilty of helping Beijing …"

Steps, each a small function with its own test (tests/ingest/test_headlines.py):
1. tidy: parentheses ("(DPP)", "(賴清德)"), a trailing source (", the ministry said",
   ", according to …") and time words, each removed whole ("yesterday morning", "early
   yesterday", "on Sunday", "last night", "on March 3") so that no half is left behind;
2. attribution: "X said (that) S" -> "X to V" (when S is "it would V"), "X V-s" (when S is
   "he had V-ed"), "X says S" when X is short (a surname, "NASA"), else S alone;
3. an appositive between the subject and its verb is dropped ("Claudia Sheinbaum, a climate
   scientist …, won" -> "Claudia Sheinbaum won");
4. the main verb in headline tense: past -> present ("won" -> "wins", plural "win"), passive
   without its auxiliary ("was arrested" -> "arrested"), "is to" / "will" -> "to";
5. articles dropped (a, an, the; a capitalised "The" inside a name stays);
6. cut at a phrase boundary (a comma, a conjunction, a preposition) after the verb and its
   object, at most 80 characters, never inside a name or after a function word.
Inflection comes from lemminflect's word lists (precomputed in data/headline_lexicon.tsv.gz).
Step 1 and the shared word tables live in subedit_tidy.py, the tense of step 4 (and the lexicon)
in subedit_verbs.py, what leads when the lede buries it (a toll, an age) in subedit_lead.py; this
module has attribution, appositives, articles and cutting.
"""


from __future__ import annotations

import re

from collections.abc import Iterator
from dataclasses import dataclass

from site_builder.ingest.headline_model import Decide, compress
from site_builder.ingest.names import family_name_first, find_people
from site_builder.ingest.subedit_lead import age_first, toll_first
from site_builder.ingest.subedit_tidy import (  # noqa: F401  (the steps' public names, here for callers)
    _ARTICLES, _CLAUSE_WORDS, _NAMED, _PREPOSITIONS, _PRONOUNS, _SUBJECT_STOPS, FUNCTION_WORDS, MAX_TITLE, _bare,
    _capitalised, drop_parentheses, drop_time_words, drop_trailing_source, shorten_idioms)
from site_builder.ingest.subedit_verbs import (  # noqa: F401
    _inflect, _is_plural, _manner_adverb, base_verb, _modifier, _verb_form, _verb_only, _word_classes, backshift,
    main_verb, present_of_progressive, to_present)

# Words that open a noun phrase: after 'announced' they make it a thing announced, not a report.
_DETERMINERS = frozenset("its his her their plans new".split())

# --- 2. attribution --------------------------------------------------------------------------------

def _people(text: str) -> tuple[str, ...]:
    return find_people(text)


def short_name(source: str) -> str:
    """'US House Speaker Nancy Pelosi' -> 'Pelosi'; 'President Lai Ching-te' -> 'Lai'; others as given."""
    words = source.split()
    for person in _people(source + " said"):
        if source.endswith(person):
            parts = person.split()
            if len(parts) >= 2 and "-" in parts[-1] and parts[-1][:1].isupper():
                return parts[-2]          # Chinese order: family name first ("Lai Ching-te")
            for size in (3, 2):           # "Kim Jong Un", "Xi Jinping": the first word
                if len(parts) >= size and family_name_first(" ".join(parts[-size:])):
                    return parts[-size]
            return parts[-1]
    if words and words[0].lower() in _ARTICLES:
        words = words[1:]
    return " ".join(words)


# Verbs that report what a survey or a study found, and their headline form.
_FINDINGS = {"found": "finds", "showed": "shows", "concluded": "concludes"}


def reattribute(text: str) -> tuple[str, int | None, bool]:
    """'X said (that) S' at the start -> a headline's form of it (see the module's docstring).

    Returns the text, the index of its main verb when this rewrote it (None otherwise), and
    whether it reads 'X says S' (S's own verb then moved back to the present: 'would' -> 'will',
    'had won' -> 'has won'); 'X to V', 'X forms …' are in headline tense already."""
    words = text.split()
    for i, word in enumerate(words[:9]):
        if word in ("said", "announced", "says", "told"):
            break
        if word in _FINDINGS and i + 1 < len(words) and words[i + 1] == "that":
            break                                 # 'A survey found that S': S is the news
        if word.endswith(",") or (i and _verb_form(word) and words[i + 1:i + 2] != ["by"]):
            return text, None, False          # (a participle with its agent is the subject's: 'A survey published by …')
    else:
        return text, None, False
    if i == 0 or i + 1 >= len(words):
        return text, None, False
    source = short_name(" ".join(words[:i]))
    rest = words[i + 1:]
    if words[i] == "announced" and (_bare(rest[0]) in _ARTICLES | _DETERMINERS or rest[0][:1].isdigit()
                                    or (rest[0] != "that" and main_verb(rest[:10]) is None)):
        return text, None, False                  # 'announced a 25 percent tariff', 'announced retaliatory
                                                  # tariffs on …': a thing, not words (no verb of their own)
    if words[i] == "told" and rest[0] in ("reporters", "journalists"):
        rest = rest[1:]                           # 'told reporters' is 'said'
    elif words[i] == "told" and "that" not in rest[:6]:
        return text, None, False
    elif words[i] == "told":
        # 'Pelosi told President Tsai Ing-wen that S' -> 'Pelosi tells Tsai S'
        k = rest.index("that")
        addressee = short_name(" ".join(rest[:k]))
        said = rest[k + 1:]
        if len(said) < 3 or _bare(said[0]) in _PRONOUNS:
            return text, None, False
        verb = main_verb(said)
        if verb is not None:
            said = backshift(said, verb)
        at = len(source.split())
        return f"{source} tells {addressee} {' '.join(said)}", at, False
    if rest and rest[0] == "that":
        rest = rest[1:]
        # 'found that A, and that B': two things reported; the headline is the first
        second = next((k for k in range(1, len(rest) - 1) if rest[k - 1].endswith(",") and rest[k] == "and"
                       and rest[k + 1] == "that"), None)
        if second is not None:
            rest = rest[:second - 1] + [rest[second - 1].rstrip(",")]
    if len(rest) < 3:
        return text, None, False
    at = len(source.split())
    plural = _is_plural(source.split())
    if _bare(rest[0]) in _PRONOUNS:
        if rest[1] in ("would", "will"):
            return f"{source} to {' '.join(rest[2:])}", at, False
        if rest[1] in ("had", "has", "have") and _verb_form(rest[2]) == "past":
            return f"{source} {_inflect(rest[2], plural)} {' '.join(rest[3:])}", at, False
        present = present_of_progressive(rest[2], plural) if rest[1] in ("was", "were", "is", "are") else None
        if present:
            # 'he was terminating the deal' -> 'X terminates deal': a headline's present tense
            return f"{source} {present} {' '.join(rest[3:])}", at, False
        if rest[1] in ("was", "were", "is", "are"):
            return f"{source} {' '.join(rest[2:])}", at, False     # 'it was ready to' -> 'X ready to'
        if _verb_form(rest[1]) == "past":
            return f"{source} {_inflect(rest[1], plural)} {' '.join(rest[2:])}", at, False
        return text, None, False
    if at <= 2:
        rest = drop_appositives(rest)     # 'Sam Altman, who was fired …, would join' -> 'Sam Altman would join'
        verb = main_verb(rest)
        if verb is not None:
            rest = backshift(rest, verb)
        says = _FINDINGS.get(words[i], "says")
        return f"{source} {_inflect(says, True) if plural else says} {' '.join(rest)}", at, True
    if _bare(rest[0]) in ("its", "their", "his", "her"):
        # 'Taiwan Semiconductor Manufacturing Co said its revenue rose' -> 'Taiwan Semiconductor
        # Manufacturing Co’s revenue rose': the speaker stays where 'its' pointed to it
        return f"{source}’s {' '.join(rest[1:])}", None, False
    return " ".join(rest), None, False



# A phrase set before the subject, up to its comma: a preposition or subordinator ('In a filing
# with the SEC late on Tuesday, Nvidia said …'), a participle ('Citing slowing inflation, the
# Bank of Canada cut …') or a span of time before one ('Three years after a landslide buried a
# village, rescuers recovered …'). Not a count ('At least 20 …', 'As many as …': the subject).
_FRONTED = re.compile(
    r"^(?P<opener>(?:After|Before|During|Following|Despite|Amid|Amidst|With|Without|Under|Since|While|When|"
    r"Although|Though|Because|Unlike|Ahead|Throughout|Across|Within|Upon|Once|Until|In|On|At|For|As|"
    r"Meanwhile|Also|Elsewhere|Separately|However)\b"
    r"(?! (?:least|most|many|much|few|little|long|far|well|of)\b)"
    r"|[A-Z][a-z]+(?:ing|ed)(?= [a-z])"
    r"|(?:(?:Just|Only|Shortly|Soon|Moments|Minutes|Hours|Days|Weeks|Months|Years|Decades|Long)"
    r"|(?:A|An|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Several|Few|\d+) "
    r"(?:minutes?|hours?|days?|weeks?|months?|years?|decades?)) (?:after|before|since)\b)"
    r"[^,;:]{0,110},\s+(?=\S)")
_FRONTED_MIN_REST = 5   # words left after the phrase: a clause of its own


def drop_fronted_phrase(text: str) -> str:
    """'Citing slowing inflation, the Bank of Canada cut its rate' -> 'the Bank of Canada cut its
    rate': the headline is the main clause. Only when what follows the comma has a verb of its
    own and the opener is a preposition, a subordinator or a verb's participle ('Kaohsiung, …'
    is a name: left alone)."""
    match = _FRONTED.match(text)
    if not match:
        return text
    opener = match.group("opener").split()[0]
    if opener.endswith(("ing", "ed")) and "VERB" not in _word_classes(opener.lower()):
        return text
    rest = text[match.end():].split()
    if rest and rest[0].islower() and _bare(rest[0]) in (FUNCTION_WORDS | _CLAUSE_WORDS) - _ARTICLES:
        return text                  # '…, which …', '…, and …': the sentence goes on, no new subject
    verb = main_verb(rest[:20]) if len(rest) >= _FRONTED_MIN_REST else None
    if verb is None:
        return text
    subject = rest[:verb]
    if any(w.endswith(",") for w in subject) and any(_bare(w) in ("and", "or") for w in subject):
        return text                  # 'In Taipei, Taichung and Kaohsiung, voters …': a list, not a phrase
    return " ".join(rest)


# A lede that opens with a quotation: '“We will not be intimidated,” Prime Minister Mark Carney
# said yesterday, as Canada announced retaliatory tariffs …'. The news is in the clause after
# 'as'; without one, the headline is the speaker's words ('Carney: ‘We will not be intimidated’').
_QUOTE_LEDE = re.compile(
    r"^[\"“‘](?P<quote>[^\"“”]{3,200}?)[,.!?]?[\"”’],?\s+"
    r"(?:(?P<who>[^,\"“”]{2,80}?)\s+(?:said|says|told\s+\w+|declared|wrote)|(?:said|says)\s+(?P<who2>[^,\"“”]{2,80}))"
    r"(?P<rest>(?:[\s,].*)?)$")
_AS_CLAUSE = re.compile(r"(?:^|[\s,])(?:as|when|after)\s+(?P<clause>.{20,})$")
_QUOTED_TITLE = 60   # a quotation longer than this makes no headline


def quote_lede(sentence: str) -> tuple[str, bool]:
    """A lede that opens with a quotation -> (what the headline is written from, whether that is
    already the headline): the news clause after 'as', its pronoun made the speaker ('as he
    announced that …' -> 'Merz announced that …'), else 'Speaker: ‘quotation’'. Other sentences
    as given (False)."""
    match = _QUOTE_LEDE.match(sentence.strip())
    if not match:
        return sentence, False
    speaker = short_name(drop_time_words(match.group("who") or match.group("who2") or "").rstrip(" .!?"))
    clause = _AS_CLAUSE.search(match.group("rest"))
    if clause:
        words = clause.group("clause").split()
        if _bare(words[0]) in ("he", "she", "they") and speaker:
            words = [speaker, *words[1:]]
        return " ".join(words), False
    quote = match.group("quote").strip().rstrip(",")
    if speaker[:1].isupper() and len(quote) <= _QUOTED_TITLE and len(speaker.split()) <= 4:
        return f"{speaker}: ‘{quote}’", True
    return sentence, False


# --- 3. appositives and subordinate clauses (tense: subedit_verbs.py) ----------------------------

def drop_appositives(words: list[str]) -> list[str]:
    """'Queen Elizabeth II, Britain's longest-reigning monarch, died' -> 'Queen Elizabeth II died';
    '… Imamoglu, the main rival of President Erdogan, be jailed' -> '… Imamoglu be jailed'."""
    words = _subject_appositive(words)
    i = 1
    while i < len(words):
        if words[i - 1].endswith(",") and words[i] in _ARTICLES:
            end = next((k for k in range(i, min(i + 16, len(words))) if words[k].endswith(",")), None)
            if end is not None and end + 1 < len(words) and words[end + 1].islower() \
                    and words[end + 1] not in ("and", "or") and "and" not in words[i:end + 1]:
                words = words[:i - 1] + [words[i - 1][:-1]] + words[end + 1:]
                continue
        i += 1
    return words


def order_as_verb(words: list[str]) -> list[str]:
    """'court ordered that X be jailed …' -> 'court jailed X …': a headline says what the order
    does (the tense step then gives 'jails')."""
    for i in range(1, len(words) - 3):
        if words[i] in ("ordered", "orders") and words[i + 1] == "that":
            be = next((k for k in range(i + 3, min(i + 12, len(words) - 1)) if words[k] == "be"), None)
            if be is not None and _verb_form(words[be + 1]) == "past" and not words[be - 1].endswith(","):
                return words[:i] + [words[be + 1]] + words[i + 2:be] + words[be + 2:]
    return words


_SUBORDINATE = frozenset("as while when after".split())


def drop_subordinate(words: list[str], start: int) -> list[str]:
    """'… in Sri Lanka as Christians celebrated Easter, killing at least 207' -> '… in Sri Lanka,
    killing at least 207': a clause between the news and its toll goes."""
    for k in range(start + 2, len(words) - 2):
        if words[k] in _SUBORDINATE and not words[k - 1].endswith(","):
            end = next((e for e in range(k + 1, min(k + 14, len(words) - 1)) if words[e].endswith(",")), None)
            if end is not None and words[end + 1].islower() and words[end + 1].endswith("ing"):
                return words[:k - 1] + [words[k - 1] + ","] + words[end + 1:]
    return words


def _subject_appositive(words: list[str]) -> list[str]:
    first = next((i for i, w in enumerate(words) if w.endswith(",")), None)
    if first is None or first > 8:
        return words
    if any(_verb_form(w) for w in words[1:first + 1]):
        return words
    second = next((i for i, w in enumerate(words[first + 1:], first + 1) if w.endswith(",")), None)
    if second is None or second + 1 >= len(words) or second - first > 25:
        return words
    if not _verb_form(words[second + 1]):
        return words
    if words[first + 1][:1].isupper() and any(_bare(w) in ("and", "or") for w in words[first + 1:second + 1]):
        return words                  # 'Taipei, Taichung and Kaohsiung, voted': a list of names
    subject = words[:first + 1]
    subject[-1] = subject[-1][:-1]
    return subject + words[second + 1:]


def possessive_name(words: list[str], verb: int) -> list[str]:
    """'Indian Prime Minister Narendra Modi's Bharatiya Janata Party lost' -> 'Modi's Bharatiya
    Janata Party lost': a titled person named in the subject's possessive is called by surname."""
    for k in range(1, verb):
        if words[k].endswith(("'s", "’s")):
            name_text = " ".join(words[:k + 1])[:-2]
            people = [p for p in _people(name_text + " said") if name_text.endswith(p)]
            if people and len(people[0].split()) < k + 1:
                surname = short_name(people[0])
                return [surname + words[k][-2:]] + words[k + 1:]
            return words
    return words


def shorter_subjects(subject: list[str]) -> list[list[str]]:
    """Shorter forms of a long subject, for when the headline does not fit: the person it names
    ('Democratic Progressive Party candidate Lai Ching-te' -> 'Lai Ching-te'), or its head
    without what qualifies it ('Separatist militants in Pakistan's … province' -> 'Separatist militants')."""
    text = " ".join(subject)
    found: list[list[str]] = []
    if any(w.endswith(",") for w in subject):
        return found                  # not a plain subject: a clause with a verb we did not see
    for person in _people(text + " said"):
        if text.endswith(person) and len(person.split()) < len(subject) - 1:
            found.append(person.split())
    # 'X of Y' stays whole ('Ministry of Foreign Affairs', '40 percent of schools').
    stop = next((k for k, w in enumerate(subject) if k >= 2 and (_bare(w) in _SUBJECT_STOPS - {"of"}
                                                                 or (w.islower() and w.endswith("ing")))
                 and not (k + 1 < len(subject) and _capitalised(subject[k - 1]) and _capitalised(subject[k + 1])
                          and k - 1 > 0)), None)   # 'Centers for Disease Control' is one name
    if stop is not None:
        found.append(subject[:stop])
    return found


# A sitting leader's office: a headline names its holder by the family name alone ("US President
# Donald Trump announces …" -> "Trump announces …"); a former one keeps the title ("Former US
# president Jimmy Carter dies").
_LEADER_OFFICE = re.compile(r"(?:^|\s)(?:President|Prime Minister|Premier|Chancellor)$")
_NOT_SITTING = frozenset("former late ex- ex outgoing acting".split())


def leader_surname(subject: list[str]) -> list[str]:
    """'US President Donald Trump' -> ['Trump'], 'President Lai Ching-te' -> ['Lai']; other subjects as given."""
    text = " ".join(subject)
    if not subject or _bare(subject[0]) in _NOT_SITTING or any(w.endswith(",") for w in subject):
        return subject
    for person in _people(text + " said"):
        if text.endswith(" " + person) and _LEADER_OFFICE.search(text[:-len(person) - 1]):
            return short_name(text).split()
    return subject


# --- 5. articles ---------------------------------------------------------------------------------

_POSSESSIVES = frozenset({"its", "their", "his"})
# A count before 'people' says it alone in a headline: 'kills at least 144' (not as the subject).
_COUNT = re.compile(r"^(?:\d[\d,.]*|\d+(?:\.\d+)?|dozens|hundreds|thousands|millions|million|billion)$")

def drop_adverbs(words: list[str]) -> list[str]:
    """No manner adverbs: 'Queen Elizabeth II dies peacefully at Balmoral' -> '… dies at Balmoral'."""
    kept = []
    for i, word in enumerate(words):
        following = _bare(words[i + 1]) if i + 1 < len(words) else ""
        # Only an adverb that qualifies a verb: 'locally acquired', 'sharply higher' stay.
        if _manner_adverb(word.rstrip(",")) and (word.endswith(",") or not following
                                                 or following in FUNCTION_WORDS or following in _PREPOSITIONS):
            if word.endswith(",") and kept and not kept[-1].endswith(","):
                kept[-1] += ","
            continue
        kept.append(word)
    return kept or words


# 'a' after an amount and before a unit is 'per' ('20 flights a week', '$80 a barrel', 'twice a
# day'): it stays. ('from a year earlier', 'hires a person' keep no 'a'.)
_RATE_UNITS = frozenset("minute hour day night week month year head person barrel tonne ton kilogram kilo "
                        "pound gallon litre liter share".split())
_TIMES = frozenset("once twice thrice times".split())
_AGO_UNITS = _RATE_UNITS | {"decade", "century", "fortnight"}


def _per_unit(words: list[str], i: int) -> bool:
    if i == 0 or i + 1 >= len(words) or words[i + 1].rstrip(",.;:") not in _RATE_UNITS:
        return False
    if i + 2 < len(words) and words[i + 2].rstrip(",.;:") in ("ago", "earlier", "later", "before", "after"):
        return False                                      # '3 seats a year ago': a time, not a rate
    before = words[i - 1]
    amount = any(c.isdigit() for c in before) or before in _TIMES     # '20', '$80', 'NT$500', 'twice'
    counted = i > 1 and before.isalpha() and before not in FUNCTION_WORDS \
        and any(c.isdigit() for c in words[i - 2])                  # '20 flights', '5 percent'
    return amount or counted


def _time_ago(words: list[str], i: int) -> bool:
    """'a year ago', 'a decade ago': the 'a' is the count."""
    return i + 2 < len(words) and words[i + 2].rstrip(",.;:") == "ago" \
        and words[i + 1] in _AGO_UNITS


_SPAN_PREPOSITIONS = frozenset("in for within over than".split())


def _time_span(words: list[str], i: int) -> bool:
    """'for the first time in a year', 'within a week': the 'a' is the count."""
    return 0 < i and i + 1 < len(words) and words[i - 1] in _SPAN_PREPOSITIONS \
        and words[i + 1].rstrip(",.;:") in _AGO_UNITS


def _droppable(words: list[str], i: int) -> bool:
    w = words[i]
    if w in ("a", "an") and (_per_unit(words, i) or _time_ago(words, i) or _time_span(words, i)):
        return False
    return (w in _ARTICLES or w in _POSSESSIVES or (i == 0 and w in ("A", "An", "The"))
            or (w.rstrip(",") == "people" and i > 1 and bool(_COUNT.match(words[i - 1]))))


def drop_articles(words: list[str]) -> list[str]:
    """No 'a', 'an' or 'the' (a capitalised 'The' inside a name, 'The Hague', stays), nor an
    'its', 'their' or 'his' that only points back at the subject ('ANC loses its majority'), nor
    'people' after a count ('kills at least 144 people' -> 'kills at least 144')."""
    kept: list[str] = []
    for i, word in enumerate(words):
        if _droppable(words, i):
            if word.endswith(",") and kept and not kept[-1].endswith(","):
                kept[-1] += ","
            continue
        kept.append(word)
    return kept or words


# --- 6. cutting -----------------------------------------------------------------------------------

def _names_joined(words: list[str], j: int) -> bool:
    """Whether words[j] is 'and'/'or' between two names ('Europe and Russia'): no cut there."""
    return (0 < j < len(words) - 1 and _bare(words[j]) in ("and", "or") and words[j - 1][:1].isupper()
            and words[j + 1][:1].isupper())


def _cut_points(words: list[str], after: int) -> list[int]:
    """Indices j where the headline may end before words[j]: a phrase is complete there."""
    points = []
    absolute = _absolute_phrases(words) | _split_clauses(words, after)
    opener: int | None = None   # the last word before j that opens a phrase (kept as j moves on,
    for j in range(after + 1, len(words)):   # so a long lede costs linear work, not quadratic)
        if _opens_phrase(words, j - 1):
            opener = j - 1
        before, word = words[j - 1], words[j]
        bare = _bare(word)
        if j in absolute:
            continue
        if _bare(before) in FUNCTION_WORDS and not before.endswith(","):
            continue
        if _infinitive_cut(words, j) or _bare(before) in _NEEDS_COMPLEMENT \
                or bare in _NOUN_COMPLEMENTS.get(_bare(before), ()) \
                or (j >= 2 and _bare(words[j - 2]) in _RELATIVES):
            continue                      # nor 'ban on abortion which makes | performing …'

        if before.endswith(",") and before[:1].isdigit() and word[:1].isdigit():
            continue                      # inside a list of scores or figures: '6-4, 6-7, 7-5'
        if before.endswith((",", ";", ":")) or word in ("—", "–", "-"):
            points.append(j)
        elif bare in _CLAUSE_WORDS or bare in _PREPOSITIONS or _participle_phrase(words, j) \
                or (bare == "to" and _purpose(words, j)) \
                or (bare == "that" and not _verb_form(before) and _bare(before) not in _TO_TAKERS):
            if (_capitalised(before) and _capitalised(word)) or (bare == "by" and _verb_form(before) == "past"):
                continue                  # inside a name; 'industries hit | by tariffs'
            if _names_joined(words, j):
                continue                  # two names as one: 'linking Jakarta | and Surabaya'

            # 'with a win | over …': the phrase before the cut needs a word of its own besides
            # its preposition and article, or it is left half-said.
            inside = [w for w in words[opener + 1:j] if w not in _ARTICLES] if opener is not None else []
            if opener is not None and len(inside) < 2 and not (inside and _NAMED.match(inside[0])) \
                    and bare not in _RELATIVES:   # '… ban on abortion | which makes …' is whole
                continue
            points.append(j)
    return points


_PHRASE_OPENERS = _PREPOSITIONS | _CLAUSE_WORDS


def _opens_phrase(words: list[str], k: int) -> bool:
    """A preposition, a clause word or a word after a comma opens a phrase."""
    return _bare(words[k]) in _PHRASE_OPENERS or words[k - 1].endswith(",")


# Adjectives that are half-said without the phrase after them ('leaving it dependent | on
# coalition partners'): no cut right after one.
# Nouns whose news is what they are on, into or against: 'orders freeze | on foreign aid',
# 'signs near-total ban | on abortion' say half of it cut there.
_NOUN_COMPLEMENTS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys("freeze ban bans curbs curb limits limit cap caps tariffs tariff tax taxes duties levy "
                    "embargo moratorium crackdown restrictions controls vote referendum war attack attacks "
                    "strike strikes raid raids pressure hold".split(), ("on",)),
    **dict.fromkeys("sanctions measures retaliation".split(), ("on", "against")),
    **dict.fromkeys("probe inquiry investigation".split(), ("into",)),
    **dict.fromkeys("halt end return".split(), ("to",)),
}
_RELATIVES = frozenset("which who whom whose".split())
_NEEDS_COMPLEMENT = frozenset("dependent reliant responsible subject prone liable eligible capable unable able "
                              "aware afraid keen likely unlikely close due early late "
                              # participles that say nothing without what follows: '… group accused | of plotting'
                              "accused suspected charged convicted linked tied related seen viewed regarded considered".split())


def _absolute_phrases(words: list[str]) -> set[int]:
    """Indices inside ', with X saying …' (up to its -ing word): cut there, the phrase is a fragment."""
    inside: set[int] = set()
    for k in range(1, len(words)):
        if words[k] == "with" and words[k - 1].endswith(","):
            end = next((e for e in range(k + 1, len(words)) if words[e].endswith(",")), len(words) - 1)
            verb = next((e for e in range(k + 1, end + 1) if words[e].islower() and _bare(words[e]).endswith("ing")), None)
            if verb is not None:
                inside.update(range(k + 1, verb + 2))
    return inside


# Words that open a clause with a subject and verb of its own ('after 50 ministers quit'): cut
# inside one before its verb, and who did it is named but not what they did ('resigns … after 50
# ministers'). ('as' is left out: 'seen as a choice', 'as leader of' are no clauses.)
_SUBORDINATORS = frozenset("after before while when because since until although though whereas if once".split())
_CLAUSE_SPAN = 15   # words looked at for the clause's verb (keeps hostile input linear)
# Subjects that are people: what they did is the news ('after 50 ministers', 'after Paraguay's
# foreign minister'); an event ('after US drone strike') reads whole without its verb.
_PEOPLE = frozenset("people ministers minister officials official leaders leader president lawmakers legislators "
                    "protesters residents police troops soldiers workers voters envoy diplomats members".split())


def _agents(words: list[str]) -> bool:
    """Whether a clause's subject names people: a count, a possessive, or a word for people."""
    return any(w[:1].isdigit() or w.endswith(("'s", "’s")) or _bare(w) in _PEOPLE for w in words)


def _split_clauses(words: list[str], after: int) -> set[int]:
    """Indices inside a subordinate clause whose subject names people, before its finite verb
    ('after | 50 ministers | quit'): ending there leaves the people without what they did. The
    clause may be dropped whole (a cut before its opening word) or kept to its verb; 'after
    70-year reign' has no verb and stays a phrase like any other."""
    inside: set[int] = set()
    for k in range(after + 1, len(words) - 1):
        if _bare(words[k]) not in _SUBORDINATORS or words[k + 1][:1].islower() and words[k + 1].endswith("ing"):
            continue
        for v in range(k + 2, min(k + _CLAUSE_SPAN, len(words))):
            bare = _bare(words[v])
            if (bare in _CLAUSE_WORDS - {"and"}) or bare in _RELATIVE_WORDS or words[v - 1].endswith((";", ":")):
                break                 # another clause opens first
            if words[v][:1].islower() and _verb_form(words[v]) in ("past", "aux") \
                    and _bare(words[v - 1]) not in FUNCTION_WORDS - _AUX_BEFORE:
                # from the first word naming people on (a running test: linear in the clause)
                named = next((i for i in range(k + 1, v) if _agents([words[i]])), None)
                if named is not None:
                    inside.update(range(named + 1, v + 1))
                break
    return inside


_RELATIVE_WORDS = frozenset("that which who whom whose where".split())
_AUX_BEFORE = frozenset("has have had is are was were".split())


def _participle_phrase(words: list[str], j: int) -> bool:
    """'… jet | carrying 181 people': an -ing word with an object opens a phrase; 'pet grooming
    salon' is a noun."""
    word = words[j]
    if not (word.islower() and word.endswith("ing") and word.isalpha()) or j + 1 >= len(words):
        return False
    following = words[j + 1]
    return following in _ARTICLES or following in _POSSESSIVES or following[:1].isdigit() \
        or _bare(following) in _PREPOSITIONS | _QUANTIFIERS or following.endswith(("'s", "’s"))


_QUANTIFIERS = frozenset("more less fewer some nearly almost around over up all several many dozens hundreds "
                         "thousands millions his her".split())


# Words after which 'to' belongs to the verb ('plans to', 'expected to'): no cut before it.
_TO_TAKERS = frozenset("plans plan wants want expected set due able going trying aims aim seeks seek agreed decided "
                       "vowed pledged promised hopes hope likely ready willing needs need has have had is are was "
                       "were used ordered asked urged allowed forced refused continues continue began begin".split())


def _purpose(words: list[str], j: int) -> bool:
    """'a budget of NT$550 billion | to help industries': 'to' + a verb after a noun opens a
    purpose clause, a phrase boundary."""
    if j + 1 >= len(words) or not words[j + 1].isalpha() or not words[j + 1].islower():
        return False
    before = _bare(words[j - 1])
    if before in _TO_TAKERS or before in FUNCTION_WORDS or _verb_form(words[j - 1]):
        return False
    if j >= 2 and _verb_form(words[j - 2]) == "aux":
        return False                  # 'a tour that is also | to take him …': 'is … to' is one verb
    return base_verb(words[j + 1])


def cut(words: list[str], verb_end: int, limit: int = MAX_TITLE) -> str:
    """The longest start of the headline that ends at a phrase boundary and fits the limit."""
    return _finish(_cut(words, verb_end, limit)[0])


def _cut(words: list[str], verb_end: int, limit: int) -> tuple[list[str], bool]:
    """The words kept, and whether they end at a phrase boundary (or are all the words)."""
    if len(" ".join(words)) <= limit:
        return words, True
    best = None
    # Right after the verb only where a comma closes the clause ('talks paused, with …').
    first = verb_end if verb_end < len(words) and words[verb_end].endswith(",") else verb_end + 1
    for j in _cut_points(words, first):
        if len(" ".join(words[:j]).rstrip(",;:")) > limit:
            break   # a later cut point keeps more words: longer still (and a long lede is not joined again and again)
        if not _says_nothing(words, verb_end, j):
            best = j
    if best is not None:
        return words[:best], True
    if best is None:
        # No boundary fits: the longest run of whole words that does not end in a function
        # word or inside a name (nor, if any other will do, on a verb that says nothing yet).
        best, bare_verb = 1, None
        for j in range(1, len(words)):
            if len(" ".join(words[:j])) > limit:
                break
            if _bare(words[j - 1]) not in FUNCTION_WORDS and not (
                    _capitalised(words[j - 1]) and _capitalised(words[j])) and not _modifier(words[j - 1]) \
                    and not _verb_only(words[j - 1]) and not _infinitive_cut(words, j) \
                    and not _bare_infinitive(words, j) and _bare(words[j - 1]) not in _NEEDS_COMPLEMENT \
                    and not _names_joined(words, j):
                if _says_nothing(words, verb_end, j):
                    bare_verb = j
                else:
                    best = j
        best = bare_verb if best == 1 and bare_verb is not None else best
    return words[:best], False

# Verbs whose news is what they take: 'Beijing warns', 'Center reports in daily briefing' say
# nothing yet (base forms; the third person is derived below).
_NEEDS_WHAT = frozenset("say report warn announce urge tell claim confirm reveal deny vow pledge promise threaten "
                        "demand insist accuse call ask seek plan want agree decide expect hope argue note stress "
                        "predict estimate acknowledge admit suggest propose show find unveil release issue "
                        "launch order approve reject lodge raise cut set name".split())
_NEEDS_WHAT_FORMS = _NEEDS_WHAT | {w + ("es" if w.endswith(("s", "sh", "ch")) else "s") for w in _NEEDS_WHAT}
# Words opening a phrase that only sets the scene ('in its daily briefing', 'at a news conference').
_SETTING = frozenset("in at during on".split())


def reported_clause(words: list[str], verb_end: int) -> list[str]:
    """'Beijing warns, in a statement issued by …, that any move …' -> 'Beijing warns any move …':
    what a verb that takes its news says follows it straight, without 'that' or a phrase set
    between them by commas."""
    if verb_end + 1 >= len(words) or _bare(words[verb_end]) not in _NEEDS_WHAT_FORMS:
        return words
    verb = words[verb_end]
    if verb.endswith(","):
        end = next((e for e in range(verb_end + 1, min(verb_end + 25, len(words) - 2))
                    if words[e].endswith(",") and words[e + 1] == "that"), None)
        if end is None:
            return words
        return words[:verb_end] + [verb.rstrip(",")] + words[end + 2:]
    if words[verb_end + 1] == "that" and verb_end + 3 < len(words):
        return words[:verb_end + 1] + headline_clause(words[verb_end + 2:])
    return words


_PASSIVE_AUXILIARIES = frozenset("was were is are".split())


def headline_clause(words: list[str]) -> list[str]:
    """A reported clause as a headline says it: its passive without the auxiliary ('… confirms
    two soldiers were injured' -> '… two soldiers injured') and a name set after its title
    between commas without them ('its leader, Hassan Nasrallah, was killed' -> 'its leader
    Hassan Nasrallah killed'). Only the clause's first passive and first such name."""
    words = list(words)
    opened = next((k for k in range(1, min(len(words) - 2, 8)) if words[k].endswith(",")
                   and words[k].rstrip(",").isalpha() and words[k].islower() and words[k + 1][:1].isupper()), None)
    if opened is not None:
        closed = next((k for k in range(opened + 1, min(len(words) - 1, opened + 6))
                       if words[k].endswith(",")), None)
        if closed is not None and all(w[:1].isupper() for w in words[opened + 1:closed + 1]):
            words[opened], words[closed] = words[opened][:-1], words[closed][:-1]
    aux = next((k for k, w in enumerate(words[:12]) if w in _PASSIVE_AUXILIARIES), None)
    if aux is not None and 0 < aux < len(words) - 2 and _verb_form(words[aux + 1]) == "past" \
            and words[aux + 1].isalpha():
        del words[aux]
    return words


def _says_nothing(words: list[str], verb_end: int, j: int) -> bool:
    """Whether ending before words[j] leaves a verb that takes its news ('warns', 'reports')
    with nothing after it, or only where it was said."""
    if verb_end >= len(words) or _bare(words[verb_end]) not in _NEEDS_WHAT_FORMS:
        return False
    tail = [_bare(w) for w in words[verb_end + 1:j]]
    if not tail or (tail[0] in _SETTING and not any(w in _COMPLEMENTS for w in tail[1:])):
        return True
    # 'warns that sale of weapons to Taiwan': what was warned, without its verb
    that = max((k for k, w in enumerate(tail) if w == "that"), default=None)
    return that is not None and main_verb(words[verb_end + 2 + that:j]) is None


_COMPLEMENTS = frozenset("of about against that".split())   # what a report is about


def _bare_infinitive(words: list[str], j: int) -> bool:
    """Whether ending before words[j] leaves a verb after a name without its object ('helping
    Beijing secure | surrender agreements')."""
    return j >= 2 and j < len(words) and _capitalised(words[j - 2]) and words[j - 1].isalpha() \
        and words[j - 1].islower() and base_verb(words[j - 1]) and words[j][:1].islower()


def _infinitive_cut(words: list[str], j: int) -> bool:
    """Whether ending before words[j] leaves 'to' + a verb without what it takes ('a budget to
    hire | a counselor'): the purpose is half-said."""
    return j >= 2 and words[j - 2] == "to" and words[j - 1].isalpha() and words[j - 1].islower() \
        and base_verb(words[j - 1]) and _object_starts(words, j)


def _object_starts(words: list[str], j: int) -> bool:
    """Whether words[j] opens a noun phrase: an article, a possessive, a number, 'at least …'."""
    bare = _bare(words[j])
    return bare in _ARTICLES | _POSSESSIVES | _QUANTIFIERS - {"over", "up"} or bare[:1].isdigit() \
        or (bare == "at" and j + 1 < len(words) and _bare(words[j + 1]) in ("least", "most"))


def _finish(words: list[str]) -> str:
    words = list(words)
    while len(words) > 2 and (_bare(words[-1]) in FUNCTION_WORDS or words[-1] in ("—", "–", "-")):
        words.pop()
    text = " ".join(words).rstrip(" ,;:—–-")
    # An opening quote whose closing one was cut off goes too.
    for opening, closing in (("“", "”"), ("‘", "’")):
        if text.count(opening) > text.count(closing):
            text = text.replace(opening, "")
    if text.count('"') % 2:
        text = text.replace('"', "")
    return text


# --- all together ---------------------------------------------------------------------------------

# After a bare past form in a headline-like deck, these leave it nothing to act on: a passive
# ('Navy officer detained for …', 'Duterte arrested in Manila').
_PASSIVE_NEXT = frozenset("for by over on after in at amid as to with without near following".split())


def deck_passive(words: list[str], verb: int, passives: frozenset[str]) -> bool:
    """Whether a deck's bare past form is a headline's passive: nothing it acts on follows it,
    and the story itself uses it as a passive (`passives`: 'has been detained'), so that
    'Thousands marched in Taipei' stays active. A lede's bare past is its simple past."""
    word = _bare(words[verb])
    if word not in passives or _verb_form(words[verb]) != "past":
        return False
    return verb + 1 == len(words) or _bare(words[verb + 1]) in _PASSIVE_NEXT


def english_headline(sentence: str, limit: int = MAX_TITLE, later: frozenset[str] | None = None,
                     decide: Decide | None = None, passives: frozenset[str] | None = None) -> str:
    """A lede sentence (or a deck) -> a headline of at most `limit` characters. Given the story
    (`later`: the words of the rest of it), the phrases a sub-editor leaves out are dropped by
    the compression step (headline_model.py; `decide` stands in for its model when fitting);
    without it, the rules alone. `passives`: given when the sentence is a deck (the paper's own
    headline-like line), the past participles its story uses as passives."""
    options, says = _options(sentence, limit, later, decide, passives)
    return _pick(options, says, limit)


def _pick(options: Iterator[tuple[list[str], int]], says: bool, limit: int) -> str:
    """The rules' choice among the options (the whole subject first, then shorter forms)."""
    best: list[str] = []
    best_rest, best_clean = 0, False
    for n, (option, end) in enumerate(options):
        kept, clean = _cut(option, end, limit)
        rest = len(kept) - end if clean else 0
        if n == 0:
            best, best_rest, best_clean = kept, rest, clean
            if kept == option or (rest >= 3 and clean):
                break                 # the whole subject fits with the news: keep it
        elif says and clean:
            best = kept               # the reported news whole, without its source
            break
        elif rest > best_rest + 1 or (clean and rest >= 1 and not best_clean):
            # a shorter subject must keep clearly more of the news, or its verb where the whole
            # subject left none
            best, best_rest, best_clean = kept, rest, clean
    title = _finish(best)
    return title[:1].upper() + title[1:]


@dataclass(frozen=True, slots=True)
class Variant:
    """One headline the rules can write from a sentence: which option (0 the whole subject,
    then shorter subjects or the reported news alone) and whether it is the option whole."""

    text: str
    option: int
    whole: bool


def headline_variants(sentence: str, limit: int = MAX_TITLE, later: frozenset[str] | None = None,
                      passives: frozenset[str] | None = None) -> tuple[str, list[Variant]]:
    """The rules' headline and every other one they could have written: each option cut at each
    phrase boundary that fits `limit` (never leaving a verb without its news). For the ranker
    (headline_rank.py); one pass over the sentence, the cuts themselves are cheap."""
    options, says = _options(sentence, limit, later, None, passives)
    options = list(options)
    chosen = _pick(iter(options), says, limit)
    variants: list[Variant] = []
    for n, (option, end) in enumerate(options):
        first = end if end < len(option) and option[end].endswith(",") else end + 1
        fits = _fitting(option, limit)     # only cuts that fit are looked at: a long lede stays linear
        cuts = [j for j in _cut_points(option, first) if j <= fits and not _says_nothing(option, end, j)]
        for j in [*cuts, len(option)]:
            text = _finish(option[:j])
            if 0 < len(text) <= limit:
                variants.append(Variant(text[:1].upper() + text[1:], n, j == len(option)))
    return chosen, variants


def _fitting(words: list[str], limit: int) -> int:
    """How many of the first words fit in `limit` characters, joined by spaces."""
    length = -1
    for n, word in enumerate(words):
        length += len(word) + 1
        if length > limit:
            return n
    return len(words)


def _options(sentence: str, limit: int, later: frozenset[str] | None, decide: Decide | None,
             passives: frozenset[str] | None) -> tuple[Iterator[tuple[list[str], int]], bool]:
    """The sentence rewritten (tidied, attribution, tense), as options: the whole subject first,
    then the reported news without its source or shorter subjects; each with its verb's end,
    articles and adverbs dropped and compressed (lazily: the rules often stop at the first)."""
    text = shorten_idioms(drop_parentheses(sentence))
    text = drop_time_words(text)
    text = drop_fronted_phrase(drop_trailing_source(text).rstrip(".!?"))
    # 'United Airlines, the largest US carrier, said it would …': the subject meets its verb
    # before the attribution is read
    text = " ".join(_subject_appositive(text.split()))
    text, rewritten, reported = reattribute(text)
    says = rewritten if reported else None
    words = order_as_verb(drop_appositives(text.split()))
    if not words:
        return iter(()), False
    verb: int | None
    if says is not None and "says" in words:
        verb = words.index("says")
        inner = main_verb(words[verb + 1:])
        verb_end = verb + 1 + (inner or 0)
    elif rewritten is not None:
        verb = verb_end = min(rewritten, len(words) - 1)   # 'X to V …', 'X forms …': tense done
    else:
        verb = main_verb(words)
        verb_end = 0
        if verb is not None:
            subject = leader_surname(words[:verb])
            words, verb = subject + words[verb:], len(subject)
            shorter = possessive_name(words, verb)
            verb -= len(words) - len(shorter)
            if passives and deck_passive(shorter, verb, passives):
                words, verb_end = shorter, verb      # headline passive already: 'officer detained for'
            else:
                words, verb_end = to_present(shorter, verb)
            words, verb_end = toll_first(words, verb, verb_end)
            words = age_first(words, verb_end)
    words = reported_clause(words, verb_end)
    if len(" ".join(words)) > limit:
        words = drop_subordinate(words, verb_end)    # the clause it drops lies after the verb
    candidates = [(words, verb_end)]
    if says is not None and verb is not None and len(" ".join(words)) > limit:
        # 'NASA says millions … will see the eclipse' does not fit: the news without its source.
        reported = words[verb + 1:]
        candidates.append(([reported[0][:1].upper() + reported[0][1:], *reported[1:]], verb_end - verb - 1))
    if verb is not None and rewritten is None:
        for subject in shorter_subjects(words[:verb]):
            candidates.append((subject + words[verb:], verb_end - verb + len(subject)))

    def tidied() -> Iterator[tuple[list[str], int]]:
        for option, end in candidates:
            shift = sum(1 for i in range(min(end + 1, len(option))) if _droppable(option, i))
            option = drop_articles(option)
            before = len(option)
            option = drop_adverbs(option)
            end = min(end, len(option) - 1) if before != len(option) else end
            end = max(0, end - shift)
            if later is not None:
                option, end = compress(option, end, _cut_points(option, end), later, decide)
            yield option, end
    return tidied(), says is not None
