#!/usr/bin/env python3
"""Fit the headline compression model (site_builder/ingest/headline_model.py) on the eval set's
sub-editor titles, and write it to site_builder/ingest/data/headline_model.json.

    python scripts/fit_headline_model.py [--eval-dir DIR] [--half odd] [--dry-run] [--oracle]

Every truth story of the half (odd-numbered digests: the tune half; the even ones are the check
half and are not read) is rebuilt from its line spans and titled. Each span the model may drop
falls in a cell (headline_model.cell: its kind, what it is, whether the story repeats it). The
fit is greedy: starting from dropping nothing, add the cell whose spans, dropped, raise the mean
title token F1 most, while that gain is at least MIN_GAIN. Then the fit is repeated without
each digest in turn and scored on it (what the table is worth on titles it did not see: slow, a
fit per digest); unless that beats dropping nothing by MIN_HELD_OUT_GAIN, an empty table is
written (no compression). Standard library only. --oracle prints the F1 when every span is
dropped exactly when fewer than a third of its words are in the sub-editor's title (the most
these spans can give).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from ingest_eval import DEFAULT_EVAL, half_digests, truth_segments  # noqa: E402

from site_builder import atomic  # noqa: E402
from site_builder.ingest import headline, headline_model  # noqa: E402
from site_builder.ingest.headline_rank import tokens  # noqa: E402  (as score.py's tok_f1 counts them)
from site_builder.ingest.headline_model import MODEL_PATH, Model, Span  # noqa: E402
from site_builder.ingest.segment import Segment, paragraphs  # noqa: E402
from site_builder.ingest.story import build_story  # noqa: E402

KEEP_SHARE = 1 / 3    # a span with at least this share of its words in the title is kept
MIN_GAIN = 0.002      # a cell joins only if it raises the mean F1 by at least this
# ... and the table is kept only if it raises the F1 of digests left out of its fit by this much:
# a table at +0.003 left out (+0.011 fitted) fell 0.003 on the check half (2026-12-04).
MIN_HELD_OUT_GAIN = 0.01


def token_f1(truth: str, title: str) -> float:
    a, b = tokens(truth), tokens(title)
    common = sum((Counter(a) & Counter(b)).values())
    return 0.0 if not common else 2 * common / (len(a) + len(b))


def stories(eval_dir: Path, half: str) -> Iterator[tuple[str, str, Segment, date]]:
    """(digest name, truth title, segment, edition) for every truth story of the half's digests."""
    for path, truth, lines in half_digests(eval_dir, half):
        edition = date.fromisoformat(truth["edition_date"])
        for seg, chosen in truth_segments(truth, lines):
            yield path.name[:-len(".truth.json")], seg["title"], Segment(paragraphs(chosen)), edition


@contextmanager
def deciding(decide: headline_model.Decide) -> Iterator[None]:
    """Titles made while inside use `decide` for every span instead of the shipped weights."""
    original = headline.english_headline
    headline.english_headline = partial(original, decide=decide)
    try:
        yield
    finally:
        headline.english_headline = original


def title_with(segment: Segment, edition: date, decide: headline_model.Decide) -> str:
    with deciding(decide):
        return build_story(segment, edition, (), (), "en").title


def label(truth: str, words: list[str], span: Span, features: object = None) -> bool:
    """Drop: fewer than a third of the span's words are in the sub-editor's title."""
    inside = tokens(" ".join(words[span.start:span.end]))
    wanted = Counter(tokens(truth))
    return sum((Counter(inside) & wanted).values()) < len(inside) * KEEP_SHARE


def mean_f1(items: list[tuple[str, Segment, date]], decide: headline_model.Decide) -> float:
    """Mean title token F1 over the truth stories, each titled with `decide` for every span."""
    return sum(token_f1(truth, title_with(segment, edition, decide)) for truth, segment, edition in items) / len(items)


def oracle(items: list[tuple[str, Segment, date]]) -> float:
    """Every span decided by its own label: the most this set of spans can give."""
    return sum(token_f1(truth, title_with(segment, edition, partial(label, truth)))
               for truth, segment, edition in items) / len(items)


def cells_seen(items: list[tuple[str, Segment, date]]) -> list[str]:
    seen: set[str] = set()

    def record(words: list[str], span: Span, features: dict[str, float]) -> bool:
        seen.add(headline_model.cell(span, features))
        return False
    for _, segment, edition in items:
        title_with(segment, edition, record)
    return sorted(seen)


def by_cells(drop: frozenset[str]) -> headline_model.Decide:
    model = Model(drop)
    return lambda words, span, features: model.drops(span, features)


def fit(items: list[tuple[str, Segment, date]], min_gain: float = MIN_GAIN) -> tuple[frozenset[str], list[str]]:
    """Greedy forward selection of the cells to drop; returns them and a log line per step."""
    drop: frozenset[str] = frozenset()
    score = mean_f1(items, by_cells(drop))
    log = [f"drop nothing: {score:.3f}"]
    candidates = cells_seen(items)
    while True:
        trials = [(mean_f1(items, by_cells(drop | {c})), c) for c in candidates if c not in drop]
        if not trials:
            break
        best, chosen = max(trials)
        if best - score < min_gain:
            break
        drop, score = drop | {chosen}, best
        log.append(f"+ {chosen}: {score:.3f}")
    return drop, log


def by_digest(items: list[tuple[str, Segment, date]], names: list[str]) -> float:
    """Leave one digest out: fit on the others, score the one left out; the mean over stories."""
    scores: list[float] = []
    for name in sorted(set(names)):
        train = [item for item, n in zip(items, names) if n != name]
        test = [item for item, n in zip(items, names) if n == name]
        drop, _ = fit(train)
        scores += [token_f1(truth, title_with(segment, edition, by_cells(drop))) for truth, segment, edition in test]
    return sum(scores) / len(scores)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--half", choices=("odd", "even", "all"), default="odd")
    parser.add_argument("--dry-run", action="store_true", help="print the cells; do not write them")
    parser.add_argument("--oracle", action="store_true", help="print the F1 of deciding every span by its label")
    args = parser.parse_args()
    named = list(stories(args.eval_dir, args.half))
    items = [(truth, segment, edition) for _, truth, segment, edition in named]
    if args.oracle:
        print(f"oracle title token F1 ({args.half}): {oracle(items):.3f}")
        return 0
    drop, log = fit(items)
    print("\n".join(log))
    if drop:
        base = mean_f1(items, by_cells(frozenset()))
        held_out = by_digest(items, [name for name, *_ in named])
        print(f"leave one digest out: {held_out:.3f} (dropping nothing: {base:.3f})")
        if held_out - base < MIN_HELD_OUT_GAIN:
            print(f"not kept: less than {MIN_HELD_OUT_GAIN} on digests left out of the fit")
            drop = frozenset()
    result = {"drop": sorted(drop), "fitted_on": args.half, "stories": len(items), "min_gain": MIN_GAIN,
              "min_held_out_gain": MIN_HELD_OUT_GAIN}
    text = json.dumps(result, indent=1) + "\n"
    if args.dry_run:
        print(text, end="")
    else:
        atomic.replace(MODEL_PATH, text.encode("utf-8"))
        print(f"wrote {MODEL_PATH.relative_to(REPO)}: {len(drop)} cells from {len(items)} stories")
    return 0


if __name__ == "__main__":
    sys.exit(main())
