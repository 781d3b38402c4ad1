"""Headline tense: the main verb found and put in the present, reported speech moved back, and
the word classes it needs. Pure (the word list is read once, on first use).

The word classes are lemminflect's, read from data/headline_lexicon.tsv.gz (its answers for every
word of its lookup table, scripts/make_headline_lexicon.py): loading lemminflect itself costs about
0.7 s of CPU per process, the file about 0.05 s. A word not in the file is asked of lemminflect, so
the answers are the same either way, but for one: a plural noun lemminflect does not know
('moldovans') is taken as plural without its guessing model (numpy, 0.3 s) being loaded."""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

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



_LEXICON = Path(__file__).with_name("data") / "headline_lexicon.tsv.gz"
_CLASSES = {"N": "NOUN", "V": "VERB", "J": "ADJ", "R": "ADV", "A": "AUX", "P": "PROPN"}


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[str, str, str]]:
    """word -> (word-class letters, flags 'p' past / 's' plural noun, 'lemma vbz' of a past form)."""
    rows = gzip.decompress(_LEXICON.read_bytes()).decode("utf-8").splitlines()
    return {word: (classes, flags, present) for word, classes, flags, present in (r.split("\t") for r in rows)}


def preload() -> None:
    """Read the lexicon now: in the parent before a pool forks, so workers inherit it."""
    _lexicon()


def _listed(word: str) -> bool:
    """Whether the lexicon answers for `word` (a lower-case word; others go to lemminflect)."""
    return word.isalpha() and word.islower()


def _word_classes(word: str) -> set[str]:
    """lemminflect's word classes of a lower-case word ('NOUN', 'VERB', 'ADJ', 'ADV', …)."""
    if _listed(word):
        return {_CLASSES[c] for c in _lexicon().get(word, ("", "", ""))[0]}
    from lemminflect import getAllLemmas
    return set(getAllLemmas(word))


def lemminflect_verb_form(bare: str) -> str | None:
    """'past' when lemminflect has `bare` as a simple past or past participle."""
    from lemminflect import getAllLemmas, getInflection
    for lemma in getAllLemmas(bare).get("VERB", ()):
        if bare in getInflection(lemma, "VBD") or bare in getInflection(lemma, "VBN"):
            return "past"
    return None


def lemminflect_lemma(word: str) -> str:
    from lemminflect import getLemma
    lemmas = getLemma(word.lower(), upos="VERB")
    return lemmas[0] if lemmas else word


def lemminflect_noun_is_plural(word: str) -> bool:
    from lemminflect import getLemma
    lemmas = getLemma(word, upos="NOUN")
    return bool(lemmas) and lemmas[0] != word and word.endswith("s")


def present_of_progressive(word: str, plural: bool) -> str | None:
    """'terminating' -> 'terminates' ('terminate' after a plural subject), from the lexicon alone
    (no lemminflect at run time); None when `word` is not a verb's -ing form ('thing', 'during')."""
    if not (_listed(word) and word.endswith("ing") and "V" in _lexicon().get(word, ("", "", ""))[0]):
        return None
    stem = word[:-3]
    candidates = [stem + "e", stem] if not stem.endswith("e") else [stem]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        candidates.insert(0, stem[:-1])           # 'planning' -> 'plan'
    if stem.endswith("y"):
        candidates.insert(0, stem[:-1] + "ie")    # 'dying' -> 'die' ('dyeing' is 'dye')
    lemma = next((c for c in candidates if "b" in _lexicon().get(c, ("", "", ""))[1]), None)
    if lemma is None or plural:
        return lemma
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


@lru_cache(maxsize=4096)
def _verb_form(word: str) -> str | None:
    """'past' for a simple past or past participle ('won', 'arrested'), 'aux' for is/was/has …."""
    bare = word.strip(",;:.\"“”‘’'").lower()
    if bare in _AUXILIARIES:
        return "aux"
    if not bare.isalpha() or not word[:1].islower():
        return None
    if _listed(bare):
        return "past" if "p" in _lexicon().get(bare, ("", "", ""))[1] else None
    return lemminflect_verb_form(bare)


@lru_cache(maxsize=4096)
def _inflect(word: str, plural: bool) -> str:
    """A verb in the simple present: 'won' -> 'wins' (or 'win' after a plural subject)."""
    tail = word[len(word.rstrip(",;:")):]
    bare = word.rstrip(",;:")
    present = _lexicon().get(bare, ("", "", ""))[2] if _listed(bare) else ""
    if present:
        lemma, third_person = present.split(" ")
    else:
        from lemminflect import getInflection
        lemma = lemminflect_lemma(bare)
        forms = getInflection(lemma, "VBZ")
        third_person = forms[0] if forms else lemma
    return (lemma if plural else third_person) + tail


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
    if any(w.endswith(",") for w in head[:-1]):
        # 'Lawmakers, after a heated debate, passed': the head noun is before the comma
        head = head[:next(i for i, w in enumerate(head) if w.endswith(",")) + 1]
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
    if not word.endswith("s"):
        return False                            # lemminflect's answer too, whatever the lemma
    if not _listed(word):
        return lemminflect_noun_is_plural(word)
    # Not in its table: lemminflect's model guesses plural for nearly every such word ending in
    # -s ('filipinos', 'tugboats'; the caller has ruled out -ss, -us, -is); names it lists as
    # singular ('Abbas', 'Thomas') are in the lexicon.
    return "s" in _lexicon().get(word, ("", "s", ""))[1]


def base_verb(word: str) -> bool:
    """Whether a lower-case word is the base form of a verb ('help', 'secure'; not 'helps')."""
    if _listed(word):
        return "b" in _lexicon().get(word, ("", "", ""))[1]
    from lemminflect import getAllLemmas
    return word in getAllLemmas(word).get("VERB", ())


# Verbs whose own present ends in -ing ('Storms bring …'); any other -ing word is a participle.
_VERBS_IN_ING = frozenset("bring sing ring sting swing spring string wring fling cling sling".split())


@lru_cache(maxsize=4096)
def _present_verb(subject: str, word: str) -> bool:
    """'Australians vote': a one-word plural or name subject, then a word that can be a verb.
    Not a possessive ('Taiwan’s exports rose': 'exports' is its subject) nor a participle
    ('Astronomers using the telescope have detected': 'using' opens a phrase of the subject)."""
    if not (subject[:1].isupper() and word.isalpha() and word.islower()) or word in FUNCTION_WORDS:
        return False
    if subject.endswith(("’s", "'s")) or (word.endswith("ing") and word not in _VERBS_IN_ING):
        return False
    kinds = _word_classes(word)
    return "VERB" in kinds and (subject.endswith("s") or "NOUN" not in kinds)


def main_verb(words: list[str]) -> int | None:
    """Index of the main verb: the first past form or auxiliary after the subject, skipping
    a relative clause ('Floods that swept … have killed') and participles used as adjectives
    ('on reduced working hours')."""
    relative = False
    for i, word in enumerate(words):
        if i == 0:
            continue
        if i == 1 and _present_verb(words[0], word) and not (_verb_form(word) == "past" and _agent_participle(words, i)):
            return i                                  # 'Australians vote in …', 'Police arrest …'
        if word == "to" and not relative and i + 1 < len(words) and words[i + 1].isalpha() \
                and words[i + 1].islower() and _bare(words[i - 1]) not in FUNCTION_WORDS \
                and base_verb(words[i + 1]):
            return i                                  # a headline's future: 'Taiwan Railway to run' (not 'lending to property')
        form = _verb_form(word)
        previous = _bare(words[i - 1])
        if form is None:
            continue
        if previous in _RELATIVE and not words[i - 1].endswith(","):
            relative = True
            continue
        if form == "past" and (previous in FUNCTION_WORDS - _AUXILIARIES or previous.endswith("'s")):
            continue
        if form == "past" and previous.endswith("s") and words[i - 1].isalpha() and words[i - 1].islower() \
                and "VERB" in _word_classes(previous) and "ADJ" in _word_classes(_bare(word)) \
                and i + 1 < len(words) and words[i + 1][:1].islower() and _bare(words[i + 1]) not in FUNCTION_WORDS:
            continue                                  # 'Hsieh Su-wei wins mixed doubles': an adjective
        if relative and not words[i - 1][:1].islower() and form != "aux":
            continue
        if relative and form == "past" and previous not in _AUXILIARIES:
            relative = False
            continue
        if form == "past" and i + 1 < len(words) and _verb_form(words[i + 1]) == "past" \
                and "NOUN" in _word_classes(_bare(word)) and not words[i].endswith(","):
            continue                                  # 'Chile’s copper output fell': a noun before the verb
        if form == "past" and _later_perfect(words, i):
            continue                                  # 'people aboard the ship quarantined in … had tested'
        if form == "past" and _agent_participle(words, i):
            continue                                  # 'a ship chartered by Evergreen ran aground'
        return i
    return None


# After a participle: its agent ('chartered by …') or where it happened ('detected in …').
_PARTICIPLE_NEXT = frozenset("by in at on near off from during across aboard inside outside".split())


def _agent_participle(words: list[str], start: int) -> bool:
    """Whether a past form followed by 'by' or a place is a participle: another past form or
    auxiliary follows in the same clause ('a ship chartered by Evergreen Marine ran aground',
    'a new strain of bird flu detected in Cambodia posed a low risk')."""
    if start + 1 >= len(words) or words[start + 1] not in _PARTICIPLE_NEXT or words[start].endswith(","):
        return False
    for k in range(start + 2, min(start + 10, len(words))):
        if _bare(words[k]) in _CLAUSE_WORDS or _bare(words[k]) == "that":
            return False
        form = _verb_form(words[k])
        if form == "aux" or (form == "past" and not (k + 1 < len(words) and _bare(words[k + 1]) in _PARTICIPLE_AFTER)):
            return True                 # (not 'voted in an election seen as …': 'seen' is a participle too)
        if words[k].endswith(","):
            return False
    return False


# What follows a participle rather than a main verb: 'an election seen as a choice'.
_PARTICIPLE_AFTER = _PARTICIPLE_NEXT | {"as", "to", "for", "with", "into"}


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
            # 'was arrested' -> 'arrested'; 'is to' -> 'to'; and its clauses of the same moment:
            # '… killed and three others were injured when bus overturned' -> '… injured when bus overturns'
            return _present_clauses(words[:verb] + after, verb + 1), verb
        if following in ("expected", "set", "due", "likely", "poised", "scheduled", "about"):
            return words[:verb] + after, verb
        if following in _PREPOSITIONS or (after and _modifier(after[0])):
            return words[:verb] + after, verb             # 'was on the list' -> 'on list': no copula
        progressive = present_of_progressive(after[0], plural) if after and after[0] != "being" else None
        if progressive:
            # 'Firefighters are battling 40 fires' -> 'Firefighters battle 40 fires'
            return _present_clauses(words[:verb] + [progressive] + after[1:], verb + 1), verb
        present = "are" if bare in ("were", "are") or plural else "is"
        return words[:verb] + [present + word[len(word.rstrip(',;:')):]] + after, verb
    if bare in ("has", "have", "had"):
        # and its clauses of the same moment: '… have killed 38, as floods swept …' -> '… sweep …'
        if following == "been" and len(after) > 1 and _verb_form(after[1]) == "past":
            return _present_clauses(words[:verb] + after[1:], verb + 1), verb   # 'has been arrested' -> 'arrested'
        if after and _verb_form(after[0]) == "past":
            return _present_clauses(words[:verb] + [_inflect(after[0], plural)] + after[1:], verb + 1), verb
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
        words = _present_clauses(words, verb + 1)
    return words, verb


# Clauses of the same moment a headline puts in its present tense too: '… die when bus … plunged'.
_TIME_CLAUSE = frozenset("when as while because".split())   # not after/before: what came first may stay past


def _present_clauses(words: list[str], start: int) -> list[str]:
    """After the main verb, a clause's own past verb in headline tense: 'and dozens were injured'
    -> 'and dozens injured', 'when bus carrying pilgrims plunged' -> '… plunges'."""
    words = list(words)
    j = start
    while j < len(words) - 1:
        bare = _bare(words[j])
        if bare == "and":
            # 'and dozens were injured' -> 'and dozens injured' (the subject one to three words)
            aux = next((k for k in range(j + 2, min(j + 5, len(words) - 1))
                        if _bare(words[k]) in ("were", "was")), None)
            if aux is not None and _verb_form(words[aux + 1]) == "past" \
                    and not any(w.endswith(",") for w in words[j + 1:aux]):
                del words[aux]
        elif bare in _TIME_CLAUSE:
            for k in range(j + 2, min(j + 7, len(words))):
                if _verb_form(words[k]) == "past" and not words[k - 1].endswith(",") \
                        and _bare(words[k - 1]) not in FUNCTION_WORDS:
                    words[k] = _inflect(words[k], _is_plural(words[j + 1:k]))
                    break
                if _bare(words[k]) in FUNCTION_WORDS and _bare(words[k]) not in ("the", "a", "an"):
                    break
        j += 1
    return words


# Adverbs a headline keeps: they change what the news says ('nearly 40 percent', 'narrowly wins').
_MEANING_ADVERBS = frozenset("nearly almost roughly only partly mostly largely barely narrowly possibly "
                             "probably not never newly jointly reportedly allegedly".split())


@lru_cache(maxsize=4096)
def _manner_adverb(word: str) -> bool:
    """'peacefully', 'immediately', 'sharply': an -ly word that is only ever an adverb."""
    if not (word.endswith("ly") and word.isalpha() and word.islower()) or word in _MEANING_ADVERBS:
        return False
    return _word_classes(word) == {"ADV"}


@lru_cache(maxsize=4096)
def _modifier(word: str) -> bool:
    """'presidential', 'sharply': a word that only ever qualifies the next one, so a headline
    cut after it is cut in mid-phrase."""
    if word.endswith(("'s", "’s")):
        return True                    # 'of the country's | presidential election'
    if not word.isalpha() or not word.islower():
        return False
    kinds = _word_classes(word)
    return bool(kinds) and kinds <= {"ADJ", "ADV"}


@lru_cache(maxsize=4096)
def _verb_only(word: str) -> bool:
    """'helping', 'related': a verb form that wants its object, so no place to end a cut."""
    if not word.isalpha() or not word.islower():
        return False
    kinds = _word_classes(word)
    return word.endswith("ing") or (bool(kinds) and kinds <= {"VERB", "ADJ"} and _verb_form(word) is not None)
