"""What leads a headline when the lede buries it: a toll after the news ('…, killing at least
144 people' -> 'kills at least 144 in …'), an age in an obituary ('dies at home in Plains,
Georgia, at 100' -> 'dies at 100'). Pure; called by subedit.english_headline after the verb is
in the present."""

from __future__ import annotations

import re

from site_builder.ingest.subedit_tidy import _CLAUSE_WORDS, _PREPOSITIONS, FUNCTION_WORDS, _bare, _capitalised
from site_builder.ingest.subedit_verbs import _inflect, _is_plural


# A toll after the news ('…, killing at least 144 people'): a headline leads with it.
_TOLL_VERBS = {"killing": "killed"}
# Words opening an event of its own ('after a jet crashed …'): a toll after one is that event's,
# not the lede verb's. 'as' and 'when' set a scene and leave the toll to the lede ('ripped through
# churches as Christians celebrated Easter, killing 207').
_SUBORDINATORS = frozenset("after before because following which who".split())
_TOLL_HEDGES = frozenset("at least more than about nearly almost some over up to around".split())
_TOLL_NOUNS = frozenset({"people", "persons"})
_TOLL_PLACE = frozenset({"in", "across", "at", "off", "near"})


def _place_words(words: list[str], start: int, end: int) -> list[str]:
    """The name that starts at words[start] (lower-case words only inside it: 'southwestern
    South Korea', 'Republic of Congo'), up to a comma."""
    place: list[str] = []
    for k in range(start, end):
        word = words[k]
        inside = _capitalised(word) or (k + 1 < end and _capitalised(words[k + 1])
                                        and _bare(word) not in _CLAUSE_WORDS | _PREPOSITIONS | FUNCTION_WORDS - {"of"}
                                        and not word.endswith(","))
        if not inside:
            break
        place.append(word.rstrip(","))
        if word.endswith(","):
            # 'Boulder, Colorado,': a city and its state or country is one place
            if k + 1 < end and len(place) == 1 and _capitalised(words[k + 1]) and words[k + 1].endswith(","):
                place[-1] += ","
                place.append(words[k + 1].rstrip(","))
            break
    return place if any(_capitalised(w) for w in place) else []


def _toll_place(words: list[str], verb_end: int, at: int) -> list[str]:
    """Where the news happened, from the verb's phrase: its first 'in/at/across X' with X a
    name, or the verb's own object when that is a name ('struck central Myanmar' -> 'in …')."""
    object_place = _place_words(words, verb_end + 1, at)
    if object_place:
        return ["in", *object_place]
    for k in range(verb_end + 1, at - 1):
        if _bare(words[k]) in _TOLL_PLACE and not words[k].endswith(","):
            place = _place_words(words, k + 1, at)
            if place:
                return [words[k], *place]
    return []


def toll_first(words: list[str], verb: int, verb_end: int) -> tuple[list[str], int]:
    """'Magnitude 7.7 earthquake strikes central Myanmar, killing at least 144 people, toppling …'
    -> 'Magnitude 7.7 earthquake kills at least 144 in central Myanmar': the toll becomes the main
    verb, the first named place of the verb's phrase follows it, the rest goes. Only for a toll
    that is a count; returns the words and the new verb's index."""
    at = next((k for k in range(verb_end + 1, len(words) - 1)
               if words[k] in _TOLL_VERBS and words[k - 1].endswith(",")), None)
    if at is None or any(_bare(w) in _SUBORDINATORS for w in words[verb_end + 1:at]):
        return words, verb_end    # 'apologised …, after a jet crashed …, killing 38': the crash's toll
    count: list[str] = []
    for word in words[at + 1:]:
        bare = _bare(word)
        if count and count[-1][:1].isdigit() and bare in _TOLL_NOUNS:
            break                                       # 'kills 10 people' says 'kills 10'
        if bare in _TOLL_HEDGES and not any(w[:1].isdigit() for w in count):
            count.append(word.rstrip(","))
            continue
        if word[:1].isdigit() and not any(w[:1].isdigit() for w in count):
            count.append(word.rstrip(","))
            if word.endswith(","):
                break
            continue
        break
    if not count or not count[-1][:1].isdigit():
        return words, verb_end
    place = _toll_place(words, verb_end, at)
    subject = words[:verb]
    verb_word = _inflect(_TOLL_VERBS[words[at]], _is_plural(subject))
    return subject + [verb_word] + count + place, len(subject)


_AGE = re.compile(r"^\d{1,3},?$")


def age_first(words: list[str], verb_end: int) -> list[str]:
    """'Jimmy Carter dies at home in Plains, Georgia, at 100' -> 'Jimmy Carter dies at 100': in an
    obituary the age is the news, where the person died is not."""
    if _bare(words[verb_end]) not in ("dies", "die"):
        return words
    at = next((k for k in range(verb_end + 2, len(words) - 1)
               if words[k] == "at" and _AGE.match(words[k + 1])
               and (k + 2 == len(words) or words[k + 1].endswith(",") or _bare(words[k + 2]) in FUNCTION_WORDS)),
              None)                     # 'at 96', 'at 96, after …'; not 'at 10 sites'
    if at is None:
        return words
    return words[:verb_end + 1] + words[at:]
