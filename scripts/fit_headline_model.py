#!/usr/bin/env python3
"""Fit the headline compression model (site_builder/ingest/headline_model.py) on the eval set's
sub-editor titles, and write its weights to site_builder/ingest/data/headline_model.json.

    python scripts/fit_headline_model.py [--eval-dir DIR] [--half odd] [--dry-run] [--oracle]

Every truth story of the half (odd-numbered digests: the tune half; the even ones are the check
half and are never read here) is rebuilt from its line spans and titled; each span the model may
drop is a row: its cues, and the label "drop" when fewer than half of its words are in the
sub-editor's title. A logistic regression (scikit-learn, needed here only: pip install -e '.[fit]')
gives the weights; the drop threshold is the one of a small grid that gives the best title token
F1 on the same half. --oracle prints the F1 when every span is decided by its label (the ceiling).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from ingest_eval import DEFAULT_EVAL  # noqa: E402

from site_builder import atomic  # noqa: E402
from site_builder.ingest import headline, headline_model  # noqa: E402
from site_builder.ingest.digest import read_digest  # noqa: E402
from site_builder.ingest.headline_model import MODEL_PATH, Model, Span  # noqa: E402
from site_builder.ingest.segment import Segment, paragraphs  # noqa: E402
from site_builder.ingest.story import build_story  # noqa: E402

_TOKEN = re.compile(r"\w+")
_NUMBER = re.compile(r"^(\d+)")
KEEP_SHARE = 1 / 3    # a span with at least this share of its words in the title is kept
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 1.0)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())   # as score.py's tok_f1 counts them


def token_f1(truth: str, title: str) -> float:
    a, b = tokens(truth), tokens(title)
    common = sum((Counter(a) & Counter(b)).values())
    return 0.0 if not common else 2 * common / (len(a) + len(b))


def stories(eval_dir: Path, half: str) -> Iterator[tuple[str, object, object]]:
    """(truth title, segment, edition) for every truth story of the half's digests."""
    for path in sorted((eval_dir / "digests").glob("*.truth.json")):
        number = _NUMBER.match(path.name)
        if half != "all" and (not number or (int(number.group(1)) % 2 == 1) != (half == "odd")):
            continue
        truth = json.loads(path.read_text(encoding="utf-8"))
        lines = read_digest(path.with_name(path.name[:-len(".truth.json")] + ".txt"))
        skip = {item["line"] for item in truth.get("non_article_lines", [])}
        for seg in truth["segments"]:
            first, last = seg["lines"]
            chosen = tuple(line for line in lines if first <= line.number <= last and line.text
                           and line.number not in skip)
            yield seg["title"], Segment(paragraphs(chosen)), date.fromisoformat(truth["edition_date"])


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


def rows(eval_dir: Path, half: str) -> list[tuple[dict[str, float], bool, float]]:
    """Every candidate span of every title of the half: its cues, whether dropping it alone
    raises the title's token F1 (the cut after it then keeps other words), and by how much
    (the row's weight, so a span that changes nothing counts for nothing)."""
    found: list[tuple[dict[str, float], bool, float]] = []
    for truth, segment, edition in stories(eval_dir, half):
        seen: dict[tuple, dict[str, float]] = {}

        def record(words: list[str], span: Span, features: dict[str, float]) -> bool:
            seen.setdefault((tuple(words), span), features)
            return False
        base = token_f1(truth, title_with(segment, edition, record))
        for (words, span), features in seen.items():
            alone = title_with(segment, edition, lambda w, s, f, key=(words, span): (tuple(w), s) == key)
            gain = token_f1(truth, alone) - base
            found.append((features, gain > 0, abs(gain)))
    return found


def mean_f1(eval_dir: Path, half: str, decide_for: Callable[[str], headline_model.Decide]) -> float:
    """Mean title token F1 over the half's truth stories, each titled with decide_for(its truth title)."""
    scores = [token_f1(truth, title_with(segment, edition, decide_for(truth)))
              for truth, segment, edition in stories(eval_dir, half)]
    return sum(scores) / len(scores)


def oracle(eval_dir: Path, half: str) -> float:
    """Every span decided by its own label: the most this set of spans can give."""
    return mean_f1(eval_dir, half, lambda truth: partial(label, truth))


def by_model(model: Model) -> headline_model.Decide:
    return lambda words, span, features: model.drop_probability(features) > model.threshold


def fit(data: list[tuple[dict[str, float], bool, float]], C: float) -> tuple[float, dict[str, float]]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    vectorizer = DictVectorizer(sparse=False)
    x = vectorizer.fit_transform([features for features, _, _ in data])
    y = [int(drop) for _, drop, _ in data]
    weight = [w + 0.01 for _, _, w in data]
    model = LogisticRegression(C=C, max_iter=2000).fit(x, y, sample_weight=weight)
    weights = {name: round(float(w), 4) for name, w in zip(vectorizer.feature_names_, model.coef_[0])}
    return round(float(model.intercept_[0]), 4), weights


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--half", choices=("odd", "even", "all"), default="odd")
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--dry-run", action="store_true", help="print the weights; do not write them")
    parser.add_argument("--oracle", action="store_true", help="print the F1 of deciding every span by its label")
    args = parser.parse_args()
    if args.oracle:
        print(f"oracle title token F1 ({args.half}): {oracle(args.eval_dir, args.half):.3f}")
        return 0
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("scikit-learn is missing: pip install -e '.[fit]'", file=sys.stderr)
        return 2
    data = rows(args.eval_dir, args.half)
    bias, weights = fit(data, args.C)
    best = max(THRESHOLDS, key=lambda t: (mean_f1(args.eval_dir, args.half,
                                                  lambda truth: by_model(Model(bias, weights, t))), -t))
    result = {"bias": bias, "threshold": best, "weights": dict(sorted(weights.items())),
              "fitted_on": args.half, "rows": len(data), "drops": sum(d for _, d, _ in data), "C": args.C}
    text = json.dumps(result, indent=1) + "\n"
    if args.dry_run:
        print(text, end="")
    else:
        atomic.replace(MODEL_PATH, text.encode("utf-8"))
        print(f"wrote {MODEL_PATH.relative_to(REPO)}: {len(data)} spans, threshold {best}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
