#!/usr/bin/env python3
"""Headline quality against the sub-editor's titles of ../shared/ingest-eval (title token F1).

    python scripts/headline_eval.py [--eval-dir DIR] [--half odd|even|all] [--verbose] [--ranker WEIGHTS]

Two figures per half, both the token F1 of the eval set's score.py (imported from DIR, so the
same function):
- "truth segments": each truth story is rebuilt from the truth's line spans and given to
  build_story, so the figure does not depend on segmentation;
- "pipeline": segment() + build_story over the whole digest, scored with score.py's own
  score_one (stories aligned by line overlap, unmatched truth stories count 0), macro over
  digests, as `score.py --pred-dir` reports it.
Tune on one half (odd-numbered digests), check on the other; the rules must not be per-digest.
--ranker WEIGHTS scores the shipped titles and, in the same run, the titles chosen by the
headline ranker with those weights (scripts/fit_headline_rank.py --out), enabled whatever the
file says: one look at the check half for both.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from ingest_eval import half_digests, load_scorer, truth_segments  # noqa: E402  (score.py loaded one way for both scripts)

from dataclasses import replace

from site_builder.config import load_config
from site_builder.ingest import headline, headline_rank
from site_builder.ingest.segment import Segment, paragraphs, segment
from site_builder.ingest.story import build_story



def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--eval-dir", type=Path, default=REPO.parent / "shared" / "ingest-eval")
    parser.add_argument("--half", choices=("odd", "even", "all"), default="all")
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument("--ranker", type=Path, help="also score titles ranked with these weights")
    args = parser.parse_args()
    score = load_scorer(args.eval_dir)
    config = load_config(REPO)
    evaluate(args, score, config, "shipped")
    if args.ranker:
        shipped = headline_rank.load_ranker(args.ranker)
        if shipped is None:
            raise SystemExit(f"{args.ranker}: not found")
        ranker = replace(shipped, enabled=True)
        original = headline.load_ranker
        headline.load_ranker = lambda: ranker
        try:
            evaluate(args, score, config, f"ranked ({args.ranker.name})")
        finally:
            headline.load_ranker = original
    return 0


def evaluate(args: argparse.Namespace, score, config, label: str) -> None:
    truth_f1: list[float] = []
    lengths: list[tuple[int, int]] = []   # (our title's tokens, the sub-editor's): is ours too long?
    pipeline_f1: list[float] = []
    for truth_path, truth, lines in half_digests(args.eval_dir, args.half):
        name = truth_path.name[:-len(".truth.json")]
        edition = date.fromisoformat(truth["edition_date"])
        for seg, chosen in truth_segments(truth, lines):
            story = build_story(Segment(paragraphs(chosen)), edition, (), (), config.language)
            f1 = score.tok_f1(seg["title"], story.title)
            truth_f1.append(f1)
            lengths.append((len(headline_rank.tokens(story.title)), len(headline_rank.tokens(seg["title"]))))
            if args.verbose:
                print(f"{f1:.2f}  {name[:18]:18} {story.title}\n{'':24}{seg['title']}")
        stories = [build_story(s, edition, (), (), config.language) for s in segment(lines)]
        predicted = [{"lines": [s.first_line, s.last_line], "title": s.title} for s in stories]
        phys = score.read_digest(str(truth_path.with_name(name + ".txt")))
        pipeline_f1.append(score.score_one(truth, predicted, phys)["title_token_f1"])
    if not truth_f1:
        raise SystemExit(f"no *.truth.json in {args.eval_dir / 'digests'}")
    print(f"{args.half}, {label}: {len(pipeline_f1)} digests, {len(truth_f1)} truth stories")
    print(f"  title token F1, truth segments: {sum(truth_f1) / len(truth_f1):.3f} (mean over stories)")
    print(f"  title token F1, pipeline:       {sum(pipeline_f1) / len(pipeline_f1):.3f} (macro over digests)")
    print(f"  mean tokens per title: ours {sum(o for o, _ in lengths) / len(lengths):.2f}, "
          f"sub-editor's {sum(t for _, t in lengths) / len(lengths):.2f}")


if __name__ == "__main__":
    sys.exit(main())
