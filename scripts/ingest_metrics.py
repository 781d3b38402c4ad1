#!/usr/bin/env python3
"""Segmentation and classification quality of ingest over the test digests.

    python scripts/ingest_metrics.py [--verbose] [DIR]

For every DIR/*.txt with a *.expected.json beside it (default: tests/ingest/digests/):
- boundary precision, recall and F1 (a boundary = the first non-blank line of a story after the
  first), micro-averaged over all digests;
- Pk (Beeferman et al. 1999) over non-blank lines, k = half the mean true story length; the
  probability that two lines k apart are wrongly put in the same or different stories;
- accuracy of topics, countries and dates, per story of the expected segmentation that ingest
  also found (same first line): topics/countries are right when every expected label is found,
  the date when equal; kickers and title words likewise.

For the full table (Pk, boundary F1, exact stories, IPTC topic/country/region F1, date accuracy,
title token F1) on these digests and on ../shared/ingest-eval's 24, scored by that folder's
score.py, with cross-validated figures, run scripts/ingest_eval.py [--folds K], or this script
with --table [--folds K].
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from site_builder.config import load_config
from site_builder.ingest import resolve_edition
from site_builder.ingest.digest import read_digest
from site_builder.ingest.segment import segment
from site_builder.ingest.story import build_story


def _labels(nonblank: list[int], starts: list[int]) -> list[int]:
    """Story index of each non-blank line, given the stories' first lines."""
    starts_set = set(starts)
    labels, current = [], -1
    for number in nonblank:
        if number in starts_set:
            current += 1
        labels.append(max(current, 0))
    return labels


def pk(reference: list[int], hypothesis: list[int], k: int) -> tuple[int, int]:
    errors = total = 0
    for i in range(len(reference) - k):
        same_ref = reference[i] == reference[i + k]
        same_hyp = hypothesis[i] == hypothesis[i + k]
        errors += same_ref != same_hyp
        total += 1
    return errors, total


def main() -> int:
    if "--table" in sys.argv[1:]:
        # Everything else is ingest_eval's ("--folds 6" too: parsed here, the 6 would be
        # taken for this script's DIR).
        sys.path.insert(0, str(REPO / "scripts"))
        import ingest_eval

        sys.argv = [sys.argv[0], *(a for a in sys.argv[1:] if a != "--table")]
        return ingest_eval.main()
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", type=Path, default=REPO / "tests" / "ingest" / "digests")
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument("--table", action="store_true", help="print scripts/ingest_eval.py's table instead")
    args = parser.parse_args()
    config = load_config(REPO)
    tp = fp = fn = 0
    pk_errors = pk_total = 0
    scores: dict[str, list[int]] = {"topics": [0, 0], "countries": [0, 0], "dates": [0, 0],
                                    "kickers": [0, 0], "title words": [0, 0]}
    exact_digests = 0
    files = sorted(args.folder.glob("*.expected.json"))
    for expected_path in files:
        digest = expected_path.with_name(expected_path.name.replace(".expected.json", ".txt"))
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        lines = read_digest(digest)
        edition = date.fromisoformat(expected["edition"]) if "edition" in expected else \
            resolve_edition(digest, None, config)[0]
        segments = segment(lines)
        nonblank = [line.number for line in lines if line.text]
        true_starts = [s["lines"][0] for s in expected["segments"]]
        found_starts = [s.first for s in segments]
        t, f = set(true_starts[1:]), set(found_starts[1:])
        tp += len(t & f)
        fp += len(f - t)
        fn += len(t - f)
        exact_digests += t == f
        ref, hyp = _labels(nonblank, true_starts), _labels(nonblank, found_starts)
        k = max(1, round(len(nonblank) / len(true_starts) / 2))
        e, n = pk(ref, hyp, k)
        pk_errors, pk_total = pk_errors + e, pk_total + n
        by_first = {s.first: s for s in segments}
        problems = []
        if t != f:
            problems.append(f"boundaries expected {sorted(t)} found {sorted(f)}")
        for spec in expected["segments"]:
            seg = by_first.get(spec["lines"][0])
            if seg is None or seg.last != spec["lines"][1]:
                continue
            story = build_story(seg, edition, config.topics, config.regions, config.language, config.home_country)
            checks = {
                "topics": (set(spec.get("topics", [])) <= set(story.topics), spec.get("topics"), story.topics),
                "countries": (set(spec.get("countries", [])) <= set(story.countries), spec.get("countries"),
                              story.countries),
                "dates": (spec.get("date") == story.date.isoformat(), spec.get("date"), story.date.isoformat()),
                "kickers": (spec.get("kicker") == story.kicker, spec.get("kicker"), story.kicker),
                "title words": (all(w.lower() in story.title.lower() for w in spec.get("title", [])),
                                spec.get("title"), story.title),
            }
            for name, (ok, want, got) in checks.items():
                key = {"topics": "topics", "countries": "countries", "dates": "date", "kickers": "kicker",
                       "title words": "title"}[name]
                if key not in spec and name not in ("kickers",):
                    continue
                scores[name][0] += ok
                scores[name][1] += 1
                if not ok:
                    problems.append(f"lines {spec['lines']}: {name} expected {want!r} got {got!r}")
        if args.verbose or problems:
            print(f"{digest.name}: {'ok' if not problems else ''}")
            for problem in problems:
                print(f"  {problem}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print()
    print(f"digests: {len(files)}, segmented exactly right: {exact_digests}")
    print(f"boundaries: precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f} (tp {tp}, fp {fp}, fn {fn})")
    print(f"Pk: {pk_errors / pk_total if pk_total else 0:.3f} (lower is better; 0 = perfect)")
    for name, (ok, total) in scores.items():
        print(f"{name}: {ok}/{total} = {ok / total if total else 0:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
