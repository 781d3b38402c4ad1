#!/usr/bin/env python3
"""How far an extractive headline can go: upper bounds of title token F1 per half of
../shared/ingest-eval, so a figure the rules miss can be told from one no rule could reach.

    python scripts/headline_ceiling.py [--eval-dir DIR] [--half odd|even|all]

Aggregates only (no story is printed), so the check half can be looked at without being tuned
on. Each figure is a mean over truth stories, the stories rebuilt from the truth's line spans as
scripts/headline_eval.py's "truth segments" figure does. For each story, the best score of:
- rules:       the shipped headline;
- candidates:  any headline the rules can write (headline_rank.candidates, deck and lede
               competing): the ceiling of a perfect ranker over today's candidates;
- deletions:   any candidate with up to three whole phrases dropped (a phrase: from a
               preposition, a conjunction or a comma to the next one; the first phrase, which
               holds the subject and the verb, is kept): the ceiling of a perfect sentence
               compressor that deletes phrases, grammatical or nearly so;
- windows:     any run of at most 15 words of the deck or the lede sentence, grammatical or
               not: the ceiling of any extractive headline of one sentence.
Non-English stories count with the rules' title in every row. Two more lines: the share of the
sub-editor's title words found in the lede paragraph and anywhere in the story (English titles),
and the share of stories whose truth title is not ASCII (mostly native headlines with an English
gloss: a translation no extractive rule can write).
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from fit_headline_rank import _captured_title_args  # noqa: E402  (what build_story hands make_title)
from ingest_eval import DEFAULT_EVAL, half_digests, load_scorer, truth_segments  # noqa: E402

from site_builder.ingest import headline  # noqa: E402
from site_builder.ingest import headline_rank as hr  # noqa: E402

MAX_DROPPED = 3          # phrases one compression may drop
MAX_WINDOW = 15          # words in a window of the lede
_PHRASE_OPENERS = frozenset("in at for with on after over from by to into amid as against during without "
                            "under about since of near across following despite between while before "
                            "and but".split())
_WORD = re.compile(r"\w+")
ROWS = ("rules", "candidates", "deletions", "windows")


def phrases(text: str) -> list[list[str]]:
    """The headline's words in phrases: a new one at each opener word and after each comma."""
    found: list[list[str]] = [[]]
    for i, word in enumerate(text.split()):
        if i and found[-1] and word.lower() in _PHRASE_OPENERS:
            found.append([])
        found[-1].append(word)
        if word.endswith(","):
            found.append([])
    return [p for p in found if p]


def compressions(text: str) -> set[str]:
    """The headline with up to MAX_DROPPED of its phrases after the first one dropped."""
    parts = phrases(text)
    found = {text}
    for k in range(1, min(MAX_DROPPED, len(parts) - 1) + 1):
        for dropped in itertools.combinations(range(1, len(parts)), k):
            kept = (w for i, p in enumerate(parts) if i not in dropped for w in p)
            found.add(" ".join(kept).rstrip(","))
    return found


def windows(sentence: str) -> set[str]:
    words = sentence.split()
    return {" ".join(words[i:j]) for i in range(len(words))
            for j in range(i + 1, min(len(words), i + MAX_WINDOW) + 1)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--half", choices=("odd", "even", "all"), default="all")
    args = parser.parse_args()
    score = load_scorer(args.eval_dir)
    halves = ("odd", "even") if args.half == "all" else (args.half,)
    for half in halves:
        report(half, *measure(args.eval_dir, half, score))
    return 0


def measure(eval_dir: Path, half: str, score) -> tuple[dict[str, list[float]], list[int], int]:
    best: dict[str, list[float]] = {row: [] for row in ROWS}
    coverage = [0, 0, 0]          # truth title words: all, in the lede paragraph, in the story
    foreign = 0
    for _, truth, lines in half_digests(eval_dir, half):
        edition = date.fromisoformat(truth["edition_date"])
        for seg, chosen in truth_segments(truth, lines):
            deck, body, title = _captured_title_args(chosen, edition)
            truth_title = seg["title"]
            rules = score.tok_f1(truth_title, title)
            source = headline.title_source(deck, body)
            if not truth_title.isascii():
                foreign += 1
            if not (source and headline._is_english(source)):
                for row in ROWS:
                    best[row].append(rules)
                continue
            found = [c.text for c in hr.candidates(headline.english_sources(deck, body, source, True), None,
                                                  headline.story_passives(body, deck) if deck else None)]
            compressed = {v for text in found for v in compressions(text)}
            sentences = [s for s in (deck, source) if s]
            windowed = {w for s in sentences for w in windows(s)}
            best["rules"].append(rules)
            best["candidates"].append(max([rules, *(score.tok_f1(truth_title, t) for t in found)]))
            best["deletions"].append(max([best["candidates"][-1], *(score.tok_f1(truth_title, t) for t in compressed)]))
            best["windows"].append(max([rules, *(score.tok_f1(truth_title, t) for t in windowed)]))
            if truth_title.isascii():
                lede = set(_WORD.findall(" ".join(line.text for line in chosen[:1]).lower()))
                story = set(_WORD.findall(" ".join(line.text for line in chosen).lower()))
                for token in _WORD.findall(truth_title.lower()):
                    coverage[0] += 1
                    coverage[1] += token in lede
                    coverage[2] += token in story
    return best, coverage, foreign


def report(half: str, best: dict[str, list[float]], coverage: list[int], foreign: int) -> None:
    n = len(best["rules"])
    print(f"{half}: {n} truth stories (title token F1, mean over stories, best of each)")
    for row in ROWS:
        print(f"  {row:11} {sum(best[row]) / n:.3f}")
    print(f"  sub-editor's title words (English titles): {coverage[1] / coverage[0]:.3f} in the lede's first "
          f"line, {coverage[2] / coverage[0]:.3f} anywhere in the story")
    print(f"  truth titles not ASCII: {foreign} of {n}")


if __name__ == "__main__":
    sys.exit(main())
