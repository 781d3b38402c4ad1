"""Headline tense: the main verb found and put in the present, reported speech moved back, and
the word classes it needs (from lemminflect, loaded once and only on first use). Pure."""

from __future__ import annotations

from functools import lru_cache

from site_builder.ingest.subedit_tidy import (_AUXILIARIES, _CLAUSE_WORDS, _PLURAL_NOUNS, _PREPOSITIONS, _RELATIVE,
                                              _SUBJECT_STOPS, FUNCTION_WORDS, _bare)


def backshift(words: list[str], verb: int) -> list[str]:
    """Reported speech back in the present: 'would' -> 'will', 'had' -> 'has', 'was' -> 'is', 'won' -> 'wins'."""
    plural = _is_plural(words[:verb])
    bare = _bare(words[verb])
    swap = {"would": "will", "was": "is", "were": "are", "had": "have" if plural else "has",
            "did": "do" if plural else "does"}
    if bare in ("was", "were") and verb + 1 < len(words) and _verb_form(words[verb + 1]) == "past":
        return words[:verb] + words[verb + 1:]       # 'raids were meant to' -> 'raids meant to'
    if bare in swap:
        return words[:verb] + [swap[bare]] + words[verb + 1:]
    if _verb_form(words[verb]) == "past":
        return words[:verb] + [_inflect(words[verb], plural)] + words[verb + 1:]
    return words



@lru_cache(maxsize=4096)
def _verb_form(word: str) -> str | None:
    """'past' for a simple past or past participle ('won', 'arrested'), 'aux' for is/was/has …."""
    bare = word.strip(",;:.\"“”‘’'").lower()
    if bare in _AUXILIARIES:
        return "aux"
    if not bare.isalpha() or not word[:1].islower():
        return None
    from lemminflect import getAllLemmas, getInflection
    for lemma in getAllLemmas(bare).get("VERB", ()):
        if bare in getInflection(lemma, "VBD") or bare in getInflection(lemma, "VBN"):
            return "past"
    return None


@lru_cache(maxsize=4096)
def _lemma(word: str) -> str:
    from lemminflect import getLemma
    lemmas = getLemma(word.lower(), upos="VERB")
    return lemmas[0] if lemmas else word


@lru_cache(maxsize=4096)
def _inflect(word: str, plural: bool) -> str:
    """A verb in the simple present: 'won' -> 'wins' (or 'win' after a plural subject)."""
    from lemminflect import getInflection
    tail = word[len(word.rstrip(",;:")):]
    lemma = _lemma(word.rstrip(",;:"))
    if plural:
        return lemma + tail
    forms = getInflection(lemma, "VBZ")
    return (forms[0] if forms else lemma) + tail


def _is_plural(subject: list[str]) -> bool:
    """Whether a subject takes a plural verb: 'The US and the UK', 'Floods', 'Voters in Kansas'."""
    head: list[str] = []
    for word in subject:
        if _bare(word) in _SUBJECT_STOPS or (head and word.islower() and word.endswith("ing")):
            break
        head.append(word)
    if not head:
        return False
    if any(w == "and" for w in head):
        return True
    last = _bare(head[-1])
    if last in _PLURAL_NOUNS:
        return True
    if head[-1].endswith(("'s", "’s")) or last.endswith(("ss", "us", "is")) or len(last) < 4:
        return False
    if len(head) == 1 or head[-1][:1].islower():   # sentence-initial capitals say nothing
        return _noun_is_plural(last)
    return last.endswith("s") and (_bare(head[0]) == "the" or last.endswith("ers"))


@lru_cache(maxsize=4096)
def _noun_is_plural(word: str) -> bool:
    from lemminflect import getLemma
    lemmas = getLemma(word, upos="NOUN")
    return bool(lemmas) and lemmas[0] != word and word.endswith("s")


@lru_cache(maxsize=4096)
def _present_verb(subject: str, word: str) -> bool:
    """'Australians vote': a one-word plural or name subject, then a word that can be a verb."""
    if not (subject[:1].isupper() and word.isalpha() and word.islower()) or word in FUNCTION_WORDS:
        return False
    from lemminflect import getAllLemmas
    kinds = getAllLemmas(word)
    return "VERB" in kinds and (subject.endswith("s") or "NOUN" not in kinds)


def main_verb(words: list[str]) -> int | None:
    """Index of the main verb: the first past form or auxiliary after the subject, skipping
    a relative clause ('Floods that swept … have killed') and participles used as adjectives
    ('on reduced working hours')."""
    relative = False
    for i, word in enumerate(words):
        if i == 0:
            continue
        if i == 1 and _present_verb(words[0], word):
            return i                                  # 'Australians vote in …', 'Police arrest …'
        if word == "to" and not relative and i + 1 < len(words) and words[i + 1].isalpha() \
                and words[i + 1].islower() and _bare(words[i - 1]) not in FUNCTION_WORDS:
            return i                                  # a headline's future: 'Taiwan Railway to run'
        form = _verb_form(word)
        previous = _bare(words[i - 1])
        if form is None:
            continue
        if previous in _RELATIVE and not words[i - 1].endswith(","):
            relative = True
            continue
        if form == "past" and (previous in FUNCTION_WORDS - _AUXILIARIES or previous.endswith("'s")):
            continue
        if relative and not words[i - 1][:1].islower() and form != "aux":
            continue
        if relative and form == "past" and previous not in _AUXILIARIES:
            relative = False
            continue
        if form == "past" and _later_perfect(words, i):
            continue                                  # 'people aboard the ship quarantined in … had tested'
        return i
    return None


def _later_perfect(words: list[str], start: int) -> bool:
    """Whether 'had/has/was … + past form' follows in the same clause: the first past form was
    then a participle ('the ship quarantined in Yokohama had tested')."""
    for k in range(start + 1, min(start + 12, len(words) - 1)):
        if words[k - 1].endswith(",") or _bare(words[k]) in _CLAUSE_WORDS or _bare(words[k]) == "that":
            return False
        if _bare(words[k]) in _AUXILIARIES and _verb_form(words[k + 1]) == "past":
            return True
    return False


def to_present(words: list[str], verb: int) -> tuple[list[str], int]:
    """The main verb (and one coordinated with it by 'and') in headline tense.

    Returns the words and the index of the last word of the verb group."""
    plural = _is_plural(words[:verb])
    word, bare = words[verb], _bare(words[verb])
    following = _bare(words[verb + 1]) if verb + 1 < len(words) else ""
    after = words[verb + 1:]
    if bare in ("was", "were", "is", "are"):
        if following == "to" or (after and _verb_form(after[0]) == "past"):
            return words[:verb] + after, verb         # 'was arrested' -> 'arrested'; 'is to' -> 'to'
        if following in ("expected", "set", "due", "likely", "poised", "scheduled", "about"):
            return words[:verb] + after, verb
        if following in _PREPOSITIONS or (after and _modifier(after[0])):
            return words[:verb] + after, verb             # 'was on the list' -> 'on list': no copula
        present = "are" if bare in ("were", "are") or plural else "is"
        return words[:verb] + [present + word[len(word.rstrip(',;:')):]] + after, verb
    if bare in ("has", "have", "had"):
        if following == "been" and len(after) > 1 and _verb_form(after[1]) == "past":
            return words[:verb] + after[1:], verb      # 'has been arrested' -> 'arrested'
        if after and _verb_form(after[0]) == "past":
            return words[:verb] + [_inflect(after[0], plural)] + after[1:], verb
        return words, verb
    if bare in ("will", "would"):
        return words[:verb] + ["to"] + after, verb + 1
    if bare in ("did", "does", "do"):
        return words[:verb] + ["do" if plural else "does"] + after, verb
    if _verb_form(word) == "past":
        words = words[:verb] + [_inflect(word, plural)] + after
        # '… crashed and burst into flames' -> '… crashes and bursts into flames'
        for j in range(verb + 1, min(verb + 8, len(words) - 1)):
            if words[j] == "and" and _verb_form(words[j + 1]) == "past" and not words[j - 1].endswith(","):
                words[j + 1] = _inflect(words[j + 1], plural)
                break
    return words, verb


# Adverbs a headline keeps: they change what the news says ('nearly 40 percent', 'narrowly wins').
_MEANING_ADVERBS = frozenset("nearly almost roughly only partly mostly largely barely narrowly possibly "
                             "probably not never newly jointly reportedly allegedly".split())


@lru_cache(maxsize=4096)
def _manner_adverb(word: str) -> bool:
    """'peacefully', 'immediately', 'sharply': an -ly word that is only ever an adverb."""
    if not (word.endswith("ly") and word.isalpha() and word.islower()) or word in _MEANING_ADVERBS:
        return False
    from lemminflect import getAllLemmas
    return set(getAllLemmas(word)) == {"ADV"}


@lru_cache(maxsize=4096)
def _modifier(word: str) -> bool:
    """'presidential', 'sharply': a word that only ever qualifies the next one, so a headline
    cut after it is cut in mid-phrase."""
    if word.endswith(("'s", "’s")):
        return True                    # 'of the country's | presidential election'
    if not word.isalpha() or not word.islower():
        return False
    from lemminflect import getAllLemmas
    kinds = set(getAllLemmas(word))
    return bool(kinds) and kinds <= {"ADJ", "ADV"}


@lru_cache(maxsize=4096)
def _verb_only(word: str) -> bool:
    """'helping', 'related': a verb form that wants its object, so no place to end a cut."""
    if not word.isalpha() or not word.islower():
        return False
    from lemminflect import getAllLemmas
    kinds = set(getAllLemmas(word))
    return word.endswith("ing") or (bool(kinds) and kinds <= {"VERB", "ADJ"} and _verb_form(word) is not None)
