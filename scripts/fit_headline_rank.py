#!/usr/bin/env python3
"""Fit the headline ranker (site_builder/ingest/headline_rank.py) on the sub-editor's titles of
the tune half of ../shared/ingest-eval, and write data/headline_rank.json.

    python scripts/fit_headline_rank.py [--eval-dir DIR] [--dry-run] [--alphas 0.1,1,10]

Each English truth story of the tune half (odd-numbered digests; the check half is never read)
is rebuilt from its lines as scripts/headline_eval.py does; every candidate headline of it
(headline_rank.candidates) gets its cues (headline_rank.FEATURES) and its title token F1
against the sub-editor's title. A ridge regression of F1 on the cues, both centred within each
story (only the ranking within a story counts), gives the weights. The ridge strength is chosen
by leave-one-digest-out CV (LODO) over the tune digests; the figure reported for it is nested
(the strength chosen again inside each fold), so it is not tuned on the digest it scores.
Unless nested LODO beats the rules' own headline by MIN_GAIN, the weights are written with
`enabled: false` (the rules' headline is kept). Stories in other languages keep their title
and count in every mean as they are. Our own digests (tests/ingest/digests) have keyword
lists, not sub-editor titles, so they cannot be used. Needs scikit-learn (the `fit` extra).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from ingest_eval import DEFAULT_EVAL, half_digests, load_scorer, truth_segments  # noqa: E402  (the stories scored the same way)

from site_builder import atomic  # noqa: E402
from site_builder.ingest import headline, story as story_module  # noqa: E402
from site_builder.ingest import headline_rank as hr  # noqa: E402
from site_builder.ingest.segment import Segment, paragraphs  # noqa: E402

MIN_GAIN = 0.005      # nested LODO must beat the rules' headline by this much to ship enabled
ALPHAS = (0.3, 1.0, 3.0, 10.0, 30.0, 100.0)


@dataclass(frozen=True)
class Story:
    """One truth story: its digest, the rules' F1 and, when English, its candidates' cues and F1."""

    digest: str
    rules_f1: float
    features: tuple[tuple[float, ...], ...]   # empty: not ranked (another language)
    f1: tuple[float, ...]
    texts: tuple[str, ...]
    truth: str


def _captured_title_args(seg_lines, edition) -> tuple[str | None, str, str]:
    """(deck, body, title) as build_story hands them to make_title (so the fit sees what runs)."""
    seen: list[tuple[str | None, str]] = []
    original = story_module.make_title

    def capture(deck, body, fallback):
        seen.append((deck, body))
        return original(deck, body, fallback)

    story_module.make_title = capture
    shipped = headline.load_ranker
    headline.load_ranker = lambda: None        # the rules' own title, whatever weights are shipped
    try:
        built = story_module.build_story(Segment(paragraphs(seg_lines)), edition, (), (), "en")
    finally:
        story_module.make_title = original
        headline.load_ranker = shipped
    deck, body = seen[-1]
    return deck, body, built.title


def load_stories(eval_dir: Path, score, swap: bool) -> list[Story]:
    stories = []
    for truth_path, truth, lines in half_digests(eval_dir, "odd"):     # the check half is never read here
        name = truth_path.name[:-len(".truth.json")]
        edition = date.fromisoformat(truth["edition_date"])
        for seg, chosen in truth_segments(truth, lines):
            deck, body, title = _captured_title_args(chosen, edition)
            rules_f1 = score.tok_f1(seg["title"], title)
            source = headline.title_source(deck, body)
            if not (source and headline._is_english(source)):
                stories.append(Story(name, rules_f1, (), (), (), seg["title"]))
                continue
            found = hr.candidates(headline.english_sources(deck, body, source, swap), None,
                                  headline.story_passives(body, deck) if deck else None)
            counts = hr.story_counts(headline.story_rest(body))
            rules_tokens = frozenset(hr.tokens(next((c.text for c in found if c.rules), found[0].text)))
            stories.append(Story(name, rules_f1,
                                 tuple(hr.features(c, counts, rules_tokens) for c in found),
                                 tuple(score.tok_f1(seg["title"], c.text) for c in found),
                                 tuple(c.text for c in found), seg["title"]))
    return stories


def fit(stories: list[Story], alpha: float) -> list[float]:
    """Ridge weights over within-story centred cues and F1."""
    import numpy as np
    from sklearn.linear_model import Ridge
    xs, ys = [], []
    for s in stories:
        if len(s.features) < 2:
            continue
        x, y = np.array(s.features), np.array(s.f1)
        xs.append(x - x.mean(axis=0))
        ys.append(y - y.mean())
    model = Ridge(alpha=alpha, fit_intercept=False).fit(np.vstack(xs), np.concatenate(ys))
    return [float(w) for w in model.coef_]


def chosen_f1(story: Story, weights: list[float]) -> float:
    if not story.features:
        return story.rules_f1
    ranker = hr.Ranker(tuple(weights), True)
    best = max(range(len(story.features)), key=lambda i: ranker.score(story.features[i]))
    return story.f1[best]


def lodo(stories: list[Story], alpha: float) -> float:
    """Mean F1 over stories, each digest scored with weights fitted without it."""
    scores = []
    for digest in sorted({s.digest for s in stories}):
        weights = fit([s for s in stories if s.digest != digest], alpha)
        scores += [chosen_f1(s, weights) for s in stories if s.digest == digest]
    return sum(scores) / len(scores)


def nested_lodo(stories: list[Story], alphas: tuple[float, ...]) -> tuple[float, list[float]]:
    """LODO with the strength chosen by an inner LODO among the other digests."""
    scores, picked = [], []
    for digest in sorted({s.digest for s in stories}):
        train = [s for s in stories if s.digest != digest]
        alpha = max(alphas, key=lambda a: lodo(train, a))
        picked.append(alpha)
        weights = fit(train, alpha)
        scores += [chosen_f1(s, weights) for s in stories if s.digest == digest]
    return sum(scores) / len(scores), picked


def fitted(stories: list[Story], alphas: tuple[float, ...], swap: bool) -> dict:
    """The weights file's content: weights fitted on all stories with the LODO-chosen strength,
    enabled only when nested LODO beats the rules' headline by MIN_GAIN, and the CV figures."""
    rules = sum(s.rules_f1 for s in stories) / len(stories)
    oracle = sum(max(s.f1) if s.f1 else s.rules_f1 for s in stories) / len(stories)
    nested, _ = nested_lodo(stories, alphas)
    alpha = max(alphas, key=lambda a: lodo(stories, a))
    weights = fit(stories, alpha)
    return {"features": list(hr.FEATURES), "weights": [round(w, 6) for w in weights],
            "enabled": nested >= rules + MIN_GAIN, "swap": swap, "alpha": alpha,
            "fitted_on": "ingest-eval tune half (odd-numbered digests)",
            "cv": {"rules": round(rules, 4), "nested_lodo": round(nested, 4), "oracle": round(oracle, 4)}}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--alphas", default=",".join(str(a) for a in ALPHAS))
    parser.add_argument("--dry-run", action="store_true", help="report, write nothing")
    parser.add_argument("--swap", action="store_true",
                        help="let the deck's and the lede's candidates compete (see the module docstring)")
    parser.add_argument("--show", action="store_true", help="print each story's pick (fitted on all)")
    parser.add_argument("--out", type=Path, default=hr.WEIGHTS_PATH,
                        help="where to write the weights (another path: to compare with headline_eval --ranker)")
    args = parser.parse_args()
    alphas = tuple(float(a) for a in args.alphas.split(","))
    stories = load_stories(args.eval_dir, load_scorer(args.eval_dir), args.swap)
    ranked = [s for s in stories if s.features]
    n_cand = sum(len(s.features) for s in ranked)
    data = fitted(stories, alphas, args.swap)
    cv = data["cv"]
    print(f"tune half: {len(stories)} truth stories, {len(ranked)} English, {n_cand} candidates "
          f"({n_cand / max(1, len(ranked)):.1f} per story)")
    print(f"  rules' headline F1 {cv['rules']:.3f}; best candidate (oracle) {cv['oracle']:.3f}")
    for alpha in alphas:
        print(f"  LODO, alpha {alpha:g}: {lodo(stories, alpha):.3f}")
    print(f"  nested LODO (alpha chosen inside each fold): {cv['nested_lodo']:.3f}")
    weights = data["weights"]
    print(f"  fitted on all, alpha {data['alpha']:g}: "
          f"{sum(chosen_f1(s, weights) for s in stories) / len(stories):.3f} (tuned on); "
          f"{'enabled' if data['enabled'] else 'NOT enabled (no gain held out)'}")
    for name, w in zip(hr.FEATURES, weights):
        print(f"    {name:16} {w:+.4f}")
    if args.show:
        ranker = hr.Ranker(tuple(weights), True)
        for s in ranked:
            best = max(range(len(s.features)), key=lambda i: ranker.score(s.features[i]))
            print(f"{s.rules_f1:.2f} -> {s.f1[best]:.2f} (best {max(s.f1):.2f})  {s.texts[best]}\n{'':28}{s.truth}")
    if not args.dry_run:
        atomic.replace(args.out, (json.dumps(data, indent=1) + "\n").encode("utf-8"))
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
