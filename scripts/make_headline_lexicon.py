#!/usr/bin/env python3
"""Regenerate site_builder/ingest/data/headline_lexicon.tsv.gz from lemminflect's word lists.

    python scripts/make_headline_lexicon.py

The headline step asks lemminflect a few questions about lower-case English words (which word
classes a word has, whether it is a past form, its present tense, whether a noun is plural).
Loading lemminflect costs about 0.7 s of CPU per process (numpy, two 80,000-line tables); this
file holds those answers precomputed for every word in its lookup table (about 0.05 s to read).
Names in its table (capitalised there, 'Abbas', 'Thomas') are listed in lower case with only their
plural flag, the answer lemminflect gives for the lower-case word. Words not in the file are not
asked of lemminflect at run time (site_builder/ingest/subedit_verbs.py says what is assumed
instead). Rerun after upgrading lemminflect.

Format, one word a line: word TAB word classes (N noun, V verb, J adjective, R adverb, A aux, P
proper noun) TAB flags (p past form, b base form of a verb, s plural noun) TAB present tense (past forms
only: "lemma vbz").
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "site_builder" / "ingest" / "data" / "headline_lexicon.tsv.gz"
CLASSES = {"NOUN": "N", "VERB": "V", "ADJ": "J", "ADV": "R", "AUX": "A", "PROPN": "P"}


def main() -> int:
    sys.path.insert(0, str(REPO))
    import lemminflect
    from lemminflect.core.Lemmatizer import Lemmatizer

    from site_builder.ingest import subedit_verbs as sv
    table = [*Lemmatizer()._getLemmaDict(), *Lemmatizer()._getOverridesDict()]
    words = sorted({w for w in table if w.isalpha() and w.islower()})
    names = sorted({w.lower() for w in table if w.isalpha() and not w.islower()} - set(words))
    rows = [f"{name}\t\t{'s' if sv.lemminflect_noun_is_plural(name) else ''}\t\n" for name in names]
    for word in words:
        kinds = lemminflect.getAllLemmas(word)
        unknown = set(kinds) - set(CLASSES)
        if unknown:
            raise SystemExit(f"{word}: word class {sorted(unknown)} has no letter in CLASSES")
        past = sv.lemminflect_verb_form(word) == "past"
        flags = ("p" if past else "") + ("b" if word in kinds.get("VERB", ()) else "") + ("s" if sv.lemminflect_noun_is_plural(word) else "")
        present = ""
        if past:
            lemma = sv.lemminflect_lemma(word)
            forms = lemminflect.getInflection(lemma, "VBZ")
            present = f"{lemma} {forms[0] if forms else lemma}"
        rows.append(f"{word}\t{''.join(sorted(CLASSES[k] for k in kinds))}\t{flags}\t{present}\n")
    OUT.write_bytes(gzip.compress("".join(sorted(rows)).encode("utf-8"), mtime=0))
    print(f"{OUT.relative_to(REPO)}: {len(rows)} words, {OUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
